"""Which credits name a person: an author is a person, never the site, a wire service or a link text.

A byline or a structured ``author`` often holds things that are no person: the site's own name
("Lesotho Times", "mdr.de"), a wire service or a desk ("AFP", "Reuters", "Staff", "Redaktion"), a
link text ("257 Artikel", "See all", "Mehr Artikel von ...") or a credit with its lead word still
on ("By Jane Roe", "Von Jane Roe", "© Jane Roe"). :func:`person_name` strips the lead words and
says no to the rest (also a name holding a legal form or a medium's word: "GmbH", "Media",
"Diario", "Agencia"): no author is better than a wrong one. :func:`editors_named` tells a
structured author the page's data layer gives as its editor. No settings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from newsbot.cleaning import split_url
from newsbot.extraction.names import once, split_names
from newsbot.items import Author

# the lead words of a credit, in the languages seen in bylines ("By", "Von", "Par", "Por", "Di"...)
LEAD = re.compile(
    r"^(?:©|\(c\)|(?:written|posted|words|story)\s+by|(?:escrito|reportagem)\s+por|écrit\s+par|scritto\s+da|"
    r"(?:geschrieben|verfasst)\s+von|text(?:\s+von)?\s*:|tekst\s*:|"
    r"(?:by|von|par|por|di|da|door|av|af|przez|od|autor(?:in)?|auteur|autore|author|yazar|yazan|"
    r"redactor|text|texto|oleh|bởi|автор|napisał|napisała|kirjoittanut|skrevet\s+a[fv]|tác\s+giả|piše|szerző|írta|"
    r"avtor|autorius|autors|teksti|γράφει|συντάκτης|بقلم|מאת|โดย)\b\s*:?)\s*",
    re.IGNORECASE,
)
# lead words that also open surnames ("Da Silva", "Di Maio", "Door", "Od"): stripped only before two words or more
PARTICLE = re.compile(r"^(?:di|da|door|av|af|od|por|par)\s", re.IGNORECASE)
# wire services, desks and generic credits: an organisation, not a person (compared case-folded)
ORGANISATIONS = frozenset(
    {"reuters", "afp", "ap", "associated press", "the associated press", "dpa", "deutsche presse-agentur",
     "apa", "kna", "epd", "sda", "keystone-sda", "ansa", "efe", "europa press", "pa", "pa media", "pti", "ians",
     "xinhua", "kyodo", "yonhap", "tass", "ria novosti", "upi", "anadolu", "anadolu ajansı", "aa", "afp/dpa",
     "agence france-presse", "bloomberg", "staff", "staff writer", "staff reporter", "editorial", "editorial board",
     "editor", "editors", "newsroom", "news desk", "desk", "agencies", "agency", "admin", "administrator",
     "redaktion", "die redaktion", "online-redaktion", "redaction", "rédaction", "la rédaction", "redacción",
     "redazione", "la redazione", "redactie", "de redactie", "redakcja", "redakce", "toimitus", "redaksjonen",
     "redaksi", "web desk", "guest", "guest author", "team", "unknown", "anonymous", "news", "nachrichten",
     "noticias", "notícias", "actualités", "notizie", "nieuws", "haberler", "nyheter", "wiadomości",
     # the newsroom in more languages: Portuguese, Slovak, Croatian/Serbian/Slovenian, Hungarian, Russian,
     # Ukrainian, Romanian, Turkish, Greek, Japanese, Chinese, Korean, Vietnamese, Indonesian
     "redação", "a redação", "redakcia", "uredništvo", "redakcija", "uredniştvo", "szerkesztőség", "редакция",
     "редакція", "redacția", "redactia", "yazı işleri", "haber merkezi", "σύνταξη", "編集部", "编辑部", "편집국",
     "편집부", "ban biên tập", "tim redaksi", "webredaktion", "onlineredaktion", "nachrichtenredaktion",
     # a kind of piece or an advertiser, not who wrote it
     "gastautor", "gastautorin", "gastbeitrag", "guest post", "guest writer", "pressemitteilung", "pressemeldung",
     "press release", "comunicado", "comunicado de prensa", "communiqué", "communiqué de presse", "sponsored",
     "sponsored content", "sponsored post", "anzeige", "werbung", "advertorial", "publireportage", "partner content",
     "paid content", "paid post", "brand studio", "contenido patrocinado", "conteúdo patrocinado", "publicidad",
     "publicidade", "pubblicità", "reklama", "reklam"}
)  # fmt: skip
# words an organisation's name holds and a person's never does: a legal form, a medium, a newsroom
# ("Musterstadt Medien GmbH", "Diario del Valle", "Agencia EFE", "Redação Folha do Vale"), compared case-folded
_ORGANISATION_WORD = re.compile(
    r"(?:^|\s)(?:gmbh|ag|kg|ltd|ltd\.|limited|inc|inc\.|llc|plc|corp|corp\.|s\.a\.|s\.l\.|s\.r\.l\.|srl|s\.p\.a\.|"
    r"sp\.|s\.r\.o\.|a\.s\.|asa|a/s|b\.v\.|n\.v\.|pty|e\.v\.|gbr|ohg|"
    r"media|medien|médias|medios|mídia|verlag|verlagsgruppe|publishing|publications|editora|editorial|éditions|"
    r"edizioni|uitgeverij|wydawnictwo|yayıncılık|group|gruppe|groupe|grupo|gruppo|zeitung|tagblatt|diario|"
    r"periódico|jornal|giornale|gazeta|gazette|gazzetta|krant|dagblad|revista|rivista|magazine|magazin|"
    r"journal|tribune|chronicle|herald|newspaper|radio|rádio|televisión|televisão|television|fernsehen|"
    r"network|agency|agentur|agencia|agência|agenzia|agence|ajansı|ajans|redação|redacción|redazione|"
    r"rédaction|redaktion|redakcja|redaksi|portal|online|digital|official|offiziell|oficial|"
    r"press|presse|prensa|stampa|imprensa|newsroom|desk|staff)(?=\s|$)",
    re.IGNORECASE,
)
# a job title standing where a name should ("Reporter", "Software Engineer", "Redakteurin")
_ROLE = re.compile(
    r"\b(?:editor|editors|reporter(?:in)?|correspondent|writer|journalist(?:in)?|columnist|contributor|photographer|engineer|"
    r"producer|director|manager|analyst|intern|redakteur(?:in)?|korrespondent(?:in)?|autorin|journaliste|"
    r"rédacteur|rédactrice|correspondant|correspondante|periodista|redactora|corresponsal|giornalista|redattore|"
    r"redattrice|corrispondente|jornalista|repórter|muhabir|muhabiri|redaktor|redaktorka|editora|moderator|"
    r"administrador|administradora|amministratore|yönetici|webmaster|chefredakteur(?:in)?|publisher|"
    r"fotograf(?:in)?|fotógrafo|fotógrafa|photographe|fotografo|illustrator|ilustrador)\b",
    re.IGNORECASE,
)
# a credit naming a web address in its aside: an organisation ("Deutsche Welle (www.dw.com)")
_ADDRESS_ASIDE = re.compile(r"\(\s*(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,12}/?\s*\)", re.IGNORECASE)
# link texts and labels that are no name ("See all", "Mehr Artikel von Jane Roe", "Editorial policies")
_LABEL = re.compile(
    r"^(?:see|view|show|read)\s+(?:all|more)|^(?:mehr|alle|weitere)\s+(?:artikel|beiträge|texte)|^more\s+(?:from|by|"
    r"articles|stories)|^all\s+(?:articles|stories|posts)|^(?:follow|contact|about)\b|^(?:plus|tous)\s+(?:d'|les\s)"
    r"|\b(?:policies|policy|newsletter|subscribe|profile|articles?|artikel|beiträge|posts?)$",
    re.IGNORECASE,
)
# a name holding a desk's word: "Our Foreign Staff", "BR24 Redaktion", "Guardian staff reporter"
_DESK = re.compile(
    r"\b(?:staff|redaktion|rédaction|redaction|redacción|redazione|redactie|redakcja|newsroom|desk|agencies|agency|"
    r"team|developers)\b|redaktion\b",
    re.IGNORECASE,
)
# a job title after the name, as East Asian bylines write it ("신현주 기자", "山田太郎 記者")
_ROLE_AFTER = re.compile(r"\s*(?:선임기자|기자|특파원|논설위원|編集委員|記者|记者|特派員|特派员|責任編集|责任编辑)$")
_FOLLOW = re.compile(r"\s*\b(?:follow|folgen|suivre|seguir|segui)$|\s*(?:フォロー|팔로우|关注)$", re.IGNORECASE)
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$", re.IGNORECASE)
_COMPACT = re.compile(r"[\W_]+")
# the author page of a site's built-in account ("/author/admin/"): whatever name it shows, no person
_ACCOUNT_PAGE = re.compile(
    r"/(?:authors?|autor|writers?|profile|user)/(?:admin|administrator|webmaster|editor|redaktion|staff|newsroom)/?$",
    re.IGNORECASE,
)


def _compact(text: str) -> str:
    return _COMPACT.sub("", unicodedata.normalize("NFKC", text).casefold())


def account_page(url: object) -> bool:
    """True for the author page of a site's built-in account ("/author/admin/", "/user/webmaster")."""
    return isinstance(url, str) and bool(_ACCOUNT_PAGE.search(url))


