"""Same-site, non-ASCII story bodies for the dedup benchmarks (bench/dedup_speed.py).

Bodies come from the replica's own story writer (newsbot/sample_site/generator.py): one outlet's
house style, shared sentence frames, places and actors, so distinct stories share many word
3-grams, as on a real site. Each body is given the typography of a real one: curly apostrophes
and quotes, and Turkish names with dotted/dotless i (İstanbul, Diyarbakır, Türkiye'nin).

``site_bodies(n, seed)`` returns ``n`` distinct bodies (deterministic); ``near_copy(body, rng)``
a copy-edited version (5% of words changed, a new closing line) that the index must match.
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsbot.sample_site.generator import StoryWriter, make_authors
from newsbot.sample_site.model import STORY_SECTIONS

_TURKISH = ("İstanbul", "Diyarbakır", "Türkiye’nin", "Iğdır", "Kırıkkale", "Eskişehir", "Şanlıurfa", "Ağrı")
_STAMP = datetime(2026, 1, 1, tzinfo=UTC)


def _typeset(text: str, rng: random.Random) -> str:
    """Curly apostrophes, a Turkish name or two, as the replica's real-looking pages have."""
    text = text.replace("'", "\u2019")
    words = text.split(" ")
    for _ in range(2):
        words.insert(rng.randrange(len(words)), rng.choice(_TURKISH))
    return " ".join(words)


def site_bodies(n: int, seed: int = 5, words: tuple[int, int] = (300, 800)) -> list[str]:
    """``n`` distinct generated bodies (paragraphs joined by blank lines)."""
    rng = random.Random(seed)
    writer = StoryWriter(rng)
    authors = make_authors(rng, 12)
    out = []
    for i in range(n):
        article, _topic = writer.article(f"{i:012x}", STORY_SECTIONS[i % len(STORY_SECTIONS)], _STAMP, authors, words)
        out.append(_typeset("\n\n".join(article.paragraphs), rng))
    return out


def near_copy(body: str, rng: random.Random, share: float = 0.05) -> str:
    """``body`` with ``share`` of its words replaced and a syndication line appended."""
    words = body.split(" ")
    for _ in range(max(1, int(len(words) * share))):
        words[rng.randrange(len(words))] = rng.choice(("reportedly", "officials", "Ankara", "meanwhile"))
    return " ".join(words) + "\n\nThis story was first published by Anadolu Ajansı."
