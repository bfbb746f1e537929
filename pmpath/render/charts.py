"""Chart geometry for the HTML report: numbers only, so the SVG markup stays in the template.

Everything here is arithmetic on the report; Jinja2 (autoescaping on) writes every element and
every text, so no user text ever reaches markup unescaped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

from pmpath.text import wrap

RADAR_W = 760
RADAR_H = 600
RADAR_R = 190
LABEL_CELLS = 18


@dataclass(frozen=True)
class Series:
    key: str
    """A CSS class: you, next, top, others."""
    label: str
    points: str
    values: tuple[float | None, ...]
    short: str = ""
    """The table's column head: the legend says the rest."""


@dataclass(frozen=True)
class Axis:
    x1: float
    y1: float
    x2: float
    y2: float
    lx: float
    ly: float
    anchor: str
    lines: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class Frame:
    """A radar's rings and labelled axes: one object per set of names (see _frame), equal only
    to itself, so the markup kept for it (pmpath.render.html.memo) is found at once."""

    rings: tuple[str, ...]
    axes: tuple[Axis, ...]
    font: int
    line: int


@dataclass(frozen=True)
class Radar:
    width: int
    height: int
    cx: float
    cy: float
    frame: Frame
    series: tuple[Series, ...]
    dots: tuple[tuple[float, float], ...] = field(default=())
    font: int = 13
    """Label size in the chart's units; a phone's copy draws larger labels on a smaller radar."""
    line: int = 15
    ring: float = RADAR_R / 5


def _point(cx: float, cy: float, radius: float, index: int, count: int) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return round(cx + radius * math.cos(angle), 1), round(cy + radius * math.sin(angle), 1)


def radar(
    names: list[str],
    series: list[tuple[str, str, list[float | None]]],
    shorts: dict[str, str] | None = None,
    phone: bool = False,
) -> Radar:
    """A spider chart on a 0..5 scale. A missing value (nobody rated it) is drawn at the centre
    so the polygon stays closed; the table beside the chart says "-" there.

    Works for any number of skills from 3 up; with fewer, the axes are still drawn evenly.
    `phone`: the copy a narrow screen shows: each axis numbered in type twice as large (about
    12 px at 390 px wide, where the desktop copy's names shrink to 6), the names in a numbered
    key under the chart; fourteen names around a radar that small would overlap.
    """
    radius, font = RADAR_R, 26 if phone else 13
    line = round(font * 1.15)
    count = max(3, len(names))
    cx, cy = RADAR_W / 2, RADAR_H / 2
    frame = _frame(tuple(names), phone)
    drawn = []
    for key, label, values in series:
        points = " ".join([_spot(count, i, v or 0) for i, v in enumerate(values)])
        short = (shorts or {}).get(key, label)
        drawn.append(Series(key, label, points, tuple(values), short))
    return Radar(RADAR_W, RADAR_H, cx, cy, frame, tuple(drawn), font=font, line=line, ring=radius / 5)


@lru_cache(maxsize=64)
def _unit(count: int) -> tuple[tuple[float, float], ...]:
    """Each axis's direction, once per number of axes."""
    angles = (-math.pi / 2 + 2 * math.pi * i / count for i in range(count))
    return tuple((math.cos(a), math.sin(a)) for a in angles)


@lru_cache(maxsize=4096)
def _spot(count: int, index: int, value: float) -> str:
    """Where `value` lies on axis `index` of `count`, as a polygon's `x,y`: the same arithmetic
    as _point, each answer worked out once (a cohort's radars meet a few dozen values an axis)."""
    cos, sin = _unit(count)[index]
    radius = RADAR_R * value / 5
    return f"{round(RADAR_W / 2 + radius * cos, 1)},{round(RADAR_H / 2 + radius * sin, 1)}"


@lru_cache(maxsize=64)
def _frame(names: tuple[str, ...], phone: bool) -> Frame:
    """A radar's rings and labelled axes: the same for everyone read in one language, so a
    cohort writing a report per person works them out (and wraps the labels) once."""
    radius, font, cells = (RADAR_R, 26, LABEL_CELLS) if phone else (RADAR_R, 13, LABEL_CELLS)
    line = round(font * 1.15)
    count = max(3, len(names))
    cx, cy = RADAR_W / 2, RADAR_H / 2
    rings = tuple(
        " ".join(f"{x},{y}" for x, y in (_point(cx, cy, radius * k / 5, i, count) for i in range(count)))
        for k in range(1, 6)
    )
    axes = []
    for i, name in enumerate(names):
        x2, y2 = _point(cx, cy, radius, i, count)
        lx, ly = _point(cx, cy, radius + 18, i, count)
        anchor = "middle" if abs(lx - cx) < 12 else ("start" if lx > cx else "end")
        lines = (str(i + 1),) if phone else tuple(wrap(name, cells))[:3]
        # labels above the centre grow upwards; below it they start under the axis's end
        ly += font * 0.3 if ly > cy else -line * (len(lines) - 1)
        axes.append(Axis(cx, cy, x2, y2, lx, round(ly, 1), anchor, lines))
    return Frame(rings, tuple(axes), font, line)


@dataclass(frozen=True)
class Bar:
    label: str
    x: float
    y: float
    width: float
    x_earliest: float
    width_earliest: float
    typical: str
    earliest: str


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    left: int
    ticks: tuple[tuple[float, str], ...]
    bars: tuple[Bar, ...]
    font: int = 13
    stacked: bool = False
    """A phone's copy: each step's name on a line of its own above its bars, in larger type."""


