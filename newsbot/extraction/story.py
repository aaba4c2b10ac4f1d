"""Choose the story among the blocks of a page: its core, the container it grows to, its blocks.

Each block of plain text (not mostly link text, not a teaser's blurb between two links, not in a
comment section) credits the element holding it, that element's parent by half and the next by a
quarter; the element with the most credit is the core of the story (on a page of several
``<article>`` elements, the one holding the page's title). The container grows from the core to
its ancestors while each step adds at least ``CLIMB_RATIO`` times as much story text as other
text, never to the whole page; the container's twins (its siblings built on the same template, a
story cut into parts by embedded cards) join it. A short box label ("Share this article: Share")
gives no credit. No Scrapy, no site rules: lxml elements and
:class:`newsbot.extraction.blocks.Block` lists in, blocks out.
"""

from __future__ import annotations

from itertools import accumulate

from lxml import etree

from newsbot.extraction.blocks import CELL_TAGS, HEADING_TAGS, ITEM_TAGS, PARAGRAPH_TAGS, Block, PageBlocks
from newsbot.extraction.boilerplate import MAX_LABEL_CHARS, SENTENCE_END, is_box_label, is_end_label

MIN_BLOCK_CHARS = 25  # shorter blocks give no credit (labels, bylines, buttons)
MAX_LINK_RATIO = 0.5  # blocks with more of their text in links give no credit (teasers, menus)
MAX_CLIMB = 8
LEDE_REACH = 30  # blocks before the story searched for its lede
MIN_LEDE_CHARS = 80  # the shortest standfirst shown apart from the story
MAX_LEDES = 2  # the most paragraphs of a standfirst shown apart
CLIMB_RATIO = 2.0
LINK_WEIGHT = 0.7  # the weight of link text as other text when growing the container (inline cards)
PLAIN_WEIGHT = 0.5  # the weight of plain text that gives no credit, as other text, against link text
PARAGRAPH_SHARE = 0.6  # a core whose story text is this much in paragraph elements keeps only those
TEASER_CHARS = 300
LIST_TAGS = ITEM_TAGS | CELL_TAGS
MIN_LIST_ITEMS = 2
MAX_TWIN_GAP = 2  # siblings without story text passed over between two parts of one story
TWINLESS_TAGS = frozenset(
    {"article", "main", "body"}
)  # a list taken between parts of the story holds this many items of plain text


# the names a comment section goes by (its ``id`` or a token of its ``class``; lower case, "_" read as
# "-"): WordPress's ``#comments``/``.comments-area``/``#respond``, Disqus's ``#disqus_thread``, ...
COMMENT_IDS = frozenset(
    {"comment", "comments", "respond", "disqus-thread", "comment-section", "comments-section", "comment-list",
     "comments-list", "comment-thread", "comments-container"}
)  # fmt: skip
COMMENT_CLASSES = frozenset(
    {"comments", "comments-area", "comment-list", "commentlist", "comment-respond", "comments-section",
     "comment-section", "comments-list", "comment-thread", "comments-container", "comment-form"}
)  # fmt: skip


def is_comment_section(element: etree._Element) -> bool:
    """True for an element named as a comment section by its ``id`` or ``class``
    (``COMMENT_IDS``, ``COMMENT_CLASSES``): the readers' comments, their count and the comment form."""
    return _comments_by_id(element.get("id")) or _comments_by_class(element.get("class"))


def _comments_by_id(name: str | None) -> bool:
    return bool(name) and _may_name_comments(name) and name.lower().replace("_", "-") in COMMENT_IDS


def _comments_by_class(kind: str | None) -> bool:
    if not kind or not _may_name_comments(kind):
        return False
    return any(token.replace("_", "-") in COMMENT_CLASSES for token in kind.lower().split())


# the utility classes that hide an element from every screen (Bootstrap's ``d-none``, Tailwind's ``hidden``...)
HIDING_CLASSES = frozenset({"hidden", "d-none", "is-hidden", "hide", "u-hidden", "visually-hidden", "sr-only"})


def is_hidden_by_class(element: etree._Element) -> bool:
    """True for an element a utility class hides (``HIDING_CLASSES``) on every screen: not when
    another class shows it on some (``md:block``, ``d-md-block``, ``visible-lg``)."""
    return _hiding_class(element.get("class"))


def _hiding_class(kind: str | None) -> bool:
    if not kind or not ("hid" in kind or "none" in kind or "sr-only" in kind):
        return False
    tokens = kind.split()
    if not any(token in HIDING_CLASSES for token in tokens):
        return False
    return not any(":" in token or (token.startswith(("d-", "visible-")) and token != "d-none") for token in tokens)


