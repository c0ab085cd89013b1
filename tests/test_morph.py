"""The stemmer and the affixed forms every taxonomy cue matches (generator/reference/morph.py)."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from generator.reference.morph import forms, roots, stem, with_forms

ROOT = Path(__file__).resolve().parent.parent
# Cue words whose root our dictionary-free stemmer reads otherwise than PySastrawi's
# dictionary (each still matches its own spelling and the affixed forms of its reading).
KNOWN_DIFFERENT = {"atasi", "berisiko", "diketahui", "diseminasi", "gerakan", "mengaku", "mengakui", "mengatasi",
                   "mengetahui", "menyatakan", "pelajar", "penandatanganan", "perwali", "petugas", "sebesar", "senilai"}


def _cue_words() -> set[str]:
    raw = yaml.safe_load((ROOT / "generator/data/taxonomy.yml").read_text(encoding="utf-8"))
    cues = [c for key in ("programmes", "target_groups") for t in raw[key] for c in (t.get("cues") or []) + (t.get("weak_cues") or [])]
    cues += [c for k in ("aims", "activities", "not_doing", "aim_objects", "targets") for c in raw["relevance"][k]]  # a wider check
    return {w for c in cues for w in re.findall(r"(?<![\\\w])[a-z]{4,}(?!\w)", c)}


def test_roots_agree_with_pysastrawi_on_the_cue_words():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
    sastrawi = StemmerFactory().create_stemmer()
    words = _cue_words()
    assert len(words) > 300
    differ = {w for w in words if sastrawi.stem(w) not in roots(w)}
    assert differ <= KNOWN_DIFFERENT, sorted(differ - KNOWN_DIFFERENT)


def test_roots_of_affixed_words():
    assert stem("pendampingan") == "damping"
    assert stem("penyuluhan") == "suluh"
    assert stem("dilatih") == "latih"
    assert "timbang" in roots("penimbangan")
    assert "ukur" in roots("pengukuran")
    assert "periksa" in roots("pemeriksaan")
    assert stem("jamban") == "jamban"  # a root that ends like a suffix


def test_a_cue_matches_the_affixed_forms_of_its_words():
    rx = re.compile(r"(?<!\w)(?:" + with_forms("pendampingan keluarga")[0] + r")(?!\w)", re.I)
    for text in ("pendampingan keluarga", "mendampingi keluarga", "didampingi keluarga", "pendampingannya keluarga"):
        assert rx.search(text), text
    sos = re.compile(r"(?<!\w)" + forms("sosialisasi") + r"(?!\w)")
    assert all(sos.fullmatch(t) for t in ("sosialisasi", "mensosialisasikan", "disosialisasikan", "menyosialisasikan"))
    pantau = re.compile(forms("pemantauan"))
    assert pantau.fullmatch("memantau") and pantau.fullmatch("dipantau")
    # A cue written with affixes names an activity: the bare root ("data") or a state
    # ("tercatat") is not it.
    assert not re.fullmatch(forms("pendataan"), "data")
    assert not re.fullmatch(forms("pencatatan"), "tercatat")


def test_the_skip_anchor_is_in_every_form():
    expanded, anchors = with_forms("pendampingan (keluarga|sasaran)")
    from generator.reference.taxonomy import required_any
    keys = required_any(anchors)
    assert keys is not None
    for text in ("mendampingi sasaran", "pendampingan keluarga"):
        assert re.fullmatch(expanded, text)
        assert any(k in text for k in keys)


def test_searching_a_cue_in_its_anchor_sentences_finds_what_the_whole_text_does():
    from generator.config import BuildConfig
    from generator.extract import taxonomy as tagging
    from generator.extract import text as T
    from generator.extract.sentences import Sentences
    from generator.reference import Reference

    config = BuildConfig(seeds=ROOT / "seeds")
    ref = Reference.load(config.data, config.taxonomy)
    checked = 0
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        cleaned = T.clean(path.read_text(encoding="utf-8"), ref.outlets, ref.text_rules)
        text = Sentences(T.sentences(cleaned.paragraphs, ref.text_rules.abbreviations))
        for term in (*ref.taxonomy.programmes, *ref.taxonomy.target_groups):
            for cue in (*term.cues, *term.weak_cues):
                whole = [m.span() for m in cue.pattern.finditer(text.text)]
                assert [m.span() for m in tagging._matches(cue, text)] == whole, cue.pattern.pattern
                checked += bool(whole)
    assert checked > 20
