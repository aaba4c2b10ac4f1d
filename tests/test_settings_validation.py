"""Every NEWSBOT_* setting is validated before a crawl starts (issue 7, item 11).

Unit tests of :func:`newsbot.settings_check.validate_settings`; a test that keeps the registry complete
(every ``NEWSBOT_*`` name in the source and in ``settings.py`` is registered); and the commands
as users run them (``python -m newsbot crawl``, ``scrapy crawl``, a crawler built in code), each
against a server of its own on 127.0.0.1 that must receive no request, with a database path
that must not be created.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from schedule_support import ROOT, wait_for
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings
from servers.tiny import TinySite
from test_scrapyd import BIN, call, project_copy, scrapyd  # noqa: F401 (the Scrapyd fixture)

import newsbot.settings
from newsbot.config import REGISTRY
from newsbot.errors import SettingsError
from newsbot.settings_check import check_settings, validate_settings

NAME = re.compile(r"\bNEWSBOT_[A-Z0-9_]*[A-Z0-9]\b")


def problems_with(**values: object) -> list[str]:
    """The problems of the project settings with ``values`` given as on the command line."""
    settings = get_project_settings()
    settings.setdict(values, priority="cmdline")
    return validate_settings(settings)


# -- validate_settings ---------------------------------------------------------------------


def test_the_project_defaults_are_valid() -> None:
    assert validate_settings(get_project_settings()) == []


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("NEWSBOT_FOLLOW_DEPTH", "abc", "expected an integer >= 0"),
        ("NEWSBOT_FOLLOW_DEPTH", "-1", "expected an integer >= 0"),
        ("NEWSBOT_FOLLOW_DEPTH", "1.5", "expected an integer >= 0"),
        ("NEWSBOT_SQLITE_BATCH_SIZE", "0", "expected an integer >= 1"),
        ("NEWSBOT_MONITOR_MAX_ERROR_RATE", "abc", "expected a number from 0 to 1"),
        ("NEWSBOT_MONITOR_MAX_ERROR_RATE", "1.5", "expected a number from 0 to 1"),
        ("NEWSBOT_DEDUP_THRESHOLD", "abc", "expected a number > 0 and <= 1"),
        ("NEWSBOT_DEDUP_THRESHOLD", "0", "expected a number > 0 and <= 1"),
        ("NEWSBOT_REFRESH_AFTER_HOURS", "nan", "expected a number >= 0"),
        ("NEWSBOT_DEDUP_ENABLED", "yes", "expected True or False"),
        ("NEWSBOT_DEDUP_MODE", "keep", "expected one of 'drop', 'flag'"),
        ("NEWSBOT_BASE_URL", "file:///etc/passwd", "expected an http:// or https:// URL"),
        ("NEWSBOT_BASE_URL", "www.trtworld.com", "expected an http:// or https:// URL"),
        ("NEWSBOT_GC_THRESHOLD", "1,2,3,4", "expected a list of up to 3 integers >= 0"),
        ("NEWSBOT_GC_THRESHOLD", "50000,x", "expected a list of up to 3 integers >= 0"),
        ("NEWSBOT_REQUIRED_FIELDS", "url,title", "expected a list of names among url, canonicalUrl, headline"),
        ("NEWSBOT_MONITOR_COVERAGE_FIELDS", "headline, authors", "expected a list of names among url"),
    ],
)
def test_a_bad_value_is_named_with_what_is_expected(name: str, value: str, expected: str) -> None:
    problems = problems_with(**{name: value})
    assert len(problems) == 1
    assert problems[0].startswith(f"{name}={value!r}: {expected}"), problems[0]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("NEWSBOT_FOLLOW_DEPTH", "3"),
        ("NEWSBOT_FOLLOW_DEPTH", "0"),
        ("NEWSBOT_MONITOR_MAX_ERROR_RATE", "0.5"),
        ("NEWSBOT_DEDUP_THRESHOLD", "1"),
        ("NEWSBOT_DEDUP_ENABLED", "false"),
        ("NEWSBOT_DEDUP_ENABLED", "0"),
        ("NEWSBOT_DEDUP_MODE", "flag"),
        ("NEWSBOT_BASE_URL", "http://127.0.0.1:8765"),
        ("NEWSBOT_GC_THRESHOLD", ""),
        ("NEWSBOT_GC_THRESHOLD", "40000,30,60"),
        ("NEWSBOT_SQLITE_PATH", ""),
        ("NEWSBOT_REQUIRED_FIELDS", "url,headline"),
        ("NEWSBOT_CONTACT", "mailto:ops@example.org"),
    ],
)
def test_a_good_value_from_the_command_line_passes(name: str, value: str) -> None:
    assert problems_with(**{name: value}) == []


def test_python_values_pass_as_settings_py_gives_them() -> None:
    values = {"NEWSBOT_GC_THRESHOLD": [1000, 10, 10], "NEWSBOT_DEDUP_ENABLED": False, "NEWSBOT_DEDUP_THRESHOLD": 0.5}
    assert validate_settings(values) == []
    assert validate_settings({"NEWSBOT_GC_THRESHOLD": [1000.5]}) != []


def test_an_unknown_name_is_an_error_with_the_nearest_known_name() -> None:
    assert problems_with(NEWSBOT_FOLOW_DEPTH="2") == [
        "NEWSBOT_FOLOW_DEPTH='2': not a newsbot setting; did you mean NEWSBOT_FOLLOW_DEPTH?"
    ]
    assert "did you mean NEWSBOT_DEDUP_THRESHOLD?" in problems_with(NEWSBOT_DEDUP_TRESHOLD="0.7")[0]
    far = problems_with(NEWSBOT_XYZ="1")
    assert len(far) == 1 and far[0].startswith("NEWSBOT_XYZ='1': not a newsbot setting")
    assert "did you mean" not in far[0]


def test_every_problem_is_reported_at_once() -> None:
    problems = problems_with(NEWSBOT_FOLLOW_DEPTH="abc", NEWSBOT_DEDUP_MODE="x", NEWSBOT_FOLOW_DEPTH="2")
    assert [problem.split("=")[0] for problem in problems] == [
        "NEWSBOT_DEDUP_MODE", "NEWSBOT_FOLLOW_DEPTH", "NEWSBOT_FOLOW_DEPTH",
    ]  # fmt: skip
    with pytest.raises(SettingsError) as raised:
        check_settings(Settings({"NEWSBOT_FOLLOW_DEPTH": "abc", "NEWSBOT_DEDUP_MODE": "x"}))
    assert "NEWSBOT_FOLLOW_DEPTH='abc'" in str(raised.value) and "NEWSBOT_DEDUP_MODE='x'" in str(raised.value)


# -- the registry cannot rot ---------------------------------------------------------------


def names_in_source() -> dict[str, str]:
    """Every ``NEWSBOT_*`` name written in ``newsbot/`` (code, docstrings, comments): name -> a file using it."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "newsbot").rglob("*.py")):
        for name in NAME.findall(path.read_text(encoding="utf-8")):
            found.setdefault(name, str(path.relative_to(ROOT)))
    return found