def is_left_out_section(element: etree._Element) -> bool:
    """:func:`is_comment_section` or :func:`is_hidden_by_class`, reading each attribute once (asked
    of every element between the story's blocks and its container: the cheap looks come first)."""
    kind = element.get("class")
    if (
        kind
        and ("hid" in kind or "none" in kind or "sr-only" in kind or _may_name_comments(kind))
        and (_hiding_class(kind) or _comments_by_class(kind))
    ):
        return True
    name = element.get("id")
    return bool(name) and _comments_by_id(name)


def _may_name_comments(name: str) -> bool:
    """A cheap look before the sets: every name in them holds one of these."""
    return "omment" in name or "OMMENT" in name or "espond" in name or "isqus" in name


def _squeeze(text: str) -> str:
    return " ".join(text.split()).casefold()


def credit(block: Block) -> float:
    """What a block tells of its container being the story: its plain text, or 0 (a short block,
    mostly links, a heading, a box label)."""
    if block.length < MIN_BLOCK_CHARS or block.link_length > MAX_LINK_RATIO * block.length:
        return 0.0
    if block.tag in HEADING_TAGS or (block.length <= MAX_LABEL_CHARS and is_box_label(block.text)):
        return 0.0
    return float(block.length - block.link_length)


def _in_context(blocks: list[Block], teasers: list[bool]) -> list[float]:
    """The credit of each block; none for a teaser's blurb: a block shorter than ``TEASER_CHARS``
    whose nearest neighbours on both sides (short plain blocks passed over) are link blocks."""
    credits = [credit(block) for block in blocks]
    # per block: 1 a link block, 0 a short plain one (transparent), -1 text
    kinds = [
        1 if block.link_length > MAX_LINK_RATIO * block.length else 0 if block.length < MIN_BLOCK_CHARS else -1
        for block in blocks
    ]
    before, last = [True] * len(blocks), True  # the nearest non-transparent block before is a link block
    for n, kind in enumerate(kinds):
        before[n] = last
        if kind:
            last = kind > 0
    last = True
    for n in range(len(blocks) - 1, -1, -1):
        if credits[n] and credits[n] < TEASER_CHARS and before[n] and last:
            credits[n] = 0.0
            teasers[n] = True
        if kinds[n]:
            last = kinds[n] > 0
    if not any(credits):  # a page of one short text: let it stand
        teasers[:] = [False] * len(blocks)
        return [credit(block) for block in blocks]
    return credits


def _holds_path(element: etree._Element, path: list[tuple[str, str | None]]) -> bool:
    """True when ``element`` has a child, grandchild... with each (tag, class) of ``path`` in turn."""
    node = element
    for tag, kind in path:
        node = next((child for child in node if child.tag == tag and child.get("class") == kind), None)
        if node is None:
            return False
    return True


def _within(node: etree._Element | None, ancestor: etree._Element) -> bool:
    """True when ``node`` is ``ancestor`` or inside it."""
    while node is not None:
        if node is ancestor:
            return True
        node = node.getparent()
    return False


def _enclosing(node: etree._Element | None, tag: str) -> etree._Element | None:
    """``node`` or its nearest ancestor with ``tag``."""
    while node is not None and node.tag != tag:
        node = node.getparent()
    return node


