"""Incremental builds: the digests that say what changed (keys.py), the cache's data
format (codec.py), compiled templates kept in memory (templates.py), and the worker
processes (workers.py). What the last build knew is kept by generator/state.py."""
