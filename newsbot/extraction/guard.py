"""The one place extraction catches an unexpected error: logged once, recorded on the item, never raised.

The error policy of extraction:

- A malformed page is no error. Each rule handles what it reads (a bad URL, broken markup, bytes
  no encoding reads) and leaves its field empty; nothing is raised and nothing is logged.
- An exception that still escapes a rule is a bug in newsbot. :meth:`PageErrors.read` catches it
  (``Exception`` only: ``KeyboardInterrupt``, ``SystemExit`` and ``CancelledError`` go through),
  logs one ERROR naming the step, the page's URL (redacted) and the error, with its traceback,
  and keeps ``"<step>: <error>"`` for the item's ``metadata["extractionErrors"]``. A field rule
  that fails costs that field only; a failure outside the field rules (decoding, building the
  page, cleaning) costs the page's fields, and the item still carries its URL and the errors.
- The spiders count every item whose metadata names an error (``newsbot/spider/extraction_errors``)
  and handle it as any other item; they catch nothing of extraction themselves.

Reads no settings.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from newsbot.redaction import redact

logger = logging.getLogger(__name__)
T = TypeVar("T")
#: the item's metadata key: the steps whose rule failed, and why
EXTRACTION_ERRORS = "extractionErrors"


class PageErrors:
    """The unexpected errors met while extracting one page (``url``), in the order they happened."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.found: list[str] = []

    def read(self, step: str, rule: Callable[[], T], default: T) -> T:
        """``rule()``; ``default`` when it raises, the error logged and kept (see the module docstring)."""
        try:
            return rule()
        except Exception as error:  # a bug in a rule: the one catch of extraction (module docstring)
            reason = redact(repr(error))
            logger.error("Extraction of %s failed on %s: %s", step, redact(self.url), reason, exc_info=True)
            self.found.append(f"{step}: {reason}")
            return default
