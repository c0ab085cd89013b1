"""Reading the reference data files, and the one error a bad one gives.

Every loader reads its files through `yaml_mapping` and `csv_rows` and turns
them into rules inside `compiling`: whatever is wrong with a file (missing,
not YAML, a missing key or column, a bad regular expression), the build stops
with one line that names the file and the reason, never a traceback.
"""
from __future__ import annotations

import csv
import io
import operator
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import yaml

from ..errors import BuildError


class DataFileError(BuildError):
    """A reference data file (taxonomy, gazetteer, rules) cannot be used."""


@contextmanager
def compiling(path: Path) -> Iterator[None]:
    """Turn what goes wrong while a file's content becomes rules into a DataFileError naming it."""
    try:
        yield
    except DataFileError:
        raise
    except KeyError as exc:
        raise DataFileError(f"{path}: missing entry {exc}") from exc
    except re.error as exc:
        raise DataFileError(f"{path}: invalid regular expression {exc.pattern!r} ({exc})") from exc
    except (TypeError, ValueError, AttributeError) as exc:
        raise DataFileError(f"{path}: unexpected content ({type(exc).__name__}: {exc})") from exc


# PyYAML's parser in C (libyaml, in PyYAML's wheels) reads the data files ten times
# faster than its Python one: 20 ms instead of 200 of every build's reference data.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def yaml_mapping(path: Path) -> dict:
    """A YAML file whose top level is a mapping."""
    try:
        with open(path, encoding="utf-8") as fh:
            try:
                raw = yaml.load(fh, Loader=_FAST_LOADER)
            except yaml.YAMLError:
                # The Python parser has the last word on a file libyaml refuses (its verdict, its message).
                fh.seek(0)
                raw = yaml.load(fh, Loader=yaml.SafeLoader)
    except OSError as exc:
        raise DataFileError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{path}: not valid YAML ({' '.join(str(exc).split())})") from exc
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise DataFileError(f"{path}: expected a mapping of names to values, found {type(raw).__name__}")
    return raw


def csv_rows(path: Path, columns: tuple[str, ...], optional: tuple[str, ...] = (),
             content: bytes | None = None) -> list[tuple[str, ...]]:
    """The values of `columns`, then of `optional`, row by row, of a CSV file whose header has
    at least `columns`; none of those may be empty, while an `optional` column may be empty
    or absent (""). (Tuples, not dicts: the village list has 83,762 rows.) `content`: the
    file's bytes, when the caller has read them."""
    try:
        with (open(path, encoding="utf-8", newline="") if content is None
              else io.StringIO(content.decode("utf-8"), newline="")) as fh:
            reader = csv.reader(fh)
            header = next(reader, [])
            missing = [c for c in columns if c not in header]
            if missing:
                raise DataFileError(f"{path}: missing column(s) {', '.join(missing)}")
            at = [header.index(c) for c in columns]
            extra = [header.index(c) if c in header else None for c in optional]
            # itemgetter picks a row's cells in C: the village list's 83,762 rows in half the time.
            pick = operator.itemgetter(*at) if len(at) > 1 else lambda cells: tuple(cells[i] for i in at)
            rows = []
            for cells in reader:
                if not cells:
                    continue
                try:
                    row = pick(cells)
                except IndexError:
                    raise DataFileError(f"{path}:{reader.line_num}: fewer cells than columns") from None
                if not all(row):
                    empty = [c for c, value in zip(columns, row) if not value]
                    raise DataFileError(f"{path}:{reader.line_num}: empty {', '.join(empty)}")
                if extra:
                    row += tuple(cells[i].strip() if i is not None and i < len(cells) else "" for i in extra)
                rows.append(row)
            return rows
    except OSError as exc:
        raise DataFileError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    except (csv.Error, UnicodeDecodeError) as exc:
        raise DataFileError(f"{path}: not a valid CSV file ({exc})") from exc
