"""Why each session of a placed plan sits where it does, in a coach's words.

Every member of the registry gives its own reasons (the lift 48 h before a key run, the
lift stacked on a hard-run day, the run before the lift, the pin, the preferred day…);
this module only gathers them per session, in the members' reason order. Members that
only count over a whole window (max_hard_days, min_rest_days, the per-day limits) do not
explain one session's place and give none. The soft rules a session bends are not
re-derived here: renderers take them from ``Result.soft_violations``.
"""

from __future__ import annotations

from collections.abc import Sequence

from runlift.models.plan import PlacedPlan
from runlift.models.problem import Cell, Problem
from runlift.models.result import MissedPreference, PlanEntry, RuleViolation
from runlift.rules import RULES, STRUCTURAL, TERMS, Member


def _reasoning_members() -> list[Member]:
    members: list[Member] = [*STRUCTURAL.values(), *TERMS.values(), *RULES.values()]
    return sorted(members, key=lambda m: (m.reason_rank, m.name))


def placement_reasons(plan: PlacedPlan) -> dict[Cell, list[str]]:
    """For each placed session, keyed by (day, slot index), the reasons for its place."""
    problem = plan.problem
    members = _reasoning_members()
    return {(p.day, p.slot): [r for m in members for r in m.reasons(plan, p, problem)]
            for p in plan.placed}


def bent_rules(entry: PlanEntry, soft_violations: list[RuleViolation]) -> list[str]:
    """The soft rules a planned session bends, from the result's own soft violations."""
    return [
        f"bends {v.rule} (soft): {v.message}"
        for v in soft_violations
        if entry.day in v.days and entry.session in v.sessions
    ]


def missed_reason(entry: PlanEntry, missed: Sequence[MissedPreference]) -> list[str]:
    """The preference a planned session misses, and what pushed it off."""
    return [f"misses its preference ({m.session} on {m.wanted}): {m.because}"
            for m in missed if (m.day, m.slot, m.session) == (entry.day, entry.slot,
                                                              entry.session)]


def entry_reasons(problem: Problem, entries: list[PlanEntry],
                  soft_violations: list[RuleViolation],
                  missed: Sequence[MissedPreference] = ()) -> list[list[str]]:
    """For each entry of a result's plan, in order: the reasons for its place, then the
    soft rules it bends and the preference it misses."""
    plan = PlacedPlan.from_entries(problem, entries)
    reasons = placement_reasons(plan)
    index = problem.slot_index
    return [reasons[e.day, index[e.slot]] + bent_rules(e, soft_violations)
            + missed_reason(e, missed) for e in entries]
