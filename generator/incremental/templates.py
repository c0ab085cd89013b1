"""Compiled Jinja templates kept for the life of the process.

Compiling the templates is a good part of a one-edit rebuild under `mkdocs serve`
(ours and Material's). Jinja's FileSystemBytecodeCache would keep them on disk,
but it reads them back with `pickle` and `marshal`: a file in the cache folder
(which a downloaded or committed output folder brings) would run as code. Kept
in memory, nothing a build reads from disk becomes code.
"""
from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class CompiledTemplates(BytecodeCache):
    """Each template's code by its name, source and the environment's options (the
    same source compiles differently with other escaping or whitespace rules)."""

    def __init__(self) -> None:
        self._code: dict[tuple, object] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        key = _key(bucket)
        if key is not None and key in self._code:
            bucket.code = self._code[key]

    def dump_bytecode(self, bucket: Bucket) -> None:
        key = _key(bucket)
        if key is not None and bucket.code is not None:
            self._code[key] = bucket.code

    def clear(self) -> None:
        self._code.clear()


def _key(bucket: Bucket) -> tuple | None:
    env = bucket.environment
    if callable(env.autoescape):
        return None  # decided per template by a function we cannot compare: compiled each time
    options = (env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
               env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
               env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
               env.optimized, env.is_async, getattr(env.finalize, "__qualname__", repr(env.finalize)), env.autoescape, env.undefined.__name__,
               tuple(sorted(env.extensions)), type(env).__name__)
    return bucket.key, bucket.checksum, options


# One per process (`mkdocs serve` builds many times): a memo of pure compilations,
# never a source of anything a build shows.
COMPILED = CompiledTemplates()
