"""Dates written for readers, in many languages: month names, numeric days, ISO stamps with zone names.

:func:`parse_written_date` finds the first date in a short text ("Erschienen am: 01.11.2023",
"20 septembrie 2020", "29 июня 2020, 14:05", "Nov 5, 2021", "2020-03-04 16:52", "2024年4月24日")
and returns it as a naive ``datetime`` (with the time when one follows the day). Month names are
our own tables for English, German, French, Spanish, Catalan, Italian, Portuguese, Dutch, Turkish,
Romanian, Russian, Ukrainian, Bulgarian, Serbian, Polish, Czech, Slovak, Hungarian, Finnish, Greek,
Indonesian, Swahili, Arabic, Hindi, Hebrew and the Nordic languages; Arabic-Indic and Devanagari
digits read as 0-9. A slash-separated day is read when it is unambiguous (one part above 12) or
when the caller says the page's order (:func:`day_first_for`, from its language).
:func:`iso_with_zone_name` turns an ISO stamp ending in a zone name (``16:02:50CDT``,
``+02:00CET``) into one that ``datetime.fromisoformat`` reads.

No third-party date library: dateparser covers far more but costs milliseconds per call and
pulls in regex and tz data; these tables cost microseconds. No settings.
"""

from __future__ import annotations

import re
from datetime import datetime

_MONTH_NAMES: tuple[tuple[str, ...], ...] = (
    # en, de, fr, es, it, pt, nl, tr, ro, ru (nominative, genitive), pl (nominative, genitive), cs, sv/da/no;
    # then (second line of each) uk (nominative, genitive), fi (partitive, nominative), hu, el (genitive),
    # id/ms, sw; then (third line) ar (Egypt and Gulf, Levant), hi, bg, sr (Cyrillic), sk (genitive),
    # ca, he (alone and after "ב", "in")
    ("january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "gen", "janeiro",
     "januari", "ocak", "ianuarie", "ian", "январь", "января", "янв", "styczeń", "stycznia", "sty", "leden",
     "ledna", "janúar",
     "січень", "січня", "tammikuuta", "tammikuu", "január", "ιανουαρίου", "ιαν",
     "يناير", "كانون الثاني", "जनवरी", "януари", "јануар", "januára", "gener", "ינואר", "בינואר"),
    ("february", "feb", "februar", "feber", "février", "fevrier", "févr", "fevr", "febrero", "febbraio",
     "fevereiro", "fev", "februari", "şubat", "subat", "februarie", "feb", "февраль", "февраля", "фев",
     "luty", "lutego", "lut", "únor", "února",
     "лютий", "лютого", "helmikuuta", "helmikuu", "február", "φεβρουαρίου", "φεβ", "pebruari",
     "فبراير", "شباط", "फ़रवरी", "फरवरी", "февруари", "фебруар", "februára", "febrer", "פברואר", "בפברואר"),
    ("march", "mar", "märz", "maerz", "mrz", "mars", "marzo", "março", "marco", "maart", "mrt", "mart",
     "martie", "март", "марта", "мар", "marzec", "marca", "březen", "března", "mars",
     "березень", "березня", "maaliskuuta", "maaliskuu", "március", "μαρτίου", "μαρ", "maret", "machi", "márc",
     "مارس", "آذار", "मार्च", "март", "marts", "marca", "març", "מרץ", "במרץ"),
    ("april", "apr", "avril", "avr", "abril", "abr", "aprile", "nisan", "aprilie", "апрель", "апреля", "апр",
     "kwiecień", "kwietnia", "kwi", "duben", "dubna",
     "квітень", "квітня", "huhtikuuta", "huhtikuu", "április", "απριλίου", "απρ", "aprili", "ápr",
     "أبريل", "ابريل", "نيسان", "अप्रैल", "април", "apríla", "abril", "אפריל", "באפריל"),
    ("may", "mai", "mayo", "maggio", "mag", "maio", "mei", "mayıs", "mayis", "май", "мая", "maj", "maja",
     "květen", "května",
     "травень", "травня", "toukokuuta", "toukokuu", "május", "μαΐου", "μαιου", "μαΐ",
     "مايو", "أيار", "ايار", "मई", "мај", "mája", "maig", "מאי", "במאי"),
    ("june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho", "haziran", "iunie", "июнь", "июня",
     "июн", "czerwiec", "czerwca", "cze", "červen", "června",
     "червень", "червня", "kesäkuuta", "kesäkuu", "június", "ιουνίου", "ιουν", "jún",
     "يونيو", "حزيران", "जून", "юни", "јун", "júna", "juny", "יוני", "ביוני"),
    ("july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho", "temmuz", "iulie", "июль",
     "июля", "июл", "lipiec", "lipca", "lip", "červenec", "července",
     "липень", "липня", "heinäkuuta", "heinäkuu", "július", "ιουλίου", "ιουλ", "julai", "júl",
     "يوليو", "تموز", "जुलाई", "юли", "јул", "júla", "juliol", "יולי", "ביולי"),
    ("august", "aug", "août", "aout", "agosto", "ago", "augustus", "ağustos", "agustos", "avgust", "август",
     "августа", "авг", "sierpień", "sierpnia", "sie", "srpen", "srpna", "augusti",
     "серпень", "серпня", "elokuuta", "elokuu", "augusztus", "αυγούστου", "αυγ", "agustus", "agosti", "agu",
     "أغسطس", "اغسطس", "آب", "अगस्त", "август", "augusta", "agost", "אוגוסט", "באוגוסט"),
    ("september", "sep", "sept", "septembre", "septiembre", "settembre", "set", "setembro", "eylül", "eylul",
     "septembrie", "сентябрь", "сентября", "сен", "wrzesień", "września", "wrz", "září",
     "вересень", "вересня", "syyskuuta", "syyskuu", "szeptember", "σεπτεμβρίου", "σεπ", "septemba", "szept",
     "سبتمبر", "أيلول", "ايلول", "सितंबर", "सितम्बर", "септември", "септембар", "septembra", "setembre",
     "ספטמבר", "בספטמבר"),
    ("october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "out", "ekim",
     "octombrie", "октябрь", "октября", "окт", "październik", "października", "paź", "říjen", "října",
     "жовтень", "жовтня", "lokakuuta", "lokakuu", "október", "οκτωβρίου", "οκτ", "oktoba",
     "أكتوبر", "اكتوبر", "تشرين الأول", "अक्टूबर", "октомври", "октобар", "októbra", "octubre", "אוקטובר", "באוקטובר"),
    ("november", "nov", "novembre", "noviembre", "novembro", "kasım", "kasim", "noiembrie", "noi", "ноябрь",
     "ноября", "ноя", "listopad", "listopada", "lis", "listopadu",
     "листопад", "листопада", "marraskuuta", "marraskuu", "νοεμβρίου", "νοε", "novemba",
     "نوفمبر", "تشرين الثاني", "नवंबर", "नवम्बर", "ноември", "новембар", "novembra", "novembre", "נובמבר", "בנובמבר"),
    ("december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic", "dicembre",
     "dezembro", "aralık", "aralik", "decembrie", "декабрь", "декабря", "дек", "grudzień", "grudnia", "gru",
     "prosinec", "prosince", "desember", "december", "des",
     "грудень", "грудня", "joulukuuta", "joulukuu", "δεκεμβρίου", "δεκ", "desemba",
     "ديسمبر", "كانون الأول", "दिसंबर", "दिसम्बर", "декември", "децембар", "decembra", "desembre", "דצמבר", "בדצמבר"),
)  # fmt: skip
MONTHS: dict[str, int] = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names}

