"""The path README named for ``SCHEDULER_MEMORY_QUEUE``: kept so that settings naming it still load."""

from newsbot.frontier.memory_queue import CompactLifoMemoryQueue as CompactLifoMemoryQueue
