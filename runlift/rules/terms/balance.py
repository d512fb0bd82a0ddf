"""balance: the heaviest day, in units of 10 load points, rounded up.

Minimising the peak day is a packing problem, and the LP relaxation of the per-slot model
only knows that the peak is at least the mean day. Counting arguments see much further,
cheaply, before the search starts; the peak variable starts at the bound they prove:

- the heaviest session sits on some day;
- sessions that break a rest day (everything but mobility) share the days that are open
  and may be busy;
- hard sessions share the days that may be hard;
- sessions pair up: when a day holds at most two sessions and the sessions outnumber the
  days that can take them, some days hold two; the lightest way to pair up that many
  bounds the heaviest of those days (for every session on the open days, for the
  sessions that break rest on the busy days, and for the hard sessions on the hard days).

What "may be busy" and "may be hard" means comes from the hard rules themselves
(``Rule.day_limits``). Each argument is a relaxation (it drops rules, never adds any), so
the bound never cuts off a plan.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from runlift.models.catalog import SessionType
from runlift.rules.base import CostTerm, DayLimits, Term, cost

if TYPE_CHECKING:
    from runlift.models.plan import PlacedPlan
    from runlift.models.problem import Problem
    from runlift.models.result import CheckResult, Result
    from runlift.rules.encoding import Encoding

BALANCE_UNIT = 10  # load points per unit of the balance term


def _units(load: int) -> int:
    return -(-load // BALANCE_UNIT)


class Balance(Term):
    name = "balance"
    sentence = ("The load of the heaviest day, in units of 10 load points, rounded up: "
                "it keeps the hardest day bearable.")
    weight_sentence = "Per 10 load points of the peak day."
    rank = 1

    def encode(self, ctx: Encoding) -> list[CostTerm]:
        problem = ctx.problem
        loads = [problem.catalog[t].session_load for t in problem.session_types()]
        total = sum(load * problem.most_count(t)
                    for t, load in zip(problem.session_types(), loads, strict=True))
        if total == 0:
            return []
        lower = _units(peak_lower_bound(problem))
        peak = ctx.new_int(lower, max(_units(total), lower), "peak")
        by_day: dict[int, tuple[list[int], list[int]]] = {}
        for t in problem.session_types():
            load = problem.catalog[t].session_load
            for (day, _), lit in ctx.vars_of(t):  # distinct slot variables
                variables, coeffs = by_day.setdefault(day, ([peak], [BALANCE_UNIT]))
                variables.append(lit)
                coeffs.append(-load)
        for day in sorted(by_day):
            # BALANCE_UNIT * peak >= the day's load
            ctx.row(*by_day[day], 0, 1 << 62)
        return [cost(self.name, 1, peak)]

    def cost(self, plan: PlacedPlan) -> int:
        return _units(max(plan.daily_load(), default=0))

    def words(self, result: Result | CheckResult) -> str:
        """'heaviest day tue, 760'; 'heaviest days tue and sat, 630'."""
        loads = result.metrics.daily_load if result.metrics else []
        peak = max(loads, default=0)
        if not peak:
            return "no load on any day"
        days = [result.days[d] for d, load in enumerate(loads) if load == peak]
        if len(days) == 1:
            return f"heaviest day {days[0]}, {peak}"
        return f"heaviest days {', '.join(days[:-1])} and {days[-1]}, {peak}"


def _open_days(problem: Problem) -> list[int]:
    closed = problem.closed_cells
    return [d for d in range(problem.days)
            if any((d, s) not in closed for s in range(len(problem.slots)))]


def _max_apart(days: list[int]) -> int:
    """The most of ``days`` (sorted) that can be chosen with no two consecutive."""
    chosen, last = 0, -2
    for d in days:
        if d > last + 1:
            chosen, last = chosen + 1, d
    return chosen


def _loads(problem: Problem, test: Callable[[SessionType], bool]) -> list[int]:
    """The loads of the sessions matching ``test`` that every plan holds, heaviest first:
    each type's own count and pins, and for an either/or demand whose types all match,
    its count at the lightest of them (a relaxation: never more than a plan holds)."""
    catalog = problem.catalog
    # The fewest sessions the horizon holds (a replan may leave some out): the bound
    # must hold for every plan.
    loads = [catalog[t].session_load for t in problem.session_types() if test(catalog[t])
             for _ in range(problem.least_count(t))]
    for choice in problem.choices:
        if all(test(catalog[t]) for t in choice.types):
            loads += [min(catalog[t].session_load for t in choice.types)] * choice.count
    return sorted(loads, reverse=True)


def _share(loads: list[int], days: int) -> int:
    """The peak when ``loads`` share ``days`` days, at the least (their mean, rounded up)."""
    if not loads:
        return 0
    if days <= 0:
        return max(loads)
    return -(-sum(loads) // days)


def _pairing(loads: list[int], days: int) -> int:
    """At most two of ``loads`` a day on ``days`` days: at least ``len(loads) - days`` days
    hold a pair. Over every choice of that many disjoint pairs, the heaviest pair is
    lightest when the pairs are made of the lightest loads, the heaviest of them with the
    lightest; that pair's load is a floor for the peak."""
    surplus = len(loads) - days
    if surplus <= 0 or days <= 0:
        return 0
    paired = sorted(loads)[: 2 * surplus]
    return max(paired[i] + paired[-1 - i] for i in range(surplus))


def day_limits(problem: Problem) -> DayLimits:
    """What the hard rules say about days, together."""
    from runlift.rules import RULES

    limits = DayLimits()
    for name, setting in problem.rules.items():
        if not setting.soft:
            limits = limits.combine(RULES[name].day_limits(problem, setting.value))
    return limits


def peak_lower_bound(problem: Problem) -> int:
    """The peak daily load of any plan that keeps the hard rules is at least this."""
    all_loads = _loads(problem, lambda t: True)
    if not all_loads:
        return 0
    limits = day_limits(problem)
    open_days = _open_days(problem)
    busy_days = len(open_days)
    if limits.busy_days is not None:
        busy_days = min(busy_days, limits.busy_days)
    bound = max(all_loads[0], _share(all_loads, len(open_days)))
    busy = _loads(problem, lambda t: t.counts_for_rest)
    bound = max(bound, _share(busy, busy_days))

    hard_days = busy_days
    if limits.hard_days is not None:
        hard_days = min(hard_days, limits.hard_days)
    if limits.hard_apart:
        hard_days = min(hard_days, _max_apart(open_days))
    hard = _loads(problem, lambda t: t.is_hard and t.counts_for_rest)
    bound = max(bound, _share(hard, hard_days))

    if len(problem.slots) <= 2 or (limits.per_day is not None and limits.per_day <= 2):
        bound = max(bound, _pairing(all_loads, len(open_days)), _pairing(busy, busy_days),
                    _pairing(hard, hard_days))
    return bound


MEMBER = Balance()