# A month is any word here (a letter, then letters or the marks of Devanagari, Hebrew...; the two-word
# Levantine names too); _build keeps the names of MONTHS only. An alternation of 400 names, tried
# after every digit and at every word, cost several times the rest of the page's date reading.
_MONTH_WORD = r"(?P<month>[^\W\d_][^\s\d,.;:|/()\[\]<>'’-]*(?:\s(?:الأول|الثاني))?)"
_MONTH = _MONTH_WORD + r"\.?"
_TIME = r"(?:(?:\s*,\s*|\s+|\s*[-–|·]\s*|\s+(?:um|at|à|a las|alle|às|om|saat|в|o|kl\.?|klo|kello|pukul|jam)\s+|\s*,\s*(?:kl\.?|klo)\s*)(?P<hour>[012]?\d)[:.h](?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?(?:\s*(?P<ampm>[ap]\.?m\.?))?)?"  # noqa: E501
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TIME_T = _TIME.replace(r"(?:\s*,\s*|", r"(?:T|\s*,\s*|")  # an ISO day may be followed by "T16:52"
_PATTERNS = [
    # 2020-03-04 16:52, 2020/03/04, 2024.04.24, 2024年4月24日, 2026년 1월 29일
    re.compile(r"(?<!\d)" + _YEAR + r"\s*(?:[-/.]|年|년)\s*(?P<mnum>[01]?\d)\s*(?:[-/.]|月|월)\s*"
               r"(?P<day>[0-3]?\d)(?!\d)(?:\s*[日일])?" + _TIME_T, re.IGNORECASE),
    # 20 septembrie 2020, 29 июня 2020, 5. November 2021, 5 de noviembre de 2021, 1er mars 2021
    re.compile(r"(?<!\d)(?P<day>[0-3]?\d)(?:\.|er|º|st|nd|rd|th)?\s*(?:de\s+|d['’])?" + _MONTH
               + r",?\s*(?:de\s+|del\s+)?" + _YEAR + r"(?:\s*г\.?)?" + _TIME, re.IGNORECASE),
    # 2020. szeptember 20. (Hungarian: year, month, day)
    re.compile(r"(?<!\d)" + _YEAR + r"\.\s*" + _MONTH + r"\s*(?P<day>[0-3]?\d)\.?(?!\d)" + _TIME, re.IGNORECASE),
    # Nov 5, 2021; November 5th, 2021; Desemba 23, 2024
    re.compile(r"(?<![^\W\d_])" + _MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+" + _YEAR + _TIME,
               re.IGNORECASE),
    # 01.11.2023, 20.09.2020 14:05 (day first), 24/04/2024 or 04/24/2024 when unambiguous
    re.compile(r"(?<![\d.])(?P<day>[0-3]?\d)\s*(?P<sep>[./-])\s*(?P<mnum>[0-3]?\d)\s*(?P=sep)\s*" + _YEAR + r"(?!\d)"
               + _TIME),
    # 25.04.24 14:07 (day first, a two-digit year: both day and month written with two digits)
    re.compile(r"(?<![\d.])(?P<day>[0-3]\d)\.(?P<mnum>[01]\d)\.(?P<yy>\d\d)(?![\d.])" + _TIME),
]  # fmt: skip
_ISO_ZONE_NAME = re.compile(r"^(\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?)([+-]\d\d:?\d\d|Z)?\s*([A-Z]{2,5})$")
#: UTC offsets (hours) of the zone names seen after ISO stamps; a name not here is dropped, not guessed.
ZONE_OFFSETS = {
    "UTC": "+00:00", "GMT": "+00:00", "Z": "+00:00", "WET": "+00:00", "BST": "+01:00", "WEST": "+01:00",
    "CET": "+01:00", "CEST": "+02:00", "MEZ": "+01:00", "MESZ": "+02:00", "EET": "+02:00", "EEST": "+03:00",
    "MSK": "+03:00", "IST": "+05:30", "JST": "+09:00", "KST": "+09:00", "AEST": "+10:00", "AEDT": "+11:00",
    "EST": "-05:00", "EDT": "-04:00", "CST": "-06:00", "CDT": "-05:00", "MST": "-07:00", "MDT": "-06:00",
    "PST": "-08:00", "PDT": "-07:00",
}  # fmt: skip


