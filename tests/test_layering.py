"""The import rules of the layout: which package may import which, and no circles among the crawl's components.

Read from the source (every ``import`` statement, also inside functions and ``TYPE_CHECKING``
blocks), so a rule holds for what the code could import, not only for what one run imported.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "newsbot"

#: module prefix -> prefixes it must never import (an import of a lower layer by a higher one is fine)
NEVER: dict[str, tuple[str, ...]] = {
    "newsbot.dedup": ("scrapy", "newsbot.storage", "newsbot.crawl_store", "newsbot.pipelines"),
    "newsbot.storage": (
        "scrapy",
        "newsbot.crawl_store",
        "newsbot.pipelines",
        "newsbot.middlewares",
        "newsbot.extensions",
        "newsbot.frontier",
    ),
    "newsbot.crawl_store": ("newsbot.pipelines", "newsbot.middlewares", "newsbot.extensions", "newsbot.frontier"),
    "newsbot.frontier": ("newsbot.pipelines", "newsbot.middlewares", "newsbot.extensions", "newsbot.spiders"),
    "newsbot.pipelines": ("newsbot.middlewares", "newsbot.extensions", "newsbot.frontier", "newsbot.spiders"),
    "newsbot.middlewares": ("newsbot.pipelines", "newsbot.extensions", "newsbot.spiders"),
    "newsbot.extensions": ("newsbot.pipelines", "newsbot.middlewares", "newsbot.spiders"),
    "newsbot.monitoring": ("newsbot.pipelines", "newsbot.middlewares", "newsbot.extensions", "newsbot.frontier"),
    "newsbot.drops": ("newsbot.pipelines", "newsbot.middlewares", "newsbot.extensions", "newsbot.spiders"),
    "newsbot.request_meta": ("newsbot",),
    "newsbot.extraction": ("newsbot.sites", "newsbot.spiders", "newsbot.pipelines", "newsbot.storage"),
    "newsbot.sites": ("newsbot.spiders", "newsbot.pipelines", "newsbot.storage"),
    "newsbot.archive": ("newsbot.report", "newsbot.spiders", "newsbot.pipelines", "newsbot.middlewares"),
}

#: the packages and modules whose files must import each other in no circle
NO_CIRCLES = (
    "newsbot.storage",
    "newsbot.dedup",
    "newsbot.frontier",
    "newsbot.pipelines",
    "newsbot.middlewares",
    "newsbot.extensions",
    "newsbot.monitoring",
    "newsbot.crawl_store",
)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module ``path`` imports (absolute names; ``from x import y`` counts as ``x`` and ``x.y``)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def the_graph() -> dict[str, set[str]]:
    """``{module: modules of newsbot it imports}`` for every module of the package."""
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    return {name: {other for other in imports_of(path) if other in modules} for name, path in modules.items()}


def within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def broken_rules(imported: Mapping[str, Iterable[str]]) -> list[str]:
    """``importer -> imported`` for each import that :data:`NEVER` forbids (``imported``: every name imported)."""
    broken = []
    for importer, names in imported.items():
        for prefix, forbidden in NEVER.items():
            if not within(importer, prefix):
                continue
            for name in names:
                if any(within(name, bad) for bad in forbidden) and not within(name, prefix):
                    broken.append(f"{importer} -> {name}")
    return sorted(broken)


def circles(graph: Mapping[str, Iterable[str]], scope: Iterable[str]) -> list[list[str]]:
    """The strongly connected groups of more than one module among those in ``scope`` (Tarjan)."""
    nodes = [name for name in graph if any(within(name, prefix) for prefix in scope)]
    inside = set(nodes)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph[node]:
            if other not in inside:
                continue
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in nodes:
        if node not in index:
            visit(node)
    return found


def test_no_package_imports_what_its_layer_must_not() -> None:
    modules = {module_name(path): imports_of(path) for path in PACKAGE.rglob("*.py")}
    assert broken_rules(modules) == []


def test_the_crawl_components_and_their_backends_import_each_other_in_no_circle() -> None:
    # a package's __init__ that hands its modules' names on is no circle with them
    graph = {name: {o for o in others if not name.startswith(o + ".")} for name, others in the_graph().items()}
    assert circles(graph, NO_CIRCLES) == []


@pytest.mark.parametrize(
    ("imported", "expected"),
    [
        (
            {"newsbot.frontier.budget": ["newsbot.middlewares.incremental"]},
            ["newsbot.frontier.budget -> newsbot.middlewares.incremental"],
        ),
        ({"newsbot.storage.sqlite": ["scrapy.crawler"]}, ["newsbot.storage.sqlite -> scrapy.crawler"]),
        ({"newsbot.middlewares.incremental": ["newsbot.frontier.budget"]}, []),
    ],
)
def test_a_forbidden_import_is_reported(imported: dict[str, list[str]], expected: list[str]) -> None:
    assert broken_rules(imported) == expected


def test_a_circle_is_reported() -> None:
    graph = {"newsbot.storage.a": {"newsbot.storage.b"}, "newsbot.storage.b": {"newsbot.storage.a"}, "newsbot.x": set()}
    assert circles(graph, ["newsbot.storage"]) == [["newsbot.storage.a", "newsbot.storage.b"]]
    assert circles(graph, ["newsbot.x"]) == []
