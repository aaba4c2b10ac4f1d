"""Field caps in validation: an overlong headline or body drops the item, other fields are cut."""

from __future__ import annotations

from typing import Any

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from newsbot.items import ArticleItem, Author, Image, Link
from newsbot.pipelines.validate import ValidatePipeline

BODY = "A paragraph of a real story, long enough to be one. " * 20
MEGABYTE = 1 << 20


def pipeline(**settings: Any) -> ValidatePipeline:
    return build_from_crawler(ValidatePipeline, get_crawler(settings_dict=settings))


def story(**fields: Any) -> ArticleItem:
    return ArticleItem(**{"url": "http://127.0.0.1:8765/article/0123456789ab", "headline": "A headline",
                          "articleBody": BODY, **fields})  # fmt: skip


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"headline": "Breaking " * (MEGABYTE // 9)}, "headline_too_long"),
        ({"articleBody": "x" * 600_000}, "body_too_long"),
    ],
)
def test_an_overlong_headline_or_body_drops_the_article(fields: dict[str, str], reason: str) -> None:
    validate = pipeline()
    with pytest.raises(DropItem, match=reason):
        validate.process_item(story(**fields))
    assert validate.crawler.stats.get_value(f"newsbot/dropped/{reason}") == 1
    assert validate.crawler.stats.get_value("newsbot/validate/ok") is None


def test_the_caps_are_settings() -> None:
    validate = pipeline(NEWSBOT_MAX_HEADLINE_CHARS=5, NEWSBOT_MAX_BODY_CHARS=len(BODY) - 1)
    with pytest.raises(DropItem, match="body_too_long"):
        validate.process_item(story())
    with pytest.raises(DropItem, match="headline_too_long"):
        validate.process_item(story(articleBody=BODY[:300]))


def test_overfilled_secondary_fields_are_cut_and_counted(caplog: pytest.LogCaptureFixture) -> None:
    validate = pipeline()
    long = "y" * MEGABYTE
    item = story(
        description=long,
        authors=[Author(name=long, url="http://127.0.0.1:8765/author/a.b")],
        keywords=[f"k{n}" for n in range(2000)],
        mainImage=Image(url="http://img.example/1.jpeg", caption=long, credit="AA"),
        relatedLinks=[Link(url="http://127.0.0.1:8765/article/aaaaaaaaaaaa", headline=long, kind="explore")],
    )
    with caplog.at_level("INFO"):
        kept = validate.process_item(item)
    assert isinstance(kept, ArticleItem)
    assert len(kept.description or "") == 5000 and kept.description == long[:5000]
    assert [len(a.name) for a in kept.authors] == [5000] and kept.authors[0].url == item.authors[0].url
    assert kept.keywords == [f"k{n}" for n in range(500)]
    assert kept.mainImage is not None and len(kept.mainImage.caption or "") == 5000 and kept.mainImage.credit == "AA"
    assert [(link.url, len(link.headline or "")) for link in kept.relatedLinks] == [(item.relatedLinks[0].url, 5000)]
    assert kept.headline == item.headline and kept.articleBody == item.articleBody
    stats = validate.crawler.stats
    for field in ("description", "authors", "keywords", "mainImage", "relatedLinks"):
        assert stats.get_value(f"newsbot/validate/truncated/{field}") == 1, field
    assert stats.get_value("newsbot/validate/ok") == 1
    assert len([r for r in caplog.records if "Truncated" in r.getMessage() and item.url in r.getMessage()]) == 1


def test_an_item_within_the_caps_passes_unchanged() -> None:
    validate = pipeline()
    item = story(description="A standfirst.", keywords=["Ankara"], authors=[Author(name="Jane Doe")])
    assert validate.process_item(item) is item
    assert not [k for k in validate.crawler.stats.get_stats() if "truncated" in k]


AT_CAP = "z" * 5000
OVER_CAP = AT_CAP + "z"
LINK = "http://127.0.0.1:8765/article/aaaaaaaaaaaa"


@pytest.mark.parametrize(
    ("fields", "cut"),
    [
        *[({name: AT_CAP}, None) for name in ("description", "datePublishedRaw", "inLanguage", "articleSection")],
        *[({name: OVER_CAP}, name) for name in ("description", "datePublishedRaw", "inLanguage", "sourceCredit")],
        ({"authors": [Author(name="Jane Doe"), Author(name=AT_CAP)]}, None),
        ({"authors": [Author(name="Jane Doe"), Author(name=OVER_CAP)]}, "authors"),
        ({"authors": [Author(name=f"A{n}") for n in range(501)]}, "authors"),
        ({"keywords": ["k"] * 500}, None),
        ({"keywords": ["k"] * 501}, "keywords"),
        ({"keywords": ["k", OVER_CAP]}, "keywords"),
        ({"relatedLinks": [Link(url=LINK, headline=AT_CAP, kind="related")] * 500}, None),
        ({"relatedLinks": [Link(url=LINK, headline=OVER_CAP, kind="related")]}, "relatedLinks"),
        ({"relatedLinks": [Link(url=LINK, headline=None, kind="related")] * 501}, "relatedLinks"),
        ({"mainImage": Image(url="http://img.example/1.jpeg", caption=AT_CAP, credit=AT_CAP)}, None),
        ({"mainImage": Image(url="http://img.example/1.jpeg", caption=OVER_CAP)}, "mainImage"),
        ({"mainImage": Image(url="http://img.example/1.jpeg", credit=OVER_CAP)}, "mainImage"),
    ],
)
def test_the_check_for_caps_agrees_with_the_cut(fields: dict[str, Any], cut: str | None) -> None:
    """One field at its cap passes as it is (the same item); one field over it is the only one cut."""
    validate = pipeline()
    item = story(**fields)
    assert validate.within_caps(item) is (cut is None)
    kept, names = validate.truncated(item)
    assert names == (set() if cut is None else {cut})
    assert (kept is item) is (cut is None)


def test_a_required_field_is_read_from_the_item_and_a_name_no_item_has_is_missing() -> None:
    validate = pipeline(NEWSBOT_REQUIRED_FIELDS=["url", "headline", "articleBody", "description"])
    assert validate.problem(story(description="A standfirst.")) is None
    assert validate.problem(story()) == "missing_description"
    assert validate.problem(story(description="")) == "missing_description"
    validate.required = ["notAField"]
    assert validate.problem(story()) == "missing_notAField"
