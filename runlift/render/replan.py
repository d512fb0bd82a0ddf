"""A replan in words: what changed and why, then the week as lived and re-planned."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table

from runlift.models.replan import LivedEntry, PlanChange, ReplanResult
from runlift.render.text import md_table
from runlift.render.week import LEGEND, day_headers, session_label, split_weeks
from runlift.render.wording import NO_PLAN_IN_TIME, RELAXATIONS_HEADER, conflict_header

WIDTH = 120
STATUS_MEANING = {
    "optimal": "the kept work, the fewest changes and the week's objective are all proven",
    "feasible": "every hard rule holds, but not every level was proven within the time limit",
    "infeasible": "the remaining days cannot keep every hard rule; the past is not changed",
    "unknown": NO_PLAN_IN_TIME,
}
STATE_MARK = {"done": "✓", "moved": "✓→", "extra": "+", "assumed": "✓?", "planned": ""}
STATE_LEGEND = "✓ done   ✓→ done, moved   + extra   ✓? not logged, taken as done"


def change_line(c: PlanChange) -> str:
    """'tempo-1: moved thu 03-04 am -> fri 03-05 am (no_back_to_back_hard: ...)'."""
    missed = " (missed)" if c.missed else ""
    if c.change == "kept":
        return f"{c.id}: kept on {c.after}"
    if c.change == "moved":
        return f"{c.id}{missed}: moved {c.before} -> {c.after}: {c.reason}"
    if c.change == "dropped":
        return f"{c.id}{missed}: dropped from {c.before}: {c.reason}"
    return f"{c.id}: added on {c.after}: {c.reason}"


def summary_line(result: ReplanResult) -> str:
    n = result.counts
    if n is None:
        return ""
    parts = [f"{n.changes} change{'s' if n.changes != 1 else ''} to the plan"
             f" ({n.moved} moved, {n.dropped} dropped)", f"{n.kept} kept"]
    if n.missed_kept or n.missed_dropped:
        parts.append(f"missed work: {n.missed_kept} kept again, {n.missed_dropped} dropped")
    if n.added:
        parts.append(f"{n.added} added")
    return "; ".join(parts)


def _cell(entry: LivedEntry) -> str:
    return f"{session_label(entry)}{STATE_MARK[entry.state]}"


def _grid_rows(result: ReplanResult) -> list[list[str]]:
    days = len(result.days)
    rows = []
    for slot in result.slots:
        row = ["" for _ in range(days)]
        for e in result.plan:
            if e.slot == slot:
                row[e.day] = "\n".join(x for x in (row[e.day], _cell(e)) if x)
        rows.append(row)
    return rows


def _week_tables(result: ReplanResult) -> list[Table]:
    headers = day_headers(result.days, result.dates, sep="\n")
    today = result.days.index(result.today.split()[0]) if len(result.days) <= 7 else None
    out = []
    for week in split_weeks(len(result.days)):
        title = "Week" if len(result.days) <= 7 else week.title(result.dates).capitalize()
        table = Table(title=title, show_lines=True, title_justify="left")
        table.add_column("slot", style="bold")
        for i, header in zip(week.days, week.cut(headers), strict=True):
            table.add_column(header + ("\ntoday" if i == today else ""), overflow="fold")
        for (slot, start), row in zip(result.slots.items(), _grid_rows(result), strict=True):
            table.add_row(f"{slot} {start}", *week.cut(row))
        out.append(table)
    return out


def replan_table(result: ReplanResult, *, color: bool = False) -> str:
    buffer = io.StringIO()
    out = Console(file=buffer, width=WIDTH, color_system="standard" if color else None,
                  force_terminal=color, highlight=False, soft_wrap=False)
    out.print(f"[bold]{result.scenario}[/bold], re-planned from {result.today}: "
              f"{result.status} ({STATUS_MEANING[result.status.value]})", soft_wrap=True)
    if result.has_plan:
        out.print(summary_line(result), soft_wrap=True)
        changed = [c for c in result.changes if c.change != "kept"]
        if changed:
            out.print("Changes:")
            for c in changed:
                out.print(f"  - {change_line(c)}", soft_wrap=True)
        out.print(*_week_tables(result))
        out.print(f"{LEGEND}   {STATE_LEGEND}")
    else:
        _print_no_plan(out, result)
    for note in result.notes:
        out.print(f"note: {note}", soft_wrap=True)
    if result.timings:
        out.print("timings: " + ", ".join(f"{k} {v:.4f}" for k, v in result.timings.items()))
    return buffer.getvalue()


def _print_no_plan(out: Console, result: ReplanResult) -> None:
    if result.status.value == "unknown":
        return
    out.print(conflict_header(result), soft_wrap=True)
    for c in result.conflicts:
        out.print(f"  - [bold]{c.rule}[/bold]: {c.message}", soft_wrap=True)
    if result.relaxations:
        out.print(RELAXATIONS_HEADER)
        for r in result.relaxations:
            out.print(f"  - {r.message}", soft_wrap=True)


def replan_markdown(result: ReplanResult) -> str:
    lines = [f"# {result.scenario}", "", f"Re-planned from {result.today}: **{result.status}**"
             f" ({STATUS_MEANING[result.status.value]})", ""]
    if result.has_plan:
        lines += [summary_line(result), "", "## Changes", ""]
        lines += [f"- {change_line(c)}" for c in result.changes if c.change != "kept"] or [
            "- none"]
        headers = day_headers(result.days, result.dates)
        rows = [[f"{slot} {start}", *row] for (slot, start), row in
                zip(result.slots.items(), _grid_rows(result), strict=True)]
        lines += ["", "## Week", "", md_table(["slot", *headers], rows), "",
                  f"`{LEGEND}   {STATE_LEGEND}`", ""]
    else:
        lines += [conflict_header(result), ""]
        lines += [f"- **{c.rule}**: {c.message}" for c in result.conflicts]
        if result.relaxations:
            lines += ["", RELAXATIONS_HEADER, ""] + [f"- {r.message}" for r in
                                                   result.relaxations]
        lines.append("")
    if result.notes:
        lines += ["## Notes", ""]
        lines += [f"- {n}" for n in result.notes] + [""]
    return "\n".join(lines)


def render_replan(result: ReplanResult, fmt: str, *, color: bool = False) -> str:
    if fmt == "json":
        return result.to_json()
    if fmt == "md":
        return replan_markdown(result)
    return replan_table(result, color=color)
