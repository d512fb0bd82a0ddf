"""The one module that talks to OR-Tools: CP-SAT models written straight into the model
proto, and solved through the C++ solve wrapper.

``ortools.sat.python.cp_model`` imports numpy and pandas (about 0.6 s); its C++ core,
``cp_model_helper``, loads in about 0.1 s and offers the model proto and the solver
directly. runlift builds small models whose constraints are sums of Booleans, so a thin
layer over the proto is all it needs: a literal is an int (a variable's index, or
``-index - 1`` for its negation, as in CP-SAT's own protos), and constraints take lists
of literals, or of ``(variable, coefficient)`` terms.

Constant literals are first-class: :attr:`CpModel.true` and :attr:`CpModel.false` are
literals like any other, and every constraint simplifies them away (a clause that holds a
true literal is dropped, a false enforcement literal drops the constraint), so the code
that builds a model never guards against "this can never happen".
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from runlift.models.status import Status

Lit = int
Terms = Sequence[tuple[Lit, int]]
INF = 1 << 62  # CP-SAT's bounds are 64-bit; this leaves room for sums
# Variable names help reading a model (RUNLIFT_NAME_VARIABLES=1) but cost time to build.
NAME_VARIABLES = bool(os.environ.get("RUNLIFT_NAME_VARIABLES"))


def _cmh() -> Any:
    from ortools.sat.python import cp_model_helper

    return cp_model_helper


@functools.lru_cache(maxsize=1024)
def _variable(lb: int, ub: int) -> Any:
    """A variable proto with domain [lb, ub], made once (copied into each model)."""
    var = _cmh().IntegerVariableProto()
    var.domain.extend([lb, ub])
    return var


def negate(lit: Lit) -> Lit:
    return -lit - 1


def _merged(indices: list[int], coeffs: list[int]) -> tuple[list[int], list[int]]:
    """One coefficient per variable (zeros dropped), in first-seen order."""
    merged: dict[int, int] = {}
    for index, coef in zip(indices, coeffs, strict=True):
        merged[index] = merged.get(index, 0) + coef
    kept = [(i, c) for i, c in merged.items() if c]
    return [i for i, _ in kept], [c for _, c in kept]


def _write_linear(linear: Any, variables: list[int], coeffs: list[int], low: int, high: int
                  ) -> None:
    # Each field read of a proto is a call into C++: the message is read once.
    linear.vars.extend(variables)
    linear.coeffs.extend(coeffs)
    linear.domain.extend([low, high])


def _ref(lit: Lit) -> tuple[int, bool]:
    """The variable index of a literal and whether it is negated."""
    return (lit, False) if lit >= 0 else (-lit - 1, True)


class CpModel:
    """A CP-SAT model under construction."""

    def __init__(self, proto: Any = None) -> None:
        self.proto = _cmh().CpModelProto() if proto is None else proto
        self._true: Lit | None = None
        self._false: Lit | None = None
        # The proto's two lists, read once: each read of a field is a call into C++.
        self._variables = self.proto.variables
        self._constraints = self.proto.constraints
        self._count = len(self._variables)

    # --- variables ------------------------------------------------------------------
    def new_int(self, lb: int, ub: int, name: str = "") -> Lit:
        if NAME_VARIABLES and name:
            var = self._variables.add()
            var.domain.extend([lb, ub])
            var.name = name
        else:
            # A copy of a variable with that domain: one call into C++, where adding a
            # variable and then its domain are two (a week's model has a hundred).
            self._variables.append(_variable(lb, ub))
        self._count += 1
        return self._count - 1

    def new_bool(self, name: str = "") -> Lit:
        return self.new_int(0, 1, name)

    @property
    def true(self) -> Lit:
        if self._true is None:
            self._true = self.new_int(1, 1, "true")
            self._false = negate(self._true)
        return self._true

    @property
    def false(self) -> Lit:
        return negate(self.true)

    def is_constant(self, lit: Lit) -> bool:
        return self._true is not None and lit in (self._true, negate(self._true))

    def is_true(self, lit: Lit) -> bool:
        return lit == self._true

    def is_false(self, lit: Lit) -> bool:
        return lit == self._false

    @property
    def num_variables(self) -> int:
        return self._count

    def value_range(self, lit: Lit) -> tuple[int, int]:
        """The least and the most value of a literal's variable (a negated Boolean, 1 - x)."""
        index, negated = _ref(lit)
        domain = self._variables[index].domain
        low, high = domain[0], domain[len(domain) - 1]  # the field takes no index -1
        return (1 - high, 1 - low) if negated else (low, high)

    # --- constraints ----------------------------------------------------------------
    def _enforced(self, enforce: Iterable[Lit]) -> list[Lit] | None:
        """The enforcement literals without constant trues; None when one is false
        (the constraint can never be enforced, so it is left out)."""
        out = []
        for lit in enforce:
            if self.is_false(lit):
                return None
            if not self.is_true(lit):
                out.append(lit)
        return out

    def _new_constraint(self, enforce: list[Lit]) -> Any:
        ct = self._constraints.add()
        if enforce:
            ct.enforcement_literal.extend(enforce)
        return ct

    def linear(self, terms: Terms, lo: int, hi: int, enforce: Iterable[Lit] = ()) -> None:
        """lo <= sum(coef * lit) <= hi, when every ``enforce`` literal holds. A negated
        literal counts as ``1 - variable``."""
        guard = self._enforced(enforce)
        if guard is None:
            return
        true = self._true
        indices: list[int] = []
        coeffs: list[int] = []
        offset = 0
        for lit, coef in terms:
            if lit >= 0:
                if lit == true:
                    offset += coef
                    continue
                indices.append(lit)
                coeffs.append(coef)
            else:
                if true is not None and lit == -true - 1:
                    continue  # the constant false literal
                indices.append(-lit - 1)  # 1 - variable
                coeffs.append(-coef)
                offset += coef
        if len(set(indices)) < len(indices):
            indices, coeffs = _merged(indices, coeffs)
        low = lo - offset if lo > -INF else -INF
        high = hi - offset if hi < INF else INF
        if not indices:
            if not low <= 0 <= high:
                self.bool_or([], guard)  # never satisfiable when enforced
            return
        ct = self._new_constraint(guard)
        _write_linear(ct.linear, indices, coeffs, low, high)

    def row(self, variables: list[int], coeffs: list[int], lo: int, hi: int) -> None:
        """lo <= sum(coef * variable) <= hi, unconditionally, over distinct variables of
        this model (none negated, none the constant): :meth:`linear` without its work on
        each term, for the rows a cost term writes by the hundred (the same proto)."""
        ct = self._constraints.add()
        _write_linear(ct.linear, variables, coeffs, lo if lo > -INF else -INF,
                      hi if hi < INF else INF)

    def at_most(self, lits: Sequence[Lit], k: int, enforce: Iterable[Lit] = ()) -> None:
        """sum(lits) <= k: :meth:`linear` with every coefficient 1, written out because
        it is the most common constraint of all (the same proto, built faster)."""
        guard = self._enforced(enforce)
        if guard is None:
            return
        true = self._true
        false = None if true is None else -true - 1
        indices: list[int] = []
        coeffs: list[int] = []
        offset = 0
        for lit in lits:
            if lit >= 0:
                if lit == true:
                    offset += 1
                    continue
                indices.append(lit)
                coeffs.append(1)
            elif lit != false:
                indices.append(-lit - 1)  # 1 - variable
                coeffs.append(-1)
                offset += 1
        if len(set(indices)) < len(indices):
            indices, coeffs = _merged(indices, coeffs)
        high = k - offset if k < INF else INF
        if not indices:
            if high < 0:
                self.bool_or([], guard)  # never satisfiable when enforced
            return
        ct = self._new_constraint(guard)
        _write_linear(ct.linear, indices, coeffs, -INF, high)

    def bool_or(self, lits: Iterable[Lit], enforce: Iterable[Lit] = ()) -> None:
        """At least one of ``lits`` (an empty list: the enforcement literals are false)."""
        guard = self._enforced(enforce)
        if guard is None:
            return
        clause = []
        for lit in lits:
            if self.is_true(lit):
                return
            if not self.is_false(lit):
                clause.append(lit)
        ct = self._new_constraint(guard)
        ct.bool_or.literals.extend(clause)

    def bool_and(self, lits: Iterable[Lit], enforce: Iterable[Lit] = ()) -> None:
        guard = self._enforced(enforce)
        if guard is None:
            return
        kept = [lit for lit in lits if not self.is_true(lit)]
        if any(self.is_false(lit) for lit in kept):
            self.bool_or([], guard)
            return
        if kept:
            self._new_constraint(guard).bool_and.literals.extend(kept)

    def at_most_one(self, lits: Sequence[Lit]) -> None:
        """At most one of ``lits``, unconditionally (CP-SAT's native constraint; a
        literal listed twice counts twice, so such a list becomes a linear constraint)."""
        kept = [lit for lit in lits if not self.is_false(lit)]
        if len(set(kept)) < len(kept):
            self.at_most(kept, 1)
        elif len(kept) >= 2:
            self._constraints.add().at_most_one.literals.extend(kept)

    def product(self, target: Lit, a: Lit, b: Lit) -> None:
        """``target`` == ``a`` * ``b`` (integer variables)."""
        ct = self._constraints.add().int_prod
        ct.target.vars.append(target)
        ct.target.coeffs.append(1)
        for var in (a, b):
            expr = ct.exprs.add()
            expr.vars.append(var)
            expr.coeffs.append(1)

    def max_equality(self, target: Lit, lits: Sequence[Lit]) -> None:
        """``target`` (a Boolean) is true exactly when one of ``lits`` is."""
        ct = self._constraints.add().lin_max
        ct.target.vars.append(target)
        ct.target.coeffs.append(1)
        exprs = ct.exprs
        for lit in lits:
            expr = exprs.add()
            index, negated = _ref(lit)
            expr.vars.append(index)
            expr.coeffs.append(-1 if negated else 1)
            if negated:
                expr.offset = 1

    def minimize(self, terms: Terms) -> None:
        """Minimise sum(coef * lit); negated literals count as ``1 - variable``."""
        self.proto.clear_objective()
        merged: dict[int, int] = {}
        offset = 0
        for lit, coef in terms:
            index, negated = _ref(lit)
            if negated:
                offset += coef
                coef = -coef
            merged[index] = merged.get(index, 0) + coef
        objective = self.proto.objective
        objective.vars.extend(list(merged))
        objective.coeffs.extend(list(merged.values()))
        objective.offset = offset
        objective.scaling_factor = 1.0

    @property
    def has_objective(self) -> bool:
        return bool(self.proto.has_objective())

    # --- hints and assumptions ------------------------------------------------------------
    def hint(self, values: Iterable[tuple[Lit, int]]) -> None:
        """Start the search from these values (a warm start)."""
        hint = self.proto.solution_hint
        for lit, value in values:
            index, negated = _ref(lit)
            hint.vars.append(index)
            hint.values.append(1 - value if negated else value)

    def clear_hints(self) -> None:
        self.proto.clear_solution_hint()

    def set_assumptions(self, lits: Iterable[Lit]) -> None:
        assumptions = self.proto.assumptions
        assumptions.clear()
        assumptions.extend(list(lits))

    def fix(self, values: Iterable[tuple[Lit, int]]) -> None:
        for lit, value in values:
            self.linear([(lit, 1)], value, value)

    def clone(self) -> CpModel:
        copy = _cmh().CpModelProto()
        copy.copy_from(self.proto)
        twin = CpModel(copy)
        twin._true, twin._false = self._true, self._false
        return twin


