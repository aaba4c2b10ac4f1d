"""The ``Sitemap:`` lines of a robots.txt."""

from __future__ import annotations

from newsbot.cleaning import join_url, split_url


def sitemaps_in_robots(text: str, base_url: str, limit: int = 1000) -> list[str]:
    """The sitemap URLs a robots.txt names, in order, each once, at most ``limit``.

    ``Sitemap:`` lines stand outside the user-agent groups and are matched case-insensitively;
    a relative URL (not allowed by the protocol, seen in the wild) is resolved against
    ``base_url``. Anything that is not an http(s) URL is left out.
    """
    found: dict[str, None] = {}
    for line in text.splitlines():
        name, sep, value = line.partition(":")
        if not sep or name.strip().lower() != "sitemap":
            continue
        value = value.split("#", 1)[0].strip()
        url = join_url(base_url, value) if value else None
        parts = split_url(url) if url else None
        if url and parts is not None and parts.scheme in ("http", "https") and parts.hostname:
            found[url] = None
            if len(found) >= limit:
                break
    return list(found)
