"""Quality on real news: the extractor and the simple baselines, scored on the TUNE and EVAL parts (issue 23).

    python bench/quality.py                 # both parts, one table each; bench/results/quality.json
    python bench/quality.py --show-errors   # also what the extractor missed on TUNE articles (never EVAL)
    python bench/quality.py --show-errors grep   # ... or what a baseline missed there
    python bench/quality.py --agreement     # the two annotators against each other (bench/labels/second/)
    python bench/quality.py --rule-sizes    # strings and regexes in generator/data/*.yml and generator/extract/*.py

Every labelled real article belongs to one part, once and for all
(bench/labels/split.yaml: the hash rule). Never read an EVAL article to write
or fix a rule: this prints only aggregates for EVAL.

The extraction is the build's own (read_seed -> extract_article ->
article_record, as `generator build` makes data/articles.json), run in this
process. Scores follow ../shared/tools/eval_extraction.py (required / allowed
values; list fields of `relevant: false` articles scored on regions only;
named actors as fragments of an extracted name) and tools/eval_figures.py
(a figure matches a gold one of the same value and unit: found = recall,
real = precision, right kind and right area = of the matched);
tests/test_quality_bench.py checks both on hand-made data.
"""
from __future__ import annotations

import argparse
import ast
import hashlib
import json
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
LABELS = HERE / "labels"
RESULTS = HERE / "results" / "quality.json"
sys.path[:0] = [str(ROOT), str(HERE), str(ROOT / "tools")]

from eval_figures import score as score_figures  # noqa: E402  (tools/eval_figures.py)

LIST_FIELDS = ["provinces", "regencies", "programmes", "actor_types", "target_groups"]
PARTS = ("tune", "eval")
SEEN = ("stunting_dev.jsonl", "seeds")  # where the rules grew before issue 23
NEW = "new to the rules"  # every other labelled corpus


@dataclass(frozen=True)
class Source:
    """One labelled corpus: where its texts and its gold are."""

    key: str  # as in split.yaml
    texts: Path  # a .jsonl of records, or a folder of seed files
    labels: Path
    figures: Path


def sources() -> list[Source]:
    spec, corpus = SHARED / "spec", SHARED / "corpus"
    return [
        Source("stunting_dev.jsonl", corpus / "stunting_dev.jsonl", spec / "dev-labels.yaml",
               ROOT / "tests" / "data" / "figures-gold.yaml"),
        Source("stunting_dev2.jsonl", corpus / "stunting_dev2.jsonl", spec / "dev2-labels.yaml", spec / "dev2-figures.yaml"),
        Source("stunting_incidental.jsonl", corpus / "stunting_incidental.jsonl", LABELS / "incidental-labels.yaml",
               LABELS / "incidental-figures.yaml"),
        Source("stunting_more.jsonl", corpus / "stunting_more.jsonl", LABELS / "more-labels.yaml", LABELS / "more-figures.yaml"),
        # The seeds: seeds-expected.yaml, and the figure gold that lists all their figures with kind and area
        # (seeds-figures.yaml lists the required ones only, without all kinds: tests/test_seeds.py holds it).
        Source("seeds", ROOT / "seeds", ROOT / "tests" / "seeds-expected.yaml", ROOT / "tests" / "data" / "figures-gold.yaml"),
    ]


def _yaml(path: Path) -> dict:
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


# ---------------------------------------------------------------- the split

def part_of(article_id: str, key: str) -> str:
    """The hash rule split.yaml was made by: eval when sha256(id)'s first 8 hex digits are even; seeds are tune."""
    if key == "seeds":
        return "tune"
    return "eval" if int(hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:8], 16) % 2 == 0 else "tune"


def load_split(path: Path = LABELS / "split.yaml") -> dict[str, dict[str, str]]:
    return _yaml(path)


# ---------------------------------------------------------------- scoring (eval_extraction.py's rules)

def values(article: dict, name: str) -> set[str]:
    return {str(v["code"]) if isinstance(v, dict) and "code" in v else str(v) for v in article.get(name) or []}


