"""The cache's codec: values of the declared types come back equal, with their types;
anything else is a ShapeError (the cache then counts as absent), never a value."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any, Optional

import pytest

from generator.incremental.codec import ShapeError, from_data, to_data
from generator.model import Actor, Article, Doubt, Evidence, Figure, Problem, Region, RegionTag, Tag
from generator.report import BuildReport
from generator.write import Stat, WriteResult


def _article() -> Article:
    ev = Evidence("Kalimat bukti.", "bukti")
    region = RegionTag(Region("12.01", "Kab. Contoh", "kabupaten", "12"), ev, curated=True, role="")
    return Article(
        id="a1", slug="a1", file="a1.txt", title="Judul", date=dt.date(2024, 2, 29), date_evidence=ev,
        outlet=None, dateline="Kota", url=None, paragraphs=("Satu.", "Dua."),
        provinces=(RegionTag(Region("12", "Prov", "provinsi", "12")),), regencies=(region,),
        programmes=(Tag("pmt", ev),), actors=(Actor("Dinas", "pemerintah"),), actor_types=(), target_groups=(),
        figures=(Figure("prevalence", 21.5, "percent", 2023, "stunting", "21,5 persen", ev),
                 Figure("count", 120, "count", None, "balita", "120 balita", since=2020)),
        relevance="effort", relevance_note="", curated=("title",), doubts=(Doubt("actors", "X", "alasan"),))


def _roundtrip(kind: Any, value: Any) -> Any:
    return from_data(kind, json.loads(json.dumps(to_data(value))))


def test_an_article_comes_back_equal_with_its_types():
    article = _article()
    back = _roundtrip(Article | None, article)
    assert back == article and repr(back) == repr(article)
    assert type(back.paragraphs) is tuple and type(back.figures[1].value) is int  # 120 stays 120, not 120.0
    assert type(back.figures[0].value) is float and back.date == dt.date(2024, 2, 29)
    assert _roundtrip(Article | None, None) is None
    problems = [Problem("a.txt", "pesan", 3, "info", "read"), Problem("b.txt", "lain")]
    assert _roundtrip(list[Problem], problems) == problems


def test_a_report_with_stats_comes_back_equal():
    report = BuildReport("seeds", built=["a"], problems=[Problem("a.txt", "x")], duplicates={"a": ["b"]},
                         write=WriteResult(written=["x.md"], stats={"x.md": (3, 4)}), workers={"pages": 2})
    back = _roundtrip(BuildReport, report)
    assert back == report and back.write.stats["x.md"] == (3, 4)
    assert _roundtrip(dict[str, Stat], {"p": (1, 2)}) == {"p": (1, 2)}


@pytest.mark.parametrize("kind, data", [
    (str, 1), (str, None), (int, "1"), (int, 1.0), (float, "1.0"), (bool, 1), (bool, "true"), (type(None), 0),
    (dt.date, 20240101), (dt.date, "2024-02-30"), (dt.date, "kemarin"),
])
def test_a_value_of_another_type_is_refused(kind, data):
    with pytest.raises(ShapeError):
        from_data(kind, data)


@pytest.mark.parametrize("kind", [int, list[int], tuple[int, ...], int | None, Optional[int], dict[str, int]])
def test_a_boolean_is_not_an_integer(kind):
    # JSON's true would pass isinstance(True, int); it is refused as a value, in a list
    # (whose items are checked all at once) and behind an optional.
    data = {"k": True} if kind == dict[str, int] else [1, True] if kind in (list[int], tuple[int, ...]) else True
    with pytest.raises(ShapeError):
        from_data(kind, data)
    with pytest.raises(ShapeError):
        from_data(Stat, [1, False])


def test_an_integer_is_not_a_float_and_stays_an_integer():
    with pytest.raises(ShapeError):
        from_data(float, 1)
    with pytest.raises(ShapeError):
        from_data(list[float], [1.5, 2])
    data = to_data(_article())
    data["figures"][0]["value"] = True  # float | int: neither takes a boolean
    with pytest.raises(ShapeError):
        from_data(Article, data)
    assert type(from_data(float | int, 120)) is int and type(from_data(float | int, 1.5)) is float


def test_a_field_of_the_wrong_type_is_refused():
    for field, value in [("title", 1), ("outlet", 1), ("paragraphs", ["a", 2]), ("paragraphs", "a"),
                         ("date", "2024-13-01"), ("date_evidence", "bukti"), ("figures", [{"kind": 1}]),
                         ("curated", [None]), ("provinces", [{"region": None}])]:
        data = to_data(_article())
        data[field] = value
        with pytest.raises(ShapeError):
            from_data(Article | None, data)


def test_an_unknown_field_is_refused():
    data = to_data(_article())
    data["extra"] = 1
    with pytest.raises(ShapeError, match="unknown fields"):
        from_data(Article, data)
    with pytest.raises(ShapeError):
        from_data(list[Problem], [{"file": "a", "message": "b", "stage": "read", "code": "x"}])


def test_a_missing_required_field_is_refused_and_a_missing_default_is_filled():
    data = to_data(_article())
    del data["relevance"]
    with pytest.raises(ShapeError):
        from_data(Article, data)
    assert from_data(Problem, {"file": "a", "message": "b"}) == Problem("a", "b")


def test_a_dataclass_is_an_object():
    for data in (["kalimat", "isyarat"], ["sentence", "cue"], "sentence"):
        with pytest.raises(ShapeError):
            from_data(Evidence, data)


def test_a_tuple_of_the_wrong_length_is_refused():
    assert from_data(tuple[int, str], [1, "a"]) == (1, "a")
    for data in ([1], [1, "a", 2], [1, 2]):
        with pytest.raises(ShapeError):
            from_data(tuple[int, str], data)
    with pytest.raises(ShapeError):
        from_data(tuple[str, str], "ab")  # text is no list, though as long


def test_only_text_keys_are_cached():
    with pytest.raises(ShapeError, match="text keys"):
        from_data(dict[int, str], {"1": "a"})
    with pytest.raises(ShapeError):
        from_data(dict[int, str], ["a"])
    with pytest.raises(ShapeError):
        from_data(dict[str, str], [["a", "b"]])


def test_lists_and_sets_are_lists():
    for kind in (list[str], tuple[str, ...], set[str], list[Problem]):
        with pytest.raises(ShapeError):
            from_data(kind, {"a": 1})
        with pytest.raises(ShapeError):
            from_data(kind, "ab")
    assert from_data(set[str], ["a", "b", "a"]) == {"a", "b"}


def test_a_value_of_none_of_a_unions_options_is_refused():
    with pytest.raises(ShapeError, match="none of"):
        from_data(str | None, 1)
    with pytest.raises(ShapeError, match="none of"):
        from_data(int | str | None, 1.5)
    assert from_data(int | str | None, "a") == "a" and from_data(int | str | None, None) is None
    with pytest.raises(ShapeError):
        from_data(int | str, None)  # null only where the type says so


def test_a_type_that_is_not_cached_is_refused_but_a_union_tries_its_other_options():
    with pytest.raises(ShapeError):
        from_data(bytes, "abc")
    assert from_data(bytes | int, 3) == 3


def test_text_keeps_its_checks_for_subclasses_and_lists_are_copies():
    class Name(str):
        pass

    assert from_data(list[str], [Name("a")]) == ["a"]
    data = ["a", "b"]
    assert from_data(list[str], data) is not data and from_data(list[Any], data) is not data


@dataclasses.dataclass(frozen=True)
class _Node:
    name: str
    children: tuple[_Node, ...] = ()


def test_a_class_that_holds_itself():
    tree = _Node("a", (_Node("b"), _Node("c", (_Node("d"),))))
    assert _roundtrip(_Node, tree) == tree
    with pytest.raises(ShapeError):
        from_data(_Node, {"name": "a", "children": [{"name": 1}]})


def test_to_data_writes_every_field_and_refuses_what_json_cannot_hold():
    @dataclasses.dataclass
    class Counted:
        name: str
        total: int = dataclasses.field(init=False, default=0)

    assert to_data([Counted("a"), (dt.date(2024, 1, 2), {1: None})]) == [{"name": "a", "total": 0},
                                                                         ["2024-01-02", {"1": None}]]
    with pytest.raises(TypeError):
        to_data(b"bytes")
    with pytest.raises(TypeError):
        to_data({"a": object()})
