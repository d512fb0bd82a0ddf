"""The report of one solved (or unsolvable) week."""

from __future__ import annotations

from dataclasses import dataclass

from runlift.models.problem import Problem
from runlift.models.result import Result
from runlift.render.html.page import render
from runlift.render.html.parts import ResultView, result_view
from runlift.render.wording import WEEK_STATUS


@dataclass(frozen=True)
class SolveView:
    title: str  # the document's title
    heading: str
    status: str
    meaning: str  # what the status means, in one line
    span: str  # '7 days'
    dates: str  # '2027-03-01 to 2027-03-07', or '' without dates
    back_link: str | None
    result: ResultView
    wide: bool = False


def solve_view(result: Result, problem: Problem | None = None, *, title: str | None = None,
               back_link: str | None = None) -> SolveView:
    days = len(result.days)
    return SolveView(
        title=f"{title or result.scenario}: {result.status}",
        heading=title or result.scenario,
        status=result.status,
        meaning=WEEK_STATUS[str(result.status)],
        span=f"{days} day{'s' if days != 1 else ''}",
        dates=f"{result.dates[0]} to {result.dates[-1]}" if result.dates else "",
        back_link=back_link,
        result=result_view(result, problem),
    )


def solve_report(result: Result, problem: Problem | None = None, *,
                 title: str | None = None, back_link: str | None = None) -> str:
    """A self-contained HTML page for one week. ``problem`` adds unavailable slots and the
    reasons behind each placement; ``back_link`` points to a squad index."""
    page = solve_view(result, problem, title=title, back_link=back_link)
    return render("solve.html.j2", page=page)
