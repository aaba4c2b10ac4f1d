"""Paywalled stories (issue 19): ``isAccessibleForFree`` on the article or its parts, JSON-LD or microdata."""

from __future__ import annotations

from typing import Any

import pytest
from parsel import Selector

from newsbot.extraction.access import accessible_for_free


@pytest.mark.parametrize(
    ("article", "free"),
    [
        ({"isAccessibleForFree": False}, False),
        ({"isAccessibleForFree": "False"}, False),
        ({"isAccessibleForFree": "https://schema.org/False"}, False),
        ({"isAccessibleForFree": True, "hasPart": {"@type": "WebPageElement", "isAccessibleForFree": False}}, False),
        ({"hasPart": [{"isAccessibleForFree": "true"}, {"isAccessibleForFree": "false", "cssSelector": ".x"}]}, False),
        ({"isAccessibleForFree": True}, True),
        ({"isAccessibleForFree": "yes", "hasPart": {"isAccessibleForFree": True}}, True),
        # nothing said, or nothing readable: not a paywall
        ({}, None),
        ({"isAccessibleForFree": "maybe"}, None),
        ({"isAccessibleForFree": None, "hasPart": "not an object"}, None),
        ({"headline": "Free to read", "hasPart": [{"@type": "WebPageElement"}]}, None),
    ],
)
def test_structured_data_says_whether_the_story_is_free(article: dict[str, Any], free: bool | None) -> None:
    assert accessible_for_free(article) is free


def test_microdata_is_read_when_json_ld_says_nothing() -> None:
    locked = Selector(text='<div itemscope><meta itemprop="isAccessibleForFree" content="false"><p>x</p></div>')
    assert accessible_for_free({}, locked) is False
    assert accessible_for_free({}, Selector(text='<span itemprop="isAccessibleForFree">True</span>')) is True
    # JSON-LD wins over microdata; a paragraph merely mentioning a paywall is nothing
    assert accessible_for_free({"isAccessibleForFree": True}, locked) is True
    assert accessible_for_free({}, Selector(text="<p>Subscribe: this story is not free to read.</p>")) is None
