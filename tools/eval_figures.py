"""Score the figures of a data/articles.json against our figure gold (tests/data/figures-gold.yaml).

    python tools/eval_figures.py DOCS/data/articles.json tests/data/figures-gold.yaml [--verbose]

An extracted figure matches a gold one of the same article with the same unit
and value (each gold figure matches once). Printed:
- kind precision: of the matched figures, the share whose kind is right (the
  target is 0.9);
- figure precision and recall: matched / extracted, matched / gold;
- year and scope accuracy: of the matched figures.
Only articles the gold lists are scored.
"""
from __future__ import annotations

import argparse
import json
import math
import sys

import yaml


def score(articles: dict[str, dict], gold: dict[str, list[dict]], verbose: bool = False) -> dict[str, float]:
    extracted = matched = right_kind = right_year = right_scope = total_gold = 0
    for article_id, wanted in gold.items():
        got = (articles.get(article_id) or {}).get("figures", [])
        wanted = list(wanted or [])
        total_gold += len(wanted)
        extracted += len(got)
        free = list(wanted)
        for f in got:
            hit = next((g for g in free if g["unit"] == f["unit"] and math.isclose(float(g["value"]), float(f["value"]),
                                                                                 rel_tol=1e-9)), None)
            if hit is None:
                if verbose:
                    print(f"  {article_id}: extra {f['value']} {f['unit']} ({f['kind']}) {f.get('text', '')!r}")
                continue
            free.remove(hit)
            matched += 1
            right_kind += hit["kind"] == f["kind"]
            right_year += hit.get("year") == f.get("year")
            right_scope += str(hit.get("scope", "")) == str(f.get("scope", ""))
            if verbose and (hit["kind"] != f["kind"] or hit.get("year") != f.get("year")
                            or str(hit.get("scope", "")) != str(f.get("scope", ""))):
                print(f"  {article_id}: {f['value']} {f['unit']}: kind {f['kind']} (gold {hit['kind']}), "
                      f"year {f.get('year')} (gold {hit.get('year')}), scope {f.get('scope')!r} (gold {hit.get('scope')!r})")
        if verbose:
            for g in free:
                print(f"  {article_id}: missed {g['value']} {g['unit']} ({g['kind']})")
    return {
        "kind_precision": right_kind / matched if matched else 1.0,
        "figure_precision": matched / extracted if extracted else 1.0,
        "figure_recall": matched / total_gold if total_gold else 1.0,
        "year_accuracy": right_year / matched if matched else 1.0,
        "scope_accuracy": right_scope / matched if matched else 1.0,
        "matched": matched,
        "extracted": extracted,
        "gold": total_gold,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("articles")
    ap.add_argument("gold")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--min-kind-precision", type=float, default=0.0)
    a = ap.parse_args(argv)
    with open(a.articles, encoding="utf-8") as fh:
        articles = {x["id"]: x for x in json.load(fh)["articles"]}
    with open(a.gold, encoding="utf-8") as fh:
        gold = yaml.safe_load(fh)
    gold = {k: v for k, v in gold.items() if k in articles}
    result = score(articles, gold, a.verbose)
    print(f"figures: {result['matched']} matched of {result['extracted']} extracted and {result['gold']} in the gold "
          f"({len(gold)} articles)")
    for key in ("kind_precision", "figure_precision", "figure_recall", "year_accuracy", "scope_accuracy"):
        print(f"{key:18} {result[key]:.2f}")
    return 0 if result["kind_precision"] >= a.min_kind_precision else 1


if __name__ == "__main__":
    sys.exit(main())
