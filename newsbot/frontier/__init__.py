"""The shared crawl frontier on Redis: several worker processes, one request queue and one seen-set per run.

Turned on by ``NEWSBOT_REDIS_URL`` (:class:`~newsbot.frontier.addon.SharedFrontier`, in ``ADDONS``):

- :mod:`newsbot.frontier.runs`: runs in Redis (who seeds, leases, who ends the run), the queue length
- :mod:`newsbot.frontier.scheduler`: scrapy-redis's ``Scheduler`` on the run's keys, idle exit, failures
- :mod:`newsbot.frontier.seeding`: the start requests, once per run
- :mod:`newsbot.frontier.connection`: the Redis client, the URL with its password masked
- ``python -m newsbot.frontier``: the current run of a spider (queue length, workers) for monitoring

:func:`queue_length` and :class:`~newsbot.frontier.runs.RunLedger` import neither Scrapy nor the
crawl: a monitor can call them.
"""

from newsbot.frontier.connection import connect, masked_url
from newsbot.frontier.runs import RunLedger, RunStatus, queue_length

__all__ = ["RunLedger", "RunStatus", "connect", "masked_url", "queue_length"]