def strip_lead(name: str) -> str:
    """``name`` without its credit's lead words ("By", "Von", "Par", "©", "Written by"...)."""
    name = " ".join(name.split())
    for _ in range(3):
        stripped = LEAD.sub("", name, count=1).strip(" :-–—|,")
        if stripped == name or (len(stripped.split()) < 2 and name[:1].isupper() and PARTICLE.match(name)):
            break  # "Da Silva", "Di Maio": a surname, not a lead word and a name
        name = stripped
    return name


def single_latin_word(name: str) -> bool:
    """True for a name of one word in Latin letters: a handle or a first name ("Eddie", "admin"),
    never enough to say who wrote a story (a name in another script may be one word: "신현주")."""
    return " " not in name.strip() and name[:1].isascii()


def site_names(url: str, names: Iterable[str | None]) -> set[str]:
    """The site's own names, compacted: ``names`` (``og:site_name``, the publisher...) and its host
    ("www.mdr.de" gives "mdrde" and "mdr")."""
    found = {_compact(n) for n in names if n and _compact(n)}
    parts = split_url(url)
    host = parts.netloc.lower().split(":")[0].removeprefix("www.") if parts else ""
    if host:
        found.add(_compact(host))
        label = host.split(".")[-2] if host.count(".") >= 1 else host
        if len(_compact(label)) >= 3:
            found.add(_compact(label))
    return found


