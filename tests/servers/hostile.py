"""The hostile site: good articles linked together with one article URL per page a crawler must survive.

Served by two :class:`~servers.local.LocalServer` (the site, and another host for off-site
redirects); :func:`hostile_site` fills their tables.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from servers.local import HTML, Answer, LocalServer
from servers.pages import StoryPages, start_pages


def gzip_bomb(decompressed_bytes: int) -> bytes:
    """A gzip body of ``decompressed_bytes`` zeros, built from repeated 1 MiB members (a gzip
    stream may hold several, and readers decompress them all): about 1 KB per MiB."""
    member = gzip.compress(bytes(1 << 20), compresslevel=9)
    return member * (decompressed_bytes >> 20)


def filler(total: int, chunk: int = 1 << 16) -> Callable[[], Iterator[bytes]]:
    """A body of ``total`` bytes of HTML comment, written in chunks (never held in memory)."""

    def chunks() -> Iterator[bytes]:
        yield b"<html><body><!--"
        for _ in range(total // chunk):
            yield b"x" * chunk

    return chunks


@dataclass
class HostileSite:
    """What :func:`hostile_site` built: the good article ids and each hostile case's id."""

    good: set[str]
    cases: dict[str, str]
    disallowed: str


def hostile_site(server: LocalServer, other: LocalServer, pages: StoryPages) -> HostileSite:
    """Fill ``server`` with good articles and one article URL per hostile case, all linked.

    Cases (article URL -> what it serves): ``offsite`` 301 to ``other`` (another host);
    ``self_loop`` 301 to itself; ``endless`` 302 to ``/hop/1``, ``/hop/2``... for ever;
    ``bomb`` a gzip body of 1 GiB of zeros; ``huge`` 20 MB with its Content-Length;
    ``huge_unsized`` 20 MB without one; ``long_headline`` an article with a 1 MB headline;
    ``disallowed`` an article robots.txt forbids; ``dead`` a 404.
    """
    names = ("offsite", "self_loop", "endless", "bomb", "huge", "huge_unsized", "long_headline", "disallowed", "dead")
    cases = {name: pages.new_id() for name in names}
    good = [pages.new_id() for _ in range(4)]
    pages.add(good[3])
    pages.add(good[2])
    pages.add(good[1], [good[3]])
    # the hub (on the start pages) links two good articles and every case: all at depth 1
    pages.add(good[0], [good[1], good[2], *cases.values()])
    pages.add(cases["long_headline"], headline="Breaking news " * ((1 << 20) // 14))
    for article_id in (*good, cases["long_headline"]):
        server.answers[f"/article/{article_id}"] = pages.page(article_id, server.base_url)
    start_pages(server, home=[good[0]], rss=[good[0]])
    robots = f"User-agent: *\nDisallow: /article/{cases['disallowed']}\n"
    server.answers["/robots.txt"] = Answer(body=robots.encode(), headers={"Content-Type": "text/plain"})
    server.answers[f"/article/{cases['disallowed']}"] = pages.page(good[3], server.base_url)

    def redirect(target: str, status: int = 301) -> Answer:
        return Answer(status, b"", {"Location": target, "Content-Type": HTML})

    other_article = pages.new_id()
    pages.add(other_article)
    other.answers[f"/article/{other_article}"] = pages.page(other_article, other.base_url)
    other.answers["/robots.txt"] = Answer(body=b"User-agent: *\nAllow: /\n", headers={"Content-Type": "text/plain"})
    server.answers[f"/article/{cases['offsite']}"] = redirect(other.url(f"/article/{other_article}"))
    server.answers[f"/article/{cases['self_loop']}"] = redirect(server.url(f"/article/{cases['self_loop']}"))
    server.answers[f"/article/{cases['endless']}"] = redirect("/hop/1", 302)
    for hop in range(1, 40):
        server.answers[f"/hop/{hop}"] = redirect(f"/hop/{hop + 1}", 302)
    server.answers[f"/article/{cases['bomb']}"] = Answer(
        body=gzip_bomb(1 << 30), headers={"Content-Type": HTML, "Content-Encoding": "gzip"}
    )
    twenty_mb = 20 * 1000 * 1000
    server.answers[f"/article/{cases['huge']}"] = Answer(body=b"<html><body>" + b"x" * twenty_mb)
    server.answers[f"/article/{cases['huge_unsized']}"] = Answer(body=filler(twenty_mb), sized=False)
    return HostileSite(good=set(good), cases=cases, disallowed=f"/article/{cases['disallowed']}")


@dataclass
class HostileServers:
    """The hostile site as served: ``site`` (127.0.0.1), ``other`` (the off-site host, ``localhost``)
    and ``cases`` (what :func:`hostile_site` built on them)."""

    site: LocalServer
    other: LocalServer
    cases: HostileSite

    def forget_requests(self) -> None:
        """Empty both servers' request records (a test's counts are then its own)."""
        self.site.forget_requests()
        self.other.forget_requests()


@contextmanager
def serving_hostile_site() -> Iterator[HostileServers]:
    """Serve the hostile site and its off-site host until the block ends."""
    with LocalServer() as site, LocalServer(host="localhost") as other:
        yield HostileServers(site, other, hostile_site(site, other, StoryPages()))