def test_every_newsbot_name_in_the_source_is_registered() -> None:
    found = names_in_source()
    assert "NEWSBOT_FOLLOW_DEPTH" in found and "NEWSBOT_MONITOR_MAX_ERROR_RATE" in found  # the scan sees the source
    missing = {name: path for name, path in found.items() if name not in REGISTRY}
    assert missing == {}, "register these in newsbot/config.py SETTINGS"


def test_every_setting_of_settings_py_is_registered_and_every_registered_one_has_a_default() -> None:
    defaults = {name for name in vars(newsbot.settings) if name.startswith("NEWSBOT_")}
    assert defaults - REGISTRY.keys() == set()
    assert REGISTRY.keys() - defaults == set()


# -- the commands: nothing starts ----------------------------------------------------------

BAD = [
    (["-s", "NEWSBOT_FOLLOW_DEPTH=abc"], ["NEWSBOT_FOLLOW_DEPTH='abc'", "expected an integer >= 0"]),
    (["-s", "NEWSBOT_FOLOW_DEPTH=2"], ["NEWSBOT_FOLOW_DEPTH='2'", "did you mean NEWSBOT_FOLLOW_DEPTH?"]),
    (["-s", "NEWSBOT_MONITOR_MAX_ERROR_RATE=abc"], ["NEWSBOT_MONITOR_MAX_ERROR_RATE='abc'", "from 0 to 1"]),
    (["-s", "NEWSBOT_DEDUP_THRESHOLD=abc"], ["NEWSBOT_DEDUP_THRESHOLD='abc'", "expected a number > 0 and <= 1"]),
]
COMMANDS = {
    "python -m newsbot crawl": [sys.executable, "-m", "newsbot", "crawl"],
    "scrapy crawl": [sys.executable, "-m", "scrapy", "crawl"],
}
PAGES = {
    "/robots.txt": ("text/plain", "User-agent: *\nAllow: /\n"),
    "/": ("text/html", "<html><body><a href='/article/00000000000a'>A story</a></body></html>"),
}


