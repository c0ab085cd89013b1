"""The measuring instrument of issue 23 (bench/quality.py): its scores on hand-made data, the split it reads,
and that it shows nothing of an EVAL article but aggregates."""
from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SHARED

sys.path[:0] = [str(ROOT / "bench")]
import quality  # noqa: E402

GOLD = {
    "a1": {"relevant": True,
           "provinces": {"required": ["64"], "allowed": []},
           "regencies": {"required": ["64.71"], "allowed": []},
           "programmes": {"required": ["posyandu", "edukasi"], "allowed": ["makanan-tambahan"]},
           "actor_types": {"required": ["swasta"], "allowed": []},
           "actors_required": ["adaro", "tp pkk|pkk kota"],
           "target_groups": {"required": ["balita"], "allowed": []}},
    # a passing mention: regions only are scored
    "a2": {"relevant": False,
           "provinces": {"required": [], "allowed": ["31"]},
           "regencies": {"required": [], "allowed": []},
           "programmes": {"required": [], "allowed": []},
           "actor_types": {"required": [], "allowed": []},
           "actors_required": [],
           "target_groups": {"required": [], "allowed": []}},
}
OUTPUT = {
    "a1": {"relevance": "effort", "provinces": [{"code": "64"}], "regencies": [{"code": "64.71"}, {"code": "64.72"}],
           "programmes": ["posyandu", "makanan-tambahan", "air-sanitasi"], "actor_types": ["swasta"],
           "actors": [{"name": "Adaro Group", "type": "swasta"}], "target_groups": ["balita", "ibu-hamil"],
           "figures": [{"value": 14.61, "unit": "percent", "kind": "prevalence", "year": 2023, "scope": "64.71"},
                       {"value": 3200, "unit": "count", "kind": "cases", "year": None, "scope": ""},
                       {"value": 2024, "unit": "count", "kind": "count", "year": None, "scope": ""}]},
    "a2": {"relevance": "effort", "provinces": [{"code": "31"}, {"code": "32"}], "regencies": [],
           "programmes": ["posyandu"], "actor_types": ["swasta"], "actors": [], "target_groups": [], "figures": []},
}
FIGURES = {"a1": quality._figure_gold([
    {"value": 14.61, "unit": "percent", "kind": "prevalence", "year": 2023, "scope": "64.71"},
    {"value": 3200, "unit": "count", "kind": "beneficiaries", "year": None, "scope": None},  # null area = ""
])}


def test_scores_of_a_hand_made_gold_and_output():
    m = quality.score(OUTPUT, GOLD, FIGURES, quality.EXTRACTOR_FIELDS)
    assert m["relevance"] == 0.5 and m["relevance_n"] == 2  # a2 is a mention taken for an effort
    # posyandu right, edukasi missed, air-sanitasi extra, makanan-tambahan allowed; a2's tags not scored
    assert (m["programmes_precision"], m["programmes_recall"], m["programmes_f1"]) == (0.5, 0.5, 0.5)
    assert m["actor_types_f1"] == 1.0
    assert (m["actors_found"], m["actors_n"], m["actors_listed"]) == (0.5, 2, 1.0)  # "adaro" found, no PKK
    # regions: 64 and 64.71 right; 32 (a2) and 64.72 extra; 31 allowed
    assert (m["regions_precision"], m["regions_recall"], m["regions_f1"]) == (0.5, 1.0, 0.6667)
    assert (m["provinces_f1"], m["regencies_precision"]) == (0.6667, 0.5)
    assert m["target_groups_f1"] == 0.6667
    # two of three extracted figures are real, both gold ones found; 3200 has the wrong kind; areas right
    assert (m["figures_found"], m["figures_real"], m["figures_kind"], m["figures_area"]) == (1.0, 0.6667, 0.5, 1.0)
    assert (m["figures_gold"], m["figures_extracted"], m["figures_matched"]) == (2, 3, 2)