@dataclass
class Tally:
    """Counts over articles, summed across a part; `fields` are the ones the system speaks for."""

    fields: frozenset
    tp: dict = field(default_factory=lambda: dict.fromkeys(LIST_FIELDS, 0))
    fp: dict = field(default_factory=lambda: dict.fromkeys(LIST_FIELDS, 0))
    fn: dict = field(default_factory=lambda: dict.fromkeys(LIST_FIELDS, 0))
    rel_ok: int = 0
    rel_n: int = 0
    actor_ok: int = 0
    actor_n: int = 0
    listed: int = 0  # actor names given for articles that report an effort (found alone rewards listing every name)
    efforts: int = 0
    misses: list = field(default_factory=list)

    def add(self, aid: str, art: dict | None, g: dict) -> None:
        if art is None:  # eval_extraction: an article missing from the export misses all its required values
            art = {}
        fields = g.get("score_only") or (LIST_FIELDS if g.get("relevant", True) else ["provinces", "regencies"])
        if "relevant" in g and "relevance" in self.fields and "relevance" in art:
            ours = art["relevance"] == "effort"
            self.rel_n += 1
            self.rel_ok += ours == bool(g["relevant"])
            if ours != bool(g["relevant"]):
                self.misses.append(f"{aid} relevance: ours {art['relevance']}, gold {g['relevant']}")
        for f in fields:
            if f not in self.fields:
                continue
            spec = g.get(f) or {}
            req = set(map(str, spec.get("required") or []))
            alw = set(map(str, spec.get("allowed") or []))
            pred = values(art, f)
            self.tp[f] += len(pred & req)
            self.fn[f] += len(req - pred)
            extra = pred - req - alw
            self.fp[f] += len(extra)
            if req - pred or extra:
                self.misses.append(f"{aid} {f}: missing {sorted(req - pred)} extra {sorted(extra)}")
        if "actors" in self.fields:
            names = [str(x.get("name", x) if isinstance(x, dict) else x).lower() for x in art.get("actors") or []]
            if g.get("relevant", True):
                self.efforts += 1
                self.listed += len(names)
            for frag in g.get("actors_required") or []:
                self.actor_n += 1
                hit = any(alt.strip().lower() in n for alt in frag.split("|") for n in names)
                self.actor_ok += hit
                if not hit:
                    self.misses.append(f"{aid} actors: no actor name contains {frag!r}")

    def prf(self, names: list[str]) -> tuple[float, float, float]:
        t = sum(self.tp[f] for f in names)
        p_ = sum(self.fp[f] for f in names)
        n = sum(self.fn[f] for f in names)
        prec = t / (t + p_) if t + p_ else 1.0
        rec = t / (t + n) if t + n else 1.0
        return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def score(outputs: dict[str, dict], gold: dict[str, dict], figure_gold: dict[str, list], fields) -> dict:
    """The measures of one system on one set of articles (None where the system says nothing of it)."""
    fields = frozenset(fields)
    tally = Tally(fields)
    for aid, g in gold.items():
        tally.add(aid, outputs.get(aid), g)
    m: dict = {"articles": len(gold)}

    def f1(key, names):
        if not set(names) & fields:
            return
        p, r, f = tally.prf(names)
        m[f"{key}_f1"], m[f"{key}_precision"], m[f"{key}_recall"] = round(f, 4), round(p, 4), round(r, 4)
    m["relevance"] = round(tally.rel_ok / tally.rel_n, 4) if "relevance" in fields and tally.rel_n else None
    m["relevance_n"] = tally.rel_n if "relevance" in fields else None
    f1("programmes", ["programmes"])
    f1("actor_types", ["actor_types"])
    m["actors_found"] = round(tally.actor_ok / tally.actor_n, 4) if "actors" in fields and tally.actor_n else None
    m["actors_n"] = tally.actor_n if "actors" in fields else None
    m["actors_listed"] = round(tally.listed / tally.efforts, 4) if "actors" in fields and tally.efforts else None
    f1("regions", ["provinces", "regencies"])
    f1("provinces", ["provinces"])
    f1("regencies", ["regencies"])
    f1("target_groups", ["target_groups"])
    if "figures" in fields and figure_gold:
        fig = score_figures({k: {"figures": (outputs.get(k) or {}).get("figures") or []} for k in figure_gold}, figure_gold)
        m.update(figures_found=round(fig["figure_recall"], 4), figures_real=round(fig["figure_precision"], 4),
                 figures_kind=round(fig["kind_precision"], 4), figures_area=round(fig["scope_accuracy"], 4),
                 figures_year=round(fig["year_accuracy"], 4), figures_gold=fig["gold"], figures_extracted=fig["extracted"],
                 figures_matched=fig["matched"])
    m["_misses"] = tally.misses
    return m


