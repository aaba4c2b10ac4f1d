"""Health of a crawl: field coverage, the checks behind the exit codes, the Spidermon monitors.

- :mod:`newsbot.monitoring.health`: the checks as plain functions over a crawl's stats (no Scrapy).
- :mod:`newsbot.monitoring.coverage_history`: the usual field coverage of earlier runs (counted by
  :class:`newsbot.pipelines.coverage.CoveragePipeline`).
- :mod:`newsbot.monitoring.monitors`: Spidermon close monitors running those checks.
"""
