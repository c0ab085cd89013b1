"""Curator overrides from a seed's front matter.

Overrides are validated before extraction reads any of them, then win over
extraction and are recorded as curated. A field that names something the
knowledge base does not know (a region code, a programme id) or has a value of
the wrong kind is rejected whole, so that a typo never publishes half-corrected
tags, while the curator's other fields still apply; the report names the file,
the line, the value and the field that was ignored.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..model import Actor, Evidence, Problem, RegionTag, Seed, Tag
from ..reference import Reference

# A link the site may show: an http(s) address without spaces, quotes or brackets.
SAFE_URL = re.compile(r"^https?://[^\s()<>\[\]\"'`]+$")
CURATED = Evidence("Ditetapkan oleh kurator di front matter.", "")
FROM_SOURCE = Evidence("Tanggal terbit menurut data sumber (diimpor).", "")
_TEXT_FIELDS = ("title", "outlet", "dateline", "url")
_TAXONOMY_FIELDS = ("programmes", "actor_types", "target_groups")
# What an imported article's source states (`python -m generator import`): shown as
# the source's data, not as a curator's correction.
SOURCE_FIELDS = ("title", "date", "url", "outlet")
KNOWN_FIELDS = set(_TEXT_FIELDS) | set(_TAXONOMY_FIELDS) | {"date", "provinces", "regencies", "actors", "relevant",
                                                            "relevance", "source"}
RELEVANCE_LEVELS = ("effort", "mention", "none")


def validate(seed: Seed, ref: Reference) -> tuple[dict, list[Problem]]:
    """The front matter's valid fields, and a problem for each field set aside."""
    problems: list[Problem] = []
    clean: dict[str, Any] = {}
    rejected: set[str] = set()

    def bad(field: str, value: Any, why: str) -> None:
        rejected.add(field)
        problems.append(Problem(seed.file, f"front matter: {field}: {why}; bidang {field} diabaikan, bidang lain tetap berlaku",
                                line=_line_of(seed, field.rsplit(".", 1)[-1], value)))

    def text_or_date(field: str, value: Any, into: dict, label: str) -> None:
        if field == "date":
            parsed = _date(value)
            if value is not None and parsed is None:
                bad(label, value, f"'{value}' bukan tanggal (TTTT-BB-HH)")
            else:
                into[field] = parsed
        elif value is not None and not isinstance(value, (str, int, float)):
            bad(label, None, "harus berupa teks")
        elif field == "url" and value is not None and not SAFE_URL.match(str(value).strip()):
            # Only a web address may become a link: "javascript:", "data:", a file path may not.
            problems.append(Problem(seed.file, f"front matter: {label}: '{str(value)[:80]}' bukan alamat http(s); diabaikan",
                                line=_line_of(seed, field, None)))
        else:
            into[field] = None if value is None else str(value).strip() if field == "url" else str(value)

    for field, value in seed.overrides.items():
        if field not in KNOWN_FIELDS:
            problems.append(Problem(seed.file, f"front matter: bidang '{field}' tidak dikenal, diabaikan", line=_line_of(seed, field, None), level="info"))
            continue
        if field in _TEXT_FIELDS or field == "date":
            text_or_date(field, value, clean, field)
        elif field == "source":
            if not isinstance(value, dict):
                bad(field, None, f"harus berupa pemetaan ({', '.join(SOURCE_FIELDS)})")
                continue
            stated: dict[str, Any] = {}
            for key, item in value.items():
                if key in SOURCE_FIELDS:
                    text_or_date(key, item, stated, f"source.{key}")
                else:
                    problems.append(Problem(seed.file, f"front matter: source: bidang '{key}' tidak dikenal, diabaikan",
                                            line=_line_of(seed, str(key), None), level="info"))
            clean[field] = stated
        elif field == "relevant":
            # The older switch: true is an effort, false a passing mention.
            if not isinstance(value, bool):
                bad(field, value, "harus true atau false")
            else:
                clean.setdefault("relevance", "effort" if value else "mention")
        elif field == "relevance":
            if value not in RELEVANCE_LEVELS:
                bad(field, value, f"'{value}' bukan salah satu dari {', '.join(RELEVANCE_LEVELS)}")
            else:
                clean[field] = value
        elif field in ("provinces", "regencies"):
            codes = [str(v) for v in _as_list(value)]
            want_province = field == "provinces"
            for code in codes:
                r = ref.gazetteer.regions.get(code)
                if r is None or r.is_province != want_province:
                    bad(field, code, f"kode {'provinsi' if want_province else 'kabupaten/kota'} '{code}' tidak dikenal (kode ada di halaman Wilayah)")
            clean[field] = codes
        elif field in _TAXONOMY_FIELDS:
            ids = [str(v) for v in _as_list(value)]
            known = ref.taxonomy.ids(field)
            for i in ids:
                if i not in known:
                    bad(field, i, f"id '{i}' tidak dikenal (yang sah: {', '.join(sorted(known))})")
            clean[field] = ids
        elif field == "actors":
            actors = []
            for item in _as_list(value):
                if isinstance(item, dict) and item.get("name"):
                    t = str(item.get("type", ""))
                    if t not in ref.taxonomy.ids("actor_types"):
                        bad(field, t, f"jenis aktor '{t}' tidak dikenal (yang sah: {', '.join(sorted(ref.taxonomy.ids('actor_types')))})")
                    actors.append((str(item["name"]), t))
                else:
                    bad(field, item, "setiap aktor perlu name dan type")
            clean[field] = actors
    return {k: v for k, v in clean.items() if k not in rejected}, problems


