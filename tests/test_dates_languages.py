"""Publication days shown only as visible text, on small pages without structured data, in 28 languages.

Each page is written here the way a small WordPress or hand-made site shows itself: no JSON-LD, no
date ``<meta>``, no microdata; the day is a line of text near the headline in a box whose ``class``
says nothing ("article-info"). Every language has its positive (the publication day, read in that
language's own format) and its negative: the same page with the publication line taken away keeps
an "updated" stamp in that language, a related-story teaser's date, a comment's date, an event date
inside the story's text and a copyright year, and must give no date at all.
"""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse

from newsbot.extraction import extract_article

#: language, the publication line, the day (and time) it says, an "updated" line, a sentence of the
#: story with an event date in it, a teaser's or comment's date (all written in that language)
LANGUAGES = [
    ("en-US", "March 4, 2024", "2024-03-04", "Updated March 6, 2024",
     "The council will vote on the new budget on April 18, 2024, after months of talks with residents.",
     "March 1, 2024"),
    ("en-GB", "Published 04/03/2024 09:15", "2024-03-04T09:15:00", "Updated 06/03/2024",
     "The council will vote on the new budget on 18 April 2024, after months of talks with residents.",
     "1 March 2024"),
    ("de", "Erschienen am: 01.11.2023", "2023-11-01", "Aktualisiert am 03.11.2023",
     "Der Gemeinderat stimmt am 18. April 2024 über den neuen Haushalt ab, nach Monaten der Gespräche.",
     "28.10.2023"),
    ("fr", "Publié le 5 novembre 2021 à 14h05", "2021-11-05T14:05:00", "Mis à jour le 6 novembre 2021",
     "Le conseil municipal votera le nouveau budget le 18 avril 2022, après des mois de discussions.",
     "2 novembre 2021"),
    ("es", "5 de noviembre de 2021", "2021-11-05", "Actualizado el 6 de noviembre de 2021",
     "El ayuntamiento votará el nuevo presupuesto el 18 de abril de 2022, tras meses de conversaciones.",
     "2 de noviembre de 2021"),
    ("it", "5 novembre 2021, 14:05", "2021-11-05T14:05:00", "Aggiornato il 6 novembre 2021",
     "Il consiglio comunale voterà il nuovo bilancio il 18 aprile 2022, dopo mesi di incontri pubblici.",
     "2 novembre 2021"),
    ("pt", "5 de novembro de 2021 às 14:05", "2021-11-05T14:05:00", "Atualizado em 6 de novembro de 2021",
     "A câmara vai votar o novo orçamento a 18 de abril de 2022, depois de meses de conversas públicas.",
     "2 de novembro de 2021"),
    ("nl", "5 november 2021", "2021-11-05", "Bijgewerkt op 6 november 2021",
     "De gemeenteraad stemt op 18 april 2022 over de nieuwe begroting, na maanden van overleg in de stad.",
     "2 november 2021"),
    ("tr", "05.04.2025 - 18:24", "2025-04-05T18:24:00", "Güncelleme: 07.04.2025 - 09:10",
     "Belediye meclisi yeni bütçeyi 18 Nisan 2025 tarihinde oylayacak; aylardır süren görüşmeler bitti.",
     "01.04.2025"),
    ("ro", "20 septembrie 2020", "2020-09-20", "Actualizat 22 septembrie 2020",
     "Consiliul local va vota noul buget pe 18 octombrie 2020, după luni de discuții cu locuitorii.",
     "17 septembrie 2020"),
    ("ru", "29 июня 2020, 14:05", "2020-06-29T14:05:00", "Обновлено 30 июня 2020",
     "Городской совет проголосует за новый бюджет 18 июля 2020 года после долгих обсуждений с жителями.",
     "25 июня 2020"),
    ("pl", "29 czerwca 2020", "2020-06-29", "Zaktualizowano 30 czerwca 2020",
     "Rada miasta zagłosuje nad nowym budżetem 18 lipca 2020 roku, po wielu miesiącach rozmów z mieszkańcami.",
     "25 czerwca 2020"),
    ("cs", "29. června 2020", "2020-06-29", "Aktualizováno 30. června 2020",
     "Zastupitelstvo bude o novém rozpočtu hlasovat 18. července 2020, po měsících jednání s obyvateli.",
     "25. června 2020"),
    ("sv", "29 juni 2020", "2020-06-29", "Uppdaterad 30 juni 2020",
     "Kommunfullmäktige röstar om den nya budgeten den 18 juli 2020, efter månader av samtal med invånarna.",
     "25 juni 2020"),
    ("nb", "Publisert 05.08.2024, kl. 13.05", "2024-08-05T13:05:00", "Oppdatert 06.08.2024, kl. 09.12",
     "Bystyret stemmer over det nye budsjettet 18. september 2024, etter måneder med samtaler med innbyggerne.",
     "01.08.2024"),
    ("uk", "29 червня 2020", "2020-06-29", "Оновлено 30 червня 2020",
     "Міська рада проголосує за новий бюджет 18 липня 2020 року після довгих обговорень з мешканцями міста.",
     "25 червня 2020"),
    ("fi", "29. kesäkuuta 2020 klo 14.05", "2020-06-29T14:05:00", "Päivitetty 30. kesäkuuta 2020",
     "Valtuusto äänestää uudesta talousarviosta 18. heinäkuuta 2020 kuukausia kestäneiden keskustelujen jälkeen.",
     "25. kesäkuuta 2020"),
    ("hu", "2020. szeptember 20.", "2020-09-20", "Frissítve: 2020. szeptember 22.",
     "A közgyűlés 2020. október 18. napján szavaz az új költségvetésről, hónapokig tartó egyeztetés után.",
     "2020. szeptember 17."),
    ("el", "20 Σεπτεμβρίου 2020", "2020-09-20", "Ενημερώθηκε 22 Σεπτεμβρίου 2020",
     "Το δημοτικό συμβούλιο θα ψηφίσει τον νέο προϋπολογισμό στις 18 Οκτωβρίου 2020, μετά από μήνες συζητήσεων.",
     "17 Σεπτεμβρίου 2020"),
    ("id", "20 Agustus 2021, 14:05", "2021-08-20T14:05:00", "Diperbarui 22 Agustus 2021",
     "Dewan kota akan memungut suara atas anggaran baru pada 18 Oktober 2021, setelah berbulan-bulan pembahasan.",
     "17 Agustus 2021"),
    ("sw", "Desemba 23, 2024", "2024-12-23", "Imesasishwa Desemba 27, 2024",
     "Baraza la mji litapiga kura kuhusu bajeti mpya tarehe 18 Januari 2025, baada ya miezi ya mazungumzo marefu.",
     "Desemba 20, 2024"),
    ("ar", "الثلاثاء ٥ مارس ٢٠١٩", "2019-03-05", "آخر تحديث ٧ مارس ٢٠١٩",
     "سيصوت المجلس البلدي على الميزانية الجديدة في 18 أبريل 2019 بعد أشهر من النقاش مع السكان في المدينة.",
     "1 مارس 2019"),
    ("hi", "5 मार्च 2019, 14:05", "2019-03-05T14:05:00", "अपडेट 7 मार्च 2019",
     "नगर परिषद 18 अप्रैल 2019 को नए बजट पर मतदान करेगी, शहर के निवासियों के साथ महीनों की बातचीत के बाद।",
     "1 मार्च 2019"),
    ("bg", "5 март 2019", "2019-03-05", "Обновена 7 март 2019",
     "Общинският съвет ще гласува новия бюджет на 18 април 2019 г. след месеци разговори с жителите на града.",
     "1 март 2019"),
    ("sr", "12. септембар 2020.", "2020-09-12", "Ажурирано 14. септембар 2020.",
     "Градско веће ће гласати о новом буџету 18. октобар 2020. после месеци разговора са грађанима и удружењима.",
     "9. септембар 2020."),
    ("sk", "5. apríla 2019", "2019-04-05", "Aktualizované 7. apríla 2019",
     "Mestské zastupiteľstvo bude hlasovať o novom rozpočte 18. mája 2019 po mesiacoch rozhovorov s obyvateľmi.",
     "1. apríla 2019"),
    ("ca", "5 d'abril de 2019", "2019-04-05", "Actualitzat el 7 d'abril de 2019",
     "El consell municipal votarà el nou pressupost el 18 de maig de 2019, després de mesos de converses veïnals.",
     "1 d'abril de 2019"),
    ("he", "5 במרץ 2019", "2019-03-05", "עודכן 7 במרץ 2019",
     "מועצת העיר תצביע על התקציב החדש ב-18 באפריל 2019, לאחר חודשים של שיחות עם התושבים בשכונות העיר.",
     "1 במרץ 2019"),
    ("da", "5. marts 2019", "2019-03-05", "Opdateret 7. marts 2019",
     "Byrådet stemmer om det nye budget den 18. april 2019 efter flere måneders samtaler med byens borgere.",
     "1. marts 2019"),
]  # fmt: skip