def test_a_method_is_scored_only_on_the_fields_it_speaks_for():
    m = quality.score({"a1": {"relevance": "effort"}, "a2": {"relevance": "mention"}}, GOLD, FIGURES, ("relevance",))
    assert m["relevance"] == 1.0
    assert all(m.get(k) is None for k in ("programmes_f1", "regions_f1", "actors_found", "figures_found"))


@pytest.mark.skipif(not (SHARED / "tools" / "eval_extraction.py").exists(), reason="../shared/tools is not next to the project")
def test_the_scores_are_those_of_the_shared_evaluation_tool(tmp_path):
    articles = tmp_path / "articles.json"
    articles.write_text(json.dumps({"articles": [dict(v, id=k) for k, v in OUTPUT.items()]}), encoding="utf-8")
    labels = tmp_path / "labels.yaml"
    labels.write_text(yaml.safe_dump(GOLD), encoding="utf-8")
    run = subprocess.run([sys.executable, str(SHARED / "tools" / "eval_extraction.py"), str(articles), str(labels), "--no-dates"],
                         capture_output=True, text=True)
    theirs = {m.group(1): tuple(map(float, m.group(2, 3, 4)))
              for m in re.finditer(r"^(\w+)\s+P=([\d.]+) R=([\d.]+) F1=([\d.]+)$", run.stdout, re.M)}
    ours = quality.score(OUTPUT, GOLD, {}, quality.EXTRACTOR_FIELDS)
    assert set(theirs) == {"regions", "provinces", "regencies", "programmes", "actor_types", "target_groups"}
    for name, (p, r, f1) in theirs.items():
        assert (round(ours[f"{name}_precision"], 2), round(ours[f"{name}_recall"], 2), round(ours[f"{name}_f1"], 2)) == (p, r, f1)
    assert re.search(r"^actors found\s+1/2 = 0.50$", run.stdout, re.M)
    assert re.search(r"^relevance\s+1/2 = 0.50$", run.stdout, re.M)


def test_agreement_scores_the_second_annotator_against_the_main_one():
    second = {"a1": {"relevant": True, "provinces": {"required": ["64"]}, "regencies": {"required": ["64.71"]},
                     "programmes": {"required": ["posyandu", "edukasi", "air-sanitasi"]}, "actor_types": {"required": ["swasta"]},
                     "actors_required": ["Adaro"], "target_groups": {"required": ["balita"]}},
              "a2": {"relevant": True, "provinces": {"required": ["31"]}}}
    a = quality.agreement(GOLD, second)
    assert (a["articles"], a["both_relevant"], a["relevance"]) == (2, 1, 0.5)
    assert a["programmes_f1"] == 0.8  # 2 of 3 agree, none missed
    assert (a["provinces_f1"], a["regencies_f1"], a["actor_types_f1"], a["target_groups_f1"]) == (1.0, 1.0, 1.0, 1.0)
    assert a["actors_found"] == 0.5  # the second names no PKK


def test_rule_sizes_count_strings_regexes_and_code_patterns(tmp_path):
    (tmp_path / "generator" / "data").mkdir(parents=True)
    (tmp_path / "generator" / "extract").mkdir(parents=True)
    (tmp_path / "generator" / "data" / "r.yml").write_text(
        "words: [posyandu, kader posyandu, 'tim\\s+pendamping']\nnumbers: {dua: 2, tiga: 3}\nnote: 'a (b)'\n", encoding="utf-8")
    (tmp_path / "generator" / "extract" / "x.py").write_text(
        "import re\nA = re.compile(r'\\bx')\nB = re.compile('a' + 'b')\ndef f(p, s):\n    return re.search(p, s) or re.sub(f'{p}', '', s)\n",
        encoding="utf-8")
    sizes = quality.rule_sizes(tmp_path)
    assert sizes["data"]["r.yml"] == {"strings": 4, "regexes": 2, "words": 5, "lines": 3}
    assert sizes["extract"]["x.py"]["regexes"] == 3  # re.search(p, s) has no written pattern
    assert sizes["total"] == {"data_strings": 4, "data_regexes": 2, "code_regexes": 3}


