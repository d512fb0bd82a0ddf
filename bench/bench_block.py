"""Blocks of weeks (`runlift block`): a 16-week block planned, and a failing one explained.

The marathon block is timed against two peers run in the same process; the infeasible
block is timed to its explanation.

    python bench/bench_block.py                  # 5 runs each (median), 60 s peer
    python bench/bench_block.py --repeat 1 --peer-limit 5   # a quick run

1. runlift: scenarios/blocks/marathon-16.yaml loaded, built and planned as `runlift
   block` does it (runlift.block.solve.plan_block, default time limit), --repeat times;
   the median wall time from reading the file to the checked plan, the medians of the
   block level's and the weeks' seconds (plan_block's timings), the status and how many
   weeks are proven optimal. The objective compared below is the sum of the weeks' own
   objectives (result.objective.weekly_total).

2. Peer 1, the plain monolithic placement: the block level's choices (level_choices, the
   same counts and minutes, hence the same weekly loads and guardrails as runlift's
   plan), then all 16 week problems linked consecutively (runlift.block.joint.
   linked_problems over weeks 1..16, as runlift links two or three weeks to repair a
   seam) in one CP-SAT model over all 112 days (runlift.solver.joint.JointModel,
   consecutive=True), minimising the sum of the weeks' objectives under a deterministic
   time limit (--peer-limit, default 60 s; one worker, fixed seed, presolve and LP, as
   runlift searches several weeks in one model). Reported: its status, objective and
   proven bound, against runlift's weekly total, when it first matched that total, its
   wall time (build, search and polish), and its plan held to runlift.block.check. The
   block level's own seconds are not in the peer's time. Run once: it is deterministic.

3. Peer 2, a greedy template: the first week of each phase solved on its own
   (runlift.planning.solve_problem on bp.week_problem(k, least counts, least minutes,
   [])), copied to every week of the phase on the same weekday and slot. The scaled
   types' minutes follow a ramp: each week that is neither a deload nor a taper week
   grows the previous such week's minutes by 10 % (week 1 at the least; grown unrounded,
   then rounded down to the scale's step and capped at its most); a deload week takes
   70 % of the week before, a taper week 55 % of the last week before the taper (never
   below the least). A week's own pinned sessions (the race) take their slots over the
   copies. The plan is checked by runlift.block.check.check_block: its guardrail and
   week-rule breaches, counted by name, and its race-morning CTL and TSB against
   runlift's.

4. scenarios/blocks/trip-before-deload.yaml, a block that cannot meet its guardrails:
   --repeat runs timed from loading the file to plan_block's explanation; the conflicts
   and relaxations found are printed.

Targets (from the issue): every week of the marathon block proven optimal; its build +
solve <= 2 s; the infeasible block explained (a conflict and a relaxation) in <= 5 s.
Timings depend on the machine and its load: compare the ratios within one run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from runlift.block import load_block
from runlift.block.check import BlockRow, check_block
from runlift.block.joint import linked_problems
from runlift.block.problem import BlockProblem
from runlift.block.solve import level_choices, plan_block
from runlift.models.block import BlockCheck, BlockResult, DayPoint
from runlift.models.status import Status
from runlift.planning import solve_problem
from runlift.solver.joint import JointModel
from runlift.solver.params import DEFAULT_TIME_LIMIT
from runlift.solver.solve import Solution

BLOCKS = Path(__file__).resolve().parent.parent / "scenarios" / "blocks"
MARATHON = BLOCKS / "marathon-16.yaml"
INFEASIBLE = BLOCKS / "trip-before-deload.yaml"
PLAN_TARGET_S = 2.0
EXPLAIN_TARGET_S = 5.0
RAMP = 1.10
DELOAD_SHARE = 0.70
TAPER_SHARE = 0.55


# --- runlift ------------------------------------------------------------------------
@dataclass
class RunliftFigures:
    total_s: float
    level_s: float
    weeks_s: float
    result: BlockResult

    @property
    def proven_weeks(self) -> int:
        return sum(1 for w in self.result.weeks if w.result.status == Status.optimal)


def time_runlift(path: Path, repeat: int) -> RunliftFigures:
    """Load, build and plan the block ``repeat`` times; medians of the wall times."""
    totals, levels, weeks, result = [], [], [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = plan_block(load_block(path), timings=True)
        totals.append(time.perf_counter() - started)
        timings = result.timings or {}
        levels.append(timings.get("block_level_seconds", math.nan))
        weeks.append(timings.get("weeks_seconds", math.nan))
    assert result is not None
    return RunliftFigures(statistics.median(totals), statistics.median(levels),
                          statistics.median(weeks), result)


# --- race-morning form, from a daily chart --------------------------------------------
def race_form(bp: BlockProblem, daily: list[DayPoint]) -> tuple[float | None, float | None]:
    """CTL after the day before race day and TSB on race morning, as runlift reports them
    (the block's last day without a race)."""
    day = bp.race_day if bp.race_day is not None else bp.last_day
    on = {p.date: p for p in daily}
    before = on.get(str(bp.block.start + dt.timedelta(days=day - 1)))
    morning = on.get(str(bp.block.start + dt.timedelta(days=day)))
    ctl = before.ctl if before is not None else None
    if morning is not None:
        return ctl, morning.tsb
    return ctl, round(before.ctl - before.atl, 1) if before is not None else None


def breaches(check: BlockCheck) -> tuple[Counter[str], Counter[str]]:
    """Hard guardrail readings that fail, and week-rule violations, counted by name."""
    guardrails = Counter(r.name for r in check.guardrails if not r.ok and not r.soft)
    rules = Counter(v.rule for w in check.weeks for v in w.result.violations)
    return guardrails, rules


def checked_total(check: BlockCheck) -> int:
    """The sum of the weeks' objectives as the independent checker prices them."""
    return sum(w.result.objective.total for w in check.weeks)


# --- peer 1: one CP-SAT model over every day ----------------------------------------------
@dataclass
class MonolithFigures:
    status: Status
    objective: int | None
    bound: int | None
    build_s: float
    search_s: float
    first_plan_s: float | None
    matched_s: float | None  # when its objective first reached runlift's weekly total
    proved_s: float | None  # when its bound first met its objective
    check: BlockCheck | None

    @property
    def wall_s(self) -> float:
        return self.build_s + self.search_s


def monolith(bp: BlockProblem, limit: float, runlift_total: int) -> MonolithFigures:
    """All weeks in one consecutive JointModel, at the block level's choices."""
    choices = level_choices(bp, DEFAULT_TIME_LIMIT).choices
    minutes = [c.minutes for c in choices]
    started = time.perf_counter()
    problems = linked_problems(bp, choices, list(bp.history), 0, len(bp.specs) - 1)
    joint = JointModel(problems, consecutive=True)
    built = time.perf_counter()
    found = joint.search(limit)
    searched = time.perf_counter()
    trajectory = found.trajectory
    matched = next((s for s, objective, _ in trajectory if objective <= runlift_total), None)
    proved = next((s for s, objective, bound in trajectory if bound >= objective), None)
    if proved is None and found.status == Status.optimal:  # proven after the last report:
        proved = searched - built  # the end of the search (and polish), an upper bound
    check = None
    if found.status.has_plan:
        check = check_block(bp, monolith_rows(bp, found.solutions, minutes))
    return MonolithFigures(found.status, found.objective, found.best_bound, built - started,
                           searched - built, trajectory[0][0] if trajectory else None,
                           matched, proved, check)


def monolith_rows(bp: BlockProblem, solutions: list[Solution],
                  minutes: list[dict[str, int]]) -> list[BlockRow]:
    """The joint plan as block rows, each session at its week's chosen minutes."""
    rows = []
    for k, solution in enumerate(solutions):
        slots = bp.problems[k].slots
        for p in solution.placements:
            rows.append(row_at(bp.specs[k].first_day + p.day, slots[p.slot].name,
                               p.session, minutes[k].get(p.session), "monolith", len(rows)))
    return rows


def row_at(day: int, slot: str, session: str, minutes: int | None, source: str,
           index: int) -> BlockRow:
    return BlockRow(day, slot, session, minutes, (source, (index,), None))


# --- peer 2: a greedy template ----------------------------------------------------------
def phase_firsts(bp: BlockProblem) -> dict[str, int]:
    """Each phase's first week (0-based index)."""
    firsts: dict[str, int] = {}
    for k, spec in enumerate(bp.specs):
        firsts.setdefault(spec.phase, k)
    return firsts


def template_week(bp: BlockProblem, k: int) -> list[tuple[int, str, str]]:
    """Week k solved alone at its least counts and minutes: (day, slot, session)."""
    spec = bp.specs[k]
    counts = {t: low for t, (low, _) in spec.ranges.items()}
    minutes = {t: scale.minutes[0] for t, scale in spec.scaled.items()}
    result = solve_problem(bp.week_problem(k, counts, minutes, []))
    if not result.has_plan:
        raise RuntimeError(f"the template week {spec.number} has no plan ({result.status})")
    return [(e.day, e.slot, e.session) for e in result.plan]


def on_step(minutes: float, low: int, high: int, step: int) -> int:
    """Rounded down to the scale's step, within [low, high]."""
    stepped = low + step * math.floor((minutes - low) / step)
    return min(max(stepped, low), high)


def ramp_minutes(bp: BlockProblem) -> list[dict[str, int]]:
    """Each week's minutes of every scaled type, by the ramp in the module docstring."""
    weeks: list[dict[str, int]] = [{} for _ in bp.specs]
    for t, scale in bp.block.scale.items():
        low, high = scale.minutes
        grown, last_full = float(low), low
        for k, spec in enumerate(bp.specs):
            if spec.taper:
                value = TAPER_SHARE * last_full
            elif spec.deload:
                value = DELOAD_SHARE * (weeks[k - 1].get(t, low) if k else low)
            else:
                grown = grown * RAMP if k else grown
                value = last_full = on_step(grown, low, high, scale.step)
            weeks[k][t] = on_step(value, low, high, scale.step)
    return weeks


def greedy_rows(bp: BlockProblem) -> list[BlockRow]:
    """The template of each phase copied to its weeks, the week's pins taking their slots."""
    templates = {phase: template_week(bp, k) for phase, k in phase_firsts(bp).items()}
    minutes = ramp_minutes(bp)
    rows: list[BlockRow] = []
    for k, spec in enumerate(bp.specs):
        problem = bp.problems[k]
        pins = {(f.day, problem.slots[f.slot].name): f.session for f in problem.fixed}
        copies = [(d, s, t) for d, s, t in templates[spec.phase]
                  if d < spec.days and (d, s) not in pins]
        for day, slot, session in copies + [(d, s, t) for (d, s), t in pins.items()]:
            rows.append(row_at(spec.first_day + day, slot, session,
                               minutes[k].get(session), "greedy", len(rows)))
    return rows


@dataclass
class GreedyFigures:
    check: BlockCheck
    seconds: float
    guardrails: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)


