"""Bounds on every number, at load time: the worst case resolve computes for the
objective is never below what the CP-SAT model could reach, and the hostile inputs of
tests/bad_inputs.py each fail in well under a second of CPU."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from bad_inputs import CASES, HOSTILE, BadInput
from hypothesis import HealthCheck, given, settings
from timeline_strategies import joined_scenarios

from runlift.errors import InputError
from runlift.models.bounds import OBJECTIVE_LIMIT
from runlift.scenario.model import Scenario
from runlift.scenario.resolve import objective_bounds, resolve
from runlift.scenario.scenario_file import load_scenario
from runlift.solver.build import build_model

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
EXAMPLES = sorted(p for p in SCENARIOS.iterdir() if p.suffix in (".yaml", ".toml", ".json"))


def model_worst_case(problem) -> int:
    """What the built model's objective reaches with every variable at its largest
    magnitude: what CP-SAT checks for overflow."""
    proto = build_model(problem).model.proto
    objective = proto.objective
    largest = [max(abs(b) for b in proto.variables[v].domain) for v in objective.vars]
    return sum(abs(c) * m for c, m in zip(objective.coeffs, largest, strict=True)) + abs(
        int(objective.offset))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_the_bound_covers_each_example_model(path):
    problem = resolve(load_scenario(path))
    assert model_worst_case(problem) <= sum(objective_bounds(problem).values())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(joined_scenarios())
def test_the_bound_covers_random_models(doc):
    doc["soft"] = {name: 7 for name in doc.get("soft", {})} or {"max_hard_days": 7}
    problem = resolve(Scenario.model_validate(doc))
    assert model_worst_case(problem) <= sum(objective_bounds(problem).values())


def test_a_plain_week_is_far_from_overflow():
    problem = resolve(load_scenario(SCENARIOS / "half-marathon-build.yaml"))
    assert sum(objective_bounds(problem).values()) < OBJECTIVE_LIMIT >> 30


HOSTILE_CASES = [c for c in CASES if c.id in HOSTILE]


def test_every_hostile_input_is_in_the_table():
    assert {c.id for c in HOSTILE_CASES} == HOSTILE


@pytest.mark.parametrize("case", HOSTILE_CASES, ids=[c.id for c in HOSTILE_CASES])
def test_a_hostile_input_fails_within_a_second(case: BadInput, tmp_path, monkeypatch):
    """CPU time of the load: the machine's other jobs do not count. Before these bounds
    the alias bombs ran for minutes, a million easy runs for 15 s and 1.3 GB."""
    load_scenario(SCENARIOS / "build-week.yaml")  # the models imported and built once
    monkeypatch.chdir(tmp_path)
    case.write(tmp_path)
    started = time.process_time()
    with pytest.raises(InputError):
        load_scenario(case.file)
    assert time.process_time() - started < 1.0
