"""Usage errors, exit codes and messages as the README promises them (issue 17, item 7).

Every usage error exits 2 with one ``<command>: error: ...`` line on stderr, no traceback and no
password, before the lock, the database, the log file or a request; for ``scrapy crawl`` and
``python -m newsbot crawl`` alike, which also end a crawl with the same exit code. Unit tests of
the checks first, then the commands as users run them (subprocesses, marked slow), each against
a server of its own on 127.0.0.1 that must receive no request when the command is refused.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import scrapy
from schedule_support import ROOT
from scrapy.settings import BaseSettings, Settings
from scrapy.utils.project import get_project_settings
from servers.tiny import TinySite
from services import SECRET, assert_no_secret

from newsbot.discovery.site import MAX_SITES_FILE_BYTES, read_sites
from newsbot.scrapy_settings import DEFAULTS, READ_AS, misspelt_names, value_problems
from newsbot.spider_arguments import check_argument_names
from newsbot.spiders.news import NewsSpider
from newsbot.spiders.trtworld import TrtWorldSpider
from newsbot.storage import SqliteStore

PASSWORD = SECRET  # the suite's test password: conftest also fails any test whose output shows it
SPACED = f"{PASSWORD} and-{PASSWORD}"  # both halves hold PASSWORD
COMMANDS = {
    "python -m newsbot crawl": [sys.executable, "-m", "newsbot", "crawl"],
    "scrapy crawl": [sys.executable, "-m", "scrapy", "crawl"],
}
LOCAL = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "NEWSBOT_PROGRESS_INTERVAL=0",
         "-s", "RETRY_TIMES=0"]  # fmt: skip
PAGES = {
    "/robots.txt": ("text/plain", "User-agent: *\nAllow: /\n"),
    "/": ("text/html", "<html><body><a href='/article/00000000000a'>A story</a></body></html>"),
}


# -- the checks ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("settings", "said"),
    [
        ({"DOWNLOAD_DELAY": "abc"}, "DOWNLOAD_DELAY='abc': expected a number"),
        ({"DOWNLOAD_TIMEOUT": "soon"}, "DOWNLOAD_TIMEOUT='soon': expected a number"),
        ({"CONCURRENT_REQUESTS": "x"}, "CONCURRENT_REQUESTS='x': expected an integer"),
        ({"CONCURRENT_REQUESTS": "1.5"}, "CONCURRENT_REQUESTS='1.5': expected an integer"),
        ({"ROBOTSTXT_OBEY": "yes"}, "ROBOTSTXT_OBEY='yes': expected True or False"),
        ({"TELNETCONSOLE_ENABLED": "maybe"}, "TELNETCONSOLE_ENABLED='maybe': expected True or False"),
        ({"DOWNLOADER_MIDDLEWARES": "{oops"}, "DOWNLOADER_MIDDLEWARES='{oops': expected a dict"),
    ],
)
def test_a_scrapy_setting_scrapy_cannot_read_is_a_problem(settings: dict[str, str], said: str) -> None:
    problems = value_problems(BaseSettings(settings))  # as validate_settings sees a plain mapping
    assert len(problems) == 1 and problems[0].startswith(said), problems


@pytest.mark.parametrize(
    "settings",
    [
        {"DOWNLOAD_DELAY": "0.25"},  # an int default read as a number
        {"DOWNLOAD_TIMEOUT": "7.5"},
        {"CONCURRENT_REQUESTS": "8"},
        {"ROBOTSTXT_OBEY": "false"},
        {"TELNETCONSOLE_ENABLED": "False"},  # an int default read as a boolean
        {"DOWNLOADER_MIDDLEWARES": '{"a.B": 1}'},
        {"USER_AGENT": "anything at all"},  # text settings are not checked
    ],
)
def test_a_readable_scrapy_setting_passes(settings: dict[str, str]) -> None:
    assert value_problems(Settings(settings)) == []


def test_the_project_settings_are_readable_and_spelt_right() -> None:
    settings = get_project_settings()
    assert value_problems(settings) == []
    assert misspelt_names(settings) == []


def test_a_misspelt_scrapy_setting_name_is_named_with_the_one_meant() -> None:
    settings = Settings({"DOWNLAOD_DELAY": "1", "ROBOTS_OBEY": "False", "download_delay": "2"})
    assert misspelt_names(settings) == [
        "DOWNLAOD_DELAY='1': not a Scrapy setting, ignored by Scrapy; did you mean DOWNLOAD_DELAY?",
        "ROBOTS_OBEY='False': not a Scrapy setting, ignored by Scrapy; did you mean ROBOTSTXT_OBEY?",
        "download_delay='2': not a Scrapy setting, ignored by Scrapy; did you mean DOWNLOAD_DELAY?",
    ]


def test_settings_of_plugins_and_of_no_known_kind_give_no_warning() -> None:
    settings = Settings(
        {"SPIDERMON_ENABLED": True, "SPIDERMON_MAX_ERRORS": 3, "SCHEDULER_PERSIST": True, "REDIS_URL": "redis://x",
         "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue", "MY_COMPANY_TOKEN": "x",
         "CONCURRENT_REQUESTS_PER_IP": 2, "NEWSBOT_FOLLOW_DEPTH": 1}
    )  # fmt: skip
    assert misspelt_names(settings) == []


def read_calls_in_scrapy() -> dict[str, set[str]]:
    """How Scrapy's source reads each setting: name -> {"getint", "getfloat", ...}."""
    calls: dict[str, set[str]] = {}
    pattern = re.compile(r"\.get(int|float|bool|dict)\(\s*\"([A-Z0-9_]+)\"")
    for path in Path(scrapy.__file__).parent.rglob("*.py"):
        for method, name in pattern.findall(path.read_text(encoding="utf-8")):
            calls.setdefault(name, set()).add(method)
    return calls


