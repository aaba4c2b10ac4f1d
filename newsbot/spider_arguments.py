"""The spider arguments (``-a NAME=VALUE``) a newsbot spider takes; any other name is refused.

Scrapy sets every ``-a`` argument as a spider attribute, so a misspelt one (``-a sinse=7d``,
``-a urll=...``) is accepted in silence and the crawl runs as if it had not been given. newsbot's
spiders name theirs (``arguments``: ``url`` for ``trtworld``, ``site`` and ``sites`` for
``news``) and refuse any other with the nearest accepted name, before anything starts (their
``check_arguments``, called by the commands through :func:`newsbot.settings_check.crawl_problems`) and
when a crawler built in code creates them (``from_crawler``).

Also accepted, on every spider: the spider attributes Scrapy's own components read
(:data:`SCRAPY_ARGUMENTS`, e.g. ``-a user_agent=...``, ``-a download_timeout=...``) and names
starting with ``_``, which schedulers add for themselves (Scrapyd's ``_job``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

#: Spider attributes read by Scrapy's own components, which ``-a`` may set on any spider.
SCRAPY_ARGUMENTS = (
    "user_agent",
    "download_timeout",
    "download_maxsize",
    "download_warnsize",
    "http_user",
    "http_pass",
    "http_auth_domain",
    "handle_httpstatus_list",
)


def check_argument_names(spider: str, arguments: Iterable[str], given: Iterable[str]) -> None:
    """Raise ``ValueError`` for the first name in ``given`` that the spider named ``spider`` does not take.

    ``arguments`` are the spider's own; :data:`SCRAPY_ARGUMENTS` and names starting with ``_`` are taken too.
    """
    accepted = [*arguments, *SCRAPY_ARGUMENTS]
    for name in sorted(given):
        if name in accepted or name.startswith("_"):
            continue
        nearest = difflib.get_close_matches(name, accepted, n=1, cutoff=0.6)
        hint = f"; did you mean {nearest[0]}?" if nearest else ""
        takes = ", ".join(arguments) or "none"
        raise ValueError(f"{name}: not an argument of the {spider} spider (it takes: {takes}){hint}")