# lower-case words a name holds between capitalised ones ("Pieter de Vries", "María de los Ángeles")
NAME_PARTICLES = frozenset(
    {"de", "da", "do", "dos", "das", "di", "del", "della", "degli", "dei", "van", "von", "der", "den", "ter", "te",
     "la", "le", "les", "los", "las", "du", "des", "bin", "binti", "ibn", "al", "el", "y", "e", "zu", "af", "av",
     "op", "het", "'t", "ten", "vom", "zum", "und", "ben", "bint", "st."}
)  # fmt: skip


# words of a sentence, never of a name ("Jane Roe in Berlin", "special to the Times", "Jane Roe für ...")
_SENTENCE_WORDS = frozenset(
    {"in", "to", "the", "of", "for", "at", "is", "on", "with", "from", "about", "im", "aus", "für", "bei", "mit",
     "dans", "sur", "pour", "avec", "para", "con", "em", "na", "no", "per", "su", "tra", "voor", "met", "uit",
     "till", "och", "för", "dla", "ze", "w"}
)  # fmt: skip


# words of a title, never of a name, however written ("By The Numbers", "Friends Of The Earth", "Designed by Acme")
_TITLE_WORDS = frozenset(
    {"the", "of", "for", "our", "your", "my", "with", "from", "about", "this", "that", "these", "their", "its", "by",
     "unser", "unsere", "notre", "nos", "nuestro", "nuestra"}
)  # fmt: skip


