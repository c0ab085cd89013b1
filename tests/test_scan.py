"""The scanning layer (generator/scan.py): a pattern tried only where its start texts
stand finds exactly what `re` finds, and gazetteer phrases are found longest first."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.scan import Pattern, Scan, Starts, fold, phrases_in

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def same(p: Pattern, text: str) -> None:
    """Search (from several places) and finditer agree with `re`, spans and groups."""
    scan = Scan(text)
    for pos in (0, 1, len(text) // 2):
        a, b = p.rx.search(text, pos), p.search(scan, pos)
        assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), (p.rx.pattern, pos)
    assert [(m.span(), m.groups()) for m in p.finditer(scan)] == [(m.span(), m.groups()) for m in p.rx.finditer(text)]


def data_patterns(reference) -> list[Pattern]:
    cues = [c for field in ("programmes", "actor_types", "target_groups") for t in getattr(reference.taxonomy, field)
            for c in (*t.cues, *t.weak_cues)]
    return ([c.scanned for c in cues] + [r.cue.scanned for r in reference.actor_rules.rules]
            + [p for _, p in reference.actor_rules.type_cues])


def test_start_texts_of_a_cue():
    starts = Starts.of(re.compile(r"(?<!\w)(?:(?:Kantor\s+)?Perwakilan\s+BKKBN|BKKBN\s+Perwakilan|BKKBN)(?!\w)"))
    assert starts == Starts(("BKKBN", "Kantor", "Perwak"), folded=False)
    # Ignoring case: lower-case start texts, looked for in the folded text.
    assert Starts.of(re.compile(r"(?<!\w)(?:pos\s*yandu|PMT)", re.I)) == Starts(("pmt", "pos"), folded=True)
    # A small class is spelled out; an optional part gives both ways.
    assert Starts.of(re.compile(r"Co-[Ff]ounder|(?:Dr\.?\s+)?Ir")) == Starts(("Co-Fou", "Co-fou", "Dr", "Ir"), folded=False)


@pytest.mark.parametrize("pattern", [r"[A-Z]\w+ Group", r"\w*stunting", r"x?", r"(?i:pmt)|PMT", r".pmt"])
def test_patterns_that_may_start_anywhere_are_searched_whole(pattern):
    rx = re.compile(pattern)
    assert Starts.of(rx) is None
    same(Pattern.compile(rx), "Astra Group dan kasusstunting pmt PMT")


def test_without_cpythons_pattern_parser_every_pattern_is_searched_whole(monkeypatch):
    """`re._parser` is private: where a Python lacks it, the scan still finds what `re` finds."""
    import generator.scan as scan

    monkeypatch.setattr(scan, "_parser", None)
    rx = re.compile(r"(?<!\w)(?:pos\s*yandu|PMT)", re.I)
    assert Starts.of(rx) is None
    same(Pattern.compile(rx), "Posyandu dan pos yandu, PMT balita")


def test_folding_keeps_positions_and_what_ignorecase_matches():
    text = "İbu POſYANDU ıbu Kelvin \u212a"
    assert len(fold(text)) == len(text)
    p = Pattern.compile(re.compile(r"(?<!\w)(?:ibu|posyandu|k)(?!\w)", re.I))
    assert [m.group(0) for m in p.finditer(Scan(text))] == ["İbu", "POſYANDU", "ıbu", "\u212a"]
    same(p, text)


def test_repeats_and_letters_beyond_ascii():
    # What follows a repeated part is not part of a start text ...
    same(Pattern.compile(re.compile(r"(?:ha)+ts|x{2,3}y")), "hahats xxxy")
    # ... and case-insensitive start texts are ASCII: "ſ" also matches "s" and "S".
    same(Pattern.compile(re.compile("ſx|é", re.I)), "sx Sx ſx É")


def test_a_match_that_reads_before_its_start():
    # Look-behinds see the text before the start, as `re.search` does.
    same(Pattern.compile(re.compile(r"(?<=Dinas )Kesehatan|(?<!\w)Kesehatan\b")), "Dinas Kesehatan, BPJS Kesehatan")
    same(Pattern.compile(re.compile(r"(?<!\w)(?:PT\.?\s+[A-Z]\w*)")), "oleh PT Timah dan APT Pupuk, PT. Vale")


@pytest.mark.parametrize("every", [pytest.param(1, marks=pytest.mark.slow), 25])
def test_the_data_patterns_find_what_re_finds_in_real_news(reference, every):
    if not (CORPUS / "stunting_dev.jsonl").exists():
        pytest.skip("../shared/corpus is not next to the project")
    texts = [json.loads(line)["text"] for f in sorted(CORPUS.glob("*.jsonl"))
             for line in f.read_text(encoding="utf-8").split("\n") if line.strip()]
    patterns = data_patterns(reference)
    assert sum(p.starts is not None for p in patterns) > 0.9 * len(patterns)
    for text in texts[::every]:
        for p in patterns:
            same(p, text)


_WORDS = ["Dinas", "Kesehatan", "PT", "Pupuk", "Kaltim", "BKKBN", "Perwakilan", "posyandu", "PMT", "pmt", "Kemenkes",
          "(Kemenkes)", "gizi", "ibu", "hamil", "İbu", "poſyandu", "Kota", "Balikpapan", "Tim", "Percepatan", "\x00", ",", "."]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=30), st.sampled_from([" ", "  ", "", "\n"]))
def test_the_data_patterns_find_what_re_finds_in_any_text(reference, words, sep):
    text = sep.join(words)
    for p in data_patterns(reference):
        same(p, text)


def test_phrases_longest_first_left_to_right():
    table = {"kutai": 1, "kutai timur": 2, "kutai kartanegara": 3, "timur": 4}
    longest = {"kutai": 2, "timur": 1}
    word = re.compile(r"\w+(?:[-'’]\w+)*")
    text = "Di Kutai Timur dan Kutai, timur-nya; KUTAI  Kartanegara."
    assert [(text[s:e], v) for s, e, v in phrases_in(text, word, table, longest)] == [
        ("Kutai Timur", 2), ("Kutai", 1), ("KUTAI  Kartanegara", 3)]
    assert phrases_in("tidak ada", word, table, longest) == []
