"""The tests' HTTP servers on 127.0.0.1, and the sites they serve.

- :mod:`servers.loopback`: the one threaded server (a handler class on a free port, bounded stop)
- :mod:`servers.local`: a site answering from a table of paths, recording every request
- :mod:`servers.pages`: TRT World-shaped articles, listings and a feed for such tables
- :mod:`servers.hostile`: the hostile site (redirect loops, a gzip bomb, huge bodies, ...)
- :mod:`servers.endless`: a site of endless new articles, made up on request
- :mod:`servers.recognition`: a WordPress-like site's pages for the ``news`` spider
- :mod:`servers.tiny`: a few fixed pages, recording each request's User-Agent

The replica sites are served by the product's own servers (:func:`newsbot.sample_site.serve`,
:func:`newsbot.sample_site.second.serve_second`); ``tests/conftest.py`` holds the shared fixtures.
"""