FILLER = (
    "<p>This paragraph is part of the story's body, written for this test so that the page reads as an "
    "article with enough running text, and it carries no date of any kind.</p>"
)


def page(lang: str, publication: str | None, updated: str, event: str, other: str) -> str:
    """A small site's article page: a related box before the story, the story (its info line, an
    update line, a body with an event date), comments with a date, and a copyright footer."""
    info = f'<div class="article-info"><span>{publication}</span></div>' if publication else ""
    return (
        f'<html lang="{lang}"><head><title>A story</title></head><body>'
        '<div class="site-header"><a href="/">The Small Site</a></div>'
        f'<div class="related-posts"><a href="/other">Another story</a><span>{other}</span></div>'
        f"<article><h1>The council and its budget</h1>"
        f'<div class="article-tools"><span>{updated}</span></div>{info}'
        f"<p>{event} {event}</p>{FILLER}{FILLER}"
        f'</article><div class="comments"><div class="comment"><b>Reader</b> <span>{other}</span>'
        "<p>A reader's comment on the story.</p></div></div>"
        "<div class='site-info'><p>© 2019 The Small Site</p></div></body></html>"
    )


def day_of(html: str, url: str = "https://small.test/council-budget") -> str | None:
    return extract_article(HtmlResponse(url=url, body=html.encode("utf-8"), encoding="utf-8")).datePublished


