"""The squad index of a batch: one row per athlete, linking to each athlete's report."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from runlift.models.result import Result
from runlift.render.html.page import esc, page, section, status_badge
from runlift.render.html.parts import MONOTONY_WARNING
from runlift.render.html.svg import sparkline

HAS_PLAN = ("optimal", "feasible")


@dataclass(frozen=True)
class SquadEntry:
    """One athlete's line: the batch's summary row, the result when there is one, and the
    files written for them (relative to the index)."""

    name: str
    row: dict[str, Any]  # a summary.csv row
    result: Result | None
    report_file: str | None = None
    calendar_file: str | None = None


def _link(text: str, file: str | None) -> str:
    if file is None:
        return esc(text)
    return f'<a href="{esc(quote(file))}">{esc(text)}</a>'


def _monotony(value: Any) -> str:
    if value is None:
        return ""
    flag = (' <span class="flag-warn">&#9888; high</span>' if value > MONOTONY_WARNING
            else "")
    return f"<span>{value:g}{flag}</span>"


def _note(entry: SquadEntry) -> str:
    row = entry.row
    return esc(row.get("error") or row.get("conflicts") or "")


def _cell(label: str, content: str, cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return f'<td data-label="{esc(label)}"{klass}>{content}</td>'


def squad_row(entry: SquadEntry) -> str:
    row, result = entry.row, entry.result
    metrics = result.metrics if result is not None else None
    spark = sparkline(metrics.daily_load, f"{entry.name}") if metrics else ""
    load = "" if row.get("weekly_load") is None else str(row["weekly_load"])
    calendar = _link("calendar (.ics)", entry.calendar_file) if entry.calendar_file else ""
    cells = [
        f'<th scope="row">{_link(entry.name, entry.report_file)}</th>',
        _cell("status", status_badge(str(row["status"]))),
        _cell("weekly load", load, "num"),
        _cell("monotony", _monotony(row.get("monotony")), "num"),
        _cell("daily load", spark),
        _cell("hard days", esc(row.get("hard_days") or "")),
        _cell("rest days", esc(row.get("rest_days") or "")),
        _cell("calendar", calendar),
        _cell("note", _note(entry)),
    ]
    return f'<tr class="athlete">{"".join(cells)}</tr>'


def _joint_line(joint: dict[str, Any] | None) -> str:
    if not joint:
        return ""
    text = f"Joint plan (shared gym): {joint.get('status')}"
    if joint.get("objective") is not None:
        text += (f", objective {joint['objective']}, bound {joint.get('best_bound')}, "
                 f"gap {joint.get('gap_percent', 0):.2f}%")
    conflicts = "".join(f"<li>{esc(c.get('message', ''))}</li>"
                        for c in joint.get("conflicts", []))
    return f"<p>{esc(text)}</p>" + (f'<ul class="conflicts">{conflicts}</ul>' if conflicts else "")


def squad_index(squad: str, entries: list[SquadEntry], joint: dict[str, Any] | None = None
                ) -> str:
    """A self-contained index page for a batch's output folder."""
    planned = sum(1 for e in entries if e.row["status"] in HAS_PLAN)
    missing = len(entries) - planned
    summary = (f"{len(entries)} athletes: {planned} planned"
               + (f", {missing} without a plan" if missing else ""))
    head = "".join(f'<th scope="col">{name}</th>' for name in (
        "athlete", "status", "weekly load", "monotony", "daily load", "hard days", "rest days",
        "calendar", "note"))
    rows = "".join(squad_row(e) for e in entries)
    table = (f'<div class="scroll"><table class="squad"><thead><tr>{head}</tr></thead>'
             f"<tbody>{rows}</tbody></table></div>"
             f'<p class="sub">Monotony above {MONOTONY_WARNING:.1f} is marked high. Each name '
             "links to the athlete's report.</p>")
    body = (f"<header><h1>{esc(squad)}</h1><p class=\"sub\">{esc(summary)}</p>"
            f"{_joint_line(joint)}</header>" + section("Athletes", table, css_id="athletes"))
    return page(f"{squad}: squad index", body, wide=True)
