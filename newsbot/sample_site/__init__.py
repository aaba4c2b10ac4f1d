"""An offline replica of a TRT World-like news site, for crawls, tests and benchmarks.

``SampleSite.demo()`` holds hand-written stories with every hard case; ``SampleSite.generate()``
builds thousands of deterministic stories. ``serve(site)`` runs it over HTTP on 127.0.0.1;
``python -m newsbot.sample_site`` does the same from the command line.
"""

from .model import Article, HeroImage, Link, Person
from .requestlog import RequestLog
from .server import RunningServer, serve
from .site import SampleSite

__all__ = ["Article", "HeroImage", "Link", "Person", "RequestLog", "RunningServer", "SampleSite", "serve"]