#: Arabic-Indic and Eastern Arabic-Indic (Persian, Urdu) digits, and Devanagari digits, read as 0-9
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९", "0123456789" * 3)


def iso_with_zone_name(text: str) -> str | None:
    """``text`` without the zone name after an ISO stamp (its offset put in its place when the stamp
    had none), or ``None`` when ``text`` is not such a stamp."""
    match = _ISO_ZONE_NAME.match(text.strip())
    if not match:
        return None
    stamp, offset, name = match.groups()
    if offset is None:
        offset = ZONE_OFFSETS.get(name, "")
    return stamp + offset


def _build(match: re.Match[str], day_first: bool | None = None) -> datetime | None:
    groups = match.groupdict()
    month = MONTHS.get(groups["month"].lower()) if groups.get("month") else int(groups["mnum"])
    if month is None:
        return None
    day = int(groups["day"])
    if groups.get("sep") in ("/", "-") and month <= 12 and day <= 12:
        if day_first is None:
            return None  # 04/05/2024: the page's own convention decides, and we were not told it
        if not day_first:
            day, month = month, day
    if groups.get("sep") in ("/", "-") and month > 12:
        day, month = month, day  # 04/24/2024: month first
    if (groups.get("sep") == "." or groups.get("yy")) and day_first is False and day <= 12 and month <= 12:
        day, month = month, day  # 11.03.17 on a US page: 3 November
    hour, minute = int(groups["hour"] or 0), int(groups["minute"] or 0)
    ampm = (groups.get("ampm") or "").replace(".", "").lower()
    if ampm and hour <= 12:
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    try:
        year = int(groups["year"]) if groups.get("year") else 2000 + int(groups["yy"])
        return datetime(year, month or 0, day, hour, minute, int(groups["second"] or 0))
    except ValueError:
        return None


def parse_written_date(text: str | None, day_first: bool | None = None) -> datetime | None:
    """The first date written in ``text`` (a short text: a byline, a date line), else ``None``.

    ``day_first``: how to read ``04/05/2024`` (``True``: 4 May, ``False``: 5 April, ``None``: not at
    all). A dotted ``04.05.2024`` is day first unless ``day_first`` is ``False`` (a US page writes
    ``11.03.17`` for 3 November); a part above 12 decides by itself."""
    if not text:
        return None
    text = text.translate(_DIGITS)
    best: tuple[int, datetime] | None = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            found = _build(match, day_first)
            if found is not None:
                if best is None or match.start() < best[0]:
                    best = (match.start(), found)
                break
    return best[1] if best else None


#: languages whose readers write the month first (``04/05/2024`` is 5 April): US English and a few more
_MONTH_FIRST_LOCALES = frozenset({"en", "en-us", "en-ph", "en-ca", "en-um", "en-as", "en-gu", "en-pr"})


def day_first_for(language: str | None) -> bool | None:
    """How the page's language writes a numeric day: ``False`` for US English (month first),
    ``True`` for every other language we know of, ``None`` when the page gives no language."""
    if not language or not language.strip():
        return None
    code = language.strip().lower().replace("_", "-")
    return code not in _MONTH_FIRST_LOCALES


def has_time(text: str) -> bool:
    """True when a written date in ``text`` carries a time of day."""
    return bool(re.search(r"\d[:.h][0-5]\d(?!\d)(?![.]\d{4})", text)) and parse_written_date(text) is not None
