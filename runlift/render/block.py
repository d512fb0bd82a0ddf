"""A block in words and tables: one line per week, the guardrails with their tightest
week, and the race-day figures (table, Markdown and CSV share the rows built here)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from rich.console import Console
from rich.table import Table

from runlift.models.block import BlockCheck, BlockResult, DayPoint, GuardrailReading
from runlift.models.result import CheckResult, PlanEntry
from runlift.render.text import md_table, result_markdown, result_table
from runlift.render.week import human_name
from runlift.render.wording import RELAXATIONS_HEADER, conflict_header

WIDTH = 120
BLOCK_NOTES_HEADER = "Notes:"
STATUS_MEANING = {
    "optimal": "the block level and every week are proven optimal, each week given the "
               "weeks before it",
    "feasible": "every hard rule and guardrail holds, but not every step was proven "
                "optimal within the time limit",
    "infeasible": "no block keeps every hard rule and guardrail",
    "unknown": "no block was found within the time limit, and it is not proven that none "
               "exists; try a longer --time-limit",
}
MINUTES_SHOWN = ("long_run",)  # key sessions whose length a coach reads week to week
NUMERIC = ("load", "heavy\nlegs", "monotony", "CTL", "ATL", "TSB")
# CTL and ATL at the end of the week; TSB, the form, on the morning after it.
WEEK_COLUMNS = ["week", "phase", "load", "change", "key sessions", "heavy\nlegs",
                "monotony", "CTL", "ATL", "TSB"]


@dataclass(frozen=True)
class WeekRow:
    """What one line of the block table says about a week."""

    week: int
    phase: str
    starts: str
    load: int
    change: str  # against the reference week: '+8% wk 3', or 'start'
    marks: str  # 'deload', 'taper', 'race'
    key_sessions: str
    heavy_legs: int
    monotony: str
    ctl: str  # at the end of the week
    atl: str
    tsb: str  # form the morning after the week

    def cells(self) -> list[str]:
        phase = ", ".join(m for m in (self.phase, self.marks) if m)
        return [f"{self.week} {self.starts}", phase, str(self.load), self.change,
                self.key_sessions, str(self.heavy_legs), self.monotony, self.ctl, self.atl,
                self.tsb]


@dataclass(frozen=True)
class GuardrailRow:
    name: str
    verdict: str  # 'holds in every week', '2 weeks broken', 'soft: 120 load points over'
    tightest: str  # the week with the least room, in words


def key_sessions(plan: list[PlanEntry]) -> str:
    """'Long run 180, Tempo': the week's key runs, with minutes for a long run."""
    out = []
    for entry in plan:
        if entry.key or entry.kind == "race":
            name = human_name(entry.session)
            out.append(f"{name} {entry.minutes}" if entry.session in MINUTES_SHOWN
                       or entry.kind == "race" else name)
    return ", ".join(out) or "none"


def _change(load: int, reference: int | None, reference_load: int | None) -> str:
    if reference is None or not reference_load:
        return "start"
    where = "history" if reference == 0 else f"wk {reference}"
    return f"{100 * (load - reference_load) / reference_load:+.0f}% {where}"


def _end_of(chart: dict[str, DayPoint], date: str) -> tuple[str, str, str]:
    point = chart.get(date)
    if point is None:
        return "", "", ""
    return f"{point.ctl:.0f}", f"{point.atl:.0f}", f"{point.ctl - point.atl:+.0f}"


def week_rows(result: BlockResult | BlockCheck) -> list[WeekRow]:
    chart = {p.date: p for p in result.daily}
    rows = []
    for w in result.weeks:
        plan = w.result.plan
        marks = [m for m, on in (("deload", w.deload), ("taper", w.taper and w.phase != "taper"),
                                 ("race", any(e.kind == "race" for e in plan))) if on]
        last = w.result.dates[-1] if w.result.dates else ""
        metrics = w.result.metrics
        rows.append(WeekRow(
            week=w.week, phase=w.phase, starts=w.start[5:], load=w.load,
            change=_change(w.load, w.reference, w.reference_load), marks=", ".join(marks),
            key_sessions=key_sessions(plan), heavy_legs=sum(e.heavy_legs for e in plan),
            monotony=f"{metrics.monotony:.2f}" if metrics else "",
            ctl=_end_of(chart, last)[0], atl=_end_of(chart, last)[1],
            tsb=_end_of(chart, last)[2]))
    return rows


def guardrail_rows(readings: list[GuardrailReading]) -> list[GuardrailRow]:
    """Each guardrail once: whether it holds, and its tightest week."""
    out = []
    for name in sorted({r.name for r in readings}):
        mine = [r for r in readings if r.name == name]
        tightest = min(mine, key=lambda r: (r.room, r.week))
        broken = [r for r in mine if not r.ok]
        if not broken:
            verdict = f"holds in every week ({len(mine)} checked)"
        elif tightest.soft:
            verdict = f"soft: {_points(sum(r.excess for r in broken))} over"
        else:
            verdict = f"broken in {len(broken)} week{'s' if len(broken) != 1 else ''}"
        room = (f", {_points(tightest.room)} to spare" if tightest.ok
                else f", {_points(-tightest.room)} over")
        out.append(GuardrailRow(name, verdict, tightest.message + room))
    return out


