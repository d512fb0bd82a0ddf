"""Re-plan inside a block: the week that holds today is re-planned as a lone week is, after
the block's weeks before it as the plan has them. When that week's real load leaves a
later week breaking a hard guardrail (ramping back after three days ill, say), the block
level chooses the later weeks' minutes and counts again with the lived weeks' loads
fixed, and every later week is planned again with the fewest changes to its old plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from runlift.block import load_block
from runlift.block.problem import BlockProblem, Done
from runlift.block.solve import level_choices, readings
from runlift.errors import InputError
from runlift.models.plan import Placement
from runlift.models.problem import Problem
from runlift.models.replan import LaterWeek, ReplanResult
from runlift.replan.log import read_log
from runlift.replan.problem import DEFAULT_KEEP_ORDER, KeepClass, Planned, ReplanProblem
from runlift.replan.reference import read_reference
from runlift.replan.run import replan_week
from runlift.replan.week import replan
from runlift.scenario.loading import read_document
from runlift.solver.params import DEFAULT_TIME_LIMIT


def replan_block_file(block: str | Path, plan: str | Path, log: str | Path | None,
                      today: str, *, activities: Sequence[str] = (),
                      keep_order: Sequence[KeepClass] = DEFAULT_KEEP_ORDER,
                      time_limit: float = DEFAULT_TIME_LIMIT, timings: bool = False
                      ) -> ReplanResult:
    bp = load_block(block)
    weeks = _plan_weeks(plan)
    k = _week_of(bp, today)
    if len(weeks) != len(bp.specs):
        raise InputError(f"the plan has {len(weeks)} weeks, the block {len(bp.specs)}: is it "
                         "the plan of another block?", file=str(plan))
    earlier = _done_before(bp, weeks, k)
    problem = bp.week_problem(k, weeks[k]["counts"], weeks[k]["minutes"], earlier)
    planned = read_reference(plan, problem)
    rows = read_log(log) if log is not None else None
    result = replan(problem, planned, rows, today, activities=activities,
                    keep_order=keep_order, time_limit=time_limit, timings=timings)
    if not result.has_plan:
        return result
    later = _later_weeks(bp, weeks, k, earlier, result, time_limit)
    return result.model_copy(update={"later": later[0], "notes": [*result.notes, later[1]]})


def _plan_weeks(plan: str | Path) -> list[dict[str, Any]]:
    data, _ = read_document(plan, "plan file", (".json",))
    if not isinstance(data, dict) or not isinstance(data.get("weeks"), list):
        raise InputError("expected the JSON that `runlift block --format json` writes (a "
                         "block needs its block plan)", file=str(plan))
    return [w for w in data["weeks"] if isinstance(w, dict)]


def _week_of(bp: BlockProblem, today: str) -> int:
    try:
        date = dt.date.fromisoformat(today.strip())
    except ValueError:
        raise InputError(f"--today {today}: a block is dated; give the date (YYYY-MM-DD)"
                         ) from None
    day = (date - bp.block.start).days
    for k, spec in enumerate(bp.specs):
        if spec.first_day <= day < spec.first_day + spec.days:
            return k
    last = bp.block.start + dt.timedelta(days=bp.last_day - 1)
    raise InputError(f"--today {today} is outside the block ({bp.block.start} to {last})")


def _done_before(bp: BlockProblem, weeks: list[dict[str, Any]], k: int) -> list[Done]:
    """The block's history, then its weeks before week k as the plan has them."""
    done = list(bp.history)
    for j in range(k):
        kinds = {t: s.kind.value for t, s in bp.problems[j].catalog.items()}
        for e in (weeks[j].get("result") or {}).get("plan") or []:
            day = (dt.date.fromisoformat(e["date"]) - bp.block.start).days
            done.append(Done(day, e["slot"], e["session"], int(e["minutes"]), int(e["load"]),
                             kinds.get(e["session"]) == "race"))
    return done


def _lived_load(result: ReplanResult) -> int:
    return sum(e.load for e in result.plan if e.kind != "race")


def _later_weeks(bp: BlockProblem, weeks: list[dict[str, Any]], k: int, earlier: list[Done],
                 result: ReplanResult, time_limit: float) -> tuple[list[LaterWeek], str]:
    """The weeks after week k: kept when every hard guardrail still holds, else chosen and
    planned again with the fewest changes."""
    loads = [int(w["load"]) for w in weeks]
    loads[k] = _lived_load(result)
    broken = [r for r in readings(bp, loads) if not r.ok and not r.soft and r.week > k + 1]
    if not broken:
        return [], (f"the later weeks keep their plan: every guardrail still holds with "
                    f"week {k + 1}'s load of {loads[k]}")
    lived = {j: loads[j] for j in range(k + 1)}
    level = level_choices(bp, time_limit, lived=lived)
    if not level.status.has_plan:
        return [], ("week " + str(k + 1) + f"'s load of {loads[k]} leaves the later weeks "
                    f"no choice that keeps the guardrails ({broken[0].message}); they keep "
                    "their plan")
    done = earlier + _week_done(bp, k, result)
    out: list[LaterWeek] = []
    for j in range(k + 1, len(bp.specs)):
        choice = level.choices[j]
        problem = bp.week_problem(j, choice.counts, choice.minutes, done)
        old = _old_plan(weeks[j], problem, bp.specs[j].first_day)
        planned = replan_week(_fewest_changes(problem, old), time_limit=time_limit)
        if not planned.has_plan:
            return out, f"week {j + 1} could not be planned again after the change"
        out.append(LaterWeek(week=j + 1, planned_load=loads[j], load=choice.load,
                             changes=planned.counts.changes if planned.counts else 0,
                             plan=planned.plan))
        done += _week_done(bp, j, planned)
    return out, (f"{broken[0].message}: the later weeks are planned again with the lived "
                 "loads, with the fewest changes")


def _week_done(bp: BlockProblem, k: int, result: ReplanResult) -> list[Done]:
    first = bp.specs[k].first_day
    kinds = {t: s.kind.value for t, s in bp.problems[k].catalog.items()}
    return [Done(first + e.day, e.slot, e.session, e.minutes, e.load,
                 kinds.get(e.session) == "race") for e in result.plan]


def _old_plan(week: dict[str, Any], problem: Problem, first_day: int) -> list[Planned]:
    out = []
    for e in (week.get("result") or {}).get("plan") or []:
        if e["session"] in problem.catalog and e["slot"] in problem.slot_index:
            day = (dt.date.fromisoformat(e["date"]) - problem.timeline.week_start).days \
                if problem.timeline.week_start else int(e["day"])
            out.append(Planned(str(e.get("id") or ""), day, e["slot"], e["session"],
                               int(e.get("sequence") or 0)))
    return out


def _fewest_changes(problem: Problem, old: list[Planned]) -> ReplanProblem:
    """A later week with its new counts and minutes, against its old plan: nothing has
    happened in it yet, so every session is still planned."""
    index = problem.slot_index
    pins = {(f.day, f.slot, f.session) for f in problem.fixed}
    reference = {Placement(p.day, index[p.slot], p.session): p.id for p in old
                 if (p.day, index[p.slot], p.session) not in pins}
    return ReplanProblem(problem, 0, old, [], problem, reference, [], {}, notes=[])
