"""One place for the CP-SAT parameters: one worker and a fixed seed, for determinism."""

from __future__ import annotations

DEFAULT_TIME_LIMIT = 10.0
SEED = 20270301


# A week with at most this many slot variables (a 14-day horizon of two slots and nine
# session types has about 250) is searched as built: no presolve, no LP relaxation.
SMALL_MODEL_CELLS = 320


def make_solver(time_limit: float = DEFAULT_TIME_LIMIT, *, cells: int | None = None):
    """A CP-SAT solver. ``cells``: the number of slot variables of the one week it will
    solve, when it solves one week alone (not several weeks in one model)."""
    from ortools.sat.python import cp_model

    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = SEED
    # The limit is CP-SAT's deterministic time (close to seconds here), so that a solve
    # stopped by it returns the same plan on every run; wall time is only a safety net.
    solver.parameters.max_deterministic_time = time_limit
    solver.parameters.max_time_in_seconds = 4 * time_limit + 5
    solver.parameters.log_search_progress = False
    if cells is not None and cells <= SMALL_MODEL_CELLS:
        # One week's model is small and already tight (runlift.solver.context, .bounds):
        # presolving it and solving its LP relaxation cost more than they save, about 2x
        # on the examples and on generated squads (bench/bench_solve.py). Longer, larger
        # horizons keep both: there the LP bound is what proves the optimum.
        solver.parameters.cp_model_presolve = False
        solver.parameters.linearization_level = 0
    return solver
