"""Builds the demo site: hand-written stories, their links and the hard cases.

``site.cases`` maps each hard case to an article id:

- ``no_author``, ``no_image``, ``no_source``, ``no_related`` (no Related boxes, no RECOMMENDED),
  ``multi_author`` (two authors), ``legacy_id`` (8-digit id)
- ``flight_data`` (Next.js flight data, content record in one chunk), ``flight_split`` (record cut
  across two chunks), ``jsonld`` (JSON-LD only), ``head_only`` (neither; ``<head>`` metadata only)
- ``url_forms``: linked elsewhere as ``?utm_...``, ``#comments``, ``/article/<id>/`` and
  ``/world/article/<id>`` (see ``site.urls`` and ``site.link_sources``)
- ``redirect``: legacy article reached through the old-style URL ``site.urls["redirect"]`` (301)
- ``wire_original`` and its near-duplicates ``wire_new_headline``, ``wire_trimmed``,
  ``wire_edited``; ``same_topic`` is a different story on the same topic (not a duplicate)
- ``broken`` (truncated HTML), ``non_utf8`` (windows-1254), ``dead_link`` (the page whose
  Explore list holds ``site.urls["dead_link"]``, a 404), ``off_site`` (off-site links in body and
  Explore)
"""

from __future__ import annotations

import hashlib
import random
from datetime import UTC, datetime, timedelta

from .contents import SiteContents
from .model import TRT_TZ, Article, HeroImage, Link
from .stories import AUTHORS, STORIES, VIDEOS, Story
from .urls import old_style_path
from .variants import copy_edit, trim

#: Stories whose pages carry Next.js flight data (about half); ``flight_split`` is cut in two.
FLIGHT_KEYS = frozenset(
    {
        "flight_data",
        "wire_original",
        "wire_edited",
        "same_topic",
        "no_author",
        "multi_author",
        "legacy_id",
        "redirect",
        "url_forms",
        "no_related",
        "desalination",
        "gaza_clinics",
        "no_image",
        "dead_link",
        "off_site",
        "middle_powers",
        "migration_data",
    }
)
SPLIT_KEYS = frozenset({"flight_split"})
JSONLD_KEYS = frozenset({"jsonld", "multi_author", "coppersmiths", "lira_rates", "wire_new_headline"})
#: Case names that are simply story keys.
CASE_KEYS = (
    "no_author",
    "no_image",
    "no_related",
    "no_source",
    "multi_author",
    "legacy_id",
    "flight_data",
    "flight_split",
    "jsonld",
    "head_only",
    "url_forms",
    "redirect",
    "wire_original",
    "wire_new_headline",
    "wire_trimmed",
    "wire_edited",
    "same_topic",
    "broken",
    "non_utf8",
    "dead_link",
    "off_site",
)
DEAD_HEADLINE = "Port workers in Mersin end strike after pay deal"
OFF_SITE_LINKS = (
    Link(
        "https://www.aa.com.tr/en/world/regional-leaders-meet-on-water-security/3456790",
        "Regional leaders meet on water security",
    ),
    Link("https://twitter.com/trtworld/status/1867000000000000001", "Live updates on X"),
)


def _id_for(story: Story) -> str:
    return story.legacy_id or hashlib.sha1(f"demo:{story.key}".encode()).hexdigest()[:12]


def _when(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=TRT_TZ).astimezone(UTC)


def _article(story: Story, originals: dict[str, Article]) -> Article:
    """An :class:`Article` (without links) from a story; wire copies derive their body."""
    paragraphs = list(story.paragraphs)
    subheads = dict(story.subheads)
    if story.copy_of:
        original = originals[story.copy_of]
        paragraphs = list(original.paragraphs)
        subheads = dict(original.subheads)
        if story.copy_kind == "trimmed":
            paragraphs = trim(paragraphs, 0.7)
            subheads = {i: s for i, s in subheads.items() if i < len(paragraphs)}
        elif story.copy_kind == "edited":
            paragraphs = copy_edit(paragraphs, 0.05, random.Random("demo-wire-edit"))
    published = _when(story.published)
    image = None
    if story.image:
        key = hashlib.sha1(f"image:{story.key}".encode()).hexdigest()
        image = HeroImage(f"{key[:8]}-{key[8:12]}", *story.image)
    return Article(
        id=_id_for(story),
        section=story.section,
        headline=story.headline,
        standfirst=story.standfirst,
        paragraphs=paragraphs,
        published=published,
        modified=published + timedelta(minutes=story.updated_minutes),
        authors=[AUTHORS[slug] for slug in story.authors],
        image=image,
        keywords=list(story.keywords),
        source=story.source,
        subheads=subheads,
        flight="split" if story.key in SPLIT_KEYS else "whole" if story.key in FLIGHT_KEYS else None,
        jsonld=story.key in JSONLD_KEYS,
        encoding="windows-1254" if story.key == "non_utf8" else "utf-8",
        truncated=story.key == "broken",
        copy_of=_id_for(next(s for s in STORIES if s.key == story.copy_of)) if story.copy_of else None,
        copy_kind=story.copy_kind,
    )