@pytest.mark.parametrize(("lang", "publication", "expected", "updated", "event", "other"), LANGUAGES)
def test_publication_day_shown_as_text_near_the_headline(
    lang: str, publication: str, expected: str, updated: str, event: str, other: str
) -> None:
    assert day_of(page(lang, publication, updated, event, other)) == expected


@pytest.mark.parametrize(("lang", "publication", "expected", "updated", "event", "other"), LANGUAGES)
def test_no_update_comment_teaser_event_or_copyright_date_is_taken(
    lang: str, publication: str, expected: str, updated: str, event: str, other: str
) -> None:
    assert day_of(page(lang, None, updated, event, other)) is None


def test_the_languages_are_many() -> None:
    assert len({lang.split("-")[0] for lang, *_ in LANGUAGES}) >= 12


# -- day first or month first ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "line", "expected"),
    [
        ("en-US", "05/04/2025", "2025-05-04"),  # month first
        ("en", "05/04/2025", "2025-05-04"),
        ("en-GB", "05/04/2025", "2025-04-05"),  # day first
        ("de", "05/04/2025", "2025-04-05"),
        ("tr", "05.04.2025", "2025-04-05"),  # dotted: day first
        ("de", "05.04.2025", "2025-04-05"),
        ("en-US", "11.03.17", "2017-11-03"),  # a US page's dotted short date: month first
        ("de", "25.04.24 | 14:07 Uhr", "2024-04-25T14:07:00"),
        ("en-US", "04/24/2025", "2025-04-24"),  # a part above 12 decides by itself
        ("en-GB", "04/24/2025", "2025-04-24"),
    ],
)
def test_day_or_month_first_by_the_pages_language(lang: str, line: str, expected: str) -> None:
    html = f'<html lang="{lang}"><body><article><h1>A story</h1><p class="info">{line}</p>{FILLER}</article>'
    assert day_of(html + "</body></html>") == expected


