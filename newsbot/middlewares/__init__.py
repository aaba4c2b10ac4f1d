"""Downloader middlewares of newsbot: incremental crawling, off-site, robots.txt, probes, User-Agent, saved pages."""
