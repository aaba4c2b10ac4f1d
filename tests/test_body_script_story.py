"""A story only in a script (issue 18): a page that renders its article from data in a script
shows no story of its own; the body is read from that data.

- Next.js flight data: the article's markup as a text row (``<id>:T<hex byte length>,<html>``) of
  ``self.__next_f.push`` chunks, read by the visible body's rules when the page shows no story;
- JSON-LD: a long ``articleBody`` stands in for a visible body of a cookie line.

Negative tests: a page showing its story keeps it whatever the scripts carry; a short text row
(a caption, a teaser) is no story; a row's length is counted in UTF-8 bytes (text in Korean or
German umlauts is cut where the row ends, never into the next row).

All text here is made up for the tests.
"""

from __future__ import annotations

import json

from scrapy.http import HtmlResponse

from newsbot.extraction import extract_article
from newsbot.extraction.script_body import script_paragraphs, stands_in, text_rows

STORY = [
    "The river ferry between the two old quarters returns to service on Monday after a winter of repairs.",
    "Its new engine burns a third less fuel, the harbour office said, and the crossing takes eight minutes.",
    "Residents had walked the long way round over the rail bridge since November, a detour of half an hour.",
    "A second boat is planned for the summer, when the crossing carries most of its passengers.",
    "Tickets keep their price of one euro, and children under twelve ride free as before.",
    "The harbour office will publish the new timetable on its notice board by the landing on Friday.",
    "Traders along the embankment expect their customers back once the boat runs again every quarter hour.",
]
KOREAN = [
    "시 당국은 월요일부터 두 구시가지를 잇는 강 페리 운항을 다시 시작한다고 밝혔다. 겨울 동안 엔진을 교체했다.",
    "새 엔진은 연료를 삼분의 일 덜 쓰며 강을 건너는 데 8분이 걸린다고 항만 사무소가 설명했다.",
    "주민들은 11월부터 철교를 돌아 30분을 더 걸어야 했으며 여름에는 두 번째 배가 투입될 예정이다.",
    "요금은 1유로로 유지되고 12세 미만 어린이는 예전처럼 무료로 탈 수 있다고 시는 덧붙였다.",
    "항만 사무소는 이번 주말 시범 운항을 거쳐 정식 시간표를 발표할 계획이라고 말했다.",
    "강변 상인들은 페리 재개로 손님이 다시 늘어날 것으로 기대하고 있다고 전했다.",
    "시의회는 다음 달 회의에서 야간 운항을 늘리는 방안도 논의할 예정이라고 밝혔다. 의원들은 대체로 찬성하는 분위기다.",
    "구시가지 상인회는 페리 운항 재개를 환영하며 선착장 주변 청소 행사를 열겠다고 발표했다. 주민 참여도 기대된다.",
    "항만 사무소는 겨울철 점검 결과를 누리집에 공개하고 승객 의견을 받는 창구도 새로 열었다고 설명했다.",
    "선착장 옆 주차장은 공사를 마치고 다음 주부터 다시 문을 연다. 자전거 보관대도 두 배로 늘어난다고 시는 밝혔다.",
    "관광 안내소는 페리와 트램을 함께 타는 하루 승차권을 여름부터 판매할 계획이라고 덧붙였다.",
]


def flight_script(chunk: str) -> str:
    return f"<script>self.__next_f.push({json.dumps([1, chunk])})</script>"


def text_row(row_id: str, text: str) -> str:
    return f"{row_id}:T{len(text.encode('utf-8')):x},{text}"


def page(body: str, scripts: str = "", headline: str = "Ferry returns") -> str:
    return (
        f"<html><head><title>{headline}</title>{scripts}</head><body>"
        f"<header><nav><a href='/'>Home</a> <a href='/city'>City</a></nav></header>"
        f"<main><h1>{headline}</h1>{body}</main><footer>© City News</footer></body></html>"
    )


def extract(html: str):
    return extract_article(HtmlResponse(url="https://news.example/city/ferry-returns", body=html.encode("utf-8")))


def article_markup(paragraphs: list[str]) -> str:
    return "<div class='img'><img src='/f.jpg'></div>" + "".join(f"<p class='text'>{p}</p>" for p in paragraphs)


def test_a_story_only_in_a_flight_text_row_is_read() -> None:
    rows = (
        '0:["$","div",null,{"children":"$24"}]\n'
        + text_row("24", article_markup(STORY))
        + '\n25:["$","p",null,{"children":"Share"}]\n'
    )
    item = extract(page("<div id='root'></div>", flight_script(rows)))
    assert item.articleBody.split("\n\n") == STORY
    assert item.metadata["extractor"] == "generic:script"


def test_a_row_length_counts_utf8_bytes_so_the_next_row_is_never_read_into_it() -> None:
    markup = article_markup(KOREAN)
    payload = text_row("1a", markup) + text_row("1b", "<p>다음 기사: 다른 이야기</p>") + "\n"
    assert text_rows(payload) == [markup, "<p>다음 기사: 다른 이야기</p>"]
    assert script_paragraphs(payload) == KOREAN


def test_chunks_of_a_row_split_over_several_scripts_are_joined() -> None:
    row = text_row("7", article_markup(STORY))
    half = len(row) // 2
    item = extract(page("", flight_script(row[:half]) + flight_script(row[half:] + "\n")))
    assert item.articleBody.split("\n\n") == STORY


def test_a_page_showing_its_story_keeps_it_whatever_the_flight_data_carries() -> None:
    other = ["A different text about the tram depot that the page never shows to its readers." * 2] * 4
    shown = "".join(f"<p>{p}</p>" for p in STORY)
    item = extract(page(shown, flight_script(text_row("3", article_markup(other)) + "\n")))
    assert item.articleBody.split("\n\n") == STORY
    assert item.metadata["extractor"] == "generic:visible"


def test_a_short_text_row_is_no_story() -> None:
    payload = text_row("4", "<p>The ferry at dawn, seen from the rail bridge.</p>") + "\n"
    assert script_paragraphs(payload) == []
    item = extract(page("<p>Ferry returns on Monday.</p>", flight_script(payload)))
    assert item.metadata["extractor"] != "generic:script"


def test_a_row_without_paragraph_markup_is_no_story() -> None:
    payload = text_row("5", "x" * 2000 + " " + "y" * 2000) + "\n"
    assert script_paragraphs(payload) == []


def test_a_long_jsonld_body_stands_in_for_a_page_showing_only_a_cookie_line() -> None:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Ferry returns",
            "articleBody": "\n\n".join(STORY)}  # fmt: skip
    scripts = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    item = extract(page("<p>We use cookies to improve the site for everyone.</p>", scripts))
    assert item.articleBody.split("\n\n") == STORY
    assert item.metadata["extractor"] == "generic:jsonld"


def test_a_visible_story_is_kept_beside_a_different_jsonld_body() -> None:
    other = "A different text about the tram depot and its new timetable for the spring. " * 12
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Ferry returns", "articleBody": other}
    scripts = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    item = extract(page("".join(f"<p>{p}</p>" for p in STORY), scripts))
    assert item.articleBody.split("\n\n") == STORY


def test_stands_in_only_for_a_missing_or_tiny_visible_body() -> None:
    long_story = "word " * 200
    assert stands_in(long_story, None)
    assert stands_in(long_story, "A cookie line.")
    assert not stands_in(long_story, "x" * 400)  # a visible story of its own
    assert not stands_in("too short to be a story", None)
    assert stands_in(None, "") and not stands_in(None, "x" * 500)
