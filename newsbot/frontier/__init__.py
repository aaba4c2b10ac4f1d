"""The crawl frontier: what to fetch next, held by this process or shared by workers on Redis.

One crawl, one process (the default, ``SCHEDULER``):

- :mod:`newsbot.frontier.local_scheduler`: Scrapy's scheduler with JOBDIR resumes that survive a kill
- :mod:`newsbot.frontier.memory_queue`: its in-memory queue, each article request held as a small tuple
- :mod:`newsbot.frontier.budget`: the bounds both schedulers apply (page budget per site, pending queue)

Several workers, one queue and one seen-set per run, turned on by ``NEWSBOT_REDIS_URL``
(:class:`~newsbot.frontier.addon.SharedFrontier`, in ``ADDONS``):

- :mod:`newsbot.frontier.runs`: runs in Redis (who seeds, leases, who ends the run), the queue length
- :mod:`newsbot.frontier.shared_scheduler`: scrapy-redis's ``Scheduler`` on the run's keys, idle exit, failures
- :mod:`newsbot.frontier.seeding`: the start requests, once per run
- :mod:`newsbot.frontier.learnt`: what discovery learnt in a run, shared by its workers
- :mod:`newsbot.frontier.connection`: the Redis client, the URL with its password masked
- ``python -m newsbot.frontier``: the current run of a spider (queue length, workers) for monitoring

:func:`queue_length` and :class:`~newsbot.frontier.runs.RunLedger` import neither Scrapy nor the
crawl: a monitor can call them.
"""

from newsbot.frontier.connection import connect, masked_url
from newsbot.frontier.runs import RunLedger, RunStatus, queue_length

__all__ = ["RunLedger", "RunStatus", "connect", "masked_url", "queue_length"]
