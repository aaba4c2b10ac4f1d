"""Assemble the item of a page object: every field read on its own, a failing rule costs only its field."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from newsbot.extraction.access import accessible_for_free
from newsbot.items import ArticleItem

if TYPE_CHECKING:
    from newsbot.extraction.page import ArticlePage

logger = logging.getLogger(__name__)
T = TypeVar("T")
EXTRACTION_ERRORS = "extractionErrors"  # metadata key: the fields whose rule failed, and why


def page_item(page: ArticlePage) -> ArticleItem:
    """The raw (uncleaned) item: values as found on the page.

    Each field is read on its own. Malformed pages are handled by the rules themselves; a
    rule that still raises is a bug, and only costs its own field: the field is left empty,
    the error is logged with its traceback and named in ``metadata["extractionErrors"]``.
    """
    errors: list[str] = []

    def read(field: str, rule: Callable[[], T], default: T) -> T:
        try:
            return rule()
        except Exception as error:  # last resort, recorded and logged (see the docstring)
            logger.error("Extraction of %s failed on %s: %r", field, page.url, error, exc_info=True)
            errors.append(f"{field}: {error!r}")
            return default

    headline, description = read("headline", page.headline, None), read("description", page.description, None)
    body, layer = read("articleBody", lambda: page.body(page.furniture(headline, description)), (None, None))
    item = ArticleItem(
        url=page.url,
        canonicalUrl=read("canonicalUrl", page.canonical_url, None),
        headline=headline,
        description=description,
        articleBody=body,
        authors=read("authors", page.authors, []),
        datePublished=None,
        datePublishedRaw=read("datePublished", page.date_published_raw, None),
        dateModified=read("dateModified", page.date_modified_raw, None),
        inLanguage=read("inLanguage", page.language, None),
        mainImage=read("mainImage", page.main_image, None),
        articleSection=read("articleSection", page.section, None),
        keywords=read("keywords", page.keywords, []),
        readingTimeMinutes=read("readingTimeMinutes", page.reading_time, None),
        sourceCredit=read("sourceCredit", page.source_credit, None),
        isAccessibleForFree=read("isAccessibleForFree", lambda: accessible_for_free(page.jsonld, page.selector), None),
        relatedLinks=read("relatedLinks", page.related_links, []),
        metadata={"extractor": f"{page.extractor_name}:{layer}" if layer else page.extractor_name},
    )
    if errors:
        item.metadata[EXTRACTION_ERRORS] = errors
    return item