# ---------------------------------------------------------------- the labelled articles

@dataclass
class Labelled:
    id: str
    key: str  # corpus, as in split.yaml
    part: str
    text: str  # title + blank line + text, as tools/corpus_seeds.py writes a seed
    gold: dict
    figures: list | None  # None: no figure gold for this article


@dataclass
class Corpus:
    articles: list[Labelled]
    missing: list[str]  # what is not scored, and why
    unsplit: list[str]  # labelled ids not in split.yaml (must stay empty)


def _records(path: Path) -> list[tuple[str, str]]:
    if path.is_dir():
        return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(path.glob("*.txt"))]
    out = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.strip():
            r = json.loads(line)
            out.append((r["id"], ((r.get("title") or "") + "\n\n" + r["text"]).strip() + "\n"))
    return out


def _figure_gold(entries) -> list:
    # The figure golds write "no area" as null (dev2) or "" (ours); the extractor as "".
    return [dict(f, scope="" if f.get("scope") is None else f["scope"]) for f in entries or []]


def load_corpus() -> Corpus:
    split = load_split()
    articles, missing, unsplit = [], [], []
    for src in sources():
        if not src.texts.exists():
            missing.append(f"{src.key}: texts not found ({src.texts})")
            continue
        gold = _yaml(src.labels)
        if not gold:
            missing.append(f"{src.key}: no labels yet ({src.labels.relative_to(ROOT) if src.labels.is_relative_to(ROOT) else src.labels})")
            continue
        figures = _yaml(src.figures)
        records = dict(_records(src.texts))
        parts = split.get(src.key) or {}
        for aid, g in gold.items():
            if aid not in records:
                missing.append(f"{src.key}: labelled article {aid} not in the texts")
                continue
            if aid not in parts:
                unsplit.append(f"{src.key}: {aid}")
                continue
            articles.append(Labelled(aid, src.key, parts[aid], records[aid], g,
                                     _figure_gold(figures[aid]) if aid in figures else None))
    return Corpus(articles, missing, unsplit)


# ---------------------------------------------------------------- the systems

def run_extractor(articles: list[Labelled]) -> dict[str, dict]:
    """Each article's export record, made as the build makes it (one process, no site)."""
    from generator import urls
    from generator.config import BuildConfig
    from generator.export import article_record
    from generator.extract import extract_article
    from generator.read import read_seed
    from generator.reference import Reference

    config = BuildConfig(seeds=ROOT / "seeds")
    ref = Reference.load(config.data, config.taxonomy)
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for a in articles:
            path = Path(tmp) / f"{a.id}.txt"
            path.write_text(a.text, encoding="utf-8")
            seed = read_seed(path)
            article, _ = extract_article(seed, ref, urls.article_slug(seed.id))
            out[a.id] = article_record(article)
    return out


EXTRACTOR_FIELDS = ("relevance", "actors", "figures", *LIST_FIELDS)


def run_all(corpus: Corpus) -> tuple[dict[str, dict[str, dict]], dict[str, tuple], dict[str, object]]:
    """Outputs per system, the fields each speaks for, and each baseline's setting chosen on TUNE."""
    import baselines

    outputs = {"extractor": run_extractor(corpus.articles)}
    fields = {"extractor": EXTRACTOR_FIELDS}
    settings = {}
    docs = {a.id: baselines.Doc(a.id, a.text) for a in corpus.articles}
    tune = [a for a in corpus.articles if a.part == "tune"]
    tune_gold = {a.id: a.gold for a in tune}
    tune_figs = {a.id: a.figures for a in tune if a.figures is not None}
    for method in baselines.methods():
        def rate(out, method=method):
            m = score(out, tune_gold, tune_figs, method.fields)
            keys = [k for k in ("relevance", "programmes_f1", "target_groups_f1", "actor_types_f1", "actors_found",
                                "regions_f1") if m.get(k) is not None]
            if "figures" in method.fields:
                found, real = m.get("figures_found") or 0, m.get("figures_real") or 0
                return 2 * found * real / (found + real) if found + real else 0.0
            return sum(m[k] for k in keys) / max(1, len(keys))
        method.fit([docs[a.id] for a in tune], rate)
        outputs[method.name] = {a.id: method.run(docs[a.id]) for a in corpus.articles}
        fields[method.name] = method.fields
        settings[method.name] = method.describe()
    return outputs, fields, settings


# ---------------------------------------------------------------- report

