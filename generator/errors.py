"""Errors the pipeline reports, and how a failure is told in one line."""
from __future__ import annotations


class BuildError(Exception):
    """Nothing sensible can be built (missing seeds folder, bad taxonomy, unwritable docs)."""


def one_line(exc: BaseException, limit: int = 200) -> str:
    """'TypeError: ...' on one line: what a curator sees of a failure (the traceback is for developers)."""
    text = " ".join(str(exc).split())
    reason = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return reason if len(reason) <= limit else reason[: limit - 1] + "…"
