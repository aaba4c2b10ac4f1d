"""Find near-duplicate stories in a JSON Lines export.

    python -m newsbot.dedup items.jsonl [--threshold T] [--containment C] [--num-perm N] [--window-days D]
    python -m newsbot.dedup - < items.jsonl

Each input line is a JSON object with at least ``url`` and ``articleBody`` (``headline`` and
``datePublished``, ISO 8601, are used when present). Records are judged in file order, so a copy
points to the first story of its group. For every valid record one JSON line is printed::

    {"url": ..., "duplicateOf": url or null, "similarity": float or null}

Malformed lines (bad JSON, missing or non-string ``url``/``articleBody``) are reported on stderr
with their line number and skipped. Exit status 0, or 2 if the input cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime

from .index import DEFAULT_CONTAINMENT, DEFAULT_NUM_PERM, DEFAULT_THRESHOLD, NearDuplicateIndex
from .signatures import MemorySignatureStore


def parse_date(value: object) -> float | None:
    """Epoch seconds of an ISO 8601 date or date-time (naive values are taken as UTC)."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.timestamp()


def _window(value: str) -> float | None:
    if value.lower() in ("none", "off", "0"):
        return None
    days = float(value)
    if days <= 0:
        raise argparse.ArgumentTypeError("window must be positive (or 'none')")
    return days


def _threshold(value: str) -> float:
    t = float(value)
    if not 0.0 < t <= 1.0:
        raise argparse.ArgumentTypeError("threshold must be in (0, 1]")
    return t


def _containment(value: str) -> float:
    c = float(value)
    if not 0.0 <= c <= 1.0:
        raise argparse.ArgumentTypeError("containment must be in [0, 1] (0: off)")
    return c


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python -m newsbot.dedup",
        description="Report near-duplicate stories in a JSON Lines export (one JSON line per record).",
    )
    ap.add_argument("path", help="JSON Lines file, or - for standard input")
    ap.add_argument(
        "--threshold",
        type=_threshold,
        default=DEFAULT_THRESHOLD,
        help=f"estimated Jaccard similarity for a near duplicate (default {DEFAULT_THRESHOLD})",
    )
    ap.add_argument(
        "--containment",
        type=_containment,
        default=DEFAULT_CONTAINMENT,
        help=f"share of the shorter story in the longer for a trimmed copy, 0: off (default {DEFAULT_CONTAINMENT})",
    )
    ap.add_argument(
        "--num-perm",
        type=int,
        default=DEFAULT_NUM_PERM,
        help=f"MinHash permutations (default {DEFAULT_NUM_PERM})",
    )
    ap.add_argument(
        "--window-days",
        type=_window,
        default=None,
        help="compare only stories published within this many days of each other (default: no window)",
    )
    return ap


def run(lines, out, err, index: NearDuplicateIndex) -> int:
    """Judge each line of ``lines``; return the number of malformed lines."""
    bad = 0
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            bad += 1
            print(f"line {lineno}: invalid JSON ({exc.msg}); skipped", file=err)
            continue
        if not isinstance(record, dict):
            bad += 1
            print(f"line {lineno}: not a JSON object; skipped", file=err)
            continue
        url, body = record.get("url"), record.get("articleBody")
        missing = [name for name, v in (("url", url), ("articleBody", body)) if not isinstance(v, str) or not v]
        if missing:
            bad += 1
            print(f"line {lineno}: missing or invalid {', '.join(missing)}; skipped", file=err)
            continue
        headline = record.get("headline") if isinstance(record.get("headline"), str) else None
        published = parse_date(record.get("datePublished"))
        if record.get("datePublished") and published is None:
            print(
                f"line {lineno}: unreadable datePublished {record.get('datePublished')!r}; compared without a date",
                file=err,
            )
        verdict = index.check_and_add(url, body, published, headline=headline)
        out.write(
            json.dumps(
                {
                    "url": url,
                    "duplicateOf": verdict.duplicate_of,
                    "similarity": None if verdict.similarity is None else round(verdict.similarity, 4),
                },
                ensure_ascii=False,
            )
            + "\n"
        )
    return bad


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    if args.num_perm < 4:
        print("--num-perm must be at least 4", file=sys.stderr)
        return 2
    index = NearDuplicateIndex(
        MemorySignatureStore(),
        threshold=args.threshold,
        num_perm=args.num_perm,
        window_days=args.window_days,
        containment_threshold=args.containment or None,
    )
    if args.path == "-":
        run(sys.stdin, sys.stdout, sys.stderr, index)
    else:
        try:
            fh = open(args.path, encoding="utf-8", errors="replace")  # noqa: SIM115
        except OSError as exc:
            print(f"cannot read {args.path}: {exc.strerror or exc}", file=sys.stderr)
            return 2
        with fh:
            try:
                run(fh, sys.stdout, sys.stderr, index)
            except OSError as exc:  # e.g. EIO while reading, or a directory given as path
                print(f"cannot read {args.path}: {exc.strerror or exc}", file=sys.stderr)
                return 2
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
