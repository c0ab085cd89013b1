"""Real news (read from ../shared/corpus, never copied here), whole and mutilated, never stops the build.

Mixtures of real articles and mutations of them (years removed, sentences
shuffled, two articles glued together, cut mid-sentence, one long line) go
through the generator, and a few through `mkdocs build --strict`.
"""
from __future__ import annotations

import json
import random
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import build
from generator.config import BuildConfig

from conftest import SHARED, make_project, mkdocs, write_seeds

CORPUS = SHARED / "corpus"
pytestmark = pytest.mark.skipif(not (CORPUS / "stunting_dev.jsonl").exists(), reason="../shared/corpus is not next to the project")


def _records() -> list[dict]:
    out = []
    for name in ("stunting_dev.jsonl", "stunting_incidental.jsonl", "other.jsonl"):
        path = CORPUS / name
        if path.exists():
            lines = [ln for ln in path.read_text(encoding="utf-8").split("\n") if ln.strip()]
            # Every stunting article, and a spread of the others.
            out += [json.loads(ln) for ln in (lines if name != "other.jsonl" else lines[::8])]
    return out


RECORDS = _records() if (CORPUS / "stunting_dev.jsonl").exists() else []


def _text(record: dict) -> str:
    return ((record.get("title") or "") + "\n\n" + record["text"]).strip()


def _sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+", text)


MUTATIONS = {
    "as is": lambda t, other, rng: t,
    "years removed": lambda t, other, rng: re.sub(r"\b(19|20)\d{2}\b", "", t),
    "sentences shuffled": lambda t, other, rng: " ".join(rng.sample(_sentences(t), len(_sentences(t)))),
    "glued to another": lambda t, other, rng: t + "\n" + other,
    "cut mid-sentence": lambda t, other, rng: t[: max(1, int(len(t) * rng.uniform(0.05, 0.9)))],
    "one long line": lambda t, other, rng: " ".join(t.split()),
    "no title, numbers doubled": lambda t, other, rng: re.sub(r"(\d)", r"\1\1", t.split("\n", 1)[-1]),
}

mixtures = st.lists(
    st.tuples(st.integers(0, max(len(RECORDS) - 1, 0)), st.integers(0, max(len(RECORDS) - 1, 0)),
              st.sampled_from(sorted(MUTATIONS)), st.integers(0, 10**6)),
    min_size=1, max_size=8)


def _seeds(mixture) -> dict[str, str]:
    seeds = {}
    for i, (a, b, mutation, salt) in enumerate(mixture):
        rng = random.Random(salt)
        text = MUTATIONS[mutation](_text(RECORDS[a]), _text(RECORDS[b]), rng)
        seeds[f"{i:02d}_{RECORDS[a]['id']}.txt"] = text
    return seeds


def _check(docs: Path, report, seeds: dict[str, str]) -> None:
    data = json.loads((docs / "data" / "articles.json").read_text(encoding="utf-8"))
    built = {a["id"] for a in data["articles"]}
    accounted = built | {d for dropped in report.duplicates.values() for d in dropped}
    accounted |= {Path(p.file).stem for p in report.problems if p.level == "skipped"}
    assert accounted == {Path(n).stem for n in seeds}
    failures = [p.describe() for p in report.problems if p.stage in ("extract", "index", "render")]
    assert not failures, failures
    for a in data["articles"]:
        assert (docs / (a["page"].rstrip("/") + ".md")).is_file()
        assert a["relevance"] in ("effort", "mention", "none")
        for f in a["figures"]:
            assert f["year"] is None or 1900 <= f["year"] <= 2100


@pytest.mark.slow
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(mixtures)
def test_mixtures_of_real_news_always_build(mixture):
    seeds = _seeds(mixture)
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_seeds(Path(tmp) / "seeds", seeds)
        report = build(BuildConfig(seeds=folder, output=Path(tmp) / "docs"))
        _check(Path(tmp) / "docs", report, seeds)


@pytest.mark.slow
@pytest.mark.parametrize("salt", [1, 2])
def test_a_mixture_of_real_news_builds_strict(tmp_path, salt):
    rng = random.Random(salt)
    mixture = [(rng.randrange(len(RECORDS)), rng.randrange(len(RECORDS)), m, rng.randrange(10**6))
               for m in sorted(MUTATIONS) for _ in range(2)]
    seeds = _seeds(mixture)
    project = make_project(tmp_path / "project", write_seeds(tmp_path / "seeds", seeds))
    result = mkdocs(project, "build", "--strict", "-d", "site")
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "data" / "articles.json").is_file()
