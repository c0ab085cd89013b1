"""Reference data a curator edits: a bad file stops the build with one line naming it."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from generator.reference import DataFileError, Reference
from generator.reference.taxonomy import required_any

from conftest import ROOT

DATA = ROOT / "generator" / "data"


def _broken(tmp_path, name: str, edit) -> Exception:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    path = data / name
    if edit is None:
        path.unlink()
    else:
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        Reference.load(data)
    return caught.value


BREAKAGES = [
    ("taxonomy.yml", lambda t: t.replace("programmes:", "programmes: [", 1), "not valid YAML"),
    ("taxonomy.yml", lambda t: t.replace("id: posyandu", "id: Posyandu Baru", 1), "is not lower-case"),
    ("taxonomy.yml", lambda t: t.replace("id: audit-kasus", "id: posyandu", 1), "used twice"),
    ("actors.yml", lambda t: t.replace("rules:", "regels:", 1), "missing entry 'rules'"),
    ("actors.yml", lambda t: t.replace("type: masyarakat", "type: lembaga-asing", 1), "'lembaga-asing' is not in the taxonomy"),
    ("figures.yml", lambda t: t.replace("reach: [", "reach: ['(unclosed', ", 1), "invalid regular expression"),
    ("regions.csv", lambda t: t.replace("code,name,kind,province_code", "kode,name,kind,province_code", 1), "missing column(s) code"),
    ("regions.csv", lambda t: t.replace("11.01,Kabupaten Aceh Selatan,kabupaten,11", "11.01,Kabupaten Aceh Selatan,kabupaten,99", 1),
     "'99' is not a province"),
    ("villages.csv", lambda t: t + "11.01.01.2999,,11.01\n", "empty name"),
    ("search_id.yml", lambda t: "- a list\n- not a mapping\n", "expected a mapping"),
    ("site.yml", lambda t: t.replace("  none: tidak menyebut stunting\n", ""), "relevance: no words for none"),
    ("site.yml", lambda t: t.replace("  workers: petugas/kader\n", ""), "figure_kinds: no words for workers"),
    ("calendar.yml", lambda t: t.replace("  - {name: Desember, written: [desember, des, dec]}\n", ""), "12 months"),
    ("tilemap.csv", lambda t: t.replace("\n11,0,0,ACEH", ""), "tiles and provinces differ (11)"),
    ("outlets.yml", None, "cannot be read"),
    ("official_prevalence.csv", lambda t: t.replace("province,11,Aceh,SSGI,2021", "province,19.99,Aceh,SSGI,2021"),
     "code is not in regions.csv"),
    ("official_prevalence.csv", lambda t: t.replace("province,11,Aceh,SSGI,2021", "province,11,Atjeh,SSGI,2021"),
     "but regions.csv says 'Aceh'"),
    ("official_prevalence.csv", lambda t: t.replace("province,11,Aceh,SSGI,2021", "regency,11,Aceh,SSGI,2021"),
     "level regency but regions.csv says provinsi"),
    ("official_prevalence.csv", lambda t: t.replace("province,91,Papua,SSGI,2021", "province,94,Papua Tengah,SSGI,2021"),
     "did not exist before the 2022 split of Papua"),
    ("official_prevalence.csv", lambda t: t.replace(",33.2,high,kemkes_ssgi2022_launch;", ",33.2,high,blog_nobody;"),
     "'blog_nobody' is not described"),
    ("official_prevalence.csv", lambda t: t.replace("Aceh,SSGI,2021,33.2", "Aceh,SSGI,2021,332"), "is not a percentage"),
    ("official_prevalence.csv", lambda t: t.replace("Aceh,SSGI,2021,33.2", "Aceh,SSGI,2022,33.2"), "two rows"),
    ("official_prevalence.csv", lambda t: t.replace("Aceh,SSGI,2021,33.2,high", "Aceh,SSGI,2021,33.2,low"),
     "confidence 'low'"),
    ("publish.yml", lambda t: t.replace("min_budget_idr:", "budget_min:"), "missing entry 'min_budget_idr'"),
    ("publish.yml", lambda t: t.replace("money_words: [", "money_words: ['(unclosed', "), "invalid regular expression"),
]


@pytest.mark.parametrize("name,edit,reason", BREAKAGES, ids=[f"{b[0]}:{b[2][:24]}" for b in BREAKAGES])
def test_a_bad_data_file_is_named_with_its_reason(tmp_path, name, edit, reason):
    error = _broken(tmp_path, name, edit)
    message = str(error)
    assert name in message and reason in message, message
    assert "\n" not in message


def test_the_command_line_says_it_in_one_line(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "figures.yml").write_text("subjects: [", encoding="utf-8")
    script = ("import sys; from pathlib import Path; from generator.build import build; from generator.config import BuildConfig\n"
              "from generator.errors import BuildError\n"
              "try:\n build(BuildConfig(seeds=Path('seeds'), output=Path(sys.argv[1]), data=Path(sys.argv[2])))\n"
              "except BuildError as e:\n print('error:', e); sys.exit(2)\n")
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path / "out"), str(data)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stdout.startswith("error: ") and "figures.yml" in result.stdout and result.stdout.count("\n") == 1
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("pattern,inside,outside", [
    ("posyandu (aktif|prima)", ["posyandu aktif", "posyandu prima"], []),
    ("(bapak|bunda) asuh", ["bapak asuh", "bunda asuh"], []),
    ("makan(an)? tambahan", ["makan tambahan", "makanan tambahan"], []),
    ("PMT|pemberian makanan", ["pmt", "pemberian makanan"], []),
    ("a+b?", [], ["a"]),
])
def test_a_cue_is_skipped_only_when_it_cannot_match(pattern, inside, outside):
    """Every text a cue matches holds one of its anchors (cues are skipped on texts without)."""
    import re

    anchors = required_any(pattern)
    for text in inside:
        assert re.fullmatch(pattern, text, re.I)
        assert anchors is None or any(a in text.lower() for a in anchors), (pattern, anchors, text)
    if outside:
        assert anchors is None


@pytest.mark.skipif(not (ROOT.parent / "shared" / "corpus" / "stunting_dev.jsonl").exists(),
                    reason="../shared/corpus is not next to the project")
def test_every_cue_of_the_data_has_sound_anchors(reference):
    """Anchors are plain text every match contains: checked on each cue's matches in real news."""
    import json

    texts = [json.loads(line)["text"] for line in (ROOT.parent / "shared" / "corpus" / "stunting_dev.jsonl").open(encoding="utf-8")]
    cues = [c for field in ("programmes", "actor_types", "target_groups") for t in getattr(reference.taxonomy, field)
            for c in (*t.cues, *t.weak_cues)]
    cues += [r.cue for r in reference.actor_rules.rules]
    checked = 0
    for cue in cues:
        for text in texts:
            for m in cue.pattern.finditer(text):
                checked += 1
                assert cue.anchors is None or any(a in m.group(0).lower() for a in cue.anchors), (cue.pattern.pattern, m.group(0))
    assert checked > 100