ROWS = [  # (label, key in the measures, detail key or None)
    ("relevance (effort vs not)", "relevance", None),
    ("programmes F1", "programmes_f1", "programmes_recall"),
    ("actor types F1", "actor_types_f1", "actor_types_precision"),
    ("named actors found", "actors_found", None),
    ("  names listed per effort", "actors_listed", None),
    ("regions F1", "regions_f1", None),
    ("  provinces F1", "provinces_f1", None),
    ("  regencies F1", "regencies_f1", None),
    ("  regency precision", "regencies_precision", None),
    ("target groups F1", "target_groups_f1", None),
    ("figures found", "figures_found", None),
    ("figures real", "figures_real", None),
    ("figures right kind", "figures_kind", None),
    ("figures right area", "figures_area", None),
]


def measure(corpus: Corpus, outputs, fields) -> dict:
    result = {}
    for part in PARTS:
        arts = [a for a in corpus.articles if a.part == part]
        gold = {a.id: a.gold for a in arts}
        figs = {a.id: a.figures for a in arts if a.figures is not None}
        systems = {name: score(outputs[name], gold, figs, fields[name]) for name in outputs}
        best = {}
        for _, key, _ in ROWS:
            if key == "actors_listed":  # a count, not a score
                continue
            scored = [(m[key], name) for name, m in systems.items() if name != "extractor" and m.get(key) is not None]
            if scored:
                value, name = max(scored, key=lambda vn: (vn[0], vn[1]))
                best[key] = {"value": value, "method": name}
        efforts = sum(1 for a in arts if a.gold.get("relevant") is True)
        mentions = sum(1 for a in arts if a.gold.get("relevant") is False)
        by_corpus = {}
        for a in arts:
            by_corpus[a.key] = by_corpus.get(a.key, 0) + 1
        # The extractor per corpus: stunting_dev is where the rules grew before issue 23, the others are new to them.
        extractor_by_corpus = {}
        groups = {key: [a for a in arts if a.key == key] for key in by_corpus}
        groups[NEW] = [a for a in arts if a.key not in SEEN]
        for key, sub in groups.items():
            m = score(outputs["extractor"], {a.id: a.gold for a in sub},
                      {a.id: a.figures for a in sub if a.figures is not None}, fields["extractor"])
            m.pop("_misses")
            extractor_by_corpus[key] = m
        result[part] = {"articles": len(arts), "efforts": efforts, "mentions": mentions, "by_corpus": by_corpus,
                        "figure_articles": len(figs), "systems": systems, "best_baseline": best,
                        "extractor_by_corpus": extractor_by_corpus}
    return result


def _cell(v) -> str:
    return "—" if v is None else f"{v:.2f}"


def table(part: str, r: dict, names: list[str]) -> str:
    head = ["measure", "extractor", "best baseline", *names[1:]]
    lines = [f"{part.upper()}: {r['articles']} articles ({r['efforts']} efforts, {r['mentions']} mentions, "
             f"{r['articles'] - r['efforts'] - r['mentions']} unmarked seeds), figures of {r['figure_articles']}",
             "| " + " | ".join(head) + " |", "|" + "---|" + "---:|" * (len(head) - 1)]
    for label, key, detail in ROWS:
        ext = r["systems"]["extractor"]
        cell = _cell(ext.get(key))
        if detail and ext.get(detail) is not None:
            cell += f" ({detail.split('_')[-1][:4]}. {ext[detail]:.2f})"
        best = r["best_baseline"].get(key)
        cells = [label, cell, f"{best['value']:.2f} {best['method']}" if best else "—"]
        cells += [_cell(r["systems"][n].get(key)) for n in names[1:]]
        lines.append("| " + " | ".join(cells) + " |")
    short = [("relevance", "relevance"), ("programmes", "programmes_f1"), ("actor types", "actor_types_f1"),
             ("actors", "actors_found"), ("regions", "regions_f1"), ("targets", "target_groups_f1"),
             ("fig. found", "figures_found"), ("fig. kind", "figures_kind"), ("fig. area", "figures_area")]
    lines.append("extractor by corpus: " + " | ".join(label for label, _ in short))
    for key, m in sorted(r["extractor_by_corpus"].items(), key=lambda km: (km[0] == NEW, km[0])):
        lines.append(f"  {key} ({m['articles']}): " + " | ".join(_cell(m.get(k)) for _, k in short))
    ext = r["systems"]["extractor"]
    lines.append(f"(counted: relevance of {ext['relevance_n']} articles, {ext['actors_n']} named actors, "
                 f"{ext.get('figures_gold', 0)} gold figures, {ext.get('figures_extracted', 0)} extracted)")
    return "\n".join(lines)


