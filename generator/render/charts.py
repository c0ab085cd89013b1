"""Geometry of the pictures: the province tile map, bar and line charts.

Everything is computed here and drawn by SVG templates (templates/svg/)
at build time: no JavaScript, no CDN, no map tiles, so the pictures work in
the offline bundle. The tile map's layout is data (`data/tilemap.csv`), one
tile per province placed roughly where it lies.
"""
from __future__ import annotations

from dataclasses import dataclass

TILE = 46  # tile size in SVG units
GAP = 4
SHADES = 5  # colour classes in a legend


@dataclass(frozen=True)
class Tile:
    code: str
    name: str
    abbr: str
    x: int
    y: int
    url: str
    value: float | None
    shade: int  # 0 = no data, 1..SHADES
    label: str  # accessible title: "Kalimantan Timur: 3 artikel"


@dataclass(frozen=True)
class LegendItem:
    shade: int
    label: str


@dataclass(frozen=True)
class TileMap:
    id: str
    title: str
    tiles: tuple[Tile, ...]
    legend: tuple[LegendItem, ...]
    width: int
    height: int


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


def tile_map(map_id: str, title: str, layout: dict, provinces: list[tuple[str, str, str, float | None]],
             fmt, unit_label: str) -> TileMap:
    """provinces: (code, name, url, value); None or 0 is no data. `fmt` formats a value for labels."""
    values = [v for _, _, _, v in provinces if v is not None and v > 0]
    bounds = breaks(values)
    tiles = []
    for code, name, url, value in provinces:
        col, row, abbr = layout[code]
        has = value is not None and value > 0
        label = f"{name}: {fmt(value)} {unit_label}".strip() if has else f"{name}: belum ada data"
        tiles.append(Tile(code, name, abbr, col * (TILE + GAP), row * (TILE + GAP), url,
                          value, shade_of(value, bounds) if has else 0, label))
    legend = [LegendItem(0, "belum ada data")]
    counts = all(float(v).is_integer() for v in values)
    low = min(values) if values else None
    for b in bounds:
        text = fmt(b) if low == b else f"{fmt(low)}–{fmt(b)}"
        legend.append(LegendItem(shade_of(b, bounds), f"{text} {unit_label}".strip()))
        low = b + 1 if counts else b
    cols = max(c for c, _, _ in layout.values()) + 1
    rows = max(r for _, r, _ in layout.values()) + 1
    return TileMap(map_id, title, tuple(tiles), tuple(legend), cols * (TILE + GAP), rows * (TILE + GAP) + 30)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    height: float
    label: str  # "Juni 2024: 3 artikel"
    tick: str  # shown under the bar ("Jun" / "2024")


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: tuple[Bar, ...]
    width: float
    height: float
    bar_width: float
    top: int  # largest value, for the axis label


def bar_chart(title: str, items: list[tuple[str, str, int]], height: int = 140, bar_width: int = 14) -> BarChart:
    """items: (tick, label, value) in order."""
    top = max((v for _, _, v in items), default=0) or 1
    bars = []
    for i, (tick, label, value) in enumerate(items):
        h = value / top * (height - 40)
        bars.append(Bar(30 + i * (bar_width + 4), height - 20 - h, h, label, tick))
    return BarChart(title, tuple(bars), 40 + len(items) * (bar_width + 4), height, bar_width, top)


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str


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


def line_chart(title: str, data: dict[str, list[tuple[int, float]]], fmt, width: int = 560, height: int = 220) -> LineChart:
    """data: series name -> [(year, value)]. Values on a 0-based axis (percent)."""
    years = sorted({y for pts in data.values() for y, _ in pts})
    top = max((v for pts in data.values() for _, v in pts), default=1) * 1.15 or 1
    left, right, bottom, top_pad = 44, 16, 28, 14
    span = max(len(years) - 1, 1)

    def x_of(year: int) -> float:
        return left + (years.index(year) / span if len(years) > 1 else 0.5) * (width - left - right)

    def y_of(value: float) -> float:
        return top_pad + (1 - value / top) * (height - top_pad - bottom)

    series = []
    for i, (name, pts) in enumerate(sorted(data.items())):
        points = tuple(Point(round(x_of(y), 1), round(y_of(v), 1), f"{name} {y}: {fmt(v)}") for y, v in sorted(pts))
        series.append(Series(name, points, i % 8))
    ticks = tuple((round(y_of(top * k / 4), 1), fmt(round(top * k / 4, 1))) for k in range(0, 5))
    return LineChart(title, tuple(series), tuple((round(x_of(y), 1), y) for y in years), ticks, width, height)