def test_a_slash_date_of_a_page_without_a_language_is_not_guessed() -> None:
    html = f'<html><body><article><h1>A story</h1><p class="info">05/04/2025</p>{FILLER}</article></body></html>'
    assert day_of(html) is None


@pytest.mark.parametrize("line", ["5 hours ago", "vor 3 Stunden", "Heute, 11:07 Uhr", "il y a 2 jours", "2 min read"])
def test_a_relative_time_is_not_a_date(line: str) -> None:
    html = f'<html lang="en"><body><article><h1>A story</h1><p class="date">{line}</p>{FILLER}</article></body></html>'
    assert day_of(html) is None


# -- stamps, the URL, the image ------------------------------------------------------------------


def stamped(markup: str, url: str = "https://small.test/story", head: str = "") -> str | None:
    html = f"<html lang='en'><head>{head}</head><body><article><h1>A story</h1>{markup}{FILLER}</article></body></html>"
    return day_of(html, url)


def test_a_stamp_keeps_the_pages_offset_and_day() -> None:
    assert stamped('<time datetime="2024-03-04T23:30:00-05:00">4 Mar</time>') == "2024-03-04T23:30:00-05:00"


def test_a_midnight_stamp_is_a_day() -> None:
    # read as a minute, its UTC day would be the day before
    assert stamped('<time datetime="2024-11-29T00:00:00+01:00">29.11.2024</time>') == "2024-11-29"


def test_the_urls_day_wins_over_a_shown_date_that_disagrees() -> None:
    url = "https://small.test/2023/06/19/a-story/"
    assert stamped('<p class="info">June 25, 2023</p>', url) == "2023-06-19"
    # a shown date that agrees with the URL is taken, with its time
    assert stamped('<p class="info">June 19, 2023 10:04 pm</p>', url) == "2023-06-19T22:04:00"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://small.test/news/2023/apr/28/a-story/", "2023-04-28"),
        ("https://small.test/world/20241203-A1B2C3/", "2024-12-03"),
        ("https://small.test/2024/abc/05/a-story/", None),  # not a month
        ("https://small.test/id/20240424123/", None),  # a number, not a day
    ],
)
def test_the_urls_day_in_more_shapes(url: str, expected: str | None) -> None:
    assert stamped("", url) == expected


def test_a_shown_day_next_to_the_urls_is_taken_only_as_a_stamp_with_an_offset() -> None:
    url = "https://small.test/news/2023/apr/28/a-story/"
    assert stamped('<p class="info">April 27, 2023</p>', url) == "2023-04-28"
    stamp = '<time datetime="2023-04-27T23:10:00-04:00">Apr 27</time>'
    assert stamped(stamp, url) == "2023-04-27T23:10:00-04:00"


def test_the_images_day_is_a_last_resort_only() -> None:
    head = '<meta property="og:image" content="https://img.small.test/2024/05/02/20/27/photo.jpg">'
    assert stamped("", head=head) == "2024-05-02"
    assert stamped('<p class="info">May 3, 2024</p>', head=head) == "2024-05-03"
    uploads = '<meta property="og:image" content="https://small.test/wp-content/uploads/2024/05/photo.jpg">'
    assert stamped("", head=uploads) is None  # a month is not a day


def test_a_wordpress_entry_date_is_the_posts_date_even_marked_updated() -> None:
    markup = '<time class="entry-date updated td-module-date" datetime="2023-11-15T19:00:00+02:00">15 Nov</time>'
    assert stamped(markup) == "2023-11-15T19:00:00+02:00"
    assert stamped('<time class="updated" datetime="2023-11-16T19:00:00+02:00">16 Nov</time>') is None