def test_read_as_names_every_setting_scrapy_reads_otherwise_than_its_default_says() -> None:
    kinds = {bool: "bool", int: "int", float: "float", dict: "dict"}
    calls = read_calls_in_scrapy()
    assert calls["DOWNLOAD_DELAY"] == {"float"} and calls["CONCURRENT_REQUESTS"] == {"int"}  # the scan works
    differ = {
        name: methods.pop()
        for name, methods in calls.items()
        if name in DEFAULTS and len(methods) == 1 and kinds.get(type(DEFAULTS[name])) != next(iter(methods))
    }
    assert differ == READ_AS


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("http://127.0.0.1:99999/", "Port out of range"),
        ("http://127.0.0.1:0/", "bad port"),
        ("http://exa mple.com/", "whitespace"),
        ("http://example.com/\x00", "control character"),
        ("http://exa%00mple.com/", "bad host name"),
        ("http://a..b/", "bad host name"),
        ("http://-a.example/", "bad host name"),
        ("http://user:pw@example.com/", "user info"),
        ("ftp://example.com/", "not http(s)"),
        ("http://[::1/", "Invalid IPv6 URL"),
    ],
)
def test_a_site_url_the_downloader_could_not_fetch_is_refused(url: str, said: str) -> None:
    with pytest.raises(ValueError, match=re.escape(said)):
        read_sites(url)


@pytest.mark.parametrize(
    "url",
    ["https://www.example.com/news/", "http://127.0.0.1:8766", "http://[::1]:8080/", "http://münchen.example/",
     "http://my_host.example/", "http://localhost:65535/"],
)  # fmt: skip
def test_a_site_url_that_can_be_fetched_passes(url: str) -> None:
    assert read_sites(url) == [url]


def read_sites_bounded(path: str) -> str:
    """What ``read_sites(sites=path)`` says, from a thread given 20 s: a hang fails the test instead of blocking it."""
    said: list[str] = []

    def read() -> None:
        try:
            said.append(f"read {read_sites(None, path)}")
        except ValueError as error:
            said.append(str(error))

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    thread.join(timeout=20)
    assert said, f"read_sites({path!r}) did not return"
    return said[0]


