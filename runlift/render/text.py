"""The readable week (rich) and its Markdown twin, for solve and check."""

from __future__ import annotations

import io
import re

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from runlift.models.result import CheckResult, Result, RuleViolation
from runlift.render.week import (
    LEGEND,
    WeekSpan,
    day_headers,
    grid,
    history_lines,
    metric_lines,
    split_weeks,
)
from runlift.render.wording import (
    MISSED_HEADERS,
    NO_PLAN_IN_TIME,
    NOTES_HEADER,
    OBJECTIVE_HEADERS,
    RELAXATIONS_HEADER,
    WEEK_STATUS,
    conflict_header,
    missed_rows,
    objective_lines,
)

WIDTH = 120
# C0 and C1 control characters (ESC begins every terminal escape sequence, BEL rings) and
# the bidirectional overrides, which reorder what a terminal shows after them.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text from a file (a scenario, session type, slot or athlete name, or a message
    that holds one) as a terminal may show it: without control characters, so that no
    escape sequence in a name reaches the terminal."""
    return _CONTROLS.sub("", text)


def _rich(text: str) -> str:
    """printable(text) for rich, which would take its [brackets] for markup."""
    return escape(printable(text))


def _console(buffer: io.StringIO, color: bool) -> Console:
    return Console(file=buffer, width=WIDTH, color_system="standard" if color else None,
                   force_terminal=color, highlight=False, soft_wrap=False)


def _grid_table(title: str, r: Result | CheckResult, dates: list[str] | None,
                week: WeekSpan, *, header_sep: str = " ") -> Table:
    table = Table(title=title, show_lines=True, title_justify="left")
    table.add_column("slot", style="bold")
    for header in week.cut(day_headers(r.days, dates, sep=header_sep)):
        table.add_column(header, overflow="fold")
    for (slot, start), row in zip(r.slots.items(), grid(r.plan, r.days, r.slots), strict=True):
        table.add_row(_rich(f"{slot} {start}"), *(_rich(cell) for cell in week.cut(row)))
    if r.metrics is not None:
        table.add_row("load", *[str(x) for x in week.cut(r.metrics.daily_load)], style="dim")
    return table


def _week_tables(r: Result | CheckResult, dates: list[str] | None) -> list[Table]:
    """One grid per 7-day week; a single week keeps the plain title "Week". Longer horizons
    label days 'tue 15', so their dates go on a second header line: the columns then stay
    as narrow as the session names, which rich would otherwise fold mid-word."""
    parts = split_weeks(len(r.days))
    if len(parts) == 1:
        return [_grid_table("Week", r, dates, parts[0])]
    return [_grid_table(week.title(dates).capitalize(), r, dates, week, header_sep="\n")
            for week in parts]


def _pairs_table(title: str, rows: list[tuple[str, str]], headers: tuple[str, str], *,
                 words: bool = False) -> Table:
    """Two columns: a metric and its value (right-justified), or with ``words`` a term
    and what it says (left-justified, folded at the width)."""
    table = Table(title=title, title_justify="left")
    table.add_column(headers[0])
    if words:
        table.add_column(headers[1], overflow="fold")
    else:
        table.add_column(headers[1], justify="right")
    for a, b in rows:
        table.add_row(a, b)
    return table


def _rows_table(title: str, headers: list[str], rows: list[list[str]]) -> Table:
    table = Table(title=title, title_justify="left")
    for header in headers:
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*row)
    return table


def _print_objective(out: Console, r: Result | CheckResult) -> None:
    """The objective in a coach's words, and every missed preference with its reasons."""
    if r.objective is not None:
        out.print(_pairs_table("Objective", objective_lines(r), OBJECTIVE_HEADERS, words=True))
    if r.missed_preferences:
        out.print(_rows_table("Missed preferences", MISSED_HEADERS, missed_rows(r)))


def _violations_table(title: str, violations: list[RuleViolation]) -> Table:
    """Broken hard rules (no cost: they are not priced) or bent soft rules (with cost)."""
    priced = any(v.cost is not None for v in violations)
    table = Table(title=title, title_justify="left")
    table.add_column("rule")
    table.add_column("what", overflow="fold")
    if priced:
        table.add_column("cost", justify="right")
    for v in violations:
        cost = [] if not priced else ["" if v.cost is None else str(v.cost)]
        table.add_row(v.rule, _rich(v.message), *cost)
    return table


def result_table(result: Result, *, color: bool = False) -> str:
    buffer = io.StringIO()
    out = _console(buffer, color)
    out.print(f"[bold]{_rich(result.scenario)}[/bold]: {result.status} "
              f"({WEEK_STATUS[str(result.status)]})", soft_wrap=True)
    _print_history(out, result)
    if result.has_plan:
        out.print(*_week_tables(result, result.dates))
        out.print(LEGEND)
        if result.metrics:
            out.print(_pairs_table("Metrics", metric_lines(result.metrics, result.days),
                                   ("metric", "value")))
        _print_objective(out, result)
        if result.soft_violations:
            out.print(_violations_table("Soft rules bent", result.soft_violations))
    else:
        _print_infeasible(out, result)
    _print_timings(out, result)
    return buffer.getvalue()


def _print_history(out: Console, r: Result | CheckResult) -> None:
    if r.history:
        out.print("Done before day 0:")
        for line in history_lines(r.history):
            out.print(f"  - {line}", soft_wrap=True)


