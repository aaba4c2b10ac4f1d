"""The near-duplicate index's signatures in the SQL stores, committed with their articles.

- :mod:`newsbot.storage.signatures.sql`: the portable part (load by date range, exact-hash lookups)
- :mod:`newsbot.storage.signatures.sqlite`, :mod:`newsbot.storage.signatures.postgres`: each backend's upsert and order
- :mod:`newsbot.storage.signatures.across_workers`: PostgreSQL, several workers: a batch's new stories
  checked at commit against what the other workers stored

The index itself and its persistence protocol are in :mod:`newsbot.dedup` (no storage imports).
"""