# ---------------------------------------------------------------- the split

def _split_lines() -> list[tuple[str, str, str]]:
    """(corpus, id, part) of every line of split.yaml, read as text, so a repeated id cannot hide."""
    out, corpus = [], None
    for line in (ROOT / "bench" / "labels" / "split.yaml").read_text(encoding="utf-8").split("\n"):
        if m := re.match(r"^(\S+):\s*$", line):
            corpus = m.group(1)
        elif m := re.match(r"^\s+(\S+):\s*(\S+)\s*$", line):
            out.append((corpus, m.group(1), m.group(2)))
    return out


def test_the_split_is_the_hash_rule_and_names_each_article_once():
    lines = _split_lines()
    ids = [aid for _, aid, _ in lines]
    assert len(ids) == len(set(ids)), "an article in the split twice"
    assert {corpus for corpus, _, _ in lines} == {s.key for s in quality.sources()}
    for corpus, aid, part in lines:
        digest = hashlib.sha256(aid.encode("utf-8")).hexdigest()
        want = "tune" if corpus == "seeds" else ("eval" if int(digest[:8], 16) % 2 == 0 else "tune")
        assert part == want == quality.part_of(aid, corpus), (corpus, aid)
    assert quality.load_split() == {c: {a: p for cc, a, p in lines if cc == c} for c in {c for c, _, _ in lines}}
    assert sum(p == "eval" for _, _, p in lines) >= 30


def test_the_split_covers_every_labelled_article():
    split = quality.load_split()
    seeds = {p.stem for p in (ROOT / "seeds").glob("*.txt")}
    assert set(split["seeds"]) == seeds == set(yaml.safe_load((ROOT / "tests" / "seeds-expected.yaml").read_text()))
    for src in quality.sources():
        gold = quality._yaml(src.labels)
        assert set(gold) <= set(split[src.key]), src.key  # labelled articles are in the split...
        if src.key != "seeds" and src.texts.exists():  # ...and so is every article of the labelled corpora
            assert set(split[src.key]) == {aid for aid, _ in quality._records(src.texts)}, src.key


@pytest.mark.slow  # runs the whole bench command (about 15 s of extraction)
@pytest.mark.skipif(not (SHARED / "corpus" / "stunting_dev2.jsonl").exists(), reason="../shared/corpus is not next to the project")
def test_the_command_shows_eval_articles_only_in_aggregate(tmp_path):
    out = tmp_path / "quality.json"
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "quality.py"), "--show-errors", "--out", str(out)],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "TUNE:" in run.stdout and "EVAL:" in run.stdout and "extractor misses on TUNE articles" in run.stdout
    split = quality.load_split()
    eval_ids = {aid for part in split.values() for aid, p in part.items() if p == "eval"}
    tune_ids = {aid for part in split.values() for aid, p in part.items() if p == "tune"}
    printed = run.stdout + run.stderr + out.read_text(encoding="utf-8")
    assert not [aid for aid in eval_ids if aid in printed]
    assert any(aid in run.stdout for aid in tune_ids)  # the TUNE misses are listed
    result = json.loads(out.read_text(encoding="utf-8"))
    for part in ("tune", "eval"):
        ext = result["parts"][part]["systems"]["extractor"]
        assert 0 <= ext["relevance"] <= 1 and ext["articles"] == result["parts"][part]["articles"] > 0


def test_agreement_says_which_labels_are_absent(tmp_path):
    (tmp_path / "second").mkdir()
    (tmp_path / "more-labels.yaml").write_text(yaml.safe_dump(GOLD), encoding="utf-8")
    (tmp_path / "second" / "more-labels.yaml").write_text(yaml.safe_dump({"a2": {"relevant": False}}), encoding="utf-8")
    found, absent = quality.agreements(tmp_path)
    assert list(found) == ["more"] and found["more"]["relevance"] == 1.0
    assert len(absent) == 1 and absent[0].startswith("incidental: no main labels")
