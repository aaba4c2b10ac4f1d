"""The one redaction of secrets in text that may be printed: logs, summaries, usage errors, stats.

:func:`redact` takes any text (a URL, a DSN, a setting value, a log line, a driver's error
message, a traceback) and returns it with every credential replaced by ``***``:

- the user info of a URL (``scheme://user:password@host`` becomes ``scheme://***@host``), the
  user name included. For database and broker schemes (``postgresql``, ``redis``...) the user info
  runs to the last ``@`` of the URL, so a password holding an unencoded ``/``, ``#``, ``?`` or
  ``@`` is removed whole; for other schemes (``http``) it runs to the last ``@`` before the path,
  so an article address such as ``https://example.com/@author/story`` is left as it is;
- the value of a password-like query parameter (``?password=``, ``sslpassword``, ``token``,
  ``secret``, ``api_key``...), in a URL or anywhere in the text;
- the value of a password-like key in a libpq connection string
  (``host=db password=secret`` or ``password='two words'``).

It parses nothing with :func:`urllib.parse.urlsplit`, so a malformed URL (``postgresql://u:pw@[::1/db``)
is redacted like a well-formed one and never raises. :func:`install_log_redaction` puts it in front
of every log record of the process (message and traceback), whatever logger or handler prints it,
and of the traceback of an exception nobody caught.
"""

from __future__ import annotations

import logging
import re
import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import Any

MASK = "***"

#: URL schemes whose user info runs to the last ``@`` of the URL (no ``@`` is expected in their path).
CREDENTIAL_SCHEMES = frozenset(
    {
        "postgres",
        "postgresql",
        "postgresql+psycopg",
        "postgresql+psycopg2",
        "redis",
        "rediss",
        "unix",
        "mysql",
        "mariadb",
        "amqp",
        "amqps",
        "mongodb",
        "mongodb+srv",
        "ftp",
        "sftp",
    }
)

#: Names (case-insensitive) whose values are secrets, in a query string or a connection string.
SECRET_NAMES = (
    "password",
    "passwd",
    "pwd",
    "pass",
    "sslpassword",
    "secret",
    "client_secret",
    "token",
    "access_token",
    "refresh_token",
    "auth_token",
    "api_key",
    "apikey",
    "credentials",
)

_NAMES = "|".join(sorted((re.escape(name) for name in SECRET_NAMES), key=len, reverse=True))
_URL = re.compile(r"(?P<scheme>\b[A-Za-z][A-Za-z0-9+.\-]*)://(?P<rest>\S*)")
_URL_END = re.compile(r"['\"<>`(){}\[\]]")
_QUERY_SECRET = re.compile(rf"(?P<lead>[?&;](?:{_NAMES}))=(?P<value>[^&#\s'\"<>]*)", re.IGNORECASE)
_KEYWORD_SECRET = re.compile(
    rf"(?P<lead>(?<![\w?&;.\-])(?:{_NAMES})\s*=\s*)(?P<value>'(?:[^'\\]|\\.)*'?|\"(?:[^\"\\]|\\.)*\"?|[^\s,;&)\]}}]+)",
    re.IGNORECASE,
)
_HINT = re.compile(rf"@|(?:{_NAMES})\s*=", re.IGNORECASE)


def redact(text: Any) -> str:
    """``text`` (any value, turned into text) with every credential replaced by ``***``."""
    text = text if isinstance(text, str) else str(text)
    if not _HINT.search(text):
        return text
    text = _URL.sub(_redact_url, text)
    text = _QUERY_SECRET.sub(rf"\g<lead>={MASK}", text)
    return _KEYWORD_SECRET.sub(_redact_keyword, text)


def _redact_url(match: re.Match[str]) -> str:
    scheme, rest = match.group("scheme"), match.group("rest")
    tail = ""
    if scheme.lower() in CREDENTIAL_SCHEMES:
        at = rest.rfind("@")
    else:
        end = _URL_END.search(rest)
        if end:
            rest, tail = rest[: end.start()], _URL.sub(_redact_url, rest[end.start() :])
        authority_end = min((index for index in map(rest.find, "/?#\\") if index >= 0), default=len(rest))
        at = rest.rfind("@", 0, authority_end)
        if at < 0:
            at = _hidden_userinfo_end(rest)
    if at < 0:
        return f"{scheme}://{rest}{tail}"
    return f"{scheme}://{MASK}@{rest[at + 1 :]}{tail}"


def _hidden_userinfo_end(rest: str) -> int:
    """The ``@`` ending ``user:pass`` whose password holds an unencoded ``#`` or ``?``, or -1."""
    colon, at = rest.find(":"), rest.find("@")
    if 0 <= colon < at and "/" not in rest[:at] and "\\" not in rest[:at]:
        return at
    return -1


def _redact_keyword(match: re.Match[str]) -> str:
    value = match.group("value")
    if value == MASK or value.strip("'\"") == MASK:
        return match.group(0)
    return match.group("lead") + MASK


def redacted_mapping(values: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``values`` whose text values are redacted (stats and settings about to be printed or stored)."""
    return {name: redact(value) if isinstance(value, str) else value for name, value in values.items()}


_installed_factory: Callable[..., logging.LogRecord] | None = None


def install_log_redaction() -> None:
    """Redact every log record made in this process from now on (message and traceback), and uncaught exceptions.

    Installed through :func:`logging.setLogRecordFactory`, so it holds for every logger and every
    handler (Scrapy's root handler, a ``LOG_FILE``, pytest's capture) and for records made before
    the handlers exist. Installing twice is harmless.
    """
    global _installed_factory
    current = logging.getLogRecordFactory()
    if current is _installed_factory:
        return
    previous = current

    def make_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        _redact_record(record)
        return record

    _installed_factory = make_record
    logging.setLogRecordFactory(make_record)
    sys.excepthook = _redacting_excepthook


def _redacting_excepthook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    """Print an uncaught exception's traceback as Python would, redacted."""
    sys.stderr.write(redact("".join(traceback.format_exception(kind, error, trace))))


def _redact_record(record: logging.LogRecord) -> None:
    try:
        message = record.getMessage()
    except Exception:  # a bad format string: logging reports it itself when the record is printed
        return
    clean = redact(message)
    if clean != message:
        record.msg, record.args = clean, ()
    if record.exc_info and record.exc_info[0] is not None and not record.exc_text:
        record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)).rstrip("\n"))
