"""Dataclasses to JSON data and back, for the build's cache.

The cache is data, never code: what a build reads back is checked against the
types the dataclasses declare, and anything else (a value of the wrong type, a
missing or unknown field) raises `ShapeError`, so that the cache is treated as
absent. Nothing read can name a class or a function to call, as a pickle could.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from typing import Any, Union


class ShapeError(ValueError):
    """Cached data that is not what the build wrote."""


def to_data(value: Any) -> Any:
    """JSON-ready data: dataclasses as objects of their fields, tuples as lists, dates as ISO text."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if dataclasses.is_dataclass(value):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [to_data(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not cacheable")


def from_data(kind: Any, data: Any) -> Any:
    """`data` (as `to_data` wrote it) as a value of type `kind`; ShapeError if it is not one."""
    origin = typing.get_origin(kind)
    if kind is Any or kind is object:
        return data
    if kind is type(None):
        if data is not None:
            raise ShapeError("expected null")
        return None
    if origin in (Union, types.UnionType):
        for option in _options(kind):
            try:
                return from_data(option, data)
            except ShapeError:
                continue
        raise ShapeError(f"{_short(data)} is none of {kind}")
    if kind is bool:
        if not isinstance(data, bool):
            raise ShapeError("expected a boolean")
        return data
    if kind is int:
        if not isinstance(data, int) or isinstance(data, bool):
            raise ShapeError("expected an integer")
        return data
    if kind is float:
        if not isinstance(data, float):  # an int stays an int (a figure's 120 is not 120.0)
            raise ShapeError("expected a float")
        return data
    if kind is str:
        if not isinstance(data, str):
            raise ShapeError("expected text")
        return data
    if kind is dt.date:
        if not isinstance(data, str):
            raise ShapeError("expected a date")
        try:
            return dt.date.fromisoformat(data)
        except ValueError as exc:
            raise ShapeError(str(exc)) from None
    if origin in (tuple, list):
        if not isinstance(data, list):
            raise ShapeError("expected a list")
        args = typing.get_args(kind)
        if origin is tuple and args and args[-1] is not Ellipsis:
            if len(args) != len(data):
                raise ShapeError("a tuple of the wrong length")
            return tuple(from_data(a, d) for a, d in zip(args, data))
        item = args[0] if args else Any
        values = [from_data(item, d) for d in data]
        return tuple(values) if origin is tuple else values
    if origin is dict:
        if not isinstance(data, dict):
            raise ShapeError("expected an object")
        key, item = typing.get_args(kind) or (str, Any)
        if key is not str:
            raise ShapeError("only text keys are cached")
        return {k: from_data(item, v) for k, v in data.items()}
    if origin is set:
        if not isinstance(data, list):
            raise ShapeError("expected a list")
        (item,) = typing.get_args(kind)
        return {from_data(item, d) for d in data}
    if dataclasses.is_dataclass(kind):
        if not isinstance(data, dict):
            raise ShapeError(f"expected an object for {kind.__name__}")
        hints = _fields(kind)
        if not set(data) <= set(hints):
            raise ShapeError(f"unknown fields for {kind.__name__}: {sorted(set(data) - set(hints))[:3]}")
        try:
            return kind(**{name: from_data(hints[name], value) for name, value in data.items()})
        except TypeError as exc:  # a required field is missing
            raise ShapeError(str(exc)) from None
    raise ShapeError(f"{kind} is not a cached type")


@functools.lru_cache(maxsize=None)
def _fields(kind: type) -> dict[str, Any]:
    hints = typing.get_type_hints(kind)
    return {f.name: hints[f.name] for f in dataclasses.fields(kind) if f.init}


@functools.lru_cache(maxsize=None)
def _options(kind: Any) -> tuple:
    # None first: the common case of an optional value that is absent.
    args = typing.get_args(kind)
    return tuple(sorted(args, key=lambda a: a is not type(None)))


def _short(data: Any) -> str:
    text = repr(data)
    return text if len(text) < 40 else text[:39] + "…"