def _sentence_words(name: str) -> bool:
    """True for a name of several words, one capitalised, holding a word of a sentence
    (``_SENTENCE_WORDS``; ``_TITLE_WORDS`` also capitalised) or, after its first word, a lower-case
    word that is no particle ("Pieter de Vries" stays; "Jane Roe in Berlin" is no name)."""
    words = name.split()
    if len(words) < 2 or not any(word[:1].isupper() for word in words):
        return False
    if any(word in _SENTENCE_WORDS or word.casefold() in _TITLE_WORDS for word in words):
        return True
    return any(word[:1].islower() and word.casefold() not in NAME_PARTICLES for word in words[1:])


def person_name(name: str, sites: set[str] = frozenset()) -> str | None:  # type: ignore[assignment]
    """``name`` without its lead words when it names a person; ``None`` for the site's own name
    (``sites``: :func:`site_names`), a wire service or desk, a generic account ("News"), a job title
    ("Reporter", "Software Engineer"), a domain, a link text or a label, a lower-case handle of
    several words ("israel news"), a text with digits ("257 Artikel", "105092")."""
    name = _ROLE_AFTER.sub("", _FOLLOW.sub("", strip_lead(name)))
    if not name or any(ch.isdigit() for ch in name) or ":" in name:  # "Foto: Karl Brenner", "Quelle: dpa"
        return None
    if _sentence_words(name):  # "Jane Roe in Berlin", "special to the Times"
        return None
    folded = name.casefold()
    if folded in ORGANISATIONS or _LABEL.search(name) or _DOMAIN.match(name):
        return None
    compact = _compact(name)
    if not compact or compact in sites:
        return None
    if _DESK.search(name) or _ROLE.search(name) or _ORGANISATION_WORD.search(name):
        return None
    if " " in name and name.isascii() and name.islower():  # "israel news": an account's handle, not a name
        return None
    if any(len(site) >= 3 and compact.startswith(site) for site in sites):  # "n-tv NACHRICHTEN" on n-tv.de
        return None
    if any(len(site) >= 6 and site in compact for site in sites):  # "The Kyiv Ledger" beside "Kyiv Ledger"
        return None
    return name


