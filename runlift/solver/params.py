"""One place for the CP-SAT parameters: one worker and a fixed seed, for determinism."""

from __future__ import annotations

from runlift.solver.cpsat import Parameters

DEFAULT_TIME_LIMIT = 10.0
SEED = 20270301

# A horizon of at most this many days and slot variables (14 days of two slots and nine
# session types make about 250) is searched as built: no presolve, no LP relaxation.
SMALL_MODEL_CELLS = 320
SMALL_MODEL_DAYS = 14
# How long a small model is searched as built before presolve and the LP take over
# (deterministic seconds). The examples decide in a few hundredths of this.
QUICK_LIMIT = 0.05
# ... unless it has found no plan at all by then: a week that has one yields it at once
# (the one-week examples are proven within 0.0045), so one that has none after this
# is likely to fail by counting, and goes to the counting search.
PLANLESS_LIMIT = 0.005
# How long the counting search (as built, with the LP of the linear constraints) may try
# before presolve and the full LP take over. It is what decides an infeasible horizon
# near the edge within 0.007 on 7 to 28 days, where the bare search enumerates for
# seconds and presolve costs more than the decision (bench/bench_horizons.py). A large
# model's probe (PROBE_LIMIT) starts with it too.
COUNTING_LIMIT = 0.25
# How long a large model is first searched for any plan at all, without its objective.
PROBE_LIMIT = 2.0


def search_parameters(time_limit: float = DEFAULT_TIME_LIMIT, *, cells: int | None = None,
                      days: int | None = None, conflicts: bool = False,
                      gap: float = 0.0, strong: bool = False, counting: bool = False
                      ) -> Parameters:
    """The parameters of one search. ``cells`` and ``days``: the size of the one problem
    it solves alone (None: several problems in one model). ``conflicts``: it looks for an
    infeasible subset of a problem's assumptions (runlift.solver.explain). ``strong``:
    presolve and the full LP relaxation, for what the quick search did not decide.
    ``counting``: no presolve, the LP of the linear constraints only (see COUNTING_LIMIT).
    ``gap``: stop once the plan is within this fraction of the proven bound."""
    small = (not strong and cells is not None and cells <= SMALL_MODEL_CELLS
             and (days or 0) <= SMALL_MODEL_DAYS)
    # One week's model is small and already tight (runlift.solver.context, the balance
    # term's bound): presolving it and solving its LP relaxation cost more than they
    # save, about 2x on the examples and on generated squads (bench/bench_solve.py).
    # Longer, larger horizons keep both: there the LP bound is what proves the optimum
    # (a 28-day block of five types: 0.7 s with them, unproven after 10 s without).
    presolve, linearization = (False, 0) if small else (True, 1)
    # Nor does it gain from CP-SAT's work on its clauses between restarts (inprocessing),
    # which costs more than the search itself on a week proven in 0.0003 deterministic
    # seconds: without it the examples and a generated squad take about 20% less time
    # to build and solve, to the same optima (bench/bench_solve.py --params).
    if counting:
        return Parameters(time_limit=time_limit, seed=SEED, presolve=False, linearization=1,
                          relative_gap=gap)
    if conflicts or strong:
        # Plans that cannot work usually fail by counting (seven sessions, three days of
        # two slots): the full LP relaxation sees that at once, where the search has to
        # enumerate. About 7x faster conflict sets on generated infeasible athletes.
        linearization = 2
    return Parameters(time_limit=time_limit, seed=SEED, presolve=presolve,
                      linearization=linearization, relative_gap=gap, inprocessing=not small)