def main_scores(show_errors: str | None, out: Path) -> int:
    corpus = load_corpus()
    if corpus.unsplit:
        print("labelled articles missing from bench/labels/split.yaml (add them by the hash rule):", file=sys.stderr)
        for line in corpus.unsplit:
            print("  " + line, file=sys.stderr)
        return 1
    if not corpus.articles:
        print("no labelled articles found (is ../shared next to the project?)", file=sys.stderr)
        return 1
    outputs, fields, settings = run_all(corpus)
    result = measure(corpus, outputs, fields)
    names = list(outputs)
    for note in corpus.missing:
        print("not scored: " + note)
    print("baseline settings (chosen on TUNE): " + "; ".join(f"{k}: {v}" for k, v in settings.items() if v))
    for part in PARTS:
        print()
        print(table(part, result[part], names))
    if show_errors:
        if show_errors not in outputs:
            print(f"--show-errors: no system {show_errors!r} (one of {', '.join(outputs)})", file=sys.stderr)
            return 2
        print(f"\n{show_errors} misses on TUNE articles:")
        for line in result["tune"]["systems"][show_errors]["_misses"]:
            print("  " + line)
        if "figures" in fields[show_errors]:
            print(f"\n{show_errors} figures on TUNE articles (extra, wrong kind/year/area, missed):")
            tune_figs = {a.id: a.figures for a in corpus.articles if a.part == "tune" and a.figures is not None}
            score_figures({k: {"figures": outputs[show_errors][k].get("figures") or []} for k in tune_figs}, tune_figs,
                          verbose=True)
    for part in PARTS:  # per-article lines stay out of the file too
        for m in result[part]["systems"].values():
            m.pop("_misses")
    out.parent.mkdir(parents=True, exist_ok=True)
    doc = {"parts": result, "baseline_settings": settings, "not_scored": corpus.missing,
           "columns": names, "rule_sizes": rule_sizes(), "agreement": agreements()[0]}
    out.write_text(json.dumps(doc, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    print(f"\nwritten {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    return 0


# ---------------------------------------------------------------- agreement of two annotators

def agreement(main: dict, second: dict, main_figs: dict | None = None, second_figs: dict | None = None) -> dict:
    """The second annotator's labels scored against the main ones, by the same rules as the extractor
    (the second's `required` values are its answer; relevance as agreement; list fields where both
    say relevant, regions everywhere)."""
    ids = [k for k in second if k in main]
    answer = {}
    for k in ids:
        s = second[k] or {}
        rec = {"relevance": "effort" if s.get("relevant", True) else "mention",
               "actors": [{"name": f.split("|")[0]} for f in s.get("actors_required") or []]}
        for f in LIST_FIELDS:
            rec[f] = list((s.get(f) or {}).get("required") or [])
        answer[k] = rec
    both = {k: main[k] for k in ids if main[k].get("relevant", True) and (second[k] or {}).get("relevant", True)}
    m_all = score(answer, {k: main[k] for k in ids}, {}, ("relevance", "provinces", "regencies"))
    m_both = score(answer, both, {}, ("programmes", "actor_types", "target_groups", "actors"))
    out = {"articles": len(ids), "both_relevant": len(both), "relevance": m_all["relevance"],
           "provinces_f1": m_all.get("provinces_f1"), "regencies_f1": m_all.get("regencies_f1"),
           "programmes_f1": m_both.get("programmes_f1"), "actor_types_f1": m_both.get("actor_types_f1"),
           "target_groups_f1": m_both.get("target_groups_f1"), "actors_found": m_both.get("actors_found")}
    if main_figs and second_figs:
        common = {k: _figure_gold(main_figs[k]) for k in second_figs if k in main_figs}
        fig = score_figures({k: {"figures": _figure_gold(second_figs[k])} for k in common}, common)
        out.update(figures_found=fig["figure_recall"], figures_real=fig["figure_precision"],
                   figures_kind=fig["kind_precision"], figures_area=fig["scope_accuracy"], figures_n=fig["gold"])
    return out


def agreements(labels: Path = LABELS) -> tuple[dict[str, dict], list[str]]:
    """Agreement per labelled corpus with a second annotator's sample, and over all of them."""
    out, absent = {}, []
    pooled: list[dict] = [{}, {}, {}, {}]
    for name in ("incidental", "more"):
        files = [labels / f"{name}-labels.yaml", labels / "second" / f"{name}-labels.yaml",
                 labels / f"{name}-figures.yaml", labels / "second" / f"{name}-figures.yaml"]
        loaded = [_yaml(f) for f in files]
        if not loaded[0] or not loaded[1]:
            absent.append(f"{name}: no {'main' if not loaded[0] else 'second'} labels yet "
                          f"({files[0 if not loaded[0] else 1].relative_to(ROOT) if files[0].is_relative_to(ROOT) else files[0]})")
            continue
        out[name] = agreement(*loaded)
        for whole, part in zip(pooled, loaded):
            whole.update(part)
    if len(out) > 1:
        out["all"] = agreement(*pooled)
    return out, absent


def main_agreement() -> int:
    found, absent = agreements()
    for line in absent:
        print(line)
    for name, a in found.items():
        print(f"{name}: {a['articles']} articles labelled twice ({a['both_relevant']} relevant for both)")
        for key, v in a.items():
            if key not in ("articles", "both_relevant"):
                print(f"  {key:18} {_cell(v) if isinstance(v, float) or v is None else v}")
    return 0


# ---------------------------------------------------------------- rule sizes

REGEX_CHARS = re.compile(r"[\\()\[\]|?*+{}^$]")


def _strings(node):
    """The words and patterns of a rule file: string values, and the keys of word -> number tables."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for k, v in node.items():
            if isinstance(v, (int, float, bool)) and isinstance(k, str):
                yield k
            else:
                yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)


def rule_sizes(root: Path = ROOT) -> dict:
    """Strings in generator/data/*.yml (a string with regex syntax counts as a regex, not a string; `words`
    are the plain strings' words, as some files hold a list in one string) and the regexes written in
    generator/extract/*.py (calls of re.* with a literal pattern)."""
    data, code = {}, {}
    for path in sorted((root / "generator" / "data").glob("*.yml")):
        strings = list(_strings(_yaml(path)))
        regexes = sum(1 for s in strings if REGEX_CHARS.search(s))
        data[path.name] = {"strings": len(strings) - regexes, "regexes": regexes,
                           "words": sum(len(x.split()) for x in strings if not REGEX_CHARS.search(x)),
                           "lines": len(path.read_text(encoding="utf-8").splitlines())}
    for path in sorted((root / "generator" / "extract").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        n = sum(1 for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args
                and isinstance(node.args[0], (ast.Constant, ast.JoinedStr, ast.BinOp)))
        code[path.name] = {"regexes": n, "lines": len(path.read_text(encoding="utf-8").splitlines())}
    total = {"data_strings": sum(v["strings"] for v in data.values()), "data_regexes": sum(v["regexes"] for v in data.values()),
             "code_regexes": sum(v["regexes"] for v in code.values())}
    return {"data": data, "extract": code, "total": total}


def main_rule_sizes() -> int:
    sizes = rule_sizes()
    print("| generator/data | strings | regexes | words in strings | lines |\n|---|---:|---:|---:|---:|")
    for name, v in sizes["data"].items():
        print(f"| {name} | {v['strings']} | {v['regexes']} | {v['words']} | {v['lines']} |")
    print("\n| generator/extract | regexes | lines |\n|---|---:|---:|")
    for name, v in sizes["extract"].items():
        print(f"| {name} | {v['regexes']} | {v['lines']} |")
    t = sizes["total"]
    print(f"\ntotal: {t['data_strings']} strings and {t['data_regexes']} regexes in data, {t['code_regexes']} regexes in code")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show-errors", nargs="?", const="extractor", metavar="SYSTEM",
                    help="list the misses of the extractor (or of a baseline) on TUNE articles")
    ap.add_argument("--agreement", action="store_true", help="agreement of the two annotators")
    ap.add_argument("--rule-sizes", action="store_true", help="size of the rule files")
    ap.add_argument("--out", type=Path, default=RESULTS, help="where the JSON goes")
    a = ap.parse_args(argv)
    if a.agreement:
        return main_agreement()
    if a.rule_sizes:
        return main_rule_sizes()
    return main_scores(a.show_errors, a.out)


if __name__ == "__main__":
    sys.exit(main())
