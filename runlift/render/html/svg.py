"""Inline SVG charts: the daily-load bars with the weekly mean, a sparkline, a gauge."""

from __future__ import annotations

from runlift.render.html.page import esc

BAR = "#6a7fb5"
BAR_HARD = "#c62828"
MEAN = "#1d2330"
WARN = "#a4161a"


def _round_up(value: float) -> int:
    """A tidy axis maximum: 1, 2 or 5 times a power of ten, at least ``value``."""
    top = max(value, 1)
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= top:
                return step * factor
        step *= 10


def load_bars(daily: list[int], labels: list[str], mean: float, hard_days: list[int]) -> str:
    """Bars of the daily load, hard days in red and labelled, the mean as a dashed line."""
    left, top, bottom, slot = 44, 22, 40, 52
    width = max(360, left + slot * len(daily) + 16)
    height = 230
    plot = height - top - bottom
    scale_max = _round_up(max(daily, default=0) * 1.1)

    def y(value: float) -> float:
        return round(top + plot - plot * value / scale_max, 1)

    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        'aria-labelledby="load-title load-desc" xmlns="http://www.w3.org/2000/svg">',
        '<title id="load-title">Daily load</title>',
        f'<desc id="load-desc">Session-RPE load per day; weekly mean {mean:g} per day.</desc>',
    ]
    for tick in (0, scale_max // 2, scale_max):
        parts.append(f'<line x1="{left}" x2="{width - 8}" y1="{y(tick)}" y2="{y(tick)}" '
                     'stroke="#e3e6ec"/>')
        parts.append(f'<text x="{left - 6}" y="{y(tick) + 4}" font-size="11" '
                     f'text-anchor="end" fill="#555e6e">{tick}</text>')
    bar_width = slot - 14
    for day, (load, label) in enumerate(zip(daily, labels, strict=True)):
        x = left + 8 + day * slot
        hard = day in hard_days
        fill = BAR_HARD if hard else BAR
        parts.append(
            f'<rect class="bar" x="{x}" y="{y(load)}" width="{bar_width}" '
            f'height="{round(y(0) - y(load), 1)}" fill="{fill}" rx="2">'
            f"<title>{esc(label)}: load {load}{' (hard day)' if hard else ''}</title></rect>"
        )
        middle = x + bar_width / 2
        parts.append(f'<text x="{middle}" y="{y(load) - 4}" font-size="11" '
                     f'text-anchor="middle">{load}</text>')
        parts.append(f'<text x="{middle}" y="{height - bottom + 15}" font-size="12" '
                     f'text-anchor="middle">{esc(label)}</text>')
        if hard:
            parts.append(f'<text x="{middle}" y="{height - bottom + 29}" font-size="10" '
                         f'text-anchor="middle" fill="{BAR_HARD}">hard</text>')
    parts.append(
        f'<line class="mean" x1="{left}" x2="{width - 8}" y1="{y(mean)}" y2="{y(mean)}" '
        f'stroke="{MEAN}" stroke-width="1.5" stroke-dasharray="6 4"/>'
    )
    parts.append(f'<text x="{width - 8}" y="{y(mean) - 5}" font-size="11" text-anchor="end" '
                 f'fill="{MEAN}">mean {mean:g}</text>')
    parts.append("</svg>")
    return "".join(parts)


def sparkline(daily: list[int], label: str) -> str:
    """A tiny bar sparkline of the daily load; ``label`` names it for screen readers."""
    width, height = 96, 28
    peak = max(daily, default=0) or 1
    step = width / max(len(daily), 1)
    bars = "".join(
        f'<rect x="{round(i * step + 1, 1)}" y="{round(height - height * load / peak, 1)}" '
        f'width="{round(max(step - 2, 1), 1)}" height="{round(height * load / peak, 1)}" '
        f'fill="{BAR}"/>'
        for i, load in enumerate(daily)
    )
    loads = ", ".join(str(load) for load in daily)
    return (f'<svg class="spark" viewBox="0 0 {width} {height}" role="img" '
            f'xmlns="http://www.w3.org/2000/svg"><title>{esc(label)}: daily load {loads}'
            f"</title>{bars}</svg>")


def gauge(value: float, warning: float, label: str) -> str:
    """A bar from 0 with the value filled in and a marker at the warning level."""
    width, height = 160, 22
    scale = max(value, warning) * 1.25 or 1
    filled = round(width * value / scale, 1)
    mark = round(width * warning / scale, 1)
    fill = WARN if value > warning else BAR
    return (
        f'<svg class="gauge" viewBox="0 0 {width} {height}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{esc(label)}: {value:g}, warning level '
        f'{warning:g}</title><rect x="0" y="6" width="{width}" height="10" fill="#eceef2"/>'
        f'<rect x="0" y="6" width="{filled}" height="10" fill="{fill}"/>'
        f'<line x1="{mark}" x2="{mark}" y1="1" y2="21" stroke="{WARN}" stroke-width="2"/>'
        "</svg>"
    )