def run(command: list[str], *args: str, pythonpath: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), pythonpath]))}
    return subprocess.run([*command, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(("bad", "said"), BAD, ids=[options[1].split("=")[0] for options, _ in BAD])
def test_a_bad_setting_stops_the_command_before_anything_starts(
    tmp_path: Path, command: str, bad: list[str], said: list[str]
) -> None:
    database = tmp_path / "db" / "news.sqlite3"
    with TinySite(PAGES) as site:
        log = tmp_path / "crawl.log"
        result = run(COMMANDS[command], "trtworld", "-s", f"NEWSBOT_BASE_URL={site.base_url}",
                     "-s", f"NEWSBOT_SQLITE_PATH={database}", "-s", f"LOG_FILE={log}", *bad)  # fmt: skip
        requests = list(site.requests)
    assert result.returncode == 2, result.stderr[-3000:]
    assert "Traceback" not in result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith(f"{command}: error: ")]
    assert len(lines) == 1, result.stderr[-3000:]
    for text in said:
        assert text in lines[0]
    assert requests == []
    assert not database.parent.exists()  # no database, no lock file next to it
    assert not log.exists()  # the crawl never began: Scrapy did not even open its log


PICKY_SPIDER = '''
import scrapy


class PickySpider(scrapy.Spider):
    """Crawls one page of NEWSBOT_BASE_URL; takes only -a colour=blue."""

    name = "picky"

    @classmethod
    def check_arguments(cls, settings, **spider_kwargs):
        if spider_kwargs.get("colour") != "blue":
            raise ValueError(f"colour={spider_kwargs.get('colour')!r}: only blue")

    async def start(self):
        yield scrapy.Request(self.settings.get("NEWSBOT_BASE_URL") + "/", dont_filter=True)

    def parse(self, response):
        return None
'''


@pytest.mark.parametrize("command", COMMANDS)
def test_a_spider_argument_its_spider_refuses_is_a_usage_error(tmp_path: Path, command: str) -> None:
    spiders = tmp_path / "spiders" / "picky_spiders"
    spiders.mkdir(parents=True)
    (spiders / "__init__.py").write_text("")
    (spiders / "picky.py").write_text(PICKY_SPIDER)
    database = tmp_path / "db" / "news.sqlite3"
    with TinySite(PAGES) as site:
        options = ["-s", "SPIDER_MODULES=picky_spiders", "-s", f"NEWSBOT_BASE_URL={site.base_url}",
                   "-s", f"NEWSBOT_SQLITE_PATH={database}", "-s", "LOG_LEVEL=INFO"]  # fmt: skip
        refused = run(COMMANDS[command], "picky", *options, "-a", "colour=red", pythonpath=str(spiders.parent))
        assert site.requests == []
        accepted = run(COMMANDS[command], "picky", *options, "-a", "colour=blue", pythonpath=str(spiders.parent))
        assert [path for path, _ in site.requests if path == "/"] == ["/"], accepted.stderr[-3000:]
    assert refused.returncode == 2, refused.stderr[-3000:]
    assert f"{command}: error: spider argument: colour='red': only blue" in refused.stderr
    assert "Traceback" not in refused.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_the_trtworld_spider_refuses_a_file_url(tmp_path: Path, command: str) -> None:
    database = tmp_path / "db" / "news.sqlite3"
    with TinySite(PAGES) as site:
        result = run(COMMANDS[command], "trtworld", "-s", f"NEWSBOT_BASE_URL={site.base_url}",
                     "-s", f"NEWSBOT_SQLITE_PATH={database}", "-a", "url=file:///etc/passwd")  # fmt: skip
        assert site.requests == []
    assert result.returncode == 2, result.stderr[-3000:]
    assert f"{command}: error: spider argument: url='file:///etc/passwd'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not database.parent.exists()


# -- a crawler built in code: one clear error before the first request ----------------------

IN_CODE = """
import sys
import scrapy
from scrapy.crawler import AsyncCrawlerProcess
from scrapy.utils.project import get_project_settings

class PlainSpider(scrapy.Spider):
    name = "plain"

    async def start(self):
        yield scrapy.Request(sys.argv[1] + "/")

settings = get_project_settings()
bad = {"NEWSBOT_MONITOR_MAX_ERROR_RATE": "abc", "NEWSBOT_BASE_URL": sys.argv[1], "NEWSBOT_SQLITE_PATH": sys.argv[2]}
settings.setdict(bad, priority="cmdline")
process = AsyncCrawlerProcess(settings)
process.crawl(sys.argv[3] if sys.argv[3] == "trtworld" else PlainSpider)
process.start()
"""


@pytest.mark.parametrize("spider", ["trtworld", "plain"])
def test_a_crawler_built_in_code_fails_first_with_the_setting_named(tmp_path: Path, spider: str) -> None:
    database = tmp_path / "db" / "news.sqlite3"
    with TinySite(PAGES) as site:
        result = run([sys.executable, "-c", IN_CODE, site.base_url, str(database), spider])
        assert site.requests == []
    output = result.stdout + result.stderr
    errors = [line for line in output.splitlines() if line.startswith("newsbot.errors.SettingsError")]
    assert errors == [
        "newsbot.errors.SettingsError: invalid newsbot settings: NEWSBOT_MONITOR_MAX_ERROR_RATE='abc': "
        "expected a number from 0 to 1 (failed downloads / downloads above this: exit code 6)"
    ], output[-3000:]
    assert "is not set yet" not in output
    assert not database.parent.exists()


# -- Scrapyd (runs `scrapy crawl`): the job ends at once with the error in Scrapyd's log ----------


def test_scrapyd_job_with_a_bad_setting_ends_before_any_request(scrapyd: str, tmp_path: Path) -> None:  # noqa: F811
    project = project_copy(tmp_path / "project", scrapyd)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SCRAPY_SETTINGS_MODULE")}
    deploy = subprocess.run([str(BIN / "scrapyd-deploy"), "--version", "1"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    assert deploy.returncode == 0, deploy.stdout + deploy.stderr
    database = tmp_path / "db" / "news.sqlite3"
    with TinySite(PAGES) as site:
        scheduled = call(scrapyd + "schedule.json", [
            ("project", "newsbot"), ("spider", "trtworld"), ("setting", f"NEWSBOT_BASE_URL={site.base_url}"),
            ("setting", f"NEWSBOT_SQLITE_PATH={database}"), ("setting", "NEWSBOT_FOLLOW_DEPTH=abc"),
        ])  # fmt: skip
        job = scheduled["jobid"]
        listjobs = scrapyd + "listjobs.json?project=newsbot"
        assert wait_for(lambda: any(j["id"] == job for j in call(listjobs)["finished"]), timeout=60, interval=0.5)
        assert site.requests == []
    log = (tmp_path / "scrapyd" / "scrapyd.log").read_text()
    assert "scrapy crawl: error: NEWSBOT_FOLLOW_DEPTH='abc': expected an integer >= 0" in log, log[-3000:]
    assert "exitstatus=2" in log
    assert not database.parent.exists()