def apply(values: dict, checked: dict, ref: Reference) -> tuple[dict, tuple[str, ...]]:
    out = dict(values)
    gaz = ref.gazetteer
    for field, value in (checked.get("source") or {}).items():
        if field not in checked and value is not None:  # the curator's own value wins
            out[field] = value
            if field == "date":
                out["date_evidence"] = FROM_SOURCE
    for field, value in checked.items():
        if field in _TEXT_FIELDS:
            out[field] = value
        elif field == "relevance":
            out["relevance"], out["relevance_note"], out["relevance_evidence"] = value, "ditetapkan oleh kurator", CURATED
        elif field == "date":
            out["date"], out["date_evidence"] = value, CURATED
        elif field == "regencies":
            out["regencies"] = tuple(RegionTag(gaz.regions[c], CURATED, True) for c in sorted(set(value)))
        elif field == "provinces":
            out["provinces"] = tuple(RegionTag(gaz.regions[c], CURATED, True) for c in sorted(set(value)))
        elif field in _TAXONOMY_FIELDS:
            out[field] = tuple(Tag(i, CURATED, True) for i in dict.fromkeys(value))
        elif field == "actors":
            out["actors"] = tuple(sorted((Actor(n, t, CURATED, True) for n, t in value), key=lambda a: (a.type, a.name)))
    if "regencies" in checked and "provinces" not in checked:
        # A regency implies its province.
        codes = sorted({r.region.province_code for r in out["regencies"]} | {p.region.code for p in values["provinces"]})
        out["provinces"] = tuple(RegionTag(gaz.regions[c], CURATED, True) for c in codes)
    if "actors" in checked and "actor_types" not in checked:
        out["actor_types"] = tuple(Tag(t, CURATED, True) for t in sorted({a.type for a in out["actors"]}))
    return out, tuple(sorted(f for f in checked if f != "source"))


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _line_of(seed: Seed, field: str, value: Any) -> int | None:
    """1-based line in the seed file where `field` (and `value`, if given) is written."""
    lines = seed.front_matter.split("\n")
    start = None
    for i, ln in enumerate(lines):
        if re.match(rf"\s*{re.escape(field)}\s*:", ln):
            start = i
            if value is None or str(value) in ln:
                return i + 1
            continue
        if start is not None and value is not None and str(value) in ln:
            return i + 1
    return start + 1 if start is not None else None