def _points(amount: float) -> str:
    return f"{amount:g} load point{'' if amount == 1 else 's'}"


def _console(buffer: io.StringIO, color: bool) -> Console:
    return Console(file=buffer, width=WIDTH, color_system="standard" if color else None,
                   force_terminal=color, highlight=False, soft_wrap=False)


def _weeks_table(rows: list[WeekRow], title: str) -> Table:
    table = Table(title=title, title_justify="left")
    for column in WEEK_COLUMNS:
        right = column in NUMERIC
        table.add_column(column, justify="right" if right else "left", overflow="fold",
                         no_wrap=column != "key sessions",
                         min_width=24 if column == "key sessions" else None)
    for row in rows:
        table.add_row(*row.cells())
    return table


def _guardrails_table(rows: list[GuardrailRow]) -> Table:
    table = Table(title="Guardrails", title_justify="left")
    table.add_column("guardrail")
    table.add_column("verdict")
    table.add_column("tightest week", overflow="fold")
    for row in rows:
        table.add_row(row.name, row.verdict, row.tightest)
    return table


def race_lines(result: BlockResult) -> list[str]:
    """The objective in coach words."""
    o = result.objective
    if o is None:
        return []
    when = "on race morning" if result.race else "after the last day"
    lines = []
    if o.race_ctl is not None:
        lines.append(f"fitness (CTL) {when}: {o.race_ctl:g}; form (TSB): {o.race_tsb:+g}")
    peak = max(result.weeks, key=lambda w: (w.load, -w.week))
    lines.append(f"heaviest week: week {peak.week} ({peak.phase}), load {peak.load}")
    lines.append(f"the weeks' own objectives add up to {o.weekly_total}")
    if o.guardrail_excess:
        lines.append(f"soft guardrails exceeded by {o.guardrail_excess} load points")
    return lines


def block_table(result: BlockResult, *, color: bool = False) -> str:
    buffer = io.StringIO()
    out = _console(buffer, color)
    out.print(f"[bold]{result.block}[/bold]: {result.status} "
              f"({STATUS_MEANING[result.status.value]})", soft_wrap=True)
    out.print(_span(result), soft_wrap=True)
    if result.weeks:
        title = "Weeks" if result.has_plan else "Weeks planned before the clash"
        out.print(_weeks_table(week_rows(result), title))
    if result.has_plan:
        out.print(_guardrails_table(guardrail_rows(result.guardrails)))
        for line in race_lines(result):
            out.print(line, soft_wrap=True)
        spans = sorted({tuple(w.planned_with) for w in result.weeks if w.planned_with})
        if spans:
            out.print("planned together, since they did not fit one after the other: "
                      + ", ".join(f"weeks {a}-{b}" for a, b in spans), soft_wrap=True)
    else:
        _print_no_block(out, result)
    if result.timings:
        out.print("timings: " + ", ".join(f"{k} {v:.4f}" for k, v in result.timings.items()))
    return buffer.getvalue()


def _span(result: BlockResult) -> str:
    weeks = result.length
    race = f", race on {result.race}" if result.race else ", no race"
    return f"{weeks} weeks from {result.start}{race}"


def _print_no_block(out: Console, result: BlockResult) -> None:
    if result.status.value == "unknown":
        for note in result.notes:
            out.print(note, soft_wrap=True)
        return
    out.print(conflict_header(result), soft_wrap=True)
    for c in result.conflicts:
        out.print(f"  - [bold]{c.rule}[/bold]: {c.message}", soft_wrap=True)
    if result.relaxations:
        out.print(RELAXATIONS_HEADER)
        for r in result.relaxations:
            out.print(f"  - {r.message}", soft_wrap=True)
    if result.notes:
        out.print(BLOCK_NOTES_HEADER)
        for note in result.notes:
            out.print(f"  - {note}", soft_wrap=True)


def one_week(result: BlockResult, number: int, fmt: str) -> str:
    """Week ``number`` in full, as `runlift solve` prints a week."""
    week = next(w for w in result.weeks if w.week == number)
    if fmt == "json":
        return week.result.to_json()
    if fmt == "md":
        return result_markdown(week.result)
    return result_table(week.result)


def _md_columns(columns: list[str]) -> list[str]:
    return [c.replace("\n", " ") for c in columns]


