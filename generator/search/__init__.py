"""Search: our Indonesian lunr language (lunr.id.js), and for large sites an index made at build time (shards.py) with the worker that reads it (worker.js)."""
