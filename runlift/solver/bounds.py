"""A lower bound on the peak daily load, proved from the week's demands and hard rules.

Minimising the peak day is a packing problem, and the LP relaxation of the per-slot model
only knows that the peak is at least the mean day. Counting arguments see much further,
cheaply, before the search starts:

- the heaviest session sits on some day;
- sessions that break a rest day (everything but mobility) share the days that are open
  and not needed as rest days;
- hard sessions share the days that may be hard: at most ``max_hard_days``, never two in a
  row under ``no_back_to_back_hard``;
- sessions pair up: when a day holds at most two sessions and the sessions outnumber the
  days that can take them, some days hold two; the lightest way to pair up that many
  bounds the heaviest of those days (for all sessions on the busy days, and for the hard
  sessions on the hard days).

Each is a relaxation (it drops rules, never adds any), so the bound never cuts off a plan.
"""

from __future__ import annotations

from runlift.models.problem import Problem


def _open_days(problem: Problem) -> list[int]:
    closed = problem.closed_cells
    return [d for d in range(problem.days)
            if any((d, s) not in closed for s in range(len(problem.slots)))]


def _hard_value(problem: Problem, rule: str) -> int | bool | None:
    setting = problem.rules.get(rule)
    return None if setting is None or setting.soft else setting.value


def _max_apart(days: list[int]) -> int:
    """The most of ``days`` (sorted) that can be chosen with no two consecutive."""
    chosen, last = 0, -2
    for d in days:
        if d > last + 1:
            chosen, last = chosen + 1, d
    return chosen


def _loads(problem: Problem, test) -> list[int]:
    catalog = problem.catalog
    return sorted(
        (catalog[t].session_load for t in problem.session_types() if test(catalog[t])
         for _ in range(problem.total_count(t))),
        reverse=True,
    )


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


def peak_lower_bound(problem: Problem) -> int:
    """The peak daily load of any plan that keeps the hard rules is at least this."""
    all_loads = _loads(problem, lambda t: True)
    if not all_loads:
        return 0
    open_days = _open_days(problem)
    busy_days = len(open_days)
    rest = _hard_value(problem, "min_rest_days")
    if rest:
        busy_days = min(busy_days, problem.days - rest)
    bound = max(all_loads[0], _share(all_loads, len(open_days)))
    busy = _loads(problem, lambda t: t.counts_for_rest)
    bound = max(bound, _share(busy, busy_days))

    hard_days = busy_days
    limit = _hard_value(problem, "max_hard_days")
    if limit is not None and limit is not False:
        hard_days = min(hard_days, limit)
    if _hard_value(problem, "no_back_to_back_hard"):
        hard_days = min(hard_days, _max_apart(open_days))
    hard = _loads(problem, lambda t: t.is_hard and t.counts_for_rest)
    bound = max(bound, _share(hard, hard_days))

    per_day = _hard_value(problem, "max_sessions_per_day")
    if len(problem.slots) <= 2 or (per_day is not False and per_day is not None
                                   and per_day <= 2):
        bound = max(bound, _pairing(busy, busy_days), _pairing(hard, hard_days))
    return bound