def block_markdown(result: BlockResult) -> str:
    lines = [f"# {result.block}", "", f"Status: **{result.status}** "
             f"({STATUS_MEANING[result.status.value]})", "", _span(result), ""]
    if result.weeks:
        rows = [r.cells() for r in week_rows(result)]
        lines += ["## Weeks", "", md_table(_md_columns(WEEK_COLUMNS), rows), ""]
    if result.has_plan:
        lines += ["## Guardrails", "", md_table(
            ["guardrail", "verdict", "tightest week"],
            [[g.name, g.verdict, g.tightest] for g in guardrail_rows(result.guardrails)]), ""]
        lines += [f"- {line}" for line in race_lines(result)] + [""]
    else:
        lines += ["## Conflict", "", conflict_header(result), ""]
        lines += [f"- **{c.rule}**: {c.message}" for c in result.conflicts]
        lines += ["", "## Relaxations", "", RELAXATIONS_HEADER, ""]
        lines += [f"- {r.message}" for r in result.relaxations]
        if result.notes:
            lines += ["", f"## {BLOCK_NOTES_HEADER.rstrip(':')}", ""]
            lines += [f"- {n}" for n in result.notes]
        lines.append("")
    return "\n".join(lines)


def block_csv(result: BlockResult) -> str:
    """One row per planned session of the whole block (the week's columns first), or the
    conflict and relaxations when there is no block."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if not result.has_plan:
        writer.writerow(["kind", "rule", "message"])
        writer.writerows([["conflict", c.rule, c.message] for c in result.conflicts])
        writer.writerows([["relaxation", r.rule, r.message] for r in result.relaxations])
        return buffer.getvalue()
    columns = [c for c in PlanEntry.model_fields if c != "day"]
    writer.writerow(["week", "phase", *columns])
    for w in result.weeks:
        for entry in w.result.plan:
            row = entry.model_dump()
            row["muscles"] = " ".join(row["muscles"])
            writer.writerow([w.week, w.phase, *("" if row[c] is None else row[c]
                                                for c in columns)])
    return buffer.getvalue()


# --- block check --------------------------------------------------------------------------
MONOTONY = WEEK_COLUMNS.index("monotony")


def check_rows(check: BlockCheck) -> list[list[str]]:
    """The block table's rows with the week's rule verdict in place of its monotony."""
    out = []
    for row, w in zip(week_rows(check), check.weeks, strict=True):
        cells = row.cells()
        out.append([*cells[:MONOTONY], *cells[MONOTONY + 1:], _verdict(w.result)])
    return out


CHECK_COLUMNS = [c for c in WEEK_COLUMNS if c != "monotony"] + ["rules"]


def _verdict(result: CheckResult) -> str:
    n = len(result.violations)
    return "ok" if not n else f"{n} broken"


def block_check_table(check: BlockCheck, *, color: bool = False) -> str:
    buffer = io.StringIO()
    out = _console(buffer, color)
    verdict = "ok" if check.ok else f"{len(check.violations)} hard rule or guardrail breach(es)"
    out.print(f"[bold]{check.block}[/bold]: {verdict}")
    table = Table(title="Weeks", title_justify="left")
    for column in CHECK_COLUMNS:
        table.add_column(column, justify="right" if column in NUMERIC else "left",
                         overflow="fold", no_wrap=column != "key sessions",
                         min_width=24 if column == "key sessions" else None)
    for row in check_rows(check):
        table.add_row(*row)
    out.print(table, _guardrails_table(guardrail_rows(check.guardrails)))
    if check.violations:
        out.print("Broken:")
        for message in check.violations:
            out.print(f"  - {message}", soft_wrap=True)
    return buffer.getvalue()


def block_check_markdown(check: BlockCheck) -> str:
    lines = [f"# {check.block}", "", f"Verdict: **{'ok' if check.ok else 'broken'}**", "",
             "## Weeks", "", md_table(_md_columns(CHECK_COLUMNS), check_rows(check)), "",
             "## Guardrails", "", md_table(["guardrail", "verdict", "tightest week"], [
                 [g.name, g.verdict, g.tightest] for g in guardrail_rows(check.guardrails)]),
             ""]
    if check.violations:
        lines += ["## Broken", ""] + [f"- {m}" for m in check.violations] + [""]
    return "\n".join(lines)


def block_check_csv(check: BlockCheck) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["week", "kind", "name", "message"])
    for w in check.weeks:
        for v in w.result.violations:
            writer.writerow([w.week, "rule", v.rule, v.message])
    for r in check.guardrails:
        if not r.ok:
            writer.writerow([r.week, "guardrail", r.name, r.message])
    return buffer.getvalue()


def render_block(result: BlockResult, fmt: str, *, color: bool = False) -> str:
    if fmt == "json":
        return result.to_json()
    if fmt == "csv":
        return block_csv(result)
    if fmt == "md":
        return block_markdown(result)
    return block_table(result, color=color)


def render_block_check(check: BlockCheck, fmt: str, *, color: bool = False) -> str:
    if fmt == "json":
        return check.to_json()
    if fmt == "csv":
        return block_check_csv(check)
    if fmt == "md":
        return block_check_markdown(check)
    return block_check_table(check, color=color)