def greedy(bp: BlockProblem) -> GreedyFigures:
    started = time.perf_counter()
    check = check_block(bp, greedy_rows(bp))
    seconds = time.perf_counter() - started
    guardrails, rules = breaches(check)
    return GreedyFigures(check, seconds, guardrails, rules)


# --- the infeasible block -------------------------------------------------------------
@dataclass
class ExplainFigures:
    seconds: float
    result: BlockResult

    @property
    def explained(self) -> bool:
        r = self.result
        return r.status == Status.infeasible and bool(r.conflicts) and bool(r.relaxations)


def time_explanation(path: Path, repeat: int) -> ExplainFigures:
    totals, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = plan_block(load_block(path))
        totals.append(time.perf_counter() - started)
    assert result is not None
    return ExplainFigures(statistics.median(totals), result)


# --- output ----------------------------------------------------------------------------
def counted(counter: Counter[str]) -> str:
    return ", ".join(f"{name} {n}" for name, n in sorted(counter.items())) or "none"


def show_runlift(r: RunliftFigures, repeat: int) -> None:
    obj = r.result.objective
    assert obj is not None
    print(f"runlift  {MARATHON.name}: {r.result.status}, {r.proven_weeks}/{r.result.length} "
          f"weeks proven optimal; load + build + plan {r.total_s:.3f} s (median of {repeat}; "
          f"block level {r.level_s:.3f} s, weeks {r.weeks_s:.3f} s)")
    joined = sorted({tuple(w.planned_with) for w in r.result.weeks if w.planned_with})
    print(f"         weekly total {obj.weekly_total}, race-morning CTL {obj.race_ctl} "
          f"TSB {obj.race_tsb}, peak week load {obj.peak_week_load}; weeks planned "
          f"together: {', '.join(f'{a}-{b}' for a, b in joined) or 'none'}")


