"""GcTuning: thresholds raised for the crawl, start-up state frozen, both undone after, collections counted."""

from __future__ import annotations

import gc
import itertools
from types import SimpleNamespace

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from newsbot.extensions import gc_tuning
from newsbot.extensions.gc_tuning import GcTuning


def test_thresholds_raised_during_the_crawl_and_restored_after(monkeypatch: pytest.MonkeyPatch) -> None:
    # a clock that moves 0.25 s at each reading: each collection lasts exactly 0.25 s
    ticks = itertools.count()
    monkeypatch.setattr(gc_tuning, "time", SimpleNamespace(perf_counter=lambda: next(ticks) * 0.25))
    before = gc.get_threshold()
    crawler = get_crawler(settings_dict={"NEWSBOT_GC_THRESHOLD": [40000, 30, 60]})
    extension = build_from_crawler(GcTuning, crawler)
    extension.spider_opened(None)
    try:
        assert gc.get_threshold() == (40000, 30, 60)
        assert gc.get_freeze_count() > 0  # what exists at start is left out of collections
        for _ in range(3):
            gc.collect()
    finally:
        extension.spider_closed(None)
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
    collections = crawler.stats.get_value("newsbot/gc/collections")
    assert collections >= 3  # the three above, and any the raised thresholds started
    assert crawler.stats.get_value("newsbot/gc/seconds") == collections * 0.25
    gc.collect()
    assert extension.collections == collections  # no longer counting


def test_an_empty_setting_turns_it_off() -> None:
    with pytest.raises(NotConfigured):
        build_from_crawler(GcTuning, get_crawler(settings_dict={"NEWSBOT_GC_THRESHOLD": []}))
