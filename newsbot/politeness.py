"""The path README named for the User-Agent middleware: kept so that ``DOWNLOADER_MIDDLEWARES`` naming it still load."""

from newsbot.middlewares.user_agent import ContactUserAgentMiddleware as ContactUserAgentMiddleware
