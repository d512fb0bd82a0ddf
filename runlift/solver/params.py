"""One place for the CP-SAT parameters: one worker and a fixed seed, for determinism."""

from __future__ import annotations

DEFAULT_TIME_LIMIT = 10.0
SEED = 20270301


def make_solver(time_limit: float = DEFAULT_TIME_LIMIT):
    from ortools.sat.python import cp_model

    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = SEED
    # The limit is CP-SAT's deterministic time (close to seconds here), so that a solve
    # stopped by it returns the same plan on every run; wall time is only a safety net.
    solver.parameters.max_deterministic_time = time_limit
    solver.parameters.max_time_in_seconds = 4 * time_limit + 5
    solver.parameters.log_search_progress = False
    return solver