def test_a_sites_file_that_is_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "sites.fifo"
    os.mkfifo(fifo)
    said = read_sites_bounded(str(fifo))
    assert said == f"sites={str(fifo)!r}: not a regular file (a pipe, device or directory); give a file"


def test_a_sites_file_that_is_a_device_or_too_large_is_refused(tmp_path: Path) -> None:
    assert "not a regular file" in read_sites_bounded("/dev/zero")
    large = tmp_path / "sites.txt"
    large.write_text("# padding\n" * (MAX_SITES_FILE_BYTES // 10 + 1) + "https://www.example.com/\n")
    assert f"more than {MAX_SITES_FILE_BYTES} allowed" in read_sites_bounded(str(large))


def test_a_regular_sites_file_is_read(tmp_path: Path) -> None:
    sites = tmp_path / "sites.txt"
    sites.write_text("# two sites\nhttps://www.example.com/\nhttp://127.0.0.1:8766  # the replica\n")
    assert os.stat(sites).st_mode & stat.S_IFREG
    assert read_sites_bounded(str(sites)) == "read ['https://www.example.com/', 'http://127.0.0.1:8766']"


@pytest.mark.parametrize(
    ("spider", "given", "said"),
    [
        (NewsSpider, {"site": "https://www.example.com", "sinse": "7d"}, "sinse: not an argument of the news spider"),
        (NewsSpider, {"sitess": "x.txt"}, "did you mean sites?"),
        (TrtWorldSpider, {"ulr": "https://www.trtworld.com/article/1"}, "did you mean url?"),
        (TrtWorldSpider, {"download_delay": "0"}, "(it takes: url, since)"),
        (NewsSpider, {"site": "https://www.example.com", "since": "yesterday-ish"}, "since='yesterday-ish': neither"),
        (TrtWorldSpider, {"since": "2999-01-01"}, "since='2999-01-01': a date in the future"),
    ],
)
def test_an_unknown_spider_argument_is_refused_with_the_nearest_name(
    spider: Any, given: dict[str, str], said: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(said)):
        spider.check_arguments(get_project_settings(), **given)


def test_known_spider_arguments_pass() -> None:
    settings = get_project_settings()
    TrtWorldSpider.check_arguments(settings, url="https://www.trtworld.com/article/0123456789ab", _job="abc")
    NewsSpider.check_arguments(settings, site="https://www.example.com", user_agent="me", download_timeout="5")
    NewsSpider.check_arguments(settings, site="https://www.example.com", since="12h")
    TrtWorldSpider.check_arguments(settings, since="2026-01-01")
    check_argument_names("any", (), ["_job", "http_user", "handle_httpstatus_list"])


# -- Ctrl-C during a commit: the crawl is interrupted, the storage did not fail ----------------------


class InterruptedCommit:
    """A SQLite connection whose COMMIT is interrupted by Ctrl-C (a moment no test can hit for real)."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    def execute(self, sql: str, *args: Any) -> Any:
        if sql == "COMMIT":
            raise KeyboardInterrupt
        return self.connection.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.connection, name)


def story(key: str) -> dict[str, Any]:
    return {"url": key, "canonicalUrl": key, "headline": f"Headline {key}", "articleBody": "A body. " * 40,
            "relatedLinks": []}  # fmt: skip


def test_ctrl_c_during_a_sqlite_commit_rolls_back_and_is_no_storage_failure(tmp_path: Path) -> None:
    database = tmp_path / "news.db"
    with SqliteStore(database) as store:
        store.store_article(story("http://s/article/000000000001"))
        store.flush()
        real = store._connection
        store._connection = InterruptedCommit(real)
        store.store_article(story("http://s/article/000000000002"))
        with pytest.raises(KeyboardInterrupt):
            store.flush()
        store._connection = real
        assert store.failed is None  # not "storage unavailable" (exit 8)
        assert not real.in_transaction
        assert sum(store.results.values()) == 1  # only the committed one counted as stored
        store.store_article(story("http://s/article/000000000003"))
        store.flush()  # the store still works
    with SqliteStore(database) as again:
        keys = [row[0] for row in again.query("SELECT canonical_url FROM articles ORDER BY canonical_url")]
    assert keys == ["http://s/article/000000000001", "http://s/article/000000000003"]


def test_ctrl_c_during_a_postgresql_commit_rolls_back_and_is_no_storage_failure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from services import postgres_schema

    from newsbot.storage.factory import make_store
    from newsbot.storage.postgres_batch import Batch

    write = Batch.write

    def interrupted(self: Any, queue: Any) -> Any:
        write(self, queue)  # every row written inside the transaction, then Ctrl-C before the commit
        raise KeyboardInterrupt

    with postgres_schema() as url, make_store(url) as store:
        store.store_article(story("http://s/article/000000000001"))
        monkeypatch.setattr(Batch, "write", interrupted)
        with pytest.raises(KeyboardInterrupt):
            store.flush()
        monkeypatch.setattr(Batch, "write", write)
        assert store.failed is None and sum(store.results.values()) == 0
        assert store.query("SELECT COUNT(*) FROM articles")[0][0] == 0  # rolled back
        store.store_article(story("http://s/article/000000000002"))
        store.flush()
        assert store.query("SELECT canonical_url FROM articles") == [("http://s/article/000000000002",)]


# -- the commands ----------------------------------------------------------------------------------


def run(command: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([*COMMANDS[command], *args], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=timeout)  # fmt: skip
    assert_no_secret(result.stdout, result.stderr)
    return result


def assert_one_usage_error(result: subprocess.CompletedProcess[str], command: str, *said: str) -> str:
    """Exit 2, exactly one ``<command>: error:`` line saying ``said``, no traceback; the line (:func:`run`
    has checked that no password was printed)."""
    output = result.stdout + result.stderr
    assert result.returncode == 2, output[-3000:]
    assert "Traceback" not in output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"{command}: error: "), output[-3000:]
    for text in said:
        assert text in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def site() -> Iterator[TinySite]:
    with TinySite(PAGES) as served:
        yield served


USAGE = [
    pytest.param(
        ["news", "-a", "site=http://127.0.0.1:99999/"], ["site", "Port out of range"], id="site-port-out-of-range"
    ),
    pytest.param(["news", "-a", "site=http://exa mple.com/"], ["whitespace"], id="site-with-a-space"),
    pytest.param(["news", "-a", "site=http://exa%00mple.com/"], ["bad host name"], id="site-host-with-%00"),
    pytest.param(
        ["news", "-a", "site={base}/", "-a", "sinse=7d"],
        ["sinse: not an argument of the news spider"],
        id="unknown-spider-argument",
    ),
    pytest.param(
        ["news", "-a", "site={base}/", "-a", "since=yesterday-ish"],
        ["since='yesterday-ish'", "neither a date nor a duration", "3d"],
        id="since-not-a-date",
    ),
    pytest.param(
        ["trtworld", "-s", "NEWSBOT_SINCE=soon"],
        ["NEWSBOT_SINCE='soon'", "expected a day"],
        id="newsbot-since-not-a-date",
    ),
    pytest.param(
        ["trtworld", "-s", "NEWSBOT_MAX_AGE_DAYS=-1"], ["NEWSBOT_MAX_AGE_DAYS='-1'", ">= 0"], id="max-age-days-negative"
    ),
    pytest.param(["trtworld", "-a", "ulr={base}/article/1"], ["ulr", "did you mean url?"], id="misspelt-url"),
    pytest.param(
        ["trtworld", "-s", "DOWNLOAD_DELAY=abc"], ["DOWNLOAD_DELAY='abc': expected a number"], id="download-delay-abc"
    ),
    pytest.param(
        ["trtworld", "-s", "CONCURRENT_REQUESTS=x"],
        ["CONCURRENT_REQUESTS='x': expected an integer"],
        id="concurrent-requests-x",
    ),
    pytest.param(["trtworld", "-a", "x"], ["-a"], id="a-without-equals"),
    pytest.param([], ["spider"], id="no-spider"),
    pytest.param(
        ["trtworld", "-s", "SPIDER_MODULES=no_such_spiders"],
        ["SPIDER_MODULES", "cannot import"],
        id="spider-modules-missing",
    ),
    # passwords in bad settings: the line names the setting, never the password
    pytest.param(
        ["trtworld", "-s", f"NEWSBOT_DATABSE_URL=postgresql://u:{PASSWORD}@127.0.0.1/db"],
        ["NEWSBOT_DATABSE_URL", "did you mean NEWSBOT_DATABASE_URL?"],
        id="misspelt-name-with-password",
    ),
    pytest.param(
        ["trtworld", "-s", f"NEWSBOT_DATABASE_URL=host=127.0.0.1 password={PASSWORD} dbname=x"],
        ["NEWSBOT_DATABASE_URL", "must start with sqlite:/// or postgresql://"],
        id="libpq-string",
    ),
    pytest.param(
        ["trtworld", "-s", f"NEWSBOT_REDIS_URL=redis://:{PASSWORD}@127.0.0.1:99999/0"],
        ["NEWSBOT_REDIS_URL", "expected empty, or a redis://"],
        id="bad-redis-url-with-password",
    ),
    pytest.param(
        ["trtworld", "-s", f"NEWSBOT_DATABASE_URL=postgresql://u:{PASSWORD}@[::1/db"],
        ["NEWSBOT_DATABASE_URL", "not a valid URL"],
        id="unclosed-ipv6-host-with-password",
    ),
    # a password with a space: no redaction can tell where it ends, so the value is not shown at all
    pytest.param(
        ["trtworld", "-s", f"NEWSBOT_DATABASE_URL=postgresql://u:{SPACED}@127.0.0.1/db"],
        ["NEWSBOT_DATABASE_URL (value not shown", "holds a space"],
        id="database-password-with-a-space",
    ),
    pytest.param(
        ["trtworld", "-s", f"NEWSBOT_DATABSE_URL=postgresql://u:{SPACED}@127.0.0.1/db"],
        ["NEWSBOT_DATABSE_URL (value not shown", "did you mean"],
        id="misspelt-name-password-with-a-space",
    ),
    pytest.param(
        ["trtworld", "-s", f"NEWSBOT_REDIS_URL=redis://u:{SPACED}@127.0.0.1/0"],
        ["NEWSBOT_REDIS_URL (value not shown", "expected empty, or a redis://"],
        id="redis-password-with-a-space",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(("args", "said"), USAGE)
def test_a_usage_error_is_one_line_and_exit_2(
    site: TinySite, tmp_path: Path, command: str, args: list[str], said: list[str]
) -> None:
    database = tmp_path / "db" / "news.sqlite3"
    log = tmp_path / "logs" / "crawl.log"
    args = [arg.replace("{base}", site.base_url) for arg in args]
    settings = ["-s", f"NEWSBOT_BASE_URL={site.base_url}", "-s", f"NEWSBOT_SQLITE_PATH={database}",
                "-s", f"LOG_FILE={log}", *LOCAL] if args else []  # fmt: skip
    result = run(command, *settings, *args)  # the case's own options last: they win
    assert_one_usage_error(result, command, *said)
    assert site.requests == []
    assert not database.parent.exists()  # no database, no crawl-run row to make the next run a recovery run
    assert not log.parent.exists()


FILES = {"fifo": "a FIFO", "/dev/zero": "a device", "large": "a file over 1 MiB"}


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("kind", FILES)
def test_a_sites_file_that_is_not_a_small_regular_file_is_refused_at_once(
    site: TinySite, tmp_path: Path, command: str, kind: str
) -> None:
    path = tmp_path / "sites"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "large":
        path.write_text(f"{site.base_url}/\n" + "#\n" * MAX_SITES_FILE_BYTES)
    else:
        path = Path(kind)
    database = tmp_path / "db" / "news.sqlite3"
    result = run(command, "news", "-a", f"sites={path}", "-s", f"NEWSBOT_SQLITE_PATH={database}", timeout=60)
    assert_one_usage_error(result, command, f"sites='{path}'")
    assert site.requests == [] and not database.parent.exists()


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS)
def test_a_regular_sites_file_and_a_known_argument_are_crawled(site: TinySite, tmp_path: Path, command: str) -> None:
    sites = tmp_path / "sites.txt"
    sites.write_text(f"# the tiny site\n{site.base_url}/\n")
    database = tmp_path / "db" / "news.sqlite3"
    result = run(command, "news", "-a", f"sites={sites}", "-a", "_job=scrapyd-job-1",
                 "-s", f"NEWSBOT_SQLITE_PATH={database}", *LOCAL)  # fmt: skip
    assert "error:" not in result.stderr and "Traceback" not in result.stderr, result.stderr[-3000:]
    assert "/robots.txt" in [path for path, _ in site.requests]


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS)
def test_a_log_file_in_a_missing_folder_gets_its_folder(site: TinySite, tmp_path: Path, command: str) -> None:
    log = tmp_path / "var" / "log" / "newsbot" / "trtworld.log"
    result = run(command, "trtworld", "-s", f"NEWSBOT_BASE_URL={site.base_url}",
                 "-s", f"NEWSBOT_SQLITE_PATH={tmp_path / 'news.sqlite3'}", "-s", f"LOG_FILE={log}", *LOCAL)  # fmt: skip
    assert result.returncode not in (1, 2), result.stderr[-3000:]
    assert "Traceback" not in result.stdout + result.stderr
    assert "Spider opened" in log.read_text()  # the log went to the file
    assert "Spider opened" not in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS)
def test_a_log_file_that_cannot_be_written_is_a_usage_error(site: TinySite, tmp_path: Path, command: str) -> None:
    (tmp_path / "taken").write_text("a file where the log folder should be")
    result = run(command, "trtworld", "-s", f"NEWSBOT_BASE_URL={site.base_url}",
                 "-s", f"NEWSBOT_SQLITE_PATH={tmp_path / 'db' / 'news.sqlite3'}",
                 "-s", f"LOG_FILE={tmp_path / 'taken' / 'trtworld.log'}")  # fmt: skip
    assert_one_usage_error(result, command, "LOG_FILE=", "cannot create or write the log file")
    assert site.requests == [] and not (tmp_path / "db").exists()


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS)
def test_a_misspelt_scrapy_setting_is_a_warning_and_the_crawl_goes_on(
    site: TinySite, tmp_path: Path, command: str
) -> None:
    result = run(command, "trtworld", "-s", f"NEWSBOT_BASE_URL={site.base_url}",
                 "-s", f"NEWSBOT_SQLITE_PATH={tmp_path / 'news.sqlite3'}", "-s", "DOWNLAOD_DELAY=0",
                 "-s", "SPIDERMON_ENABLED=True", "-s", "SCHEDULER_PERSIST=False", *LOCAL)  # fmt: skip
    warnings = [line for line in result.stderr.splitlines() if "not a Scrapy setting" in line]
    assert len(warnings) == 1, result.stderr[-3000:]
    assert "WARNING: DOWNLAOD_DELAY='0'" in warnings[0] and "did you mean DOWNLOAD_DELAY?" in warnings[0]
    assert "/robots.txt" in [path for path, _ in site.requests]  # the crawl went on
    assert result.returncode != 2


@pytest.mark.slow
def test_scrapy_crawl_of_a_dead_site_exits_like_newsbot_crawl(tmp_path: Path) -> None:
    with TinySite({}) as dead:  # a port nothing listens on once it is closed
        base_url = dead.base_url
    codes = {}
    for command in COMMANDS:
        result = run(command, "trtworld", "-s", f"NEWSBOT_BASE_URL={base_url}",
                     "-s", f"NEWSBOT_SQLITE_PATH={tmp_path / command.split()[0] / 'news.sqlite3'}", *LOCAL)  # fmt: skip
        assert "error:" not in result.stderr and "Process died" not in result.stderr, result.stderr[-3000:]
        codes[command] = result.returncode
    assert codes == {"python -m newsbot crawl": 6, "scrapy crawl": 6}  # every download failed