@dataclass(frozen=True)
class Parameters:
    """CP-SAT parameters runlift sets (see runlift.solver.params for the choices)."""

    time_limit: float
    seed: int
    presolve: bool = True
    linearization: int = 1
    relative_gap: float = 0.0
    # CP-SAT's work on the clauses between restarts (see search_parameters).
    inprocessing: bool = True
    # Further CP-SAT parameters by name, set last (for benchmarks that compare settings).
    extra: tuple[tuple[str, Any], ...] = ()

    def to_proto(self) -> Any:
        params = _cmh().SatParameters()
        params.num_workers = 1
        params.random_seed = self.seed
        # The limit is CP-SAT's deterministic time (close to seconds here), so that a
        # search stopped by it returns the same plan on every run; wall time is only a
        # safety net against a machine that is far slower than expected.
        params.max_deterministic_time = self.time_limit
        params.max_time_in_seconds = 4 * self.time_limit + 5
        params.log_search_progress = False
        # CP-SAT would install a SIGINT handler of its own for each search (and restore the
        # default one after it, so that a later Ctrl-C kills the process); a Ctrl-C during
        # a search then aborts in C++ (std::bad_function_call). Signals are runlift's:
        # interrupt() stops the search through stop_search.
        params.catch_sigint_signal = False
        params.cp_model_presolve = self.presolve
        params.linearization_level = self.linearization
        if self.relative_gap:
            params.relative_gap_limit = self.relative_gap
        params.use_sat_inprocessing = self.inprocessing
        for name, value in self.extra:
            setattr(params, name, value)
        return params


