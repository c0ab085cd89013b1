"""Actors: an organisation is certain when a sentence shows it at work, not when it is only named."""
from __future__ import annotations

import html

import yaml

from generator.extract.actors import find_actors
from generator.extract.sentences import Sentences

ACTS = ["Dinas Kesehatan Kabupaten Kupang menggelar pemberian makanan tambahan bagi 200 balita stunting di Amarasi."]
NAMED = ["Ahli gizi dari Dinas Kesehatan Kabupaten Kupang, Maria Ndun, mengatakan stunting masih menjadi masalah di Amarasi."]


def _found(reference, sentences):
    return find_actors(reference.gazetteer, reference.actor_rules, Sentences(sentences),
                       reference.taxonomy.relevance.doing)


def test_an_actor_that_acts_is_certain_and_one_only_named_is_not(reference):
    acts, named = _found(reference, ACTS), _found(reference, NAMED)
    assert [a.name for a in acts.actors] == ["Dinas Kesehatan Kabupaten Kupang"] and acts.idle == ()
    assert named.actors == [] and [a.name for a in named.idle] == ["Dinas Kesehatan Kabupaten Kupang"]
    assert named.idle[0].evidence.sentence == NAMED[0]


def test_the_agent_of_a_passive_or_a_partner_acts(reference):
    for s in ("Pemberian makanan tambahan bagi balita stunting di Amarasi dilaksanakan oleh Dinas Kesehatan Kabupaten Kupang.",
              "Posyandu di Amarasi menimbang balita bersama Dinas Kesehatan Kabupaten Kupang.",
              "Kepala Dinas Kesehatan Kabupaten Kupang, Maria Ndun, mengatakan, pihaknya menyalurkan makanan tambahan."):
        found = _found(reference, [s])
        assert [a.name for a in found.actors] == ["Dinas Kesehatan Kabupaten Kupang"] and found.idle == (), s


def test_an_actor_only_named_is_listed_for_the_curator_with_the_line_that_confirms_it(build_kb):
    body = ("Kupang - Pemerintah Kabupaten Kupang menyalurkan makanan tambahan kepada 200 balita stunting di Amarasi.\n"
            "Ahli gizi dari Dinas Kesehatan Kabupaten Kupang, Maria Ndun, mengatakan stunting masih menjadi masalah.\n")
    docs, report, data = build_kb({"a.txt": body})
    a = data["articles"][0]
    assert {x["name"] for x in a["actors"]} == {"Pemerintah Kabupaten Kupang", "Dinas Kesehatan Kabupaten Kupang"}
    assert report.unsure == ["a"]
    curator = (docs / "kurasi" / "index.md").read_text(encoding="utf-8")
    section = curator.split("## Perlu dicek", 1)[1].split("\n## ", 1)[0].split("\n## ", 1)[0]
    item = next(line for line in section.splitlines() if "`actors`" in line)
    assert "Dinas Kesehatan Kabupaten Kupang" in item and "hanya disebut" in item and "Maria Ndun" in item
    assert "Pemerintah Kabupaten Kupang menyalurkan" not in item  # the certain actor is not in doubt
    # The line shown confirms the actor: written in front matter, it is curated and no longer in doubt.
    shown = html.unescape(item.replace("\\", ""))  # as the page shows it
    line = shown.split("tulis baris front matter ", 1)[1].split(" (tanpa aktor", 1)[0]
    assert yaml.safe_load(line) == {"actors": [{"name": "Dinas Kesehatan Kabupaten Kupang", "type": "pemerintah-kabupaten-kota"},
                                               {"name": "Pemerintah Kabupaten Kupang", "type": "pemerintah-kabupaten-kota"}]}
    docs, report, data = build_kb({"a.txt": f"---\n{line}\n---\n" + body})
    assert data["articles"][0]["curated"] == ["actors"]
    curator = (docs / "kurasi" / "index.md").read_text(encoding="utf-8")
    assert "`actors`" not in curator.split("## Perlu dicek", 1)[1].split("\n## ", 1)[0]


def test_the_curator_list_of_values_to_check_continues_on_pages_of_its_own(build_kb):
    from generator.config import SiteSettings

    body = ("Kupang - Pemerintah Kabupaten Kupang menyalurkan makanan tambahan kepada {n} balita stunting di Amarasi.\n"
            "Ahli gizi dari Dinas Kesehatan Kabupaten Kupang, Maria Ndun, mengatakan stunting masih menjadi masalah.\n")
    docs, report, _ = build_kb({f"{name}.txt": body.format(n=100 + i) for i, name in enumerate("abc")},
                               site=SiteSettings(list_page_size=2))
    assert report.unsure == ["a", "b", "c"]
    curator = (docs / "kurasi" / "index.md").read_text(encoding="utf-8")
    first = curator.split("## Perlu dicek", 1)[1].split("\n## ", 1)[0]
    assert "(../artikel/a.md)" in first and "(../artikel/b.md)" in first and "/c.md" not in first
    assert "3 artikel, 2 per halaman" in first and "(perlu-dicek/halaman-2.md)" in first
    rest = (docs / "kurasi" / "perlu-dicek" / "halaman-2.md").read_text(encoding="utf-8")
    item = next(line for line in rest.splitlines() if "(../../artikel/c.md)" in line)
    assert "Dinas Kesehatan Kabupaten Kupang" in rest.split(item, 1)[1] and "(../index.md)" in rest
