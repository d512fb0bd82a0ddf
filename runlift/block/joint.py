"""Consecutive weeks planned together: one model whose rules see across the edges
between the weeks (runlift.solver.joint, consecutive problems), for the least total of
their objectives. Each week's plan is then held to the independent checker with the
weeks before it as its actual history."""

from __future__ import annotations

import dataclasses

from runlift.block.level import Choice
from runlift.block.problem import BlockProblem, Done, done_of
from runlift.models.problem import Problem
from runlift.models.result import Result
from runlift.planning import verified_report
from runlift.solver.joint import JointModel


def plan_consecutive(bp: BlockProblem, choices: list[Choice], before: list[Done],
                     first: int, last: int, time_limit: float) -> list[Result] | None:
    """Weeks ``first``..``last`` (0-based) planned in one model after ``before``; None
    when they cannot be."""
    problems = linked_problems(bp, choices, before, first, last)
    joint = JointModel(problems, consecutive=True)
    found = joint.search(time_limit)
    if not found.status.has_plan:
        return None
    results: list[Result] = []
    done = list(before)
    for offset, solution in enumerate(found.solutions):
        k = first + offset
        actual = bp.week_problem(k, choices[k].counts, choices[k].minutes, done)
        solution = dataclasses.replace(solution, status=found.status)
        result = Result.planned(verified_report(actual, solution), found.status)
        results.append(result)
        kinds = {t: s.kind.value for t, s in actual.catalog.items()}
        done += done_of(result.plan, bp.specs[k].first_day, kinds)
    return results


def linked_problems(bp: BlockProblem, choices: list[Choice], before: list[Done],
                     first: int, last: int) -> list[Problem]:
    """The weeks' problems, each after the one before it in the same model: a later
    week's days before its day 0 are the earlier weeks' own (its history only reaches
    what came before ``first``), so its known span covers them."""
    out: list[Problem] = []
    span_days = 0
    for k in range(first, last + 1):
        problem = bp.week_problem(k, choices[k].counts, choices[k].minutes, before)
        if out:
            known = max(problem.timeline.history_days, span_days)
            timeline = dataclasses.replace(problem.timeline, history_days=known)
            problem = dataclasses.replace(problem, timeline=timeline)
        out.append(problem)
        span_days = problem.timeline.history_days + problem.days
    return out