_STATUS = {"OPTIMAL": Status.optimal, "FEASIBLE": Status.feasible,
           "INFEASIBLE": Status.infeasible}


class Response:
    """What a search returned: its status, the values, the objective and its bound."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self.status = _STATUS.get(raw.status.name, Status.unknown)
        self._solution = list(raw.solution) if self.status.has_plan else []

    def value(self, lit: Lit) -> int:
        index, negated = _ref(lit)
        value = self._solution[index]
        return 1 - value if negated else value

    def total(self, terms: Terms) -> int:
        return sum(coef * self.value(lit) for lit, coef in terms)

    def values(self, lits: Iterable[Lit]) -> list[tuple[Lit, int]]:
        return [(lit, self.value(lit)) for lit in lits]

    @property
    def all_values(self) -> list[tuple[Lit, int]]:
        return list(enumerate(self._solution))

    @property
    def objective(self) -> int:
        return round(self.raw.objective_value)

    @property
    def best_bound(self) -> int:
        return round(self.raw.best_objective_bound)

    @property
    def deterministic_time(self) -> float:
        return float(self.raw.deterministic_time)

    def core(self) -> list[Lit]:
        """The assumptions that suffice for infeasibility (after an infeasible search)."""
        return list(self.raw.sufficient_assumptions_for_infeasibility)


class Interrupted(KeyboardInterrupt):
    """The search was stopped by :func:`interrupt` (Ctrl-C, SIGTERM): its answer is not
    final and must not be used as one. A KeyboardInterrupt, so that no ``except
    Exception`` on the way out takes it for an ordinary failure."""


# Set by interrupt(); read by every search. A plain flag, so that a signal handler can set
# it without taking a lock that the interrupted code might hold.
_interrupted = False
# True while the main thread waits for a search in the helper thread: a signal handler
# must then not raise (the search stops itself and raises Interrupted once the helper
# thread has ended; see runlift.interrupts).
_searching = False


def interrupt() -> None:
    """Stop every running search and refuse new ones (signal-safe: sets a flag only)."""
    global _interrupted
    _interrupted = True


def interrupted() -> bool:
    return _interrupted


def searching() -> bool:
    return _searching


def clear_interrupt() -> None:
    """For tests that interrupt a search and go on."""
    global _interrupted
    _interrupted = False


POLL_SECONDS = 0.05
# A search of at most this many deterministic seconds runs in the main thread itself: it
# ends (at most a few tenths of a second of wall time, on a slow machine) before a Ctrl-C
# could be seen any sooner, and a helper thread would cost it 0.4-0.8 ms, a quarter of
# a one-week search (bench/bench_solve.py).
INLINE_LIMIT = 0.05


class Search:
    """One CP-SAT search.

    In the main thread a search longer than INLINE_LIMIT runs in a helper thread while the
    main thread waits in short polls: Python runs signal handlers only between bytecodes
    of the main thread, so a Ctrl-C during a long C++ search is seen within POLL_SECONDS,
    and the main thread then stops CP-SAT through its own ``stop_search``. A signal during
    a shorter search is handled as soon as it ends."""

    def __init__(self, params: Parameters) -> None:
        self.params = params

    def run(self, model: CpModel, *, on_solution: Callable[[int, int], None] | None = None,
            on_bound: Callable[[float], None] | None = None) -> Response:
        """Search ``model``. ``on_solution(objective, bound)`` hears every improving
        plan, ``on_bound`` every improved bound. Raises Interrupted after interrupt()."""
        if _interrupted:
            raise Interrupted
        wrapper = _cmh().SolveWrapper()
        wrapper.set_parameters(self.params.to_proto())
        callback = _SolutionCallback(on_solution) if on_solution else None
        if callback is not None:
            wrapper.add_solution_callback(callback)
        if on_bound is not None:
            wrapper.add_best_bound_callback(on_bound)
        try:
            if self.params.time_limit > INLINE_LIMIT \
                    and threading.current_thread() is threading.main_thread():
                raw = _solve_interruptibly(wrapper, model.proto)
            else:
                raw = wrapper.solve(model.proto)
        finally:
            if callback is not None:
                wrapper.clear_solution_callback(callback)
        if _interrupted:
            raise Interrupted
        return Response(raw)


def _solve_interruptibly(wrapper: Any, proto: Any) -> Any:
    global _searching
    outcome: dict[str, Any] = {}
    done = threading.Event()

    def work() -> None:
        try:
            outcome["raw"] = wrapper.solve(proto)
        except BaseException as exc:  # handed back to the main thread
            outcome["error"] = exc
        finally:
            done.set()

    _searching = True
    try:
        threading.Thread(target=work, name="runlift-cp-sat", daemon=True).start()
        _wait(done, wrapper)
    finally:
        _searching = False
    if "error" in outcome:
        raise outcome["error"]
    return outcome["raw"]


def _wait(done: threading.Event, wrapper: Any) -> None:
    """Until the search has ended; stopped through CP-SAT's own stop_search once
    interrupt() is called. An Event, not Thread.join: a KeyboardInterrupt inside join()
    can leave the thread marked as ended while it still runs (CPython bpo-45274)."""
    try:
        while not done.wait(POLL_SECONDS):
            if _interrupted:
                # Again at every poll: a stop that comes before CP-SAT has set up its
                # search may be lost.
                wrapper.stop_search()
    except BaseException:  # KeyboardInterrupt without runlift's own handlers
        wrapper.stop_search()
        while not done.wait(POLL_SECONDS):
            wrapper.stop_search()
        raise


def _SolutionCallback(on_solution: Callable[[int, int], None]) -> Any:
    cmh = _cmh()

    class Callback(cmh.SolutionCallback):  # type: ignore[misc,name-defined]
        def OnSolutionCallback(self) -> None:
            on_solution(round(self.ObjectiveValue()), round(self.BestObjectiveBound()))

    return Callback()


def solve(model: CpModel, params: Parameters) -> Response:
    return Search(params).run(model)
