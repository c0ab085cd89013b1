"""Key figures: prevalence, targets, money, and counts of people and places.

Indonesian notation: "." groups thousands and "," is the decimal mark
("7.133" = 7133, "14,61" = 14.61, "Rp 1,5 miliar" = 1500000000). Dates, years,
times, phone and regulation numbers are not figures: a number only becomes a
figure when a unit (persen, Rp) or a counted subject (balita, desa, kader...)
stands with it.
"""
from __future__ import annotations

import re

from ..model import Evidence, Figure

_NUM = r"(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
_NOT_BEFORE = r"(?<![\w/.,:-])"
_NOT_AFTER = r"(?![\w/]|[.,:]\d)"
WORD_NUMBERS = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
    "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000,
}
MULTIPLIERS = {"ribu": 1e3, "rb": 1e3, "juta": 1e6, "jt": 1e6, "miliar": 1e9, "milyar": 1e9, "m": 1e9, "triliun": 1e12, "t": 1e12}
# Counted subjects and the kind of figure they make.
SUBJECTS = {
    "balita": "beneficiaries", "bayi": "beneficiaries", "baduta": "beneficiaries", "anak": "beneficiaries",
    "ibu hamil": "beneficiaries", "ibu menyusui": "beneficiaries", "keluarga": "beneficiaries", "kk": "beneficiaries",
    "kepala keluarga": "beneficiaries", "catin": "beneficiaries", "calon pengantin": "beneficiaries", "pasangan": "beneficiaries",
    "remaja": "beneficiaries", "remaja putri": "beneficiaries", "siswa": "beneficiaries", "pelajar": "beneficiaries",
    "orang": "beneficiaries", "jiwa": "beneficiaries", "warga": "beneficiaries", "peserta": "beneficiaries",
    "penerima": "beneficiaries", "sasaran": "beneficiaries", "paket": "beneficiaries", "rumah": "places",
    "kasus": "cases", "desa": "places", "kelurahan": "places", "kampung": "places", "posyandu": "places",
    "puskesmas": "places", "kecamatan": "places", "kabupaten": "places", "kota": "places", "provinsi": "places",
    "sekolah": "places", "lokus": "places", "kabupaten/kota": "places", "dapur": "places",
    "kader": "workers", "petugas": "workers", "bidan": "workers", "tenaga": "workers", "tim": "workers",
    "asn": "workers", "relawan": "workers", "tpk": "workers", "dokter": "workers",
}
_SUBJECT_RX = "|".join(sorted((re.escape(s) for s in SUBJECTS), key=len, reverse=True))
_FILLER = r"(?:orang\s+)?"
_COUNT = re.compile(_NOT_BEFORE + r"(?P<num>\d{1,3}(?:\.\d{3})+|\d+)" + _NOT_AFTER + r"\s+" + _FILLER + r"(?P<subj>" + _SUBJECT_RX + r")(?!\w)", re.I)
_WORD_COUNT = re.compile(r"(?<!\w)(?P<word>" + "|".join(WORD_NUMBERS) + r")\s+(?P<subj>" + _SUBJECT_RX + r")(?!\w)", re.I)
_PERCENT = re.compile(_NOT_BEFORE + _NUM + r"\s*(?:persen|%)(?!\w)", re.I)
_MONEY = re.compile(r"(?<!\w)Rp\.?\s*" + _NUM + r"(?:\s*(?P<mult>ribu|rb|juta|jt|miliar|milyar|triliun|M|T)(?!\w))?", re.I)
_YEAR = re.compile(r"(?:tahun|pada|di tahun|hingga|sampai|per)\s+(?P<y>(?:19|20)\d{2})(?!\d)|(?<![\d/])(?P<y2>20[0-4]\d)(?![\d/])", re.I)
_TARGET = re.compile(r"\btarget\w*\b|\bditargetkan\b|\bsasaran\s+(?:nasional|prevalensi)", re.I)
_PREVALENCE = re.compile(r"\bprevalensi\b|\bangka\s+stunting\b|\bkasus\s+stunting\b|\bstunting\b", re.I)


def parse_number(raw: str) -> float | int:
    """'7.133' -> 7133, '14,61' -> 14.61, '1,5' -> 1.5."""
    raw = raw.replace(".", "").replace(",", ".")
    value = float(raw)
    return int(value) if value.is_integer() else value


def find_figures(sentences: list[str]) -> list[Figure]:
    figures: list[Figure] = []
    for s in sentences:
        taken: list[tuple[int, int]] = []

        def free(m: re.Match) -> bool:
            return not any(a < m.end() and m.start() < b for a, b in taken)

        for m in _MONEY.finditer(s):
            mult = MULTIPLIERS.get((m.group("mult") or "").lower(), 1)
            value = parse_number(m.group("num")) * mult
            value = int(value) if float(value).is_integer() else value
            taken.append(m.span())
            kind = "budget"
            figures.append(Figure(kind, value, "IDR", _year_near(s, m), "rupiah", m.group(0).strip(), Evidence(s, m.group(0))))
        for m in _PERCENT.finditer(s):
            if not free(m):
                continue
            taken.append(m.span())
            clause = s[max(0, m.start() - 120):m.start()]
            kind = "target" if _TARGET.search(clause) else "prevalence" if _PREVALENCE.search(s) and re.search(r"stunting|prevalensi", clause, re.I) else "percent"
            subject = "stunting" if kind in ("target", "prevalence") else ""
            year = _year_near(s, m)
            text = m.group(0) + (f" pada {year}" if year and re.match(rf"\s+(?:pada|tahun)\s+{year}", s[m.end():]) else "")
            figures.append(Figure(kind, parse_number(m.group("num")), "percent", year, subject, text, Evidence(s, m.group(0))))
        for m in _COUNT.finditer(s):
            if not free(m) or _is_year(m.group("num"), s, m):
                continue
            subj = m.group("subj").lower()
            taken.append(m.span())
            figures.append(Figure(SUBJECTS[subj], parse_number(m.group("num")), "count", _year_near(s, m), subj, m.group(0), Evidence(s, m.group(0))))
        for m in _WORD_COUNT.finditer(s):
            if not free(m):
                continue
            subj = m.group("subj").lower()
            figures.append(Figure(SUBJECTS[subj], WORD_NUMBERS[m.group("word").lower()], "count", _year_near(s, m), subj, m.group(0), Evidence(s, m.group(0))))
    return _first_of_each(figures)


def _first_of_each(figures: list[Figure]) -> list[Figure]:
    """An article often repeats a figure ("92 orang anak" three times): keep its first mention."""
    seen: set = set()
    out = []
    for f in figures:
        key = (f.kind, f.value, f.unit, f.subject)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _is_year(num: str, s: str, m: re.Match) -> bool:
    return bool(re.fullmatch(r"(19|20)\d{2}", num)) and bool(re.search(r"(tahun|pada|sejak)\s*$", s[:m.start()], re.I))


def _year_near(s: str, m: re.Match) -> int | None:
    """The year the sentence gives for this figure: the nearest year after it, else before."""
    best = None
    for y in _YEAR.finditer(s):
        year = int(y.group("y") or y.group("y2"))
        if m.start() <= y.start() < m.end():
            continue
        dist = y.start() - m.end() if y.start() >= m.end() else (m.start() - y.end()) * 2
        if best is None or dist < best[0]:
            best = (dist, year)
    return best[1] if best else None
