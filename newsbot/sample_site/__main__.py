"""Command line: ``python -m newsbot.sample_site [--host H] [--port P] [--articles N --seed S]``.

Serves the demo site (or a generated one with ``--articles``), prints exactly one line
``Serving http://HOST:PORT/`` to stdout once it accepts connections, and exits with status 0
on SIGTERM or Ctrl-C.
"""

from __future__ import annotations

import argparse
import sys

from .server import serve, serve_until_signalled
from .site import SampleSite


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command-line options."""
    parser = argparse.ArgumentParser(
        prog="python -m newsbot.sample_site", description="Serve an offline replica of a news site."
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="port; 0 picks a free one (default: 8765)")
    parser.add_argument("--articles", type=int, default=None, help="serve a generated site of N articles")
    parser.add_argument("--seed", type=int, default=None, help="seed (default: 0 demo, 1 generated)")
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the server until SIGTERM/SIGINT; returns the exit status."""
    args = parse_args(argv)
    if args.articles is not None and args.articles < 1:
        print("--articles must be at least 1", file=sys.stderr)
        return 2
    if args.articles:
        site = SampleSite.generate(args.articles, seed=1 if args.seed is None else args.seed)
    else:
        site = SampleSite.demo(seed=args.seed or 0)
    try:
        running = serve(site, args.host, args.port, verbose=args.verbose)
    except OSError as exc:
        print(f"cannot serve on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    return serve_until_signalled(running)


if __name__ == "__main__":
    sys.exit(main())
