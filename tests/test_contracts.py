"""``scrapy check``: the spiders' contracts run on saved pages, offline, and they can fail."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from scrapy.exceptions import ContractFail, NotConfigured
from scrapy.utils.test import get_crawler

from newsbot.contracts import FilledContract, SavedPageContract
from newsbot.items import ArticleItem
from newsbot.middlewares.saved_pages import SavedPageMiddleware
from newsbot.spiders.news import NewsSpider

ROOT = Path(__file__).resolve().parents[1]


def scrapy_check(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "scrapy", "check", *args]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_scrapy_check_runs_the_contracts_of_both_spiders_and_they_pass() -> None:
    result = scrapy_check("-v")
    output = result.stdout + result.stderr
    ran = re.search(r"Ran (\d+) contracts?", output)
    assert ran and int(ran.group(1)) >= 20, output[-3000:]
    assert result.returncode == 0 and "FAILED" not in output, output[-3000:]
    checked = {
        "trtworld": ("parse_feed", "parse_listing", "parse_article"),
        "news": ("parse_robots", "parse_sitemap", "parse_home", "parse_feed", "parse_article"),
    }
    for spider, callbacks in checked.items():
        for callback in callbacks:
            assert re.search(rf"\[{spider}\] {callback} \(@returns post-hook\) \.\.\. ok", output), (spider, callback)
    assert "[news] parse_listing" not in output  # TRT World's section pages are not the news spider's


def test_the_contract_list() -> None:
    result = scrapy_check("-l")
    assert result.returncode == 0
    assert "news\n" in result.stdout and "trtworld\n" in result.stdout and "  * parse_sitemap" in result.stdout


def spider_method() -> object:
    return NewsSpider(site="http://news.example").parse_article


def test_filled_fails_on_an_empty_field_and_on_no_item() -> None:
    contract = FilledContract(spider_method(), "headline", "authors")
    contract.post_process([ArticleItem(url="u", headline="h", authors=["a"])])  # type: ignore[list-item]
    with pytest.raises(ContractFail, match="authors"):
        contract.post_process([ArticleItem(url="u", headline="h")])
    with pytest.raises(ContractFail, match="no item"):
        contract.post_process([])


def test_saved_pages_come_only_from_the_project() -> None:
    contract = SavedPageContract(spider_method(), "tests/fixtures/contracts/news_robots.txt", "http://news.example/r")
    args = contract.adjust_request_args({"meta": {"x": 1}})
    assert args["url"] == "http://news.example/r" and args["meta"]["x"] == 1
    with pytest.raises(ValueError, match="outside the project"):
        SavedPageContract(spider_method(), "../../etc/passwd", "http://x/").adjust_request_args({})


def test_the_saved_page_middleware_is_off_outside_scrapy_check(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCRAPY_CHECK", raising=False)
    with pytest.raises(NotConfigured):
        SavedPageMiddleware.from_crawler(get_crawler())