def show_monolith(m: MonolithFigures, r: RunliftFigures, bp: BlockProblem, limit: float
                  ) -> None:
    total = r.result.objective.weekly_total if r.result.objective else 0
    gap = "" if m.objective is None else f" ({m.objective - total:+d} against runlift)"
    print(f"\npeer 1   one model over {len(r.result.weeks) * 7} days (--peer-limit {limit:g} s "
          f"deterministic): {m.status}, objective {m.objective}{gap}, bound {m.bound}; "
          f"wall {m.wall_s:.1f} s (build {m.build_s:.2f} s, search and polish "
          f"{m.search_s:.1f} s) = {m.wall_s / r.total_s:.0f}x runlift's whole block")
    first = "never" if m.first_plan_s is None else f"{m.first_plan_s:.1f} s"
    matched = "never" if m.matched_s is None else f"{m.matched_s:.1f} s"
    proved = "never" if m.proved_s is None else f"{m.proved_s:.1f} s"
    print(f"         into the search: first plan {first}, runlift's total {total} reached "
          f"{matched}, proven optimal by {proved}")
    if m.check is not None:
        ctl, tsb = race_form(bp, m.check.daily)
        same = [w.load for w in m.check.weeks] == [w.load for w in r.result.weeks]
        print(f"         its plan checked: {'ok' if m.check.ok else 'BREAKS'} "
              f"({len(m.check.violations)} breaches), checker's total "
              f"{checked_total(m.check)}, weekly loads {'the same as' if same else 'NOT'} "
              f"runlift's, race-morning CTL {ctl} TSB {tsb}")


