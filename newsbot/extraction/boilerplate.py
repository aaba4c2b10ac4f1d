"""Leave out the blocks of a story container that a reader sees are not the story.

Found by what a reader sees, never by class names:

- link lists: a block whose text is mostly link text (related headlines, teasers, tag lists);
- promos: a short advertising, sign-up or copyright line ("Advertisement", "Anzeige", "©"), or a
  label pointing to another story ("Read more:", "Related: <a>...</a>", "Lesen Sie auch" alone)
  (:func:`is_promo`); a sentence that only begins with such a word stays;
- box labels: a short block that is the label of a box ("Related articles", "More on this story",
  "You may also like", "Newsletter", ...); the links under it go as link lists;
- the end of the story: a comment section's label ("Comments", "Kommentare", ...) ends the story
  once some story text has been read;
- repeats (a pull quote, a block printed twice) and headings with no story text after them;
- credit lines: a short block opening with "By", "Von", "Redaktion:", "Fotos:"...;
- captions: a short block right after an image that has no text of its own, ending no sentence or
  naming a photo credit;
- date lines: a short block stamped with a date or a time ("Stand: 24.04.2024 22:58 Uhr");
- widget labels: short text loose in a ``div``/``span`` that ends no sentence ("Share", "Log in");
- the page's own headline (``h1``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from lxml import etree

from newsbot.extraction.blocks import HEADING_TAGS, PARAGRAPH_TAGS, Block

MAX_LINK_RATIO = 0.5
MAX_LABEL_CHARS = 60
MIN_LOOSE_CHARS = 25  # loose text shorter than this, not ending a sentence, is a widget label
SENTENCE_END = re.compile(r"[.!?…:;。！？」』\"'”“»«)\]]\s*$")
STORY_BEFORE_END = 300
# a date or time stamp ("Stand: 24.04.2024 22:58 Uhr", "April 28, 2023 1:55 am", "2024-05-03")
DATELINE = re.compile(r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}\b")
MAX_DATELINE_WORDS = 8
MAX_CAPTION_CHARS = 250
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
    r"|ayrıca bakınız|continue reading)\b",
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


END_LABELS = re.compile(
    r"^\W*(\d+\s+)?(comments?|leave a (comment|reply)|join the (conversation|discussion)|kommentare?|leserkommentare"
    r"|commentaires?|comentarios?|commenti|comentários|reacties|kommentarer|komentarze|komentáře|yorumlar)"
    + _LABEL_END,
    re.IGNORECASE,
)
BOX_LABELS = re.compile(
    r"^\W*(related( articles?| stories| news| content| coverage| topics)?|more (on this story|from|stories|news"
    r"|on this topic|in)\b.*|you (may|might) also like|recommended( for you| stories| articles)?|most (read|popular"
    r"|viewed)|top stories|trending( now)?|(sign up (for|to) )?(our|the) newsletters?|newsletter|share this (article"
    r"|story)|share|tags?|topics|mehr zum thema|das könnte sie auch interessieren|weitere artikel|meistgelesen"
    r"|à lire aussi|sur le même sujet|noticias relacionadas|te puede interesar|articoli correlati"
    r"|potrebbe interessarti|notícias relacionadas|gerelateerd|relaterte saker|relaterade artiklar|mest lästa"
    r"|zobacz też|související|ilgili haberler|benzer haberler|【?関連記事】?|相关新闻|相關新聞|관련 ?기사)"
    + _LABEL_END,
    re.IGNORECASE,
)


def _under_image(owner: etree._Element) -> bool:
    """True for an element right after an image (a picture with no text of its own): a caption."""
    before = owner.getprevious()
    while before is not None and not isinstance(before.tag, str):  # comments
        before = before.getprevious()
    if before is None or (
        before.tag not in IMAGE_TAGS and (not len(before) or next(before.iter(*IMAGE_TAGS), None) is None)
    ):
        return False
    return not "".join(before.itertext()).strip()


def _is_loose(block: Block) -> bool:
    """Text loose in a ``div``/``span``, not in a paragraph element."""
    return block.tag not in PARAGRAPH_TAGS


def _is_heading(block: Block) -> bool:
    return block.tag in HEADING_TAGS


def _is_title(block: Block) -> bool:
    return block.tag == "h1"


def story_blocks(blocks: Iterable[Block], skip_text: Callable[[str], bool] = lambda text: False) -> list[Block]:
    """The blocks of ``blocks`` (a container's, in reading order) that are story text."""
    kept: list[Block] = []
    seen: set[str] = set()
    story_chars = 0
    for block in blocks:
        text = block.text
        short = block.length <= MAX_LABEL_CHARS
        if short and story_chars >= STORY_BEFORE_END and END_LABELS.match(text):
            break
        if _is_title(block) or block.link_length > MAX_LINK_RATIO * block.length:
            continue
        if short and BOX_LABELS.match(text):
            continue
        if is_promo(block) or text in seen or skip_text(text):
            continue
        if block.length < MIN_LOOSE_CHARS and _is_loose(block) and not SENTENCE_END.search(text):
            continue
        if block.length <= MAX_LABEL_CHARS and DATELINE.search(text) and len(text.split()) <= MAX_DATELINE_WORDS:
            continue
        if block.length <= MAX_LABEL_CHARS and BYLINE.match(text):
            continue
        if (
            block.length <= MAX_CAPTION_CHARS
            and _under_image(block.owner)  # before the texts: a credit search costs more than this look
            and (PHOTO_CREDIT.search(text) or not SENTENCE_END.search(text))
        ):
            continue
        seen.add(text)
        kept.append(block)
        if not _is_heading(block):
            story_chars += block.length
    while kept and _is_heading(kept[-1]):
        kept.pop()
    return kept


def story_paragraphs(blocks: Iterable[Block], skip_text: Callable[[str], bool] = lambda text: False) -> list[str]:
    """The story text of ``blocks`` as paragraphs (each line of a block its own paragraph)."""
    paragraphs: list[str] = []
    for block in story_blocks(blocks, skip_text):
        if len(block.lines) == 1:
            paragraphs.append(block.lines[0])
        else:
            paragraphs.extend(line for line in block.lines if not skip_text(line))
    return paragraphs
