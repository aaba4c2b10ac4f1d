"""RSS 2.0 feed of the latest articles, with absolute links on the served base URL."""

from __future__ import annotations

from collections.abc import Sequence
from email.utils import format_datetime
from xml.sax.saxutils import escape

from .model import Article


def rss_feed(articles: Sequence[Article], base: str) -> str:
    """The RSS document listing ``articles`` (newest first); ``pubDate`` is RFC 822."""
    items = []
    for a in articles:
        link = f"{base}{a.path}"
        creators = "".join(f"\n      <dc:creator>{escape(p.name)}</dc:creator>" for p in a.authors)
        items.append(
            f"""    <item>
      <title>{escape(a.headline)}</title>
      <link>{escape(link)}</link>
      <guid isPermaLink="true">{escape(link)}</guid>
      <description>{escape(a.standfirst)}</description>
      <category>{escape(a.section_info.name)}</category>{creators}
      <pubDate>{format_datetime(a.published, usegmt=False)}</pubDate>
    </item>"""
        )
    built = format_datetime(articles[0].published) if articles else ""
    body = "\n".join(items)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>TRT World</title>
    <link>{escape(base)}/</link>
    <description>Latest news from TRT World</description>
    <language>en</language>
    <lastBuildDate>{built}</lastBuildDate>
{body}
  </channel>
</rss>
"""
