"""The pieces of one week's report: grid, load chart, metrics, objective, conflict."""

from __future__ import annotations

from collections.abc import Iterable

from runlift.checker.reasons import entry_reasons
from runlift.models.problem import Problem
from runlift.models.result import Metrics, PlanEntry, Result
from runlift.render.html.page import esc, section
from runlift.render.html.svg import gauge, load_bars
from runlift.render.week import day_headers, human_name

# Usual warning levels (Foster 1998): a monotony above 2.0, a weekly strain above 6000
# arbitrary units (session-RPE load x monotony) go with overreaching and illness.
MONOTONY_WARNING = 2.0
STRAIN_WARNING = 6000.0

Cell = tuple[int, str]  # (day, slot name)


def closed_cells(problem: Problem | None) -> frozenset[Cell]:
    if problem is None:
        return frozenset()
    return frozenset((day, problem.slots[slot].name) for day, slot in problem.closed_cells)


def block(entry: PlanEntry) -> str:
    """One session: coloured by intensity, with the intensity and marks written out."""
    classes = f"block i-{esc(entry.intensity)}" + (" heavy" if entry.heavy_legs else "")
    tags = [f'<span class="tag">{esc(entry.intensity)}</span>']
    if entry.key:
        tags.append('<span class="tag">&#9733; key</span>')
    if entry.heavy_legs:
        tags.append('<span class="tag">&#9650; heavy legs</span>')
    return (
        f'<span class="{classes}" data-session="{esc(entry.session)}">'
        f'<span class="name">{esc(human_name(entry.session))}</span>{"".join(tags)}'
        f'<span class="meta"><br>{entry.minutes} min &middot; load {entry.load}</span></span>'
    )


def legend() -> str:
    items = [
        '<li><span class="block i-easy">easy</span> dotted border</li>',
        '<li><span class="block i-moderate">moderate</span> dashed border</li>',
        '<li><span class="block i-hard">hard</span> solid border</li>',
        '<li><span class="block i-hard heavy">&#9650; heavy legs</span> hatched</li>',
        "<li>&#9733; key run</li>",
        '<li><span class="closed">unavailable</span></li>',
    ]
    return f'<ul class="legend" aria-label="legend">{"".join(items)}</ul>'


def _cell(entry: PlanEntry | None, closed: bool) -> str:
    if entry is not None:
        return block(entry)
    return '<span class="closed">unavailable</span>' if closed else ""


def week_grid(result: Result, closed: frozenset[Cell] = frozenset()) -> str:
    """Days as columns and slots as rows; on phones, the same week as a list of days."""
    placed = {(e.day, e.slot): e for e in result.plan}
    headers = day_headers(result.days, result.dates)
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    rows = []
    for slot, start in result.slots.items():
        cells = "".join(
            f"<td>{_cell(placed.get((d, slot)), (d, slot) in closed)}</td>"
            for d in range(len(result.days))
        )
        rows.append(f'<tr><th scope="row">{esc(slot)}<span class="day-tag">{esc(start)}'
                    f"</span></th>{cells}</tr>")
    foot = ""
    if result.metrics is not None:
        loads = "".join(f'<td class="num">{x}</td>' for x in result.metrics.daily_load)
        foot = f'<tfoot><tr><th scope="row">load</th>{loads}</tr></tfoot>'
    table = (f'<div class="scroll week-wrap"><table class="week">'
             f'<thead><tr><th scope="col">slot</th>{head}</tr></thead>'
             f'<tbody>{"".join(rows)}</tbody>{foot}</table></div>')
    return table + _week_list(result, headers, placed) + legend()


def _week_list(result: Result, headers: list[str], placed: dict[Cell, PlanEntry]) -> str:
    items = []
    for d, header in enumerate(headers):
        sessions = [
            f'<div><span class="slot-name">{esc(slot)} {esc(start)}</span>{block(e)}</div>'
            for slot, start in result.slots.items()
            if (e := placed.get((d, slot))) is not None
        ]
        load = f"load {result.metrics.daily_load[d]}" if result.metrics else ""
        body = "".join(sessions) or '<span class="rest">rest</span>'
        items.append(f'<li><span class="when">{esc(header)}<span class="day-tag">{load}'
                     f'</span></span><div class="slots">{body}</div></li>')
    return f'<ul class="week-list">{"".join(items)}</ul>'


def load_chart(result: Result) -> str:
    m = result.metrics
    if m is None:
        return ""
    return load_bars(m.daily_load, result.days, m.mean_daily_load, m.hard_days)


def _flag(value: float, warning: float) -> str:
    level = f"{warning:.1f}" if warning < 10 else f"{warning:g}"
    if value > warning:
        return f'<span class="flag-warn">&#9888; above the {level} warning level</span>'
    return f'<span class="flag-ok">&#10003; below the {level} warning level</span>'


def _days(indices: Iterable[int], days: list[str]) -> str:
    names = [days[d] for d in indices]
    return f"{len(names)}: {', '.join(names)}" if names else "0"


