"""Small inline SVG charts for the HTML report: bars for counts per day, lines for shares per run.

No script and no external file: the SVG is part of the page and opens offline. Every mark carries
a ``<title>`` (its value, shown on hover) and a ``data-value`` attribute, so what a chart shows can
be read back and checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

WIDTH, HEIGHT, MARGIN = 720, 220, 40
COLOURS = ("#1f6feb", "#d29922", "#2da44e", "#cf222e", "#8250df", "#57606a")


def bar_chart(points: Sequence[tuple[str, int]], *, label: str) -> str:
    """Bars of ``(name, count)`` in order, the first and last names under the axis."""
    if not points:
        return f'<p class="empty">No data for "{escape(label)}" yet.</p>'
    top = max(count for _, count in points) or 1
    inner_w, inner_h = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN
    step = min(inner_w / len(points), 40.0)
    bars = []
    for index, (name, count) in enumerate(points):
        height = inner_h * count / top
        x, y = MARGIN + index * step, HEIGHT - MARGIN - height
        bars.append(
            f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{max(step - 2, 1):.1f}" height="{height:.1f}"'
            f' fill="{COLOURS[0]}" data-name="{escape(name)}" data-value="{count}">'
            f"<title>{escape(name)}: {count}</title></rect>"
        )
    axis = _axis(top, str(top)) + (
        f'<text x="{MARGIN}" y="{HEIGHT - MARGIN + 16}" font-size="11">{escape(points[0][0])}</text>'
        f'<text x="{MARGIN + len(points) * step}" y="{HEIGHT - MARGIN + 16}" font-size="11" text-anchor="end">'
        f"{escape(points[-1][0])}</text>"
    )
    return _svg(label, axis + "".join(bars))


def line_chart(names: Sequence[str], series: dict[str, Sequence[float | None]], *, label: str) -> str:
    """One line per series over ``names`` (x), values between 0 and 1 (shares); ``None`` leaves a gap."""
    if not names or not series:
        return f'<p class="empty">No data for "{escape(label)}" yet.</p>'
    inner_w, inner_h = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN
    step = inner_w / max(len(names) - 1, 1)
    marks, legend = [], []
    for number, (serie, values) in enumerate(series.items()):
        colour = COLOURS[number % len(COLOURS)]
        points = [
            (MARGIN + index * step, HEIGHT - MARGIN - inner_h * value, names[index], value)
            for index, value in enumerate(values)
            if value is not None
        ]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in points)
            marks.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{path}"/>')
        for x, y, name, value in points:
            marks.append(
                f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}" data-series="{escape(serie)}"'
                f' data-name="{escape(name)}" data-value="{value:.4f}"><title>{escape(serie)}, {escape(name)}:'
                f" {value:.0%}</title></circle>"
            )
        legend.append(
            f'<text x="{MARGIN + 10 + number * 130}" y="{MARGIN - 12}" font-size="12" fill="{colour}">'
            f"{escape(serie)}</text>"
        )
    return _svg(label, _axis(1, "100%") + "".join(legend) + "".join(marks))


def _axis(top: int, top_label: str) -> str:
    bottom = HEIGHT - MARGIN
    return (
        f'<line x1="{MARGIN}" y1="{bottom}" x2="{WIDTH - MARGIN}" y2="{bottom}" stroke="#888"/>'
        f'<line x1="{MARGIN}" y1="{MARGIN}" x2="{MARGIN}" y2="{bottom}" stroke="#888"/>'
        f'<text x="{MARGIN - 4}" y="{MARGIN + 4}" font-size="11" text-anchor="end">{escape(top_label)}</text>'
        f'<text x="{MARGIN - 4}" y="{bottom}" font-size="11" text-anchor="end">0</text>'
    )


def _svg(label: str, body: str) -> str:
    return (
        f'<svg class="chart" role="img" aria-label="{escape(label)}" width="{WIDTH}" height="{HEIGHT}"'
        f' viewBox="0 0 {WIDTH} {HEIGHT}" xmlns="http://www.w3.org/2000/svg">{body}</svg>'
    )
