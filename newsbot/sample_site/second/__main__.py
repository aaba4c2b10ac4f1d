"""``python -m newsbot.sample_site.second [--host H] [--port P] [--seed S] [--articles N]``.

Prints one line ``Serving http://HOST:PORT/`` once it accepts connections; exits with status 0
on SIGTERM or Ctrl-C.
"""

from __future__ import annotations

import argparse
import sys

from ..server import serve_until_signalled
from .server import serve_second
from .site import SecondSite


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsbot.sample_site.second", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8766, help="0 picks a free port (default: 8766)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--articles", type=int, default=80, help="stories (at least 20; default: 80)")
    args = parser.parse_args(argv)
    try:
        site = SecondSite(args.seed, args.articles)
        server = serve_second(site, args.host, args.port)
    except (OSError, ValueError) as error:
        print(f"cannot serve: {error}", file=sys.stderr)
        return 1
    return serve_until_signalled(server)


if __name__ == "__main__":
    sys.exit(main())
