"""newsbot.errors: every exception of newsbot is defined there, and the tree its docstring draws is the real one."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

import newsbot
from newsbot import errors

PACKAGE = Path(newsbot.__file__).parent
#: a class whose bases name one of these is an exception class
EXCEPTION_BASE = re.compile(r"(Error|Exception|Warning|Interrupt|Exit|IgnoreRequest|DropItem)$")
#: Scrapy's control-flow exceptions newsbot subclasses to talk to Scrapy stay beside their users
SCRAPY_SIGNALS = {"drops.py: DropRequest"}


def exception_classes(source: str) -> list[str]:
    """Names of the classes in ``source`` that derive from an exception class (by the bases' names)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef):
            bases = [ast.unparse(base).rsplit(".", 1)[-1] for base in node.bases]
            if any(EXCEPTION_BASE.search(base) or base in errors.__all__ for base in bases):
                found.append(node.name)
    return found


def drawn_tree(doc: str) -> dict[str, str | None]:
    """``{class: parent}`` as the docstring draws it (the root's parent is ``None``)."""
    parents: dict[str, str | None] = {}
    stack: list[tuple[int, str]] = []
    for line in doc.splitlines():
        match = re.match(r"^(\s*)(?:[│ ]*[├└]── )?([A-Z]\w+)( \(|\s{2,})", line)
        if not match or match.group(2) not in errors.__all__:
            continue
        depth = line.index(match.group(2))
        while stack and stack[-1][0] >= depth:
            stack.pop()
        parents[match.group(2)] = stack[-1][1] if stack else None
        stack.append((depth, match.group(2)))
    return parents


def test_every_exception_class_of_newsbot_is_defined_in_errors() -> None:
    elsewhere = {
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in PACKAGE.rglob("*.py")
        if path.name != "errors.py"
        for name in exception_classes(path.read_text(encoding="utf-8"))
    }
    assert elsewhere - SCRAPY_SIGNALS == set()


def test_the_scan_finds_an_exception_class_defined_outside_errors() -> None:
    source = (
        "class Broken(ValueError):\n    pass\n\nclass Lost(errors.StorageError):\n    pass\n\nclass Plain:\n    pass\n"
    )
    assert exception_classes(source) == ["Broken", "Lost"]


def test_the_tree_in_the_docstring_is_the_class_tree() -> None:
    drawn = drawn_tree(errors.__doc__ or "")
    actual = {}
    for name in errors.__all__:
        cls = getattr(errors, name)
        newsbot_bases = [base.__name__ for base in cls.__bases__ if base.__module__ == errors.__name__]
        actual[name] = newsbot_bases[0] if newsbot_bases else None
    assert drawn == actual


def test_a_class_drawn_under_the_wrong_parent_is_seen() -> None:
    doc = (errors.__doc__ or "").replace("    ├── DatabaseInUse", "├── DatabaseInUse")
    assert drawn_tree(doc)["DatabaseInUse"] == "NewsbotError"


def test_every_exception_is_defined_in_errors_and_derives_from_its_root() -> None:
    for name in errors.__all__:
        cls = getattr(errors, name)
        assert inspect.getmodule(cls) is errors
        assert issubclass(cls, errors.NewsbotError)


@pytest.mark.parametrize(
    ("name", "builtin"),
    [("UsageError", ValueError), ("SettingsError", ValueError), ("UnsafeUrl", ValueError),
     ("StorageError", RuntimeError), ("LockHeld", RuntimeError), ("StoreMissing", RuntimeError)],
)  # fmt: skip
def test_code_catching_the_builtin_class_still_catches_them(name: str, builtin: type[Exception]) -> None:
    cls = getattr(errors, name)
    error = cls(["x"]) if name == "SettingsError" else cls("x")
    with pytest.raises(builtin):
        raise error


def catch_all_lines(source: str) -> list[int]:
    """Lines of ``source`` with an ``except:`` or an ``except`` naming ``BaseException``."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ExceptHandler) and (node.type is None or "BaseException" in ast.unparse(node.type))
    ]


def test_nothing_in_newsbot_catches_base_exception() -> None:
    caught = [
        f"{path.relative_to(PACKAGE)}:{line}"
        for path in PACKAGE.rglob("*.py")
        for line in catch_all_lines(path.read_text(encoding="utf-8"))
    ]
    assert caught == []


def test_the_scan_finds_a_catch_all() -> None:
    source = "try:\n    a()\nexcept Exception:\n    pass\ntry:\n    b()\nexcept (OSError, BaseException):\n    raise\n"
    assert catch_all_lines(source + "try:\n    c()\nexcept:\n    pass\n") == [7, 11]
