"""Plan a block: the block level chooses each week's minutes and counts under the
guardrails, then every week is planned in order, each after the weeks before it.

How the two levels combine (the README says the same):

1. The block level (runlift.block.level) maximises race-morning fitness (CTL) under the
   guardrails. Weekly loads are exact there; the fitness is estimated with each week's
   load spread over its days.
2. Then each week is solved as `runlift solve` would solve it, with the weeks before it
   as its history, so the rules hold across every edge, and its own objective decides
   the layout. A week that cannot be planned after the weeks before it as they came out
   is planned together with them (two weeks, then three), in one model whose rules see
   across the edges between them (runlift.solver.joint), for the least total cost.
3. The block is `optimal` when the block level is proven optimal and every week is
   proven optimal given the weeks before it (or together with them); `feasible` when
   any step stopped at its time limit first.

Every week's plan passes the independent checker with its actual history, and every
hard guardrail is measured again on the actual weekly loads.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any

from runlift.block.guardrails import GUARDRAILS
from runlift.block.level import Choice, LevelAnswer, LoadExpr, LoadModel, WeeklyLoads
from runlift.block.problem import BlockProblem, Done, done_of, fitness_day, known_form
from runlift.models.block import (
    BlockObjective,
    BlockResult,
    BlockWeek,
    DayPoint,
    GuardrailReading,
)
from runlift.models.fitness import pmc
from runlift.models.problem import Problem
from runlift.models.result import Result
from runlift.models.status import Status
from runlift.planning import SolverCheckError, solve_problem
from runlift.solver.params import DEFAULT_TIME_LIMIT

# At most this many weeks are planned together when a week does not fit after the ones
# before it: the week and the two before it. The rules that reach across an edge look
# back hours or days (taper_days at most two weeks), so a clash that replanning the two
# weeks before cannot mend lies in the week's own demands, which the explanation names.
MAX_JOINED = 3
# race_form is kept on an estimate of the form; the placement then decides the actual
# figure. A plan outside the band is planned again with the band moved by the miss.
FORM_ROUNDS = 3


class BlockCheckError(RuntimeError):
    """A planned block breaks a hard guardrail on its actual loads: a bug."""


@dataclass
class WeekOutcome:
    result: Result
    planned_with: list[int]


def plan_block(bp: BlockProblem, *, time_limit: float = DEFAULT_TIME_LIMIT,
               timings: bool = False, explain: bool = True) -> BlockResult:
    """The block's plan, or why it has none (see the module docstring). ``explain``:
    whether to search for the clash and the changes that make the block work (a
    relaxation's proof only needs to know whether the edited block plans)."""
    clock = [time.perf_counter()]
    result = _planned(bp, time_limit, explain, clock)
    if timings:
        end = time.perf_counter()
        chosen = clock[1] if len(clock) > 1 else end
        result.timings = {"block_level_seconds": round(chosen - clock[0], 4),
                          "weeks_seconds": round(end - chosen, 4)}
    return result


def _planned(bp: BlockProblem, time_limit: float, explain: bool, clock: list[float]
             ) -> BlockResult:
    """The block's plan or its explanation; ``clock`` gets the time the block level
    (its first round) was decided."""
    header = _header(bp)
    shift = 0.0  # race_form: how far the placement's form came out from the estimate
    for _ in range(FORM_ROUNDS):
        level = level_choices(bp, time_limit, form_shift=shift)
        clock.append(time.perf_counter())
        if not level.status.has_plan:
            return _no_choice(bp, header, level, time_limit, explain)
        weeks, failed = plan_weeks(bp, level.choices, time_limit)
        if failed is not None:
            return _no_weeks(bp, header, level.choices, weeks, failed, time_limit, explain)
        result = _result(bp, header, level, weeks)
        miss = _form_miss(bp, result, level)
        if miss is None:
            return result
        shift = miss
    return _form_missed(bp, header, result)


def _no_choice(bp: BlockProblem, header: dict[str, Any], level: LevelAnswer,
               time_limit: float, explain: bool) -> BlockResult:
    if not explain:
        return BlockResult(**header, status=level.status)
    from runlift.block.explain import explain_block

    why = explain_block(bp, level.status, time_limit, _proven)
    return BlockResult(**header, status=why.status, conflicts=why.conflicts,
                       conflicts_minimal=why.minimal, relaxations=why.relaxations,
                       notes=why.notes)


def _no_weeks(bp: BlockProblem, header: dict[str, Any], choices: list[Choice],
              weeks: list[WeekOutcome], failed: int, time_limit: float, explain: bool
              ) -> BlockResult:
    if not explain:
        return BlockResult(**header, status=Status.infeasible)
    from runlift.block.explain import explain_weeks

    why = explain_weeks(bp, choices, _done(bp, weeks), failed, time_limit, _proven)
    return BlockResult(**header, status=Status.infeasible, conflicts=why.conflicts,
                       relaxations=why.relaxations, notes=why.notes,
                       weeks=_block_weeks(bp, choices, weeks))


def _form_miss(bp: BlockProblem, result: BlockResult, level: LevelAnswer) -> float | None:
    """None when race_form holds on the plan (or is not asked for); else how far the
    block level's estimate lies above the plan's actual form."""
    band = bp.block.race_form
    objective = result.objective
    if band is None or bp.race_day is None or objective is None or objective.race_tsb is None:
        return None
    if band[0] <= objective.race_tsb <= band[1]:
        return None
    return level.form - objective.race_tsb


def _form_missed(bp: BlockProblem, header: dict[str, Any], result: BlockResult
                 ) -> BlockResult:
    """race_form could not be met by the placement, after FORM_ROUNDS corrections."""
    from runlift.models.result import Conflict

    band = bp.block.race_form
    assert band is not None and result.objective is not None
    message = (f"race_form asks for form (TSB) {band[0]} to {band[1]} on race morning; "
               f"the closest plan found reaches {result.objective.race_tsb:+g}")
    return BlockResult(**header, status=Status.infeasible, conflicts=[Conflict(
        rule="race_form", message=message, member="race_form")], notes=[
        "the block level keeps an estimate of the form in the band (each week's load "
        f"spread over its days); {FORM_ROUNDS} corrections for the actual placement did "
        "not bring it in; widen race_form or leave it out"])


def level_choices(bp: BlockProblem, time_limit: float, form_shift: float = 0.0,
                  lived: dict[int, int] | None = None) -> LevelAnswer:
    """The block level's solve: each week's counts and minutes. ``lived``: weeks (0-based)
    whose load is already what it is (a replan): the guardrails read that load."""
    model = LoadModel(bp.specs, bp.problems, bp.history_weeks())
    for k, load in sorted((lived or {}).items()):
        model.loads[k] = LoadExpr((), load)
    soft_terms = []
    for name, setting in bp.guardrails.items():
        costs = GUARDRAILS[name].encode(model, setting.value, setting.weight is not None)
        soft_terms += [(lit, coef * (setting.weight or 0)) for lit, coef in costs]
    known = known_form(bp)
    if bp.block.race_form is not None and bp.race_day is not None:
        low, high = bp.block.race_form
        model.form_band(bp.race_day, (low + form_shift, high + form_shift), known)
    answer = model.solve(fitness_day(bp), soft_terms, time_limit)
    if answer.choices:
        answer.form = model.form_estimate(fitness_day(bp), answer.choices, known)
    return answer


def plan_weeks(bp: BlockProblem, choices: list[Choice], time_limit: float
               ) -> tuple[list[WeekOutcome], int | None]:
    """Every week in order, after the weeks before it; the index of the first week that
    cannot be planned even together with all the weeks before it, or None."""
    weeks: list[WeekOutcome] = []
    for k in range(len(bp.specs)):
        earlier = _done(bp, weeks)
        problem = bp.week_problem(k, choices[k].counts, choices[k].minutes, earlier)
        result = solve_problem(problem, time_limit=time_limit, explain=False)
        if result.has_plan:
            weeks.append(WeekOutcome(result, []))
            continue
        repaired = _plan_together(bp, choices, weeks, k, time_limit)
        if repaired is None:
            return weeks, k
        weeks = repaired
    return weeks, None


def _done(bp: BlockProblem, weeks: list[WeekOutcome]) -> list[Done]:
    """The block's history and the planned weeks, as sessions on block days."""
    done = list(bp.history)
    for k, week in enumerate(weeks):
        kinds = {t: s.kind.value for t, s in bp.problems[k].catalog.items()}
        done += done_of(week.result.plan, bp.specs[k].first_day, kinds)
    return done


def _plan_together(bp: BlockProblem, choices: list[Choice], weeks: list[WeekOutcome],
                   k: int, time_limit: float) -> list[WeekOutcome] | None:
    """Weeks j..k planned together (j from k-1 back to k-MAX_JOINED+1) after the weeks
    before j."""
    from runlift.block.joint import plan_consecutive

    for first in range(k - 1, max(-1, k - MAX_JOINED), -1):
        kept = weeks[:first]
        planned = plan_consecutive(bp, choices, _done(bp, kept), first, k, time_limit)
        if planned is not None:
            together = [first + 1, k + 1]
            return kept + [WeekOutcome(r, together) for r in planned]
    return None


def _header(bp: BlockProblem) -> dict[str, Any]:
    race = bp.block.race
    return {"block": bp.block.name, "start": str(bp.block.start),
            "race": str(race.date) if race is not None else None, "length": len(bp.specs)}


def _block_weeks(bp: BlockProblem, choices: list[Choice], weeks: list[WeekOutcome]
                 ) -> list[BlockWeek]:
    out = []
    history = bp.history_weeks()
    for k, week in enumerate(weeks):
        spec = bp.specs[k]
        ref_load = None if spec.ref is None else (
            history[-1] if spec.ref == 0 else choices[spec.ref - 1].load)
        out.append(BlockWeek(
            week=spec.number, phase=spec.phase, deload=spec.deload, taper=spec.taper,
            start=str(spec.date(bp.block.start)), days=spec.days, load=choices[k].load,
            counts=choices[k].counts, minutes=choices[k].minutes, reference=spec.ref,
            reference_load=ref_load,
            planned_with=week.planned_with, result=_week_ids(spec.number, week.result)))
    return out


def _week_ids(number: int, result: Result) -> Result:
    """The week's session ids, named by the week: 'w3-tempo-1'."""
    plan = [e.model_copy(update={"id": f"w{number}-{e.id}"}) for e in result.plan]
    return result.model_copy(update={"plan": plan})


def daily_chart(bp: BlockProblem, done: list[Done]) -> list[DayPoint]:
    """CTL, ATL and TSB from the first day of history to the block's last day."""
    first = min((d.day for d in done), default=0)
    first = min(first, 0)
    loads = [0] * (bp.last_day - first)
    for d in done:
        loads[d.day - first] += d.load
    start = bp.block.start
    return [DayPoint(date=str(start + dt.timedelta(days=p.day)), load=p.load,
                     ctl=round(p.ctl, 1), atl=round(p.atl, 1), tsb=round(p.tsb, 1))
            for p in pmc(loads, first_day=first) if p.day >= first]


def readings(bp: BlockProblem, loads: list[int]) -> list[GuardrailReading]:
    """Every guardrail, week by week, on the actual weekly loads."""
    weekly = WeeklyLoads(bp.specs, loads, bp.history_weeks(), bp.least_loads())
    out = []
    for name, setting in bp.guardrails.items():
        for r in GUARDRAILS[name].check(weekly, setting.value):
            out.append(GuardrailReading(name=r.name, week=r.week, value=r.value,
                                        limit=r.limit, ok=r.ok, soft=setting.weight is not None,
                                        excess=r.excess, message=r.message,
                                        room=r.room))
    return out


def _result(bp: BlockProblem, header: dict[str, Any], level: LevelAnswer,
            weeks: list[WeekOutcome]) -> BlockResult:
    choices = level.choices
    done = _done(bp, weeks)
    loads = [_training_load(w.result) for w in weeks]
    if loads != [c.load for c in choices]:  # the plans hold exactly the chosen sessions
        raise SolverCheckError(f"weekly loads {loads} differ from the chosen "
                               f"{[c.load for c in choices]}")
    measured = readings(bp, loads)
    broken = [r for r in measured if not r.ok and not r.soft]
    if broken:
        raise BlockCheckError("; ".join(r.message for r in broken))
    chart = daily_chart(bp, done)
    proven = level.status == Status.optimal and all(
        w.result.status == Status.optimal for w in weeks)
    return BlockResult(**header, status=Status.optimal if proven else Status.feasible,
                       weeks=_block_weeks(bp, choices, weeks), daily=chart,
                       guardrails=measured, objective=_objective(bp, chart, weeks, level))


def _training_load(result: Result) -> int:
    return sum(e.load for e in result.plan if e.kind != "race")


def _objective(bp: BlockProblem, chart: list[DayPoint], weeks: list[WeekOutcome],
               level: LevelAnswer) -> BlockObjective:
    """Fitness after the day before race day (race-morning CTL) and form that morning."""
    day = fitness_day(bp)
    on = {p.date: p for p in chart}
    before = on.get(str(bp.block.start + dt.timedelta(days=day - 1)))
    morning = on.get(str(bp.block.start + dt.timedelta(days=day)))
    tsb = morning.tsb if morning is not None else (
        round(before.ctl - before.atl, 1) if before is not None else None)
    return BlockObjective(
        race_ctl=before.ctl if before is not None else None, race_tsb=tsb,
        estimate_ctl=round(level.fitness, 1), guardrail_excess=level.excess,
        weekly_total=sum(w.result.objective.total for w in weeks if w.result.objective),
        peak_week_load=max((c.load for c in level.choices), default=0),
    )


def week_problems(bp: BlockProblem, result: BlockResult) -> list[Problem]:
    """Each planned week's problem as it was solved: the block's choices, and the weeks
    before it as its history (for the reasons behind each placement)."""
    problems: list[Problem] = []
    done = list(bp.history)
    for k, week in enumerate(result.weeks):
        problem = bp.week_problem(k, week.counts, week.minutes, done)
        problems.append(problem)
        kinds = {t: s.kind.value for t, s in problem.catalog.items()}
        done += done_of(week.result.plan, bp.specs[k].first_day, kinds)
    return problems


def _proven(edited: BlockProblem, time_limit: float) -> bool:
    """An explanation's final proof of a change: the whole block, edited, has a plan."""
    return plan_block(edited, time_limit=time_limit, explain=False).has_plan
