"""One source for each setting's default, read without fallbacks, validated through one function (#20).

The registry (``newsbot.config.SETTINGS``) gives ``settings.py`` its ``NEWSBOT_*`` values and
README.md its settings tables; a component built on a bare ``Settings()`` reads the registry's
defaults; no call site carries a default of its own; and the validation has one function,
entered in a crawl through the ``SettingsCheck`` add-on.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from scrapy.settings import BaseSettings, Settings
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.project import get_project_settings
from scrapy.utils.test import get_crawler

import newsbot.settings
from newsbot.config import (
    README,
    REGISTRY,
    SETTINGS,
    default,
    default_text,
    defaults,
    markdown_table,
    newsbot_settings,
    with_tables,
)
from newsbot.errors import SettingsError
from newsbot.monitoring.health import Thresholds
from newsbot.pipelines.validate import ValidatePipeline
from newsbot.settings_check import SettingsCheck

ROOT = Path(__file__).resolve().parent.parent

# -- settings.py and README.md come from the registry ----------------------------------------


def test_settings_py_sets_each_newsbot_setting_to_its_registry_default() -> None:
    values = {name: value for name, value in vars(newsbot.settings).items() if name.startswith("NEWSBOT_")}
    assert values == defaults()
    assert get_project_settings().getint("NEWSBOT_FOLLOW_DEPTH") == REGISTRY["NEWSBOT_FOLLOW_DEPTH"].default


def test_a_list_default_is_a_new_list_each_time() -> None:
    first = default("NEWSBOT_REQUIRED_FIELDS")
    first.append("authors")
    assert default("NEWSBOT_REQUIRED_FIELDS") == ["url", "headline", "articleBody"]


def test_readme_tables_are_the_registry_s() -> None:
    text = README.read_text(encoding="utf-8")
    assert with_tables(text) == text, "README.md's settings tables differ: run python -m newsbot.config --readme"
    for setting in SETTINGS:
        assert f"| `{setting.name}` | {default_text(setting)} |" in text


def test_a_readme_table_that_differs_from_the_registry_is_rewritten() -> None:
    text = README.read_text(encoding="utf-8")
    stale = text.replace("| `NEWSBOT_FOLLOW_DEPTH` | 2 |", "| `NEWSBOT_FOLLOW_DEPTH` | 3 |")
    assert stale != text
    assert with_tables(stale) == text
    missing = text.replace("| `NEWSBOT_SINCE` |", "| `NEWSBOT_SINCE_GONE` |")
    assert with_tables(missing) == text


def test_a_readme_without_the_markers_is_refused() -> None:
    with pytest.raises(ValueError, match="markers"):
        with_tables("# newsbot\n\nno tables here\n")


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("NEWSBOT_BASE_URL", "`https://www.trtworld.com`"),
        ("NEWSBOT_DATABASE_URL", "empty"),
        ("NEWSBOT_LANGUAGES", "empty"),
        ("NEWSBOT_SITEMAP_MAX_BYTES", "10 MiB"),
        ("NEWSBOT_LOCK_TIMEOUT_SECONDS", "60"),
        ("NEWSBOT_DEDUP_THRESHOLD", "0.68"),
        ("NEWSBOT_DEDUP_ENABLED", "True"),
        ("NEWSBOT_GC_THRESHOLD", "`[50000, 50, 100]`"),
    ],
)
def test_defaults_are_shown_as_a_reader_writes_them(name: str, shown: str) -> None:
    assert default_text(REGISTRY[name]) == shown


def test_health_settings_have_their_own_table() -> None:
    health, main = markdown_table("health"), markdown_table("settings")
    assert "`NEWSBOT_MONITOR_MAX_ERROR_RATE`" in health and "`NEWSBOT_MONITOR_MAX_ERROR_RATE`" not in main
    assert "`NEWSBOT_FOLLOW_DEPTH`" in main and "`NEWSBOT_FOLLOW_DEPTH`" not in health


def test_the_command_prints_the_tables() -> None:
    result = subprocess.run([sys.executable, "-m", "newsbot.config", "--markdown"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == markdown_table("settings") + "\n" + markdown_table("health")


# -- a bare Settings() reads the registry's defaults -----------------------------------------


def test_project_settings_are_read_as_they_are() -> None:
    project = get_project_settings()
    assert newsbot_settings(project) is project


def test_a_bare_settings_reads_the_registry_defaults_and_keeps_what_it_sets() -> None:
    bare = Settings({"NEWSBOT_MIN_BODY_CHARS": 50})
    bare.set("NEWSBOT_DEDUP_MODE", "flag", priority="cmdline")
    filled = newsbot_settings(bare)
    assert filled.getint("NEWSBOT_FOLLOW_DEPTH") == 2
    assert filled.getlist("NEWSBOT_GC_THRESHOLD") == [50000, 50, 100]
    assert filled.getint("NEWSBOT_MIN_BODY_CHARS") == 50
    assert filled.get("NEWSBOT_DEDUP_MODE") == "flag" and filled.getpriority("NEWSBOT_DEDUP_MODE") == 40
    assert filled.getint("CONCURRENT_REQUESTS") == bare.getint("CONCURRENT_REQUESTS")  # Scrapy's own kept
    assert "NEWSBOT_FOLLOW_DEPTH" not in bare  # the crawler's settings are left alone
    assert newsbot_settings({"NEWSBOT_SINCE": "3d"}).get("NEWSBOT_SINCE") == "3d"  # a plain mapping too


def test_a_component_built_without_the_project_reads_the_registry_defaults() -> None:
    validate = build_from_crawler(ValidatePipeline, get_crawler())
    assert validate.min_body_chars == REGISTRY["NEWSBOT_MIN_BODY_CHARS"].default
    assert validate.max_body_chars == REGISTRY["NEWSBOT_MAX_BODY_CHARS"].default
    given = build_from_crawler(ValidatePipeline, get_crawler(settings_dict={"NEWSBOT_MIN_BODY_CHARS": 7}))
    assert given.min_body_chars == 7


def test_health_thresholds_default_to_the_registry() -> None:
    assert Thresholds().max_error_rate == REGISTRY["NEWSBOT_MONITOR_MAX_ERROR_RATE"].default
    assert Thresholds().known_stats == REGISTRY["NEWSBOT_MONITOR_KNOWN_STATS"].default
    assert Thresholds.from_settings({}) == Thresholds()
    assert Thresholds.from_settings({"NEWSBOT_MONITOR_MIN_REQUESTS": "9"}).min_requests == 9


FALLBACK = re.compile(r"""\.get\w*\(\s*f?["']NEWSBOT_[A-Z0-9_{}]+["']\s*,""")


def test_no_call_site_gives_a_setting_a_default_of_its_own() -> None:
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in sorted((ROOT / "newsbot").rglob("*.py"))
        for match in FALLBACK.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []
    assert FALLBACK.search('settings.getint("NEWSBOT_FOLLOW_DEPTH", 2)')  # the scan sees one


# -- one validation ----------------------------------------------------------------------------

VALIDATES = re.compile(r"\b(crawl_problems|check_settings|validate_settings)\(")


def test_the_validation_is_called_from_the_add_on_and_the_commands_only() -> None:
    callers = {
        str(path.relative_to(ROOT))
        for path in (ROOT / "newsbot").rglob("*.py")
        if VALIDATES.search(path.read_text(encoding="utf-8"))
    }
    assert callers == {
        "newsbot/settings_check.py",
        "newsbot/commands/__init__.py",
        "newsbot/commands/crawl.py",
        "newsbot/schedule.py",
    }


def test_the_add_on_is_the_first_of_the_project() -> None:
    addons = get_project_settings().getdict("ADDONS")
    assert min(addons, key=addons.__getitem__) == "newsbot.settings_check.SettingsCheck"


@pytest.mark.parametrize("hook", ["update_pre_crawler_settings", "update_settings"])
def test_the_add_on_refuses_a_bad_setting_in_either_hook(hook: str) -> None:
    bad = get_project_settings()
    bad.set("NEWSBOT_FOLLOW_DEPTH", "abc", priority="cmdline")
    with pytest.raises(SettingsError, match="NEWSBOT_FOLLOW_DEPTH='abc': expected an integer >= 0"):
        getattr(SettingsCheck(), hook)(bad)
    getattr(SettingsCheck(), hook)(get_project_settings())  # valid: nothing raised


def test_a_bad_setting_fails_when_the_process_is_created(tmp_path: Path) -> None:
    """Before the log file, the spider loader or a spider exists."""
    log = tmp_path / "crawl.log"
    code = (
        "from scrapy.crawler import AsyncCrawlerProcess\n"
        "from scrapy.utils.project import get_project_settings\n"
        "settings = get_project_settings()\n"
        f"settings.setdict({{'NEWSBOT_DEDUP_MODE': 'keep', 'LOG_FILE': {str(log)!r}}}, priority='cmdline')\n"
        "AsyncCrawlerProcess(settings)\n"
        "print('created')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "created" not in result.stdout
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("newsbot.errors.SettingsError: invalid newsbot settings: NEWSBOT_DEDUP_MODE='keep'")
    assert not log.exists()


def test_a_bare_settings_crawl_is_not_refused_for_names_it_lacks() -> None:
    assert SettingsCheck().update_settings(BaseSettings({})) is None
