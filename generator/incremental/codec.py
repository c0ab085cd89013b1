"""Dataclasses to JSON data and back, for the build's cache.

The cache is data, never code: what a build reads back is checked against the
types the dataclasses declare, and anything else (a value of the wrong type, a
missing or unknown field) raises `ShapeError`, so that the cache is treated as
absent. Nothing read can name a class or a function to call, as a pickle could.

Reading 10,000 articles back is on the path of every edit, so each type is
looked at once (`decoder`): what it is, its arguments and its fields give a
function that checks and builds its values, kept for the next value.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from typing import Any, Callable, Union

Decode = Callable[[Any], Any]


class ShapeError(ValueError):
    """Cached data that is not what the build wrote."""


def to_data(value: Any) -> Any:
    """JSON-ready data: dataclasses as objects of their fields, tuples as lists, dates as ISO text."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    names = _names(type(value))
    if names is not None:
        return {name: to_data(getattr(value, name)) for name in names}
    if isinstance(value, (list, tuple)):
        return [to_data(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not cacheable")


@functools.lru_cache(maxsize=None)
def _names(cls: type) -> tuple[str, ...] | None:
    """A dataclass's field names (dataclasses.fields filters them anew at every call); None for other types."""
    return tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None


def from_data(kind: Any, data: Any) -> Any:
    """`data` (as `to_data` wrote it) as a value of type `kind`; ShapeError if it is not one."""
    return decoder(kind)(data)


@functools.lru_cache(maxsize=None)
def decoder(kind: Any) -> Decode:
    """The function that turns data into a value of type `kind`, or raises ShapeError."""
    if kind is Any or kind is object:
        return _same
    if kind in _LEAVES:
        return _LEAVES[kind]
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (Union, types.UnionType):
        return _union(kind)
    if origin in (tuple, list):
        if origin is tuple and args and args[-1] is not Ellipsis:
            return _fixed_tuple(args)
        item = args[0] if args else Any
        return _sequence(origin, decoder(item), _kept(item))
    if origin is dict:
        key, item = args or (str, Any)
        return _mapping(decoder(item)) if key is str else _refuse("only text keys are cached")
    if origin is set:
        return _set(decoder(args[0] if args else Any))
    if dataclasses.is_dataclass(kind):
        return _dataclass(kind)
    return _refuse(f"{kind} is not a cached type")


def _same(data: Any) -> Any:
    return data


def _null(data: Any) -> None:
    if data is not None:
        raise ShapeError("expected null")
    return None


def _bool(data: Any) -> bool:
    if not isinstance(data, bool):
        raise ShapeError("expected a boolean")
    return data


def _int(data: Any) -> int:
    if not isinstance(data, int) or isinstance(data, bool):  # JSON's true is not 1
        raise ShapeError("expected an integer")
    return data


def _float(data: Any) -> float:
    if not isinstance(data, float):  # an int stays an int (a figure's 120 is not 120.0)
        raise ShapeError("expected a float")
    return data


def _str(data: Any) -> str:
    if not isinstance(data, str):
        raise ShapeError("expected text")
    return data


def _date(data: Any) -> dt.date:
    if not isinstance(data, str):
        raise ShapeError("expected a date")
    try:
        return dt.date.fromisoformat(data)
    except ValueError as exc:
        raise ShapeError(str(exc)) from None


_LEAVES: dict[Any, Decode] = {type(None): _null, bool: _bool, int: _int, float: _float, str: _str, dt.date: _date}


@functools.lru_cache(maxsize=None)
def _kept(kind: Any) -> frozenset[type]:
    """The exact types of data that `kind`'s decoder would return as they are: a value of one
    of them needs no call (JSON gives exactly str, int, float, bool and None; `type(True) is
    bool`, not int, so the checks stay as strict)."""
    if kind in (type(None), bool, int, float, str):
        return frozenset({kind})
    if typing.get_origin(kind) in (Union, types.UnionType):
        options = [_kept(option) for option in typing.get_args(kind)]
        if all(options):  # every option keeps its values: whichever accepts one returns it
            return frozenset().union(*options)
    return frozenset()


def _refuse(message: str) -> Decode:
    # Refused when a value comes, not when the type is looked at: a union may hold an
    # option that is never cached, and the other options still decode.
    def decode(data: Any) -> Any:
        raise ShapeError(message)
    return decode


def _union(kind: Any) -> Decode:
    options = typing.get_args(kind)
    nullable = type(None) in options  # None first: the common case of an optional value that is absent
    decoders = tuple(decoder(option) for option in options if option is not type(None))

    def decode(data: Any) -> Any:
        if data is None and nullable:
            return None
        for option in decoders:
            try:
                return option(data)
            except ShapeError:
                continue
        text = repr(data)
        raise ShapeError(f"{text if len(text) < 40 else text[:39] + '…'} is none of {kind}")
    return decode


def _sequence(origin: type, item: Decode, kept: frozenset[type]) -> Decode:
    def decode(data: Any) -> Any:
        if not isinstance(data, list):
            raise ShapeError("expected a list")
        if item is _same or kept and all(type(d) in kept for d in data):
            return origin(data)  # a copy, as the items are
        values = [item(d) for d in data]
        return tuple(values) if origin is tuple else values
    return decode


def _fixed_tuple(args: tuple) -> Decode:
    items = tuple(decoder(a) for a in args)

    def decode(data: Any) -> tuple:
        if not isinstance(data, list):
            raise ShapeError("expected a list")
        if len(items) != len(data):
            raise ShapeError("a tuple of the wrong length")
        return tuple(item(d) for item, d in zip(items, data))
    return decode


def _mapping(item: Decode) -> Decode:
    def decode(data: Any) -> dict:
        if not isinstance(data, dict):
            raise ShapeError("expected an object")
        return {k: item(v) for k, v in data.items()}
    return decode


def _set(item: Decode) -> Decode:
    def decode(data: Any) -> set:
        if not isinstance(data, list):
            raise ShapeError("expected a list")
        return {item(d) for d in data}
    return decode


def _dataclass(kind: type) -> Decode:
    fields: dict[str, tuple[Decode, frozenset[type]]] = {}
    names: frozenset[str] = frozenset()
    ready = False  # the fields are looked at with the first value, so that a class may hold itself

    def decode(data: Any) -> Any:
        nonlocal names, ready
        if not isinstance(data, dict):
            raise ShapeError(f"expected an object for {kind.__name__}")
        if not ready:
            hints = typing.get_type_hints(kind)
            fields.update({f.name: (decoder(hints[f.name]), _kept(hints[f.name]))
                           for f in dataclasses.fields(kind) if f.init})
            names, ready = frozenset(fields), True
        if not names.issuperset(data):
            raise ShapeError(f"unknown fields for {kind.__name__}: {sorted(set(data) - names)[:3]}")
        try:
            values = {}
            for name, value in data.items():
                field, kept = fields[name]
                values[name] = value if type(value) in kept else field(value)
            return kind(**values)
        except TypeError as exc:  # a required field is missing
            raise ShapeError(str(exc)) from None
    return decode