def _random_links(site: SiteContents, by_key: dict[str, Article], rng: random.Random) -> None:
    """Related boxes, RECOMMENDED teasers and ~15 Explore items for every story."""
    ids = sorted(site.articles)
    for key, article in by_key.items():
        others = [i for i in ids if i != article.id]
        same = [i for i in others if site.articles[i].section == article.section]
        if key != "no_related":
            count = rng.choice((0, 1, 1, 2, 2, 3)) if key not in ("no_author", "wire_original") else 2
            picks = rng.sample(same, min(count, len(same)))
            article.related = [Link(f"/article/{i}") for i in picks]
            if rng.random() < 0.6 or key in ("no_author", "wire_original"):
                teasers = rng.sample([i for i in others if i not in picks], rng.randint(1, 3))
                article.recommended = [Link(f"/article/{i}") for i in teasers]
        article.explore = [Link(f"/article/{i}") for i in rng.sample(others, 15)]


def _special_links(site: SiteContents, by_key: dict[str, Article]) -> None:
    """Place the URL-form, redirect, dead, broken, video and off-site links on chosen pages."""
    target = by_key["url_forms"].id
    legacy = by_key["redirect"]
    missing = hashlib.sha1(b"demo:removed-story").hexdigest()[:12]
    site.urls.update(
        utm=f"/article/{target}?utm_source=twitter&utm_medium=social",
        fragment=f"/article/{target}#comments",
        trailing_slash=f"/article/{target}/",
        mirror=f"/world/article/{target}",
        redirect=old_style_path("turkiye", legacy.headline, legacy.id),
        dead_link=f"/article/{missing}",
        broken=by_key["broken"].path,
        video=f"/video/{next(iter(VIDEOS))}",
        author=AUTHORS["sara.haddad"].path,
        off_site=OFF_SITE_LINKS[0].href,
    )
    placements = (  # (url name, page key, block, link)
        ("utm", "middle_powers", "explore", Link(site.urls["utm"])),
        ("fragment", "lira_rates", "related", Link(site.urls["fragment"])),
        ("trailing_slash", "coppersmiths", "explore", Link(site.urls["trailing_slash"])),
        ("mirror", "no_source", "related", Link(site.urls["mirror"])),
        ("redirect", "street_cats", "explore", Link(site.urls["redirect"])),
        ("dead_link", "dead_link", "explore", Link(site.urls["dead_link"], DEAD_HEADLINE)),
        ("broken", "desalination", "related", Link(site.urls["broken"])),
        ("video", "redirect", "explore", Link(site.urls["video"])),
        ("off_site", "off_site", "explore", OFF_SITE_LINKS[0]),
    )
    for name, page_key, block, link in placements:
        page = by_key[page_key]
        target = site.resolve(link.href)
        links = [x for x in getattr(page, block) if target is None or site.resolve(x.href) is not target]
        if block == "related":
            links = links[:2]
        links.insert(len(links) // 2, link)
        setattr(page, block, links)
        site.link_sources[name] = page.id
    by_key["off_site"].explore.append(OFF_SITE_LINKS[1])
    by_key["desalination"].explore.append(Link("/video/a03f5d2e81c7"))
    by_key["non_utf8"].explore.append(Link("/video/20241187"))
    by_key["same_topic"].related = [Link(by_key["wire_original"].path)]


def build_demo(site: SiteContents) -> None:
    """Fill ``site`` with the demo stories, links, cases, authors and videos."""
    rng = random.Random(f"demo-links:{site.seed}")
    site.authors.update(AUTHORS)
    site.videos.update(VIDEOS)
    by_key: dict[str, Article] = {}
    for story in STORIES:
        by_key[story.key] = _article(story, by_key)
        site.add(by_key[story.key])
    for article in by_key.values():
        if article.copy_of:
            site.wire_copies[article.id] = article.copy_of
    _random_links(site, by_key, rng)
    _special_links(site, by_key)
    site.cases.update({name: by_key[name].id for name in CASE_KEYS})
