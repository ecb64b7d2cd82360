"""Charts as SVG drawn on the server: bars, lines and a weekday x hour grid.

Each function takes numbers and the labels to show (already translated by the caller) and returns markup
safe to insert in a page (every text is escaped). The charts carry a <title> and role="img" with an
aria-label; pages show the same figures in a table beside each chart for screen readers.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from django.utils.safestring import SafeString, mark_safe

PALETTE = ("#2f6f8f", "#d9822b", "#5a9e4b", "#a33b5c", "#7d6bb3", "#3d8c86", "#9c7a3c", "#5c5c5c")


def _svg(width: int, height: int, label: str, body: list[str]) -> SafeString:
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(label)}" class="chart"><title>{escape(label)}</title>{"".join(body)}</svg>'
    )


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def bars(
    values: Sequence[float | None],
    labels: Sequence[str],
    *,
    title: str,
    notes: Sequence[str] | None = None,
    maximum: float | None = None,
    width: int = 640,
    bar_height: int = 28,
) -> SafeString:
    """Horizontal bars, one per label; ``notes`` are written at the end of each bar ("12 % · 9/75")."""
    left, right, gap = 180, 120, 8
    top = max((v for v in values if v is not None), default=0)
    scale_max = maximum if maximum else (top or 1)
    height = len(values) * (bar_height + gap) + gap
    body = []
    for i, (value, label) in enumerate(zip(values, labels, strict=True)):
        y = gap + i * (bar_height + gap)
        length = 0 if value is None else (width - left - right) * max(0.0, value) / scale_max
        body.append(
            f'<text x="{left - 8}" y="{y + bar_height * 0.65:.1f}" text-anchor="end" font-size="13">'
            f"{escape(label)}</text>"
            f'<rect x="{left}" y="{y}" width="{length:.1f}" height="{bar_height}" fill="{PALETTE[0]}" rx="2"/>'
        )
        note = notes[i] if notes else ("—" if value is None else _fmt(value))
        body.append(
            f'<text x="{left + length + 6:.1f}" y="{y + bar_height * 0.65:.1f}" font-size="12">{escape(note)}</text>'
        )
    return _svg(width, height, title, body)


def lines(
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    title: str,
    x_label: str,
    width: int = 640,
    height: int = 260,
) -> SafeString:
    """One polyline per (name, values), values at x = 0, 1, 2...; a legend under the chart."""
    left, bottom, top_pad, right = 40, 40, 12, 12
    count = max((len(values) for _, values in series), default=0)
    top = max((max(values, default=0) for _, values in series), default=0) or 1
    plot_w, plot_h = width - left - right, height - bottom - top_pad
    body = [
        f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{width - right}" y2="{top_pad + plot_h}" stroke="#888"/>',
        f'<line x1="{left}" y1="{top_pad}" x2="{left}" y2="{top_pad + plot_h}" stroke="#888"/>',
        f'<text x="{left - 6}" y="{top_pad + 10}" text-anchor="end" font-size="11">{_fmt(top)}</text>',
        f'<text x="{left - 6}" y="{top_pad + plot_h}" text-anchor="end" font-size="11">0</text>',
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 22}" text-anchor="middle" font-size="11">'
        f"{escape(x_label)}</text>",
    ]
    for index, (name, values) in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        step = plot_w / max(1, count - 1)
        points = " ".join(
            f"{left + i * step:.1f},{top_pad + plot_h - plot_h * v / top:.1f}" for i, v in enumerate(values)
        )
        if points:
            body.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
        x = left + index * 110
        body.append(
            f'<rect x="{x}" y="{height - 12}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{x + 14}" y="{height - 3}" font-size="11">{escape(name)}</text>'
        )
    return _svg(width, height, title, body)


def grid(
    counts: Sequence[Sequence[int]],
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    *,
    title: str,
    cell: int = 22,
) -> SafeString:
    """A heat grid (e.g. replies by weekday x hour): darker cells hold more; each cell has a <title>."""
    left, top_pad = 90, 20
    peak = max((max(row, default=0) for row in counts), default=0) or 1
    width = left + len(column_labels) * cell + 4
    height = top_pad + len(row_labels) * cell + 4
    body = []
    for c, label in enumerate(column_labels):
        body.append(
            f'<text x="{left + c * cell + cell / 2:.1f}" y="{top_pad - 6}" text-anchor="middle" '
            f'font-size="10">{escape(label)}</text>'
        )
    for r, label in enumerate(row_labels):
        y = top_pad + r * cell
        body.append(
            f'<text x="{left - 6}" y="{y + cell * 0.7:.1f}" text-anchor="end" font-size="11">{escape(label)}</text>'
        )
        for c, value in enumerate(counts[r]):
            opacity = 0.06 + 0.94 * value / peak if value else 0.03
            body.append(
                f'<rect x="{left + c * cell}" y="{y}" width="{cell - 2}" height="{cell - 2}" '
                f'fill="{PALETTE[0]}" fill-opacity="{opacity:.2f}"><title>{escape(label)} '
                f"{escape(column_labels[c])}: {value}</title></rect>"
            )
    return _svg(width, height, title, body)
