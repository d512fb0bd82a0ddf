"""The report of one solved (or unsolvable) week."""

from __future__ import annotations

from runlift.models.problem import Problem
from runlift.models.result import Result
from runlift.render.html.page import esc, page, status_badge
from runlift.render.html.parts import week_sections


def solve_header(result: Result, title: str | None = None) -> str:
    dates = f"{result.dates[0]} to {result.dates[-1]}" if result.dates else ""
    span = f"{len(result.days)} day{'s' if len(result.days) != 1 else ''}"
    return (f"<header><h1>{esc(title or result.scenario)}</h1>"
            f'<p>{status_badge(result.status)} <span class="sub">{esc(span)}'
            f"{' &middot; ' + esc(dates) if dates else ''}</span></p></header>")


def solve_report(result: Result, problem: Problem | None = None, *,
                 title: str | None = None, back_link: str | None = None) -> str:
    """A self-contained HTML page for one week. ``problem`` adds unavailable slots and the
    reasons behind each placement; ``back_link`` points to a squad index."""
    back = f'<p><a href="{esc(back_link)}">&larr; squad index</a></p>' if back_link else ""
    body = back + solve_header(result, title) + week_sections(result, problem)
    return page(f"{title or result.scenario}: {result.status}", body)
