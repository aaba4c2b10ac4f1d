"""Leave out the blocks of a story container that a reader sees are not the story.

Found by what a reader sees, never by class names:

- link lists: a block whose text is mostly link text (related headlines, teasers, tag lists),
  unless its links are keywords of an enumeration inside the story (:func:`keyword_link_runs`);
- promos: a short advertising, sign-up or copyright line ("Advertisement", "Anzeige", "©"), or a
  label pointing to another story ("Read more:", "Related: <a>...</a>", "Lesen Sie auch" alone)
  (:func:`is_promo`); a sentence that only begins with such a word stays;
- box labels: a short block that is the label of a box ("Related articles", "More on this story",
  "You may also like", "Newsletter", ...); the links under it go as link lists;
- calls to the reader (:func:`is_reader_call`): a sign-up call naming the site's newsletter or
  e-mails, "Follow <site> on <network>", "Got a story? Get in touch", "Copy link", "Link copied to
  clipboard", "Found an error?", a comment form's prompt and its note "Your email address will not be
  published", a read-time line ("5 min read");
- fine print (:func:`is_fine_print`): the consent placeholder of an embedded post or video
  ("External content not available") and lines pointing the reader to a privacy or cookie policy;
- paywalls: a short paywall or registration-wall line and the list of what it offers in its box;
- summary boxes: before the story, a box labelled "Summary", "Key points", "Kort fortalt"... and the
  list of points under its label (the story told again in short);
- the end of the story: a comment section's label ("Comments", "All Comments 4", "Kommentare",
  a "12 Responses" heading...) ends the story once some story text has been read;
- repeats (a pull quote, a block printed twice) and headings with no story text after them, and a
  short line ending in a colon that closes the story ("Dieses Thema im Programm:"): what it
  introduced is not story text;
- credit lines: a short block opening with "By", "Von", "Redaktion:", "Fotos:"...;
- captions: a short block right after an image that has no text of its own (a zoom button's label
  aside), ending no sentence or naming a photo credit; a block ending in its photo credit ("Photo:
  ...", "(AP Photo/...)"); the text of an image box of its own (``<div><img><p>...</p></div>``);
  never a heading;
- date lines: a short block stamped with a date or a time ("Stand: 24.04.2024 22:58 Uhr");
- widget labels: short text loose in a ``div``/``span`` that ends no sentence ("Share", "Log in");
- embedded social posts: a quote whose link or ``cite`` points to a post on a social network
  (:class:`EmbeddedPosts`: the markup of a network's embed code);
- the page's own headline (``h1``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable

from lxml import etree

from newsbot.extraction.blocks import HEADING_TAGS, ITEM_TAGS, PARAGRAPH_TAGS, Block, more_chars_than

MAX_LINK_RATIO = 0.5
MAX_LABEL_CHARS = 60
MIN_LOOSE_CHARS = 25  # loose text shorter than this, not ending a sentence, is a widget label
SENTENCE_END = re.compile(r"[.!?…:;。！？」』\"'”“»«)\]]\s*$")
STORY_BEFORE_END = 300
# a date or time stamp ("Stand: 24.04.2024 22:58 Uhr", "April 28, 2023 1:55 am", "2024-05-03")
DATELINE = re.compile(r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}\b")
MAX_DATELINE_WORDS = 8
MAX_CAPTION_CHARS = 250
MAX_BOXED_CAPTION_CHARS = 800  # the longest caption held in an image box of its own
PHOTO_CREDIT = re.compile(r"\b(photo|foto|bild|image|imago|credit|getty images|ap photo)\b|©", re.IGNORECASE)
IMAGE_TAGS = ("img", "picture", "figure", "svg", "video")
# a credit line: "By Jane Roe", "Von Max Muster, Berlin", "Redaktion: ...", "Fotos: ..."
BYLINE = re.compile(
    r"^(by|von|par|por|door|af|av|przez|text|redaktion|autor(in)?|author|fotos?|photos?|bild(er)?|mitarbeit)"
    r"\s*:?\s+\S",
    re.IGNORECASE,
)  # characters of story read before an end label may end it
_LABEL_END = r"\s*[:.!…»›>|-]*\s*$"
# labels that point to another story: a promo only as a label (alone, or before a separator or a link),
# never as the first word of a sentence ("Related talks between the two ministries ...")
LINK_PROMO = re.compile(
    r"^\W*(read more|read also|also read|see also|related( stories| articles| coverage| content)?|recommended|watch"
    r"|listen|more on this|lesen sie (auch|mehr)|mehr zum thema|auch interessant|lire aussi|à lire aussi|voir aussi"
    r"|leer más|lea también|le puede interesar|leggi anche|leia (também|mais)|lees ook|lees meer|læs (også|mere)"
    r"|les også|läs (också|mer)|czytaj (też|także|więcej)|přečtěte si|čtěte také|devamını oku|ilgili haber"
    r"|ayrıca bakınız|continue reading|weiterlesen|lire la suite|seguir leyendo|continua a leggere)\b",
    re.IGNORECASE,
)
LABEL_SEPARATOR = re.compile(r"^\s*[:|»›>\-–—…/]")
MAX_PROMO_CHARS = 200
# promo lines whatever follows: advertising, sign-up calls, copyright lines
PROMO = re.compile(
    r"^\s*©|^\W*(advertisement|advert|sponsored|click here|sign up|subscribe|anzeige|werbung|publicité|publicidad"
    r"|pubblicità|publicidade|advertentie|annons|reklama|reklam|story continues below|scroll to continue"
    r"|follow us|copyright|all rights reserved)\b",
    re.IGNORECASE,
)


def is_promo(block: Block) -> bool:
    """True for a promo line: an advertising, sign-up or copyright line, or a label pointing to
    another story ("Read more", "Related", "Lesen Sie auch"...) standing alone, followed by a
    separator ("Related: ...") or by a link taking most of the rest of the line. A sentence that
    only begins with such a word is story text."""
    text = block.text
    if block.length >= MAX_PROMO_CHARS:
        return False
    if PROMO.match(text):
        return True
    label = LINK_PROMO.match(text)
    if label is None:
        return False
    rest = text[label.end() :]
    if not rest.strip(" .!…") or LABEL_SEPARATOR.match(rest):
        return True
    return block.link_length * 2 >= len(rest.strip())


# a call to the reader, at most MAX_PROMO_CHARS long, whatever its first word: a sign-up call
# naming the site ("... sign up to our breaking news emails", "Abonnieren Sie unseren Newsletter"),
# "Follow <site> on <network>", "Got a story? Get in touch ...", a share button's message
SIGN_UP_VERB = re.compile(
    r"\b(sign up|subscribe|register|abonnieren|abonnez-vous|inscrivez-vous|suscríbete|suscríbase|iscriviti"
    r"|meld je aan|melden sie sich)\b",
    re.IGNORECASE,
)
SIGN_UP_STEMS = ("sign up", "subscri", "regist", "abonn", "inscri", "suscr", "iscriv", "meld")  # of SIGN_UP_VERB
SIGN_UP_OWNER = re.compile(r"\b(our|your|unseren?|ihren?|notre|nos|votre|nuestro|nuestra|nostra|nostro|onze)\b", re.I)
SIGN_UP_MEDIUM = re.compile(r"\b(newsletters?|e-?mails?|inbox|alerts|bulletins?|boletín|nieuwsbrief)\b", re.I)
READER_CALL = re.compile(
    r"^\W*(follow\s+\S+(\s+\S+){0,3}\s+on\s+(google news|twitter|x|facebook|instagram|linkedin|threads|bluesky"
    r"|whatsapp|telegram|youtube|tiktok)\b|folgen sie uns\b|suivez-nous\b|síguenos\b|seguici\b|volg ons\b"
    r"|got a (story|tip)\b.{0,40}\bget in touch\b|(copy|copied)( the)? link\W*$|link (copied|kopiert)\W*$"
    r"|lien copié\W*$|.{0,60}\b(copied to (your |the )?clipboard|in (ihre|ihrer|die|der) zwischenablage (kopiert"
    r"|gespeichert)|copié dans le presse-papiers)"
    r"|(found|spotted) an? (error|mistake|typo)\?|fehler gefunden\?|vous avez (repéré|trouvé) une (erreur|faute)"
    r"|¿has encontrado un error\?)",
    re.IGNORECASE,
)
# a line telling how long the story takes to read ("5 min read", "Lesezeit: 3 Min.", "Reading time: 4 minutes")
READ_TIME = re.compile(
    r"^\W*((reading time|read time|lesezeit|lesedauer|temps de lecture|tiempo de lectura|tempo di lettura|leestijd"
    r"|okuma süresi)\s*:?\s*(ca\.\s*|about\s+|~\s*)?\d+\s*(-|–)?\s*(min\w*|minutes?|minuten|dk|dakika)\.?"
    r"|(ca\.\s*|about\s+|~\s*)?\d+\s*(-|–)?\s*(min\w*|minutes?|minuten|dk)\.?\s*(read|lesezeit|lesedauer"
    r"|de lecture|de lectura|di lettura|leestijd|okuma))\W*$",
    re.IGNORECASE,
)
# a caption ending in its photo credit: "... on Tuesday. Photo: Jane Roe / Agency", "(AP Photo/Jane Roe)"
CREDIT_AT_END = re.compile(
    r"(^|[.!?»\"”]\s+|\s[/|–—-]\s+|[(\[])\s*(photos?|photograph|pictures?|images?|fotos?|bild(er)?|credits?|crédit)"
    r"\s*(by\b|:|/|©)\s*[^.!?]{2,80}[)\]]?\s*$"
    r"|\((\S+\s+){0,2}photo\s*/\s*[^)]{1,60}\)\s*$"
    r"|\([^()]{1,60}/\s*(getty images|ap|afp|reuters|epa(-efe)?|shutterstock|istock|imago|dpa|bloomberg|nurphoto"
    r"|anadolu|xinhua|pool|picture alliance)[^()]{0,30}\)\s*$",
    re.IGNORECASE,
)


# a comment form's prompt: "You must be logged in to post a comment", "... before commenting"
COMMENT_PROMPT = re.compile(
    r"\b(log ?in|logged in|sign in|signed in|register|must|need to)\b.{0,60}\b(to (post a |leave a |write a )?comment"
    r"|before commenting)\b|\bum (einen kommentar zu schreiben|zu kommentieren)\b|\bpour commenter\b",
    re.IGNORECASE,
)
# a comment form's note on the commenter's address: "Your email address will not be published."
ADDRESS_NOTE = re.compile(
    r"^\W*(your e-?mail( address)? will not be (published|shown)|(deine|ihre) e-?mail-?adresse wird nicht"
    r" veröffentlicht|votre adresse (e-?mail|de messagerie) ne sera pas publiée|tu (dirección de )?correo electrónico"
    r" no será publicad[oa]|il tuo indirizzo email non sarà pubblicato|je e-?mailadres wordt niet gepubliceerd)",
    re.IGNORECASE,
)


# fine print around an embed or a form: a consent placeholder standing in for an embedded post or
# video ("External content not available", "An dieser Stelle findest du einen externen Inhalt von
# YouTube"), or a line pointing the reader to the site's privacy policy ("By clicking Create
# Account you ... agree to our Cookie policy", "Ich bin damit einverstanden, dass mir externe
# Inhalte angezeigt werden ... Datenschutzerklärung")
EXTERNAL_CONTENT = re.compile(
    r"\b(external content|embedded content|externe[nrs]? inhalte?|contenu externe|contenido externo"
    r"|contenuto esterno|externe inhoud)\b",
    re.IGNORECASE,
)
POLICY = re.compile(
    r"\b(privacy (policy|notice|settings|statement)|cookie (policy|settings)|datenschutzerklärung"
    r"|datenschutz-?(hinweise|einstellungen)|privatsphäre-?einstellungen|personenbezogene daten"
    r"|politique de confidentialité|política de privacidad|informativa sulla privacy|privacyverklaring)",
    re.IGNORECASE,
)
TO_THE_READER = re.compile(
    r"\b(you|your|our|please|agree|consent|du|dein\w*|sie|ihre?|unsere[mnrs]?|bitte|einverstanden|willigen"
    r"|zustimmen|vous|votre|acceptez|usted|acepta|accetti|terms of (use|service))\b",
    re.IGNORECASE,
)
# the reader's consent to be shown an embed: "Ich bin damit einverstanden, dass mir Inhalte von YouTube
# angezeigt werden", "I agree to be shown content from X"
CONSENT_TO_SHOW = re.compile(
    r"\b(einverstanden|i agree|i consent|j'accepte|acepto|accetto)\b.{0,80}\b(angezeigt|shown|displayed|affichés?"
    r"|mostrad[oa]s?|mostrati)\b",
    re.IGNORECASE,
)
# the site's note on affiliate links: "If you buy something using links in our stories, we may earn a
# commission", "Buying through us may earn us a commission", "Hinweis zu Affiliate-Links: ... erhalten wir
# ggf. eine Provision"
AFFILIATE = re.compile(
    r"\baffiliate[- ]links?\b|\b(earn|earns|receive|get|make)\s+(us\s+)?(a\s+)?(small\s+)?(share of (the )?sales"
    r"|(affiliate\s+)?commission)\b|\berhalten wir\b.{0,40}\bprovision\b|\bprovision\b.{0,40}\b(kauf|link)"
    r"|\b(percevons|touchons|recevons)\b.{0,30}\bcommission\b|\b(recibimos|obtenemos|ganamos)\b.{0,30}\bcomisión\b",
    re.IGNORECASE,
)
THE_SITE = re.compile(r"\b(we|us|wir|uns|nous|nosotros|noi)\b", re.IGNORECASE)  # the site speaking of itself
FINE_PRINT_STEMS = ("xtern", "mbedded", "contenu", "contenido", "contenuto", "privacy", "cookie", "datenschutz",
                    "privatsphäre", "personenbezogen", "confidentialité", "privacidad", "privacyverklaring",
                    "einverstanden", "agree", "consent", "accept", "acepto", "accetto", "affiliate", "commission",
                    "provision", "comisión", "share of")  # fmt: skip
MAX_FINE_PRINT_CHARS = 320


def is_fine_print(text: str) -> bool:
    """True for the fine print around an embed or a form, a line of at most
    ``MAX_FINE_PRINT_CHARS``: naming external content (``EXTERNAL_CONTENT``), giving the reader's
    consent to be shown it (``CONSENT_TO_SHOW``), or naming a privacy or cookie policy (``POLICY``)
    or the site's commission on affiliate links (``AFFILIATE``) while speaking to the reader ("you",
    "our", "Sie", "bitte", "agree"). A story sentence about privacy ("blacked out for privacy
    reasons", "the regulator's review of the bank's privacy policy") or commissions ("the agents
    earn a commission on each sale") names no content and speaks to no one."""
    if len(text) > MAX_FINE_PRINT_CHARS:
        return False
    lowered = text.lower()
    for stem in FINE_PRINT_STEMS:  # a cheap look before the regular expressions (a loop: no generator)
        if stem in lowered:
            break
    else:
        return False
    return bool(
        EXTERNAL_CONTENT.search(text)
        or CONSENT_TO_SHOW.search(text)
        or (POLICY.search(text) and TO_THE_READER.search(text))
        or (AFFILIATE.search(text) and (TO_THE_READER.search(text) or THE_SITE.search(text)))
    )


def _may_credit(text: str) -> bool:
    """A cheap look before ``CREDIT_AT_END``: every credit it finds holds one of these."""
    return ":" in text or "/" in text or "©" in text or " by " in text or " By " in text


def is_reader_call(text: str) -> bool:
    """True for a short line calling on the reader (see ``READER_CALL``, ``SIGN_UP_VERB``): a
    sign-up call needs the verb, the site's own ("our", "your") and a medium (newsletter, e-mails,
    inbox, alerts), so "Residents can sign up for flood alerts" stays."""
    if len(text) >= MAX_PROMO_CHARS:
        return False
    if READER_CALL.match(text) or READ_TIME.match(text):
        return True
    if ("omment" in text or "OMMENT" in text) and COMMENT_PROMPT.search(text):  # comment(ing), kommentieren
        return True
    if ("mail" in text or "Mail" in text or "MAIL" in text or "correo" in text) and ADDRESS_NOTE.match(text):
        return True
    lowered = text.lower()
    for stem in SIGN_UP_STEMS:  # a cheap look before the regular expressions
        if stem in lowered:
            break
    else:
        return False
    return bool(SIGN_UP_VERB.search(text) and SIGN_UP_OWNER.search(text) and SIGN_UP_MEDIUM.search(text))


END_LABELS = re.compile(
    r"^\W*(((all|alle|tous les|todos los)\s+)?(\d+\s+)?(comments?|leave a (comment|reply)|join the (conversation"
    r"|discussion)|kommentare?|leserkommentare|commentaires?|comentarios?|commenti|comentários|reacties|kommentarer"
    r"|komentarze|komentáře|yorumlar)(\s*\(?\d+\)?)?)" + _LABEL_END,
    re.IGNORECASE,
)
# a count of responses opens a comment section only as a heading ("12 Responses"): in a post's
# meta line ("2 responses" beside the date) it is a link to them
RESPONSE_HEADINGS = re.compile(
    r"^\W*\d+\s+(responses|replies|reactions|antworten|reaktionen|réactions|respuestas|risposte)" + _LABEL_END,
    re.IGNORECASE,
)


def is_end_label(block: Block) -> bool:
    """True for the label of a comment section (``END_LABELS``, or a heading of ``RESPONSE_HEADINGS``)."""
    return bool(END_LABELS.match(block.text) or (block.tag in HEADING_TAGS and RESPONSE_HEADINGS.match(block.text)))


BOX_LABELS = re.compile(
    r"^\W*(related( articles?| stories| news| content| coverage| topics| videos)?|recommended videos|social sharing"
    r"|more (on this story|from|stories|news"
    r"|on this topic|in)\b.*|you (may|might) also like|recommended( for you| stories| articles)?|most (read|popular"
    r"|viewed)|top stories|trending( now)?|(sign up (for|to) )?(our|the) newsletters?|newsletter|share this (article"
    r"|story)|share|tags?|topics|mehr zum thema|das könnte sie auch interessieren|weitere artikel|meistgelesen"
    r"|à lire aussi|sur le même sujet|noticias relacionadas|te puede interesar|articoli correlati"
    r"|potrebbe interessarti|notícias relacionadas|gerelateerd|relaterte saker|relaterade artiklar|mest lästa"
    r"|zobacz też|související|ilgili haberler|benzer haberler|【?関連記事】?|相关新闻|相關新聞|관련 ?기사)"
    + _LABEL_END,
    re.IGNORECASE,
)


MAX_BUTTON_WORDS = 2  # "Share this article: Share": a label and the words of its buttons


def is_box_label(text: str) -> bool:
    """True for a box label (``BOX_LABELS``) standing alone or followed by a colon and at most
    ``MAX_BUTTON_WORDS`` words (the buttons it labels: "Share this article: Share"). Callers pass
    short texts only (at most ``MAX_LABEL_CHARS``)."""
    if BOX_LABELS.match(text):
        return True
    label, colon, rest = text.partition(":")
    return bool(colon) and len(rest.split()) <= MAX_BUTTON_WORDS and BOX_LABELS.match(label) is not None


# a paywall's or registration wall's line: "This content is reserved for subscribers only",
# "Register / sign in to unlock more articles", "Article réservé aux abonnés"
PAYWALL = re.compile(
    r"\b(reserved for subscribers|for subscribers only|subscribers? only|subscriber-only|exclusive to subscribers"
    r"|subscribe (now )?to (read|unlock|continue)|(register|sign in|log in)\b[^.]{0,20} to (unlock|continue)"
    r"|unlock (this|more) articles?|already a subscriber|create an account or sign in|réservée? aux abonnés"
    r"|la suite est réservée|nur für abonnenten|exklusiv für abonnenten|jetzt abonnieren und weiterlesen"
    r"|solo para suscriptores|exclusivo para suscriptores|riservato agli abbonati"
    r"|create an? (free )?account to (continue|keep) reading|already have an account\?|don'?t have an account\?"
    r"|thank you for (registering|subscribing)|sie sind bereits (kunde|abonnent)|bereits abonnent"
    r"|(diesen|den) artikel (erwerben|kaufen|freischalten)|vous êtes déjà abonné|déjà abonné)",
    re.IGNORECASE,
)
PAYWALL_STEMS = ("subscri", "regist", "sign in", "log in", "unlock", "abonn", "abbon", "suscr", "account", "réservé",
                 "kunde", "artikel")  # fmt: skip
MAX_PAYWALL_CHARS = 90  # a longer sentence naming subscribers is story text
MAX_PAYWALL_BOX_CHARS = 1200


def _may_be_paywall(text: str) -> bool:
    lowered = text.lower()
    return any(stem in lowered for stem in PAYWALL_STEMS)


def paywall_box(owner: etree._Element) -> etree._Element:
    """The box a paywall line heads: its element's ancestors while they hold at most
    ``MAX_PAYWALL_BOX_CHARS`` of text (its pitch and the list of what a subscription gives) and
    no paragraph longer than a pitch line (the story a paywall label stands in)."""
    box = owner
    parent = box.getparent()
    while (
        parent is not None
        and not more_chars_than(parent, MAX_PAYWALL_BOX_CHARS)
        and not any(more_chars_than(p, MAX_PAYWALL_CHARS) for p in parent.iter("p"))
    ):
        box, parent = parent, parent.getparent()
    return box


# the label of a box telling the story again in a few points, before it: "Summary", "Key points", "Kort fortalt"
SUMMARY_LABELS = re.compile(
    r"^\W*(summary|story summary|article summary|ai summary|key points|key takeaways|in brief|in short|at a glance"
    r"|kort fortalt|kortversjonen|kort sagt|kort om saken|das wichtigste( in kürze)?|in kürze|zusammenfassung"
    r"|auf einen blick|en bref|l'essentiel|en resumen|lo más importante|in sintesi|in breve|samenvatting"
    r"|in het kort|sammanfattning|i korthet|tiivistelmä|özet|要約|요약|ai 요약|摘要|要点)" + _LABEL_END,
    re.IGNORECASE,
)
MAX_SUMMARY_AFTER = 600  # characters of story read before a summary's label, at most (a lede)
MAX_SUMMARY_BOX_CHARS = 1500


def summary_box(owner: etree._Element) -> etree._Element:
    """The box a summary's label heads: its element's ancestors while they hold at most
    ``MAX_SUMMARY_BOX_CHARS`` of text (the label and a few points, never the story)."""
    box = owner
    parent = box.getparent()
    while parent is not None and not more_chars_than(parent, MAX_SUMMARY_BOX_CHARS):
        box, parent = parent, parent.getparent()
    return box


def _inside(element: etree._Element, box: etree._Element) -> bool:
    node: etree._Element | None = element
    while node is not None:
        if node is box:
            return True
        node = node.getparent()
    return False


def _under_image(owner: etree._Element) -> bool:
    """True for an element right after an image (a picture with no text of its own, a zoom
    button's label aside): a caption."""
    before = owner.getprevious()
    while before is not None and not isinstance(before.tag, str):  # comments
        before = before.getprevious()
    if before is None or (
        before.tag not in IMAGE_TAGS and (not len(before) or next(before.iter(*IMAGE_TAGS), None) is None)
    ):
        return False
    return not _shows_text(before)


UNSEEN_TAGS = frozenset({"button", "script", "style", "noscript", "template", "svg", "select", "label", "input"})


def _shows_text(element: etree._Element) -> bool:
    """True when ``element`` shows text to a reader (text inside buttons, scripts... left out)."""
    walker = etree.iterwalk(element, events=("start",))
    for _, node in walker:
        if node is not element and node.tail and not node.tail.isspace():
            return True
        if not isinstance(node.tag, str) or node.tag in UNSEEN_TAGS:
            walker.skip_subtree()
        elif node.text and not node.text.isspace():
            return True
    return False


def _in_image_box(owner: etree._Element) -> bool:
    """True for the text of an image box: an element holding only an image (a picture with no
    text of its own) and then this text (``<div><img><p>caption</p></div>``, the text wrapped in
    up to two elements of its own). Such a text is a caption whatever its length or ending; story
    paragraphs share their element with other paragraphs."""
    node = owner
    for _ in range(2):
        parent = node.getparent()
        if parent is None or _elements(parent, 2) != 1:
            break
        node = parent
    parent = node.getparent()
    if parent is None or _elements(parent, 3) != 2 or (parent.text or "").strip():
        return False
    image = next(child for child in parent if isinstance(child.tag, str))
    # the image: a picture element, or a small wrapper of one (a link, a span): never a container
    return image is not node and (image.tag in IMAGE_TAGS or len(image) <= 2) and _under_image(node)


def _elements(parent: etree._Element, most: int) -> int:
    """The number of child elements of ``parent``, counted up to ``most`` (a story container
    holds hundreds: never counted whole for each of its paragraphs)."""
    count = 0
    for child in parent:
        if isinstance(child.tag, str):
            count += 1
            if count == most:
                break
    return count


def _is_loose(block: Block) -> bool:
    """Text loose in a ``div``/``span``, not in a paragraph element."""
    return block.tag not in PARAGRAPH_TAGS


def _is_heading(block: Block) -> bool:
    return block.tag in HEADING_TAGS


def _is_title(block: Block) -> bool:
    return block.tag == "h1"


MIN_KEYWORD_LINKS = 2
MAX_KEYWORD_LINK_CHARS = 15  # the mean length of a keyword link ("Kyushu", "Olaf Scholz"); headlines are longer
ENUMERATION = re.compile(r"[,、，;；:：]")
SOCIAL_LINK = ("@", "#", "http", "pic.", "www.")  # handles, hashtags and addresses of an embedded post


def _is_plain_story(block: Block) -> bool:
    return block.length >= MIN_LOOSE_CHARS and block.link_length <= MAX_LINK_RATIO * block.length


def _is_short_plain(block: Block) -> bool:
    return block.length < MIN_LOOSE_CHARS and block.link_length * 2 <= block.length


def _keyword_links(block: Block) -> bool:
    """True for a link-heavy block of paragraph text whose links are keywords, not headlines: an
    enumeration ("<a>Fukuoka</a>: <a>Kurume</a>, <a>Omuta</a>") of at least ``MIN_KEYWORD_LINKS``
    links of ``MAX_KEYWORD_LINK_CHARS`` characters or fewer on average (handles, hashtags and
    addresses of an embedded post not counted)."""
    if block.link_length <= MAX_LINK_RATIO * block.length or block.link_length >= block.length:
        return False
    if block.tag not in PARAGRAPH_TAGS or block.tag in HEADING_TAGS or not ENUMERATION.search(block.text):
        return False
    words = []
    for anchor in block.owner.iter("a"):
        text = " ".join("".join(anchor.itertext()).split())
        if text and not text.startswith(SOCIAL_LINK):
            words.append(len(text))
    return len(words) >= MIN_KEYWORD_LINKS and sum(words) <= MAX_KEYWORD_LINK_CHARS * len(words)


def keyword_link_runs(blocks: list[Block]) -> list[bool]:
    """Which link-heavy blocks are story text: blocks whose links are keywords (places or names
    each linked to a topic page, :func:`_keyword_links`), in a run (short labels such as
    "<Level 4>" between them) with story paragraphs right before and right after it. Link lists
    of headlines, and keyword lists closing the story (tags), are not."""
    marks = [False] * len(blocks)
    n = 0
    while n < len(blocks):
        if not _keyword_links(blocks[n]):
            n += 1
            continue
        first = n
        while first > 0 and _is_short_plain(blocks[first - 1]):
            first -= 1
        run, found = n, []
        while run < len(blocks) and (_is_short_plain(blocks[run]) or _keyword_links(blocks[run])):
            if not _is_short_plain(blocks[run]):
                found.append(run)
            run += 1
        if first > 0 and run < len(blocks) and _is_plain_story(blocks[first - 1]) and _is_plain_story(blocks[run]):
            for m in found:
                marks[m] = True
        n = run
    return marks


# a link to one post on a social network: what an embedded post's quote links to (its date, its "cite")
SOCIAL_POST = re.compile(
    r"^(https?:)?//(www\.|mobile\.)?((twitter|x)\.com/[^/?#]+/status(es)?/\d|instagram\.com/(p|reel|tv)/"
    r"|tiktok\.com/@[^/?#]+/video/|facebook\.com/.+/(posts|videos)/|threads\.(net|com)/@[^/?#]+/post/"
    r"|bsky\.app/profile/[^/?#]+/post/)",
    re.IGNORECASE,
)
MAX_QUOTE_LEVELS = 3  # a block's element and the ancestors looked at for the quote holding it


class EmbeddedPosts:
    """Tells whether a block sits in an embedded social post: a ``<blockquote>`` (its element or
    one of ``MAX_QUOTE_LEVELS`` ancestors) whose ``cite`` or one of whose links points to a post
    on a social network (``SOCIAL_POST``: the markup a network's embed code writes before its
    script replaces it). A quotation of a person, an interview's quote box, a pull quote stay.
    Each quote's answer is kept."""

    def __init__(self) -> None:
        self.known: dict[etree._Element, bool] = {}

    def __call__(self, owner: etree._Element) -> bool:
        node: etree._Element | None = owner
        for _ in range(MAX_QUOTE_LEVELS):
            if node is None:
                return False
            if node.tag == "blockquote":
                known = self.known.get(node)
                if known is None:
                    known = self.known[node] = _is_social_post(node)
                return known
            node = node.getparent()
        return False


def _is_social_post(quote: etree._Element) -> bool:
    if SOCIAL_POST.match(quote.get("cite") or ""):
        return True
    return any(SOCIAL_POST.match(link.get("href") or "") for link in quote.iter("a"))


def story_blocks(blocks: Iterable[Block], skip_text: Callable[[str], bool] = lambda text: False) -> list[Block]:
    """The blocks of ``blocks`` (a container's, in reading order) that are story text."""
    kept: list[Block] = []
    seen: set[str] = set()
    story_chars = 0
    blocks = list(blocks)
    linked_text = keyword_link_runs(blocks)
    paywall: etree._Element | None = None  # the box of the last paywall line read
    summary: etree._Element | None = None  # the box of a summary's label read before the story
    embedded = EmbeddedPosts()
    for n, block in enumerate(blocks):
        text = block.text
        short = block.length <= MAX_LABEL_CHARS
        if short and story_chars >= STORY_BEFORE_END and is_end_label(block):
            break
        if _is_title(block) or (block.link_length > MAX_LINK_RATIO * block.length and not linked_text[n]):
            continue
        if embedded(block.owner):
            continue
        if short and is_box_label(text):
            continue
        if block.length <= MAX_PAYWALL_CHARS and _may_be_paywall(text) and PAYWALL.search(text):
            paywall = paywall_box(block.owner)
            continue
        if paywall is not None and block.tag in ITEM_TAGS and _inside(block.owner, paywall):
            continue  # what a subscription gives; story paragraphs in the box stay
        if short and story_chars < MAX_SUMMARY_AFTER and SUMMARY_LABELS.match(text):
            summary = summary_box(block.owner)
            continue
        if summary is not None and block.tag in ITEM_TAGS and _inside(block.owner, summary):
            continue  # the points of a summary box: the story told again in short
        if is_promo(block) or text in seen or skip_text(text) or is_reader_call(text) or is_fine_print(text):
            continue
        if block.length <= MAX_CAPTION_CHARS and _may_credit(text) and CREDIT_AT_END.search(text):
            continue
        if block.length < MIN_LOOSE_CHARS and _is_loose(block) and not SENTENCE_END.search(text):
            continue
        if block.length <= MAX_LABEL_CHARS and DATELINE.search(text) and len(text.split()) <= MAX_DATELINE_WORDS:
            continue
        if block.length <= MAX_LABEL_CHARS and BYLINE.match(text):
            continue
        if not _is_heading(block) and (  # a heading after a picture opens the next part of the story
            (
                block.length <= MAX_CAPTION_CHARS
                and _under_image(block.owner)  # before the texts: a credit search costs more than this look
                and (PHOTO_CREDIT.search(text) or not SENTENCE_END.search(text))
            )
            or (block.length <= MAX_BOXED_CAPTION_CHARS and _in_image_box(block.owner))
        ):
            continue
        seen.add(text)
        kept.append(block)
        if not _is_heading(block):
            story_chars += block.length
    while kept and (_is_heading(kept[-1]) or _is_dangling_label(kept[-1]) or is_closing_note(kept[-1].text)):
        kept.pop()
    return kept


MAX_CLOSING_NOTE_CHARS = 400
# a credit closing a story: "With files from The Associated Press", "Reporting by A in B; Editing by C", "AP
# writers ... contributed to this report", "First published in The Conversation", "mit dpa", "(dmk)"
CLOSING_CREDIT = re.compile(
    r"^\W*((with\s+)?(additional\s+)?(reporting|files|reports|writing|editing|research)\s+(by|from)\b"
    r"|first published (in|on|by)\b|this (story|article) (was )?(first |originally )?(appeared|published)\b"
    r"|mit (material|informationen|agenturmaterial) (von|der|des)\b|mit (dpa|afp|ap|reuters|kna|epd)\b"
    r"|aus dem [a-zäöü]+en von\b|\([a-zäöü]{2,5}(/[a-zäöü]{2,5})*\)\W*$)"
    r"|\bcontributed (reporting )?to this (report|story|article)\W*$",
    re.IGNORECASE,
)
# a note on the author closing a story: "Jane Roe is a senior reporter for ...", "Max Muster ist
# Korrespondent in ...", "Korrespondent Max Muster ist bei ... zuständig"
_NAME = r"(?-i:[A-ZÀ-ÖØ-Þ][\w'’.-]+(\s+[A-ZÀ-ÖØ-Þ][\w'’.-]+){1,3})"
_IS = r"\s+(is|was|ist|war|est|était|es|era|è)\s"
_ROLE = (
    r"(correspondent|reporter|journalist|editor|writer|columnist|producer|researcher|professor|lecturer|fellow"
    r"|analyst|author|contributor|photographer|korrespondent|redakteur|autor|direktor|mitarbeiter|journaliste"
    r"|rédact(eur|rice)|correspondante?|periodista|corresponsal|redactora?|giornalista|corrispondente)"
)
_NETWORK = r"(twitter|x|bluesky|mastodon|threads|instagram|linkedin|facebook)"
AUTHOR_NOTE = re.compile(
    rf"^\W*({_ROLE}\w*\s+{_NAME}{_IS}|{_NAME}(\s+\([^)]{{1,30}}\))?{_IS}.{{0,120}}?\b{_ROLE}"
    rf"|{_NAME}\s+(is|are)\s+on\s+{_NETWORK}\b)",
    re.IGNORECASE,
)


def is_closing_note(text: str) -> bool:
    """True for a line closing a story that is no part of it: a credit (``CLOSING_CREDIT``: the
    wire services or colleagues who reported, where the story first appeared, the editor's
    initials) or a note on its author (``AUTHOR_NOTE``: a name, "is a", a role). Asked only of the
    story's last blocks: the same sentence inside a story ("Jane Roe is a professor of law at the
    university, who ...") is story text."""
    if len(text) > MAX_CLOSING_NOTE_CHARS:
        return False
    return bool(CLOSING_CREDIT.search(text) or AUTHOR_NOTE.match(text))


MAX_DANGLING_CHARS = 80


def _is_dangling_label(block: Block) -> bool:
    """A short line ending in a colon ("Dieses Thema im Programm:", "More on this in our live blog:"):
    at the end of the story it introduces nothing of it (a box, a player, an embed left out)."""
    return block.length <= MAX_DANGLING_CHARS and block.text.rstrip().endswith((":", "："))


MIN_TITLE_CHARS = 20  # a shorter headline is found only whole: "News" ends too many lines


def shows_title(paragraph: str, title: str | None) -> bool:
    """True when ``paragraph`` shows the page's ``title`` (its headline, or a standfirst left out)
    after a kicker of at most ``MAX_LABEL_CHARS`` characters ("Premiere in Berlin - <headline>": a
    heading holding the roofline and the title in one element)."""
    return bool(
        title
        and len(title) >= MIN_TITLE_CHARS
        and len(title) < len(paragraph) <= len(title) + MAX_LABEL_CHARS
        and paragraph.endswith(title)
        and not paragraph[-len(title) - 1].isalnum()
    )


def without_titles(paragraphs: Iterable[str], titles: Collection[str | None]) -> list[str]:
    """``paragraphs`` without the ``titles`` (the headline...) they repeat: one equal to a title
    anywhere, and before the first paragraph of the story also a title after its kicker
    (:func:`shows_title`; further down, "<kicker>: <headline>" is a subheading the story repeats)."""
    kept: list[str] = []
    for paragraph in paragraphs:
        if paragraph in titles or (not kept and any(shows_title(paragraph, title) for title in titles)):
            continue
        kept.append(paragraph)
    return kept


def story_paragraphs(blocks: Iterable[Block], skip_text: Callable[[str], bool] = lambda text: False) -> list[str]:
    """The story text of ``blocks`` as paragraphs (each line of a block its own paragraph; of a
    ``<br>``-split block, the lines :func:`is_furniture_line` finds are left out)."""
    paragraphs: list[str] = []
    for block in story_blocks(blocks, skip_text):
        if len(block.lines) == 1:
            paragraphs.append(block.lines[0])
        elif block.tag == "pre":  # a listing: its lines are what it shows
            paragraphs.extend(line for line in block.lines if not skip_text(line))
        else:
            paragraphs.extend(line for line in block.lines if not skip_text(line) and not is_furniture_line(line))
    return paragraphs


def is_furniture_line(line: str) -> bool:
    """True for a line of a ``<br>``-split block that the rules for whole blocks would leave out
    as a block of its own: a credit line ("Redaktion: ..."), a date line ("Sendung: hr, 25.04.2024,
    10.45 Uhr"), a box label, a call to the reader, fine print, a read-time line."""
    if len(line) <= MAX_LABEL_CHARS:
        if BYLINE.match(line) or is_box_label(line):
            return True
        if DATELINE.search(line) and len(line.split()) <= MAX_DATELINE_WORDS:
            return True
    return is_reader_call(line) or is_fine_print(line)
