"""Our Indonesian stemmer (generator/search/lunr.id.js), run in V8 without Node."""
from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

FAMILIES = yaml.safe_load((Path(__file__).parent / "data" / "id_word_families.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def language_file(seeds_output) -> str:
    """The search language file exactly as the build writes it."""
    return (seeds_output / "assets" / "javascripts" / "lunr" / "min" / "lunr.id.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def stemmer(language_file):
    """The stemmer running in V8 (mini-racer), as in the browser's search worker."""
    racer = pytest.importorskip("py_mini_racer")
    ctx = racer.MiniRacer()
    ctx.eval("var self = this;")
    ctx.eval(language_file)
    return ctx


def stem(ctx, word: str) -> str:
    return ctx.call("KB_ID_STEMMER.stem", word)


def test_word_list_is_big_enough():
    assert sum(len(forms) for forms in FAMILIES.values()) >= 300


def test_forms_of_a_family_share_an_index_term(stemmer):
    together = total = 0
    report = []
    for root, forms in FAMILIES.items():
        stems = Counter(stem(stemmer, f) for f in forms)
        term, n = stems.most_common(1)[0]
        together += n
        total += len(forms)
        if n < len(forms):
            report.append(f"{root}: {dict(stems)}")
    share = together / total
    print(f"{together}/{total} forms on their family's shared term ({share:.1%})")
    assert share >= 0.85, "\n".join(report)


def test_required_examples(stemmer):
    assert stem(stemmer, "menangani") == "tangan"
    assert stem(stemmer, "memberikan") == "beri"
    assert stem(stemmer, "menyampaikan") == "sampai"
    assert stem(stemmer, "penanganan") == stem(stemmer, "ditangani") == "tangan"
    assert stem(stemmer, "pelatihan") == stem(stemmer, "dilatih")
    assert stem(stemmer, "kunjungan") == stem(stemmer, "berkunjung")
    assert stem(stemmer, "pencegahan") == stem(stemmer, "dicegah") == stem(stemmer, "mencegah")
    assert stem(stemmer, "diturunkan") == stem(stemmer, "penurunan")


@pytest.mark.parametrize("word,root", [("bukulah", "buku"), ("apakah", "apakah"), ("merekapun", "mereka"),
                                       ("rumahku", "rumah"), ("bukumu", "buku"), ("programnya", "program"),
                                       ("kesehatan", "sehat"), ("pertumbuhan", "tumbuh"), ("perkembangan", "kembang")])
def test_particles_possessives_and_confixes(stemmer, word, root):
    assert stem(stemmer, word) == root


def test_no_place_name_of_the_gazetteer_is_changed(stemmer):
    names = set()
    with open(ROOT / "generator" / "data" / "regions.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            names.update(w.lower() for w in row["name"].replace("-", " ").split())
    with open(ROOT / "generator" / "data" / "aliases.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            names.update(w.lower() for w in row["alias"].replace("-", " ").split())
    changed = sorted(n for n in names if n.isalpha() and stem(stemmer, n) != n)
    assert changed == [], changed
    for word in ("penajam", "berau", "balikpapan", "bontang", "kutai", "posyandu", "stunting", "pmt"):
        assert stem(stemmer, word) == word


def test_stop_words(stemmer):
    for word in ("dan", "yang", "di", "dengan", "untuk"):
        assert stemmer.call("KB_ID_STEMMER.isStopWord", word)
    for word in ("stunting", "balita", "sampai"):
        assert not stemmer.call("KB_ID_STEMMER.isStopWord", word)


def test_agreement_with_sastrawi_on_the_word_list(stemmer):
    """PySastrawi, a dictionary-based stemmer, as a reference: we agree on most forms."""
    sastrawi = pytest.importorskip("Sastrawi.Stemmer.StemmerFactory")
    reference = sastrawi.StemmerFactory().create_stemmer()
    forms = [f for fs in FAMILIES.values() for f in fs]
    same = sum(stem(stemmer, f) == reference.stem(f) for f in forms)
    print(f"agreement with Sastrawi: {same}/{len(forms)}")
    assert same / len(forms) >= 0.8


def test_without_known_roots_the_rules_alone_still_group_most_forms(language_file):
    """The root list settles ambiguous readings; the rules alone must still do most of the work."""
    import json

    import py_mini_racer

    data_line, source = language_file.split("\n", 1)
    data = json.loads(data_line[len("var KB_ID_DATA = "):].rstrip(";"))
    bare = py_mini_racer.MiniRacer()
    bare.eval("var self = this;")
    bare.eval("var KB_ID_DATA = " + json.dumps({**data, "roots": []}) + ";\n" + source)
    together = total = 0
    for forms in FAMILIES.values():
        stems = Counter(bare.call("KB_ID_STEMMER.stem", f) for f in forms)
        together += stems.most_common(1)[0][1]
        total += len(forms)
    print(f"rules alone: {together}/{total} ({together / total:.1%})")
    assert together / total >= 0.8
