"""The path README named for ``SCHEDULER``: kept so that settings naming it still load."""

from newsbot.frontier.local_scheduler import ResumeSafeScheduler as ResumeSafeScheduler