def timeline(
    steps: list[tuple[str, float, float]],
    start_year: int | None,
    width: int = 720,
    row: int = 34,
    phone: bool = False,
) -> Timeline:
    """Roadmap steps as bars from the step before to this one: (name, typical, earliest years)."""
    if phone:
        return _stacked(timeline(steps, start_year, width, 34 + 34))
    left = 200
    span = max([t for _, t, _ in steps] + [1.0])
    scale = (width - left - 20) / span
    bars = []
    prev_t = prev_e = 0.0
    for i, (name, typical, earliest) in enumerate(steps):
        y = 30 + i * row
        bars.append(
            Bar(
                label=name,
                x=round(left + prev_t * scale, 1),
                y=y,
                width=round(max(2.0, (typical - prev_t) * scale), 1),
                x_earliest=round(left + prev_e * scale, 1),
                width_earliest=round(max(2.0, (earliest - prev_e) * scale), 1),
                typical=f"{typical:g}",
                earliest=f"{earliest:g}",
            )
        )
        prev_t, prev_e = typical, earliest
    step = 1 if span <= 8 else 2 if span <= 16 else 5
    ticks = tuple(
        (round(left + t * scale, 1), str(start_year + t) if start_year else f"+{t}")
        for t in range(0, int(span) + 1, step)
    )
    return Timeline(width, 40 + len(steps) * row, left, ticks, tuple(bars))


def _stacked(wide: Timeline) -> Timeline:
    """The same bars over the whole width, each below its step's name (a phone's copy)."""
    left, right = 40, wide.width - 40  # room for the first and last year, centred on their ticks
    scale = (right - left) / (wide.width - 20 - wide.left)  # the wide copy's bars end 20 short

    def moved(x: float) -> float:
        return round(left + (x - wide.left) * scale, 1)

    bars = tuple(
        Bar(
            label=b.label,
            x=moved(b.x),
            y=b.y + 34,
            width=round(b.width * scale, 1),
            x_earliest=moved(b.x_earliest),
            width_earliest=round(b.width_earliest * scale, 1),
            typical=b.typical,
            earliest=b.earliest,
        )
        for b in wide.bars
    )
    ticks = tuple((moved(x), label) for x, label in wide.ticks)
    return Timeline(wide.width, wide.height + 34, left, ticks, bars, font=26, stacked=True)


@dataclass(frozen=True)
class HBar:
    label: str
    y: float
    width: float
    value: str
    marker: float | None = None


@dataclass(frozen=True)
class HBars:
    width: int
    height: int
    left: int
    bars: tuple[HBar, ...]


def hbars(rows: list[tuple[str, float, float | None]], top: float, width: int = 720, row: int = 26) -> HBars:
    """Horizontal bars (value, optional marker such as what the next level needs) on 0..top."""
    left = 260
    scale = (width - left - 60) / (top or 1)
    bars = tuple(
        HBar(
            label=label,
            y=10 + i * row,
            width=round(max(0.0, value) * scale, 1),
            value=f"{value:g}",
            marker=None if marker is None else round(left + marker * scale, 1),
        )
        for i, (label, value, marker) in enumerate(rows)
    )
    return HBars(width, 20 + len(rows) * row, left, bars)


@dataclass(frozen=True)
class TrendBar:
    y: float
    width: float
    value: str
    run: int
    """Which run (0 the oldest): its shade, darker the later."""


@dataclass(frozen=True)
class TrendRow:
    label: str
    y: float
    """Where the level's name is written: beside its bars, or above them on a phone."""
    bars: tuple[TrendBar, ...]


@dataclass(frozen=True)
class Trend:
    width: int
    height: int
    left: int
    rows: tuple[TrendRow, ...]
    runs: tuple[tuple[str, float, float], ...]
    """The legend: each run's label and where its swatch is drawn (x, y), oldest first."""
    shades: tuple[float, ...]
    """Each run's fill opacity, oldest the palest: the order reads without colour."""
    font: int = 13
    bar: int = 10
    stacked: bool = False


def trend(
    levels: list[tuple[str, list[int]]], runs: list[str], phone: bool = False, width: int = 720
) -> Trend:
    """Levels per quarter: for each level, a bar per run (oldest first, palest first), each
    with its number, and a legend naming the runs. `phone`: the level's name on a line of its
    own above its bars, in type large enough at 390 px, and the bars over the whole width."""
    font, bar, gap = (24, 20, 4) if phone else (13, 11, 4)
    left = 20 if phone else 200
    label_room = font + 8 if phone else 0
    top = max([n for _, counts in levels for n in counts] + [1])
    scale = (width - left - (80 if phone else 50)) / top
    legend_h = len(runs) * (font + 10) + 10
    rows = []
    y = float(legend_h)
    for name, counts in levels:
        bars = tuple(
            TrendBar(round(y + label_room + i * (bar + gap), 1), round(n * scale, 1), str(n), i)
            for i, n in enumerate(counts)
        )
        label_y = y + font if phone else y + (len(counts) * (bar + gap)) / 2 + font * 0.35
        rows.append(TrendRow(name, round(label_y, 1), bars))
        y += label_room + len(counts) * (bar + gap) + (14 if phone else 10)
    count = max(1, len(runs))
    shades = tuple(round(0.3 + 0.7 * i / (count - 1), 2) if count > 1 else 1.0 for i in range(len(runs)))
    legend = tuple((label, float(left), round(8.0 + i * (font + 10), 1)) for i, label in enumerate(runs))
    return Trend(width, round(y + 4), left, tuple(rows), legend, shades, font, bar, phone)