# particles a "Last, First" credit puts after the first name ("Jong, Michiel de", "Berg, Anna von")
_PARTICLES_AFTER = frozenset({"de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "ter", "zu"})


def _last_first(parts: list[str], sites: set[str]) -> bool:
    """True for the two parts of a "Last, First" credit: one word each, or a first name and its
    particles, each a person's name."""
    last, first = parts[0].split(), parts[1].split()
    if len(last) != 1 or not first or not all(word in _PARTICLES_AFTER for word in first[1:]):
        return False
    return bool(person_name(parts[0], sites)) and bool(person_name(first[0], sites))


def people(authors: Iterable[Author], sites: set[str] = frozenset()) -> list[Author]:  # type: ignore[assignment]
    """The people ``authors`` name (:func:`person_name`), lead words stripped, each once.

    A credit naming several ("A and B", "A, B, dpa") is split (:func:`split_names`); in a credit,
    what follows an organisation or the site's own name describes it ("hessenschau.de, Frankfurt,
    Germany"), so it is left out too; a credit with a web address in its aside ("Deutsche Welle
    (www.dw.com)") is an organisation, and so is a credit linking to a site's built-in account
    ("/author/admin/"). A "Last, First" credit of two single words is read "First Last", and so is
    one whose first name is followed by its particles ("Jong, Michiel de": "Michiel de Jong"). One
    capitalised Latin word is a brand, an agency, a place or a bare first name ("Kathimerini",
    "TPN", "Eddie"), never taken; initials in lower case ("ssi") stay.
    """
    found: dict[str, Author] = {}
    for author in authors:
        if _ADDRESS_ASIDE.search(author.name) or account_page(author.url):
            continue
        parts = split_names(once(author.name))
        if len(parts) == 2 and author.name.count(",") == 1 and _last_first(parts, sites):
            parts = [f"{parts[1]} {parts[0]}"]
        elif len(parts) >= 2 and single_latin_word(parts[-1]) and not single_latin_word(parts[-2]):
            parts = parts[:-1]  # a closing dateline or a degree: "Jane Roe, Berlin", "Ana Ruiz / Madrid", "Ph.D"
        for part in parts:
            name = person_name(part, sites)
            if name is not None and " " not in name and name[:1].isascii() and name[:1].isupper():
                name = None  # one capitalised Latin word: a brand, an agency, a place or a first name ("TPN")
            if name is None:
                if strip_lead(part):
                    break
                continue
            if name.casefold() not in found:
                found[name.casefold()] = Author(name=name, url=author.url)
    return list(found.values())


def _is_address(value: str) -> bool:
    return "@" in value or value.lower().startswith(("http:", "https:", "/", "www."))


def head_authors(metas: Iterable[Any], keys: Sequence[str], sites: set[str] = frozenset()) -> list[Author]:  # type: ignore[assignment]
    """The authors ``<head>`` names: for each name in ``keys`` (most specific first), every
    ``<meta>`` of that name (``name``, ``property`` or ``itemprop``, any case); the first name with
    a person among its values (:func:`people`, ``sites`` the site's own names) gives them all. An
    address (e-mail, URL, path) is no name."""
    values: dict[str, list[str]] = {}
    wanted = frozenset(keys)
    for meta in metas:
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = " ".join((meta.get("content") or "").split())
        if key in wanted and content and not _is_address(content):
            values.setdefault(key, []).append(content)
    for key in keys:
        found = people((Author(name=value) for value in values.get(key, ())), sites)
        if found:
            return found
    return []


# a data layer's key for the editor or the author of the page, right before a quoted value
_EDITOR_KEY = re.compile(
    r"""(?:editor|edited_?by|redaktur|penyunting|redaktor|editör|redacteur)(?:_?name)?["']?\s*[:=]\s*["']$""", re.I
)
_AUTHOR_KEY = re.compile(
    r"""(?:author|writer|penulis|reporter|autor|auteur|yazar)(?:_?name)?["']?\s*[:=]\s*["']$""", re.I
)
KEY_REACH = 40  # characters before a name searched for its key
MAX_KEYED = 20  # occurrences of a name looked at in one script


def _keyed_as(key: re.Pattern[str], name: str, text: str) -> bool:
    """True when ``text`` gives ``name`` as the value of ``key`` ("'editor': 'Jane Roe'"): only the
    ``KEY_REACH`` characters before each occurrence are read (a regex over whole scripts costs ms)."""
    at = text.find(name)
    for _ in range(MAX_KEYED):
        if at < 0:
            return False
        if text[at + len(name) : at + len(name) + 1] in ("'", '"') and key.search(text, max(0, at - KEY_REACH), at):
            return True
        at = text.find(name, at + len(name))
    return False


MAX_DATA_LAYER_CHARS = 20_000  # a longer script is a program or a page's whole state, not its data layer


def _in_head(element: Any) -> bool:
    parent = element.getparent()
    return parent is not None and parent.tag == "head"


def data_layers(scripts: Iterable[Any]) -> Iterator[str]:
    """The texts of the inline scripts among ``scripts`` (``<script>`` elements) that may be a data
    layer: in ``<head>`` (where a tag manager needs it), no ``src``, no JSON-LD, at most
    ``MAX_DATA_LAYER_CHARS`` long."""
    for script in scripts:
        if script.get("src") is None and script.get("type") != "application/ld+json" and _in_head(script):
            text = script.text
            if text and len(text) <= MAX_DATA_LAYER_CHARS:
                yield text


def editors_named(authors: Sequence[Author], scripts: Iterable[str | None]) -> set[str]:
    """The names among ``authors`` (structured data's) that the page's data layer (``scripts``:
    the texts of its scripts) gives as the editor ("'editor': 'Jane Roe'") and not as the author:
    some sites put the editor in their JSON-LD ``author`` while the page shows the reporter."""
    texts = [text for text in scripts if text]
    editors = set()
    for author in authors:
        holding = [text for text in texts if author.name in text]
        edited = any(_keyed_as(_EDITOR_KEY, author.name, text) for text in holding)
        if edited and not any(_keyed_as(_AUTHOR_KEY, author.name, text) for text in holding):
            editors.add(author.name)
    return editors