def _print_infeasible(out: Console, result: Result) -> None:
    if result.status == "unknown":
        out.print(NO_PLAN_IN_TIME)
        return
    out.print(conflict_header(result), soft_wrap=True)
    # One line per item, never folded mid-sentence: the terminal wraps long lines itself.
    for c in result.conflicts:
        out.print(f"  - [bold]{c.rule}[/bold]: {_rich(c.message)}", soft_wrap=True)
    if result.relaxations:
        out.print(RELAXATIONS_HEADER)
        for r in result.relaxations:
            out.print(f"  - {_rich(r.message)}", soft_wrap=True)
    if result.notes:
        out.print(NOTES_HEADER)
        for note in result.notes:
            out.print(f"  - {_rich(note)}", soft_wrap=True)


def _print_timings(out: Console, result: Result) -> None:
    if result.timings:
        out.print("timings: " + ", ".join(f"{k} {v:.4f}" for k, v in result.timings.items()))


def check_table(result: CheckResult, *, color: bool = False) -> str:
    buffer = io.StringIO()
    out = _console(buffer, color)
    verdict = "ok" if result.ok else f"{len(result.violations)} hard rule violation(s)"
    out.print(f"[bold]{_rich(result.scenario)}[/bold]: {verdict}")
    _print_history(out, result)
    out.print(*_week_tables(result, None))
    out.print(LEGEND)
    if result.violations:
        out.print(_violations_table("Hard rules broken", result.violations))
    if result.soft_violations:
        out.print(_violations_table("Soft rules bent", result.soft_violations))
    out.print(_pairs_table("Metrics", metric_lines(result.metrics, result.days),
                           ("metric", "value")))
    _print_objective(out, result)
    return buffer.getvalue()


# --- Markdown ---------------------------------------------------------------------------
def md_table(headers: list[str], rows: list[list[str]]) -> str:
    def esc(cell: str) -> str:
        return printable(cell.replace("|", "\\|").replace("\n", " "))

    lines = ["| " + " | ".join(esc(h) for h in headers) + " |",
             "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _md_grid(r: Result | CheckResult, dates: list[str] | None, week: WeekSpan) -> str:
    rows = [[f"{slot} {start}", *week.cut(row)]
            for (slot, start), row in zip(r.slots.items(), grid(r.plan, r.days, r.slots),
                                          strict=True)]
    if r.metrics is not None:
        rows.append(["load", *[str(x) for x in week.cut(r.metrics.daily_load)]])
    return md_table(["slot", *week.cut(day_headers(r.days, dates))], rows)


def _md_week(r: Result | CheckResult, dates: list[str] | None) -> list[str]:
    """One table per 7-day week, each under its own heading when there are several."""
    parts = split_weeks(len(r.days))
    if len(parts) == 1:
        lines = ["## Week", "", _md_grid(r, dates, parts[0]), ""]
    else:
        lines = []
        for week in parts:
            lines += [f"## {week.title(dates).capitalize()}", "", _md_grid(r, dates, week), ""]
    return [*lines, f"`{LEGEND}`", ""]


def _md_pairs(title: str, rows: list[tuple[str, str]], headers: tuple[str, str]) -> list[str]:
    return [f"## {title}", "", md_table(list(headers), [list(r) for r in rows]), ""]


def _md_history(r: Result | CheckResult) -> list[str]:
    if not r.history:
        return []
    return ["## Done before day 0", "", *(f"- {line}" for line in history_lines(r.history)),
            ""]


def _md_objective(r: Result | CheckResult) -> list[str]:
    """The objective in a coach's words, and every missed preference with its reasons."""
    lines = _md_pairs("Objective", objective_lines(r), OBJECTIVE_HEADERS) if r.objective else []
    if r.missed_preferences:
        lines += ["## Missed preferences", "", md_table(MISSED_HEADERS, missed_rows(r)), ""]
    return lines


def result_markdown(result: Result) -> str:
    lines = [f"# {printable(result.scenario)}", "",
             f"Status: **{result.status}** ({WEEK_STATUS[str(result.status)]})", ""]
    lines += _md_history(result)
    if result.has_plan:
        lines += _md_week(result, result.dates)
        if result.metrics:
            lines += _md_pairs("Metrics", metric_lines(result.metrics, result.days),
                               ("metric", "value"))
        lines += _md_objective(result)
        if result.soft_violations:
            lines += ["## Soft rules bent", "", md_table(
                ["rule", "what", "cost"],
                [[v.rule, v.message, str(v.cost)] for v in result.soft_violations]), ""]
    else:
        lines += ["## Conflict", "", conflict_header(result), ""]
        lines += [f"- **{c.rule}**: {printable(c.message)}" for c in result.conflicts]
        lines += ["", "## Relaxations", "", RELAXATIONS_HEADER, ""]
        lines += [f"- {printable(r.message)}" for r in result.relaxations]
        if result.notes:
            lines += ["", "## Not proven", ""] + [f"- {printable(n)}" for n in result.notes]
        lines.append("")
    if result.timings:
        lines += ["## Timings", ""] + [f"- {k}: {v:.4f}" for k, v in result.timings.items()]
        lines.append("")
    return "\n".join(lines)


def check_markdown(result: CheckResult) -> str:
    lines = [f"# {printable(result.scenario)}", "",
             f"Verdict: **{'ok' if result.ok else 'hard rules broken'}**", ""]
    lines += _md_history(result)
    lines += _md_week(result, None)
    for title, found in (("Hard rules broken", result.violations),
                         ("Soft rules bent", result.soft_violations)):
        if found:
            lines += [f"## {title}", "", md_table(
                ["rule", "what"], [[v.rule, v.message] for v in found]), ""]
    lines += _md_pairs("Metrics", metric_lines(result.metrics, result.days), ("metric", "value"))
    lines += _md_objective(result)
    return "\n".join(lines)