@pytest.mark.parametrize("layout", ["detailBodyContainer withSidebar", "site-main has-sidebar", "cs-sidebar-enabled"])
def test_a_layout_that_has_a_sidebar_is_not_a_sidebar(layout: str) -> None:
    html = (
        f'<html lang="en"><body><div class="{layout}"><div class="story"><h1>A story</h1>'
        f'<time class="stamp" datetime="2024-08-08T08:00:00Z">Aug 8</time>{FILLER}</div>'
        '<div class="sidebar"><time datetime="2024-08-01">Aug 1</time></div></div></body></html>'
    )
    assert day_of(html) == "2024-08-08T08:00:00+00:00"


def test_a_date_in_a_caption_or_a_quote_near_the_headline_is_not_taken() -> None:
    markup = (
        "<figure><img src='/a.jpg'><figcaption>The square on 5 January 2026</figcaption></figure>"
        "<blockquote>We met on 2 January 2026.</blockquote><p class='info'>6 January 2026</p>"
    )
    assert stamped(markup) == "2026-01-06"


def test_a_time_whose_stamp_is_the_update_gives_the_day_it_writes_first() -> None:
    markup = (
        '<time datetime="2024-12-07T12:43:39Z">Dec. 6, 2024, 10:00 PM UTC<span> / </span>Updated '
        "Dec. 7, 2024, 12:43 PM UTC</time>"
    )
    assert stamped(markup) == "2024-12-06T22:00:00"
    assert stamped(f'<div class="sidebar-x">{markup}</div>') == "2024-12-06T22:00:00"  # by <time> alone too
    assert stamped('<time datetime="2024-12-07T12:43:39Z">Updated Dec. 7, 2024</time>') is None


def test_the_posts_own_footer_gives_its_date_the_sites_footer_does_not() -> None:
    post = (
        '<html lang="en"><body><article class="post"><header class="entry-header"><h1>A story</h1></header>'
        f'<div class="entry-content">{FILLER}{FILLER}{FILLER}{FILLER}</div>'
        '<footer class="entry-meta">This entry was posted on <a href="/a"><time class="entry-date" '
        'datetime="2019-03-05T10:20:00+00:00">March 5, 2019</time></a></footer></article>'
    )
    assert day_of(post + "</body></html>") == "2019-03-05T10:20:00+00:00"
    site = (
        f'<html lang="en"><body><article class="post"><h1>A story</h1>{FILLER}{FILLER}{FILLER}{FILLER}'
        '</article><footer class="site"><p>Last post: <time datetime="2019-03-09">March 9, 2019</time></p>'
        "</footer></body></html>"
    )
    assert day_of(site) is None


def test_a_citations_access_date_is_not_the_publication_date() -> None:
    references = (
        '<ol class="references"><li><cite class="citation web">"A source".</cite>'
        '<span class="reference-accessdate">. Retrieved 27 January 2020</span></li></ol>'
    )
    html = f'<html lang="en"><body><article><h1>A story</h1>{FILLER}{FILLER}{FILLER}{FILLER}{references}'
    assert day_of(html + "</article></body></html>") is None


def test_a_date_above_the_headline_in_its_header_block() -> None:
    html = (
        '<html lang="de"><body><article><header><div class="kicker">Politik | 05.06.2025 um 14:46</div>'
        f"<h1>Eine Geschichte</h1></header>{FILLER}{FILLER}{FILLER}{FILLER}</article></body></html>"
    )
    assert day_of(html) == "2025-06-05T14:46:00"


def test_a_data_attribute_that_names_the_publication() -> None:
    markup = '<p class="dateline" data-publicationdate="2024-04-15T13:38:00+02:00" data-i18n-today="Heute"></p>'
    assert stamped(markup) == "2024-04-15T13:38:00+02:00"
