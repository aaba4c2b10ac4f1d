"""newsbot spiders: one thin spider per site; extraction lives in :mod:`newsbot.extraction`."""
