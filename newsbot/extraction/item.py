"""Assemble the item of a page object: every field read on its own, a failing rule costs only its field."""

from __future__ import annotations

from newsbot.extraction.access import accessible_for_free
from newsbot.extraction.guard import EXTRACTION_ERRORS, PageErrors
from newsbot.extraction.page import ArticlePage
from newsbot.items import ArticleItem


def page_item(page: ArticlePage, errors: PageErrors | None = None) -> ArticleItem:
    """The raw (uncleaned) item of ``page``: values as found on the page.

    Each field is read on its own through ``errors`` (the page's
    :class:`~newsbot.extraction.guard.PageErrors`, a new one when not given): a rule that raises
    leaves its field empty, and the item's ``metadata["extractionErrors"]`` names it.
    """
    errors = errors or PageErrors(page.url)
    read = errors.read
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
    if errors.found:
        item.metadata[EXTRACTION_ERRORS] = errors.found
    return item