def metrics_table(metrics: Metrics, days: list[str]) -> str:
    gap = metrics.min_lift_to_key_hours
    rows = [
        ("weekly load", str(metrics.weekly_load), ""),
        ("mean daily load", f"{metrics.mean_daily_load:g}", ""),
        ("peak daily load", str(metrics.peak_daily_load), ""),
        ("monotony", f"{metrics.monotony:g}",
         gauge(metrics.monotony, MONOTONY_WARNING, "monotony")
         + _flag(metrics.monotony, MONOTONY_WARNING)),
        ("strain", f"{metrics.strain:g}",
         gauge(metrics.strain, STRAIN_WARNING, "strain") + _flag(metrics.strain, STRAIN_WARNING)),
        ("hard days", esc(_days(metrics.hard_days, days)), ""),
        ("rest days", esc(_days(metrics.rest_days, days)), ""),
        ("min lift-to-key gap", "none" if gap is None else f"{gap:g} h", ""),
    ]
    body = "".join(f'<tr><th scope="row">{name}</th><td class="num">{value}</td><td>{extra}</td>'
                   "</tr>" for name, value, extra in rows)
    return f'<div class="scroll"><table class="kv metrics">{body}</table></div>'


def objective_table(result: Result) -> str:
    objective = result.objective
    if objective is None:
        return ""
    total = objective.total or 1
    rows = [
        f'<tr><th scope="row"><span class="rule">{esc(name)}</span></th>'
        f'<td class="num">{cost}</td><td><span class="share" '
        f'style="width:{round(100 * cost / total)}px"></span></td></tr>'
        for name, cost in objective.terms.items()
    ]
    rows.append(f'<tr><th scope="row">total</th><td class="num"><strong>{objective.total}'
                "</strong></td><td></td></tr>")
    if result.status == "feasible" and objective.best_bound is not None:
        rows.append(f'<tr><th scope="row">proven bound</th><td class="num">'
                    f"{objective.best_bound}</td><td></td></tr>")
    note = ("<p class=\"sub\">The terms and soft-rule costs add up to the solver's objective "
            "(lower is better).</p>")
    return f'<table class="kv objective">{"".join(rows)}</table>{note}'


def soft_table(result: Result) -> str:
    rows = "".join(
        f'<li><span class="rule">{esc(v.rule)}</span> costs {v.cost}: {esc(v.message)}</li>'
        for v in result.soft_violations
    )
    return f'<ul class="soft">{rows}</ul>'


def no_plan(result: Result) -> str:
    """The conflict and the verified relaxations, in place of a week."""
    if result.status == "unknown":
        return "<p>No plan was found within the time limit; try a longer --time-limit.</p>"
    conflicts = "".join(
        f'<li><span class="rule">{esc(c.rule)}</span>: {esc(c.message)}</li>'
        for c in result.conflicts
    )
    relaxations = "".join(f"<li>{esc(r.message)}</li>" for r in result.relaxations)
    out = ("<p>No plan satisfies the hard rules. These collide (dropping any one of them "
           f'makes the week solvable):</p><ul class="conflicts">{conflicts}</ul>')
    if relaxations:
        out += ("<p>Relaxations that work (each checked by solving):</p>"
                f'<ul class="relax">{relaxations}</ul>')
    return out


def reasons_list(result: Result, problem: Problem) -> str:
    """Per session, the rules that shaped its place and the soft rules it bends."""
    items = []
    for e, why in zip(result.plan, entry_reasons(problem, result.plan, result.soft_violations),
                      strict=True):
        lines = "".join(f"<li>{esc(w)}</li>" for w in why) or "<li>no rule ties it here</li>"
        items.append(f"<li><strong>{esc(result.days[e.day])} {esc(e.slot)}: "
                     f"{esc(human_name(e.session))}</strong><ul>{lines}</ul></li>")
    return f'<ul class="why">{"".join(items)}</ul>'


def week_sections(result: Result, problem: Problem | None, *, heading: str = "") -> str:
    """Everything about one result: the week and its numbers, or why there is none."""
    if not result.has_plan:
        return section(f"{heading}No plan", no_plan(result), css_id="no-plan")
    out = [section(f"{heading}Week", week_grid(result, closed_cells(problem)), css_id="week")]
    numbers = [section("Daily load", load_chart(result), css_id="load")]
    if result.metrics is not None:
        numbers.append(section("Metrics", metrics_table(result.metrics, result.days),
                               css_id="metrics"))
    out.append(f'<div class="pair">{"".join(numbers)}</div>')
    out.append(section("Objective", objective_table(result), css_id="objective"))
    if result.soft_violations:
        out.append(section("Soft rules bent", soft_table(result), css_id="soft"))
    if problem is not None:
        out.append(section("Why each session sits where it does",
                           reasons_list(result, problem), css_id="why"))
    return "".join(out)
