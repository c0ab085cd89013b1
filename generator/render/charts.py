"""Geometry of the pictures: the province tile map, bar and line charts.

Everything is computed here and drawn by templates at build time (the map
as HTML, the charts as SVG, each with its data as a table): no JavaScript, no
CDN, no map tiles, so the pictures work in the offline bundle. The tile map's
layout is data (`data/tilemap.csv`), one tile per province placed roughly
where it lies.
"""
from __future__ import annotations

from dataclasses import dataclass

SHADES = 5  # colour classes in a legend


@dataclass(frozen=True)
class Tile:
    code: str
    name: str
    abbr: str
    col: int  # grid column and row, from 0
    row: int
    url: str
    value: float | None
    shade: int  # 0 = no data, 1..SHADES
    short: str  # shown on the tile: "3", "14,6%"
    label: str  # its accessible name: "Kalimantan Timur: 3 artikel"


@dataclass(frozen=True)
class LegendItem:
    shade: int
    label: str


@dataclass(frozen=True)
class TileMap:
    """Provinces as tiles on a grid, roughly where they lie: drawn as an HTML list of links
    (a screen reader reads a list, a keyboard goes from link to link, a phone reflows it)."""

    id: str
    title: str
    tiles: tuple[Tile, ...]
    legend: tuple[LegendItem, ...]
    cols: int
    rows: int
    source: str = ""  # what the colours stand for, above the legend ("Warna: prevalensi stunting SKI 2023")


def breaks(values: list[float]) -> list[float]:
    """Upper bounds of SHADES classes of equal count (quantiles), rounded for a readable legend."""
    vals = sorted(v for v in values if v is not None)
    if not vals:
        return []
    out: list[float] = []
    for i in range(1, SHADES + 1):
        b = vals[min(len(vals) - 1, max(0, round(i * len(vals) / SHADES) - 1))]
        if not out or b > out[-1]:
            out.append(b)
    return out


def shade_of(value: float | None, bounds: list[float]) -> int:
    if value is None or not bounds:
        return 0
    for i, b in enumerate(bounds):
        if value <= b:
            # Spread fewer classes over the whole colour ramp.
            return 1 + round(i * (SHADES - 1) / max(len(bounds) - 1, 1))
    return SHADES


def tile_map(map_id: str, title: str, layout: dict, provinces: list[tuple[str, str, str, float | None, str, str]],
             fmt, unit_label: str, missing: str = "belum ada data", source: str = "") -> TileMap:
    """provinces: (code, name, url, value, short text, label); None or 0 is no data, said with `missing`.
    `fmt` formats a value for the legend."""
    values = [p[3] for p in provinces if p[3] is not None and p[3] > 0]
    bounds = breaks(values)
    tiles = []
    for code, name, url, value, short, label in provinces:
        col, row, abbr = layout[code]
        has = value is not None and value > 0
        tiles.append(Tile(code, name, abbr, col, row, url, value, shade_of(value, bounds) if has else 0,
                          short if has else "–", label if has else f"{name}: {missing}"))
    legend = [LegendItem(0, missing)]
    counts = all(float(v).is_integer() for v in values)
    low = min(values) if values else None
    for b in bounds:
        text = fmt(b) if low == b else f"{fmt(low)}–{fmt(b)}"
        legend.append(LegendItem(shade_of(b, bounds), f"{text} {unit_label}".strip()))
        low = b + 1 if counts else b
    cols = max(c for c, _, _ in layout.values()) + 1
    rows = max(r for _, r, _ in layout.values()) + 1
    return TileMap(map_id, title, tuple(tiles), tuple(legend), cols, rows, source)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    height: float
    name: str  # what the bar counts: "Juni 2024"
    value: int
    tick: str  # shown under the bar ("Jun"), or "" where ticks would crowd
    subtick: str  # shown under the tick: the year, at its first bar


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: tuple[Bar, ...]
    width: float
    height: float  # of the bars' area; the ticks take two lines below it
    bar_width: float
    top: int  # largest value, for the axis label
    unit: str  # what the values count ("artikel")


# Ticks under at most this many bars: more would overlap.
MAX_TICKS = 16


def bar_chart(title: str, items: list[tuple[str, str, str, int]], unit: str, height: int = 140,
              bar_width: int = 14) -> BarChart:
    """items: (name, tick, subtick, value) in order; every k-th tick is shown so that they never overlap."""
    top = max((v for *_, v in items), default=0) or 1
    step = -(-len(items) // MAX_TICKS) or 1
    bars = []
    for i, (name, tick, subtick, value) in enumerate(items):
        h = value / top * (height - 40)
        shown = i % step == 0
        bars.append(Bar(30 + i * (bar_width + 4), height - 20 - h, h, name, value, tick if shown else "",
                        subtick))
    return BarChart(title, tuple(bars), 40 + len(items) * (bar_width + 4), height, bar_width, top, unit)


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    year: int
    text: str  # the value as readers write it
    label: str  # "Kabupaten Sigi 2023: 15,3%"


@dataclass(frozen=True)
class Series:
    name: str
    points: tuple[Point, ...]
    colour: int  # index into the palette


@dataclass(frozen=True)
class LineChart:
    title: str
    series: tuple[Series, ...]
    years: tuple[tuple[float, int], ...]  # x position, year
    ticks: tuple[tuple[float, str], ...]  # y position, value label
    width: int
    height: int
    year_labels: tuple[tuple[int, str], ...] = ()  # what a year's tick says, where not the year ("SKI 2023")


# A line chart needs this many points in one series; fewer are a table only (a chart of
# one or two points says nothing a table does not, and its axis is unreadable on a phone).
MIN_LINE_POINTS = 3


def line_chart(title: str, data: dict[str, list[tuple[int, float]]], fmt, width: int = 560, height: int = 220,
               year_labels: dict[int, str] | None = None) -> LineChart:
    """data: series name -> [(year, value)]. Values on a 0-based axis (percent)."""
    years = sorted({y for pts in data.values() for y, _ in pts})
    highest = max((v for pts in data.values() for _, v in pts), default=1) or 1
    step = -(-highest * 1.1 // 4) if highest >= 4 else highest * 1.1 / 4  # whole ticks above 4: 0, 7, 14, 21, 28
    top = step * 4
    # Named ticks ("SSGI 2021") are wider than years: room for half of one at each end.
    left, right, bottom, top_pad = (64, 36, 28, 14) if year_labels else (44, 16, 28, 14)
    span = max(len(years) - 1, 1)

    def x_of(year: int) -> float:
        return left + (years.index(year) / span if len(years) > 1 else 0.5) * (width - left - right)

    def y_of(value: float) -> float:
        return top_pad + (1 - value / top) * (height - top_pad - bottom)

    series = []
    for i, (name, pts) in enumerate(sorted(data.items())):
        points = tuple(Point(round(x_of(y), 1), round(y_of(v), 1), y, fmt(v), f"{name} {y}: {fmt(v)}") for y, v in sorted(pts))
        series.append(Series(name, points, i % 8))
    ticks = tuple((round(y_of(top * k / 4), 1), fmt(round(top * k / 4, 1))) for k in range(0, 5))
    return LineChart(title, tuple(series), tuple((round(x_of(y), 1), y) for y in years), ticks, width, height,
                     tuple(sorted((year_labels or {}).items())))