def show_greedy(g: GreedyFigures, r: RunliftFigures, bp: BlockProblem) -> None:
    ctl, tsb = race_form(bp, g.check.daily)
    obj = r.result.objective
    assert obj is not None
    print(f"\npeer 2   greedy template (one week per phase, ramped minutes), "
          f"{g.seconds:.2f} s: check {'ok' if g.check.ok else 'fails'}, "
          f"{len(g.check.violations)} hard breaches")
    print(f"         guardrail breaches: {counted(g.guardrails)}")
    print(f"         week-rule breaches: {counted(g.rules)}")
    print(f"         race-morning CTL {ctl} TSB {tsb} (runlift {obj.race_ctl} / "
          f"{obj.race_tsb}); weekly loads {[w.load for w in g.check.weeks]}")
    print(f"         runlift's weekly loads {[w.load for w in r.result.weeks]}")


def show_explanation(e: ExplainFigures, repeat: int) -> None:
    r = e.result
    print(f"\ninfeasible  {INFEASIBLE.name}: {r.status}, load to explanation {e.seconds:.3f} s "
          f"(median of {repeat}); {len(r.conflicts)} conflicts "
          f"(minimal: {r.conflicts_minimal}), {len(r.relaxations)} relaxations")
    for c in r.conflicts:
        print(f"      conflict: {c.rule}: {c.message}")
    for x in r.relaxations:
        print(f"      relaxation: {x.message}")
    for note in r.notes:
        print(f"      note: {note}")


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def summary(r: RunliftFigures, m: MonolithFigures, g: GreedyFigures, e: ExplainFigures
            ) -> bool:
    weeks = r.result.length
    rows = [
        (f"every week proven ({weeks})", f"{r.proven_weeks}/{weeks} optimal, block "
         f"{r.result.status}", r.proven_weeks == weeks and r.result.status == Status.optimal),
        (f"marathon block load+build+plan <= {PLAN_TARGET_S:g} s", f"{r.total_s:.3f} s",
         r.total_s <= PLAN_TARGET_S),
        (f"infeasible block explained <= {EXPLAIN_TARGET_S:g} s",
         f"{e.seconds:.3f} s, {len(e.result.conflicts)} conflicts, "
         f"{len(e.result.relaxations)} relaxations",
         e.explained and e.seconds <= EXPLAIN_TARGET_S),
    ]
    print("\nsummary")
    for target, measured, ok in rows:
        print(f"  {target:<42} {measured:<46} {verdict(ok)}")
    total = r.result.objective.weekly_total if r.result.objective else 0
    print(f"  {'peer 1, one model (no target)':<42} {m.status}, objective {m.objective} vs "
          f"{total}, {m.wall_s / r.total_s:.0f}x the time")
    print(f"  {'peer 2, greedy template (no target)':<42} "
          f"{sum(g.guardrails.values())} guardrail and {sum(g.rules.values())} week-rule "
          f"breaches")
    return all(ok for *_, ok in rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs of each timed case")
    parser.add_argument("--peer-limit", type=float, default=60.0,
                        help="peer 1's deterministic time limit in seconds (default 60)")
    args = parser.parse_args()
    r = time_runlift(MARATHON, args.repeat)
    show_runlift(r, args.repeat)
    bp = load_block(MARATHON)
    total = r.result.objective.weekly_total if r.result.objective else 0
    m = monolith(bp, args.peer_limit, total)
    show_monolith(m, r, bp, args.peer_limit)
    g = greedy(bp)
    show_greedy(g, r, bp)
    e = time_explanation(INFEASIBLE, args.repeat)
    show_explanation(e, args.repeat)
    summary(r, m, g, e)
    return 0


if __name__ == "__main__":
    sys.exit(main())
