"""GcTuning: thresholds raised for the crawl, restored after, collections counted."""

from __future__ import annotations

import gc

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from newsbot.extensions.gc_tuning import GcTuning


def test_thresholds_raised_during_the_crawl_and_restored_after() -> None:
    before = gc.get_threshold()
    crawler = get_crawler(settings_dict={"NEWSBOT_GC_THRESHOLD": [40000, 30, 60]})
    extension = build_from_crawler(GcTuning, crawler)
    extension.spider_opened(None)
    try:
        assert gc.get_threshold() == (40000, 30, 60)
        gc.collect()
    finally:
        extension.spider_closed(None)
    assert gc.get_threshold() == before
    assert crawler.stats.get_value("newsbot/gc/collections") >= 1
    assert crawler.stats.get_value("newsbot/gc/seconds") >= 0


def test_an_empty_setting_turns_it_off() -> None:
    with pytest.raises(NotConfigured):
        build_from_crawler(GcTuning, get_crawler(settings_dict={"NEWSBOT_GC_THRESHOLD": []}))
