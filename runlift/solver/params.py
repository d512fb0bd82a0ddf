"""One place for the CP-SAT parameters: one worker and a fixed seed, for determinism."""

from __future__ import annotations

DEFAULT_TIME_LIMIT = 10.0
SEED = 20270301


# A horizon of at most this many days and slot variables (14 days of two slots and nine
# session types make about 250) is searched as built: no presolve, no LP relaxation.
SMALL_MODEL_CELLS = 320
SMALL_MODEL_DAYS = 14


def make_solver(time_limit: float = DEFAULT_TIME_LIMIT, *, cells: int | None = None,
                days: int | None = None, conflicts: bool = False):
    """A CP-SAT solver. ``cells`` (and ``days``): the number of slot variables (and days)
    of the one week it will solve, when it solves one week alone (not several weeks in
    one model). ``conflicts``: it looks for an infeasible subset of a week's assumptions
    (runlift.solver.explain)."""
    from ortools.sat.python import cp_model

    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = SEED
    # The limit is CP-SAT's deterministic time (close to seconds here), so that a solve
    # stopped by it returns the same plan on every run; wall time is only a safety net.
    solver.parameters.max_deterministic_time = time_limit
    solver.parameters.max_time_in_seconds = 4 * time_limit + 5
    solver.parameters.log_search_progress = False
    if cells is not None and cells <= SMALL_MODEL_CELLS and (days or 0) <= SMALL_MODEL_DAYS:
        # One week's model is small and already tight (runlift.solver.context, .bounds):
        # presolving it and solving its LP relaxation cost more than they save, about 2x
        # on the examples and on generated squads (bench/bench_solve.py). Longer, larger
        # horizons keep both: there the LP bound is what proves the optimum (a 28-day
        # block of five types: 0.7 s with them, unproven after 10 s without).
        solver.parameters.cp_model_presolve = False
        solver.parameters.linearization_level = 0
    if conflicts:
        # Weeks that cannot work usually fail by counting (seven sessions, three days of
        # two slots): the full LP relaxation sees that at once, where the search has to
        # enumerate. About 7x faster conflict sets on generated infeasible athletes.
        solver.parameters.linearization_level = 2
    return solver