class StoryFinder:
    """The story container of a page and its blocks (one instance per page and call); ``title``
    is the element showing the page's headline, when known."""

    def __init__(self, page: PageBlocks, top: etree._Element, title: etree._Element | None = None) -> None:
        self.page = page
        self.top = top
        self.title = title
        self.limit: etree._Element | None = None
        self.story_container: etree._Element | None = None  # set by :meth:`blocks`
        self.teasers = [False] * len(page.blocks)  # teaser blurbs: other text, never story text
        self.credits = _in_context(page.blocks, self.teasers)
        self.silenced = [False] * len(page.blocks)  # comment sections: no text at all
        self._silence_comments()
        self.good = [0.0, *accumulate(self.credits)]
        # other text: link text, and plain text that gives no credit (bylines, labels), each weighted
        others = (
            0.0
            if quiet
            else LINK_WEIGHT * block.link_length + (0.0 if value else PLAIN_WEIGHT * (block.length - block.link_length))
            for block, value, quiet in zip(page.blocks, self.credits, self.silenced, strict=True)
        )
        self.other = [0.0, *accumulate(others)]

    def _silence_comments(self) -> None:
        """A comment section is no text at all: the blocks from a comment label ("Comments",
        "Leave a reply", "12 Kommentare"...) to the end of the element holding the label and what
        follows it give no credit, weigh nothing and are never story text, so a long discussion
        never outweighs a short story."""
        spans, credits, silenced = self.page.spans, self.credits, self.silenced
        for block in self.page.blocks:
            if block.length > MAX_LABEL_CHARS or block.link_length * 2 > block.length:
                continue
            if not is_end_label(block):
                continue
            holder = block.owner
            for _ in range(3):  # up to the element holding more than the label
                parent = holder.getparent()
                if spans.get(holder, (0, 0))[1] > block.index + 1 or parent is None or parent not in spans:
                    break
                holder = parent
            end = spans.get(holder, (0, block.index + 1))[1]
            for n in range(block.index, end):
                credits[n] = 0.0
                silenced[n] = True

    def _sums(self, element: etree._Element) -> tuple[float, float]:
        first, end = self.page.spans.get(element, (0, 0))
        good = self.good[end] - self.good[first]
        return good, self.other[end] - self.other[first]

    def core(self) -> etree._Element | None:
        scores: dict[etree._Element, float] = {}
        for block, value in zip(self.page.blocks, self.credits, strict=True):
            if not value:
                continue
            node = block.owner.getparent() if block.tag in PARAGRAPH_TAGS else block.owner
            for weight in (1.0, 0.5, 0.25):
                if node is None:
                    break
                scores[node] = scores.get(node, 0.0) + value * weight
                if node is self.top:
                    break
                node = node.getparent()
        if not scores:
            return None
        best = max(scores, key=scores.__getitem__)
        return self._in_titled_article(scores, best) if self.title is not None else best

    def _in_titled_article(self, scores: dict[etree._Element, float], best: etree._Element) -> etree._Element:
        """On a page of several ``<article>`` elements (the next story preloaded below), the core
        is taken from the article holding the page's title, not from a longer neighbour."""
        titled = _enclosing(self.title, "article")
        other = _enclosing(best, "article")
        if titled is None or other is None or titled is other or _within(other, titled) or _within(titled, other):
            return best
        inside = [node for node in scores if _within(node, titled)]
        if not inside:
            return best
        self.limit = titled  # the container never grows past the titled article
        return max(inside, key=scores.__getitem__)

    def container(self, core: etree._Element) -> etree._Element:
        """``core`` grown to ancestors while a step (of one level, or two) adds story text, at
        least ``CLIMB_RATIO`` times as much of it as other text."""
        node = core
        good, other = self._sums(node)
        for _ in range(MAX_CLIMB):
            step = self._step(node, good, other)
            if step is None:
                break
            node, good, other = step
        return node

    def _step(self, node: etree._Element, good: float, other: float) -> tuple[etree._Element, float, float] | None:
        ancestor = node
        for _ in range(2):
            if ancestor is self.top or ancestor is self.limit:
                return None
            ancestor = ancestor.getparent()
            if ancestor is None or ancestor is self.top or ancestor not in self.page.spans:
                return None  # the whole page is never the story's container
            up_good, up_other = self._sums(ancestor)
            gained, added = up_good - good, up_other - other
            if (gained == added == 0) or (gained > 0 and gained >= CLIMB_RATIO * added):
                return ancestor, up_good, up_other
        return None

    def lede_before(self, index: int, lede: str) -> Block | None:
        """The block showing ``lede`` among the ``LEDE_REACH`` blocks before block ``index``."""
        wanted = _squeeze(lede)
        if len(wanted) < MIN_BLOCK_CHARS:
            return None
        for block in reversed(self.page.blocks[max(0, index - LEDE_REACH) : index]):
            if not self.silenced[block.index] and _squeeze(block.text) == wanted:
                return block
        return None

    def ledes_after_title(self, index: int) -> list[Block]:
        """The standfirst shown between the page's title and the story's first block ``index``
        (in a header of its own, apart from the story's container): the last ``MAX_LEDES``
        blocks of plain sentence text there (a heading too), at least ``MIN_LEDE_CHARS`` long (a
        byline, a date, a label are shorter; a caption is left out later by the caption rules).
        Between breadcrumbs and share buttons a standfirst looks like a teaser's blurb: it is
        taken all the same."""
        span = self.page.spans.get(self.title) if self.title is not None else None
        if span is None or not 0 < index - span[1] <= LEDE_REACH:
            return []
        found = [
            block
            for block in self.page.blocks[span[1] : index]
            if (credit(block) or (block.tag in HEADING_TAGS and block.tag != "h1" and not block.link_length))
            and not self.silenced[block.index]
            and block.length >= MIN_LEDE_CHARS
            and block.tag not in LIST_TAGS
            and SENTENCE_END.search(block.text)
        ]
        return found[-MAX_LEDES:]

    def blocks(self) -> list[Block]:
        """The blocks of the story: every block of the core, and outside it (in the container) the
        blocks of story text and the headings just before them. When the core holds its text in
        paragraph elements (``p``, ``li``, ``h2``...), text loose in ``div``/``span`` is left out
        (captions, bylines, widgets); else such text is the story."""
        core = self.core()
        if core is None:
            return []
        first, end = self.page.spans[core]
        container = self.container(core)
        start, stop = self._with_twins(core, container)
        blocks = self.page.blocks
        credits = self.credits
        in_paragraphs = sum(credits[n] for n in range(first, end) if blocks[n].tag in PARAGRAPH_TAGS)
        paragraph_mode = in_paragraphs >= PARAGRAPH_SHARE * (self.good[end] - self.good[first])
        taken = [False] * (stop - start)
        # the elements holding the core's own paragraphs: a paragraph beside them is the story's,
        # even between two inline teaser cards (where it looks like a teaser's blurb)
        holders = {blocks[n].owner.getparent() for n in range(first, end) if credits[n] and blocks[n].tag == "p"}
        for n in range(start, stop):
            if self.silenced[n] or (
                self.teasers[n] and not (blocks[n].tag == "p" and blocks[n].owner.getparent() in holders)
            ):
                continue
            if paragraph_mode and blocks[n].tag not in PARAGRAPH_TAGS:
                continue
            if first <= n < end or credits[n] or (blocks[n].tag in HEADING_TAGS and self._text_follows(n, stop)):
                taken[n - start] = True
        self._take_lists_between(start, taken)
        self.story_container = container
        return [blocks[start + n] for n, take in enumerate(taken) if take]

    def _text_follows(self, n: int, stop: int) -> bool:
        """True when story text comes right after block ``n`` (a heading), passing over one short
        label loose in a ``div``/``span`` between them ("Article content" a screen reader gets)."""
        blocks, credits = self.page.blocks, self.credits
        after = n + 1
        if after < stop and not credits[after] and blocks[after].tag not in PARAGRAPH_TAGS:
            if blocks[after].length >= MIN_BLOCK_CHARS:
                return False
            after += 1
        return after < stop and bool(credits[after])

    def _with_twins(self, core: etree._Element, container: etree._Element) -> tuple[int, int]:
        """The block range of ``container`` and of its twins: the siblings before and after it
        built on its template, holding story text (a story cut into sibling parts by embedded
        cards or ads: ``<div class="part"><div class="text">...</div></div>`` twice). A twin has the
        container's tag and ``class`` (never none: the cells of a layout table), holds the path of
        tags and classes from the container down to ``core``, and no ``<h1>`` (the next story of the
        page). Up to ``MAX_TWIN_GAP`` siblings giving no story credit (a link card, an ad slot) are
        passed over between twins; a sibling with story text of another template ends the run. A
        container that is a whole ``<article>``/``<main>`` has no twins (the next story)."""
        start, stop = self.page.spans[container]
        kind = (container.tag, container.get("class"))
        if container is self.top or container is self.limit or not kind[1] or kind[0] in TWINLESS_TAGS:
            return start, stop
        path: list[tuple[str, str | None]] = []
        node = core
        while node is not container:
            path.append((node.tag, node.get("class")))
            node = node.getparent()
        path.reverse()
        spans, good = self.page.spans, self.good
        for siblings, forward in ((container.itersiblings(), True), (container.itersiblings(preceding=True), False)):
            gap = 0
            for sibling in siblings:
                span = spans.get(sibling)
                if span is None:
                    continue
                if good[span[1]] == good[span[0]]:
                    gap += 1
                    if gap > MAX_TWIN_GAP:
                        break
                    continue
                if (sibling.tag, sibling.get("class")) != kind or not _holds_path(sibling, path):
                    break
                if next(sibling.iter("h1"), None) is not None:
                    break
                gap = 0
                if forward:
                    stop = span[1]
                else:
                    start = span[0]
        return start, stop

    def _take_lists_between(self, start: int, taken: list[bool]) -> None:
        """A list or table between two parts of the story (a story split over sibling containers,
        the list in a part of its own) is the story's: a run of list items or table cells left
        out only for their short items is taken when story text is taken right before and right
        after it and at least ``MIN_LIST_ITEMS`` of its items are plain text (a "von" label beside
        an author link is no list). A list after the story's end (tags, related headlines) is
        not between."""
        blocks = self.page.blocks
        n = 0
        while n < len(taken):
            block = blocks[start + n]
            if taken[n] or block.tag not in LIST_TAGS:
                n += 1
                continue
            run = n
            while run < len(taken) and not taken[run] and blocks[start + run].tag in LIST_TAGS:
                run += 1
            items = sum(1 for m in range(n, run) if blocks[start + m].link_length * 2 <= blocks[start + m].length)
            if n > 0 and taken[n - 1] and run < len(taken) and taken[run] and items >= MIN_LIST_ITEMS:
                for m in range(n, run):
                    if not (self.silenced[start + m] or self.teasers[start + m]):
                        taken[m] = True
            n = run
