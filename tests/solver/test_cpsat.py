"""The thin CP-SAT layer: its shortcuts write the proto its general form writes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from runlift.solver.cpsat import INF, CpModel


def _model(variables: int, with_constant: bool) -> CpModel:
    model = CpModel()
    for _ in range(variables):
        model.new_bool()
    if with_constant:
        _ = model.true
    return model


# A literal: a variable (0-3) or its negation, or (when the model has one) the constant
# true or false; lists may hold one literal twice.
LITERALS = st.lists(st.integers(-6, 5), max_size=6)


@settings(max_examples=300, deadline=None)
@given(LITERALS, st.integers(-2, 4), st.booleans(), st.lists(st.integers(-4, 3), max_size=2))
def test_at_most_writes_what_linear_writes(picks, k, with_constant, enforce):
    shortcut, general = _model(4, with_constant), _model(4, with_constant)
    # With the constant, 4 is true and -5 false; without it, they stand for variable 0.
    lits = [p if with_constant or p not in (4, -5) else 0 for p in picks]
    guard = [e for e in enforce if e not in (4, -5)]
    shortcut.at_most(lits, k, guard)
    general.linear([(lit, 1) for lit in lits], -INF, k, guard)
    assert str(shortcut.proto) == str(general.proto)


def test_the_constants_are_known_only_once_made():
    model = _model(2, with_constant=False)
    assert not model.is_true(0) and not model.is_false(-1)
    true = model.true
    assert model.is_true(true) and model.is_false(model.false) and not model.is_false(-1)


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(-9, 9)), min_size=1, max_size=6,
                unique_by=lambda term: term[0]),
       st.integers(-20, 20), st.integers(0, 20), st.booleans(), st.booleans())
def test_row_writes_what_linear_writes(terms, lo, width, low_open, high_open):
    """Over distinct variables, none negated and none the constant (the constant is
    variable 6 here, made after them)."""
    shortcut, general = _model(6, True), _model(6, True)
    low, high = -INF if low_open else lo, INF if high_open else lo + width
    shortcut.row([v for v, _ in terms], [c for _, c in terms], low, high)
    general.linear(terms, low, high)
    assert str(shortcut.proto) == str(general.proto)


def test_only_a_search_longer_than_the_inline_limit_gets_a_helper_thread(monkeypatch):
    """A short search runs in the main thread (a helper thread would cost it a quarter
    of its time); a longer one in a helper thread, so that Ctrl-C can stop it at once."""
    from runlift.solver import cpsat
    from runlift.solver.params import SEED

    helped: list[float] = []
    real = cpsat._solve_interruptibly

    def recorded(wrapper, proto):
        helped.append(limit)
        return real(wrapper, proto)

    monkeypatch.setattr(cpsat, "_solve_interruptibly", recorded)
    model = _model(3, False)
    model.at_most([0, 1, 2], 1)
    for limit in (cpsat.INLINE_LIMIT, cpsat.INLINE_LIMIT * 2):
        found = cpsat.Search(cpsat.Parameters(time_limit=limit, seed=SEED)).run(model)
        assert found.status.has_plan
    assert helped == [cpsat.INLINE_LIMIT * 2]
