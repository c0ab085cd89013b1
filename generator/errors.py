"""Errors the pipeline reports, and how a failure is told in one line."""
from __future__ import annotations


# Build messages are for curators: in Indonesian (code and logs for developers stay English).
# What a curator reads when a seed's front matter is set aside.
WITHOUT_OVERRIDES = "artikel dibangun tanpa koreksi kurator"


def thousands(number: int) -> str:
    """12345 -> '12.345', as Indonesian writes numbers."""
    return f"{number:,}".replace(",", ".")


class BuildError(Exception):
    """Nothing sensible can be built (missing seeds folder, bad data file, unwritable output folder)."""


def one_line(exc: BaseException, limit: int = 200) -> str:
    """'TypeError: ...' on one line: what a curator sees of a failure (the traceback is for developers)."""
    text = " ".join(str(exc).split())
    reason = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return reason if len(reason) <= limit else reason[: limit - 1] + "…"
