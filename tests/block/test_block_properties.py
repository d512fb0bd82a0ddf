"""Random small blocks: every block runlift returns passes `block check` and keeps every
hard guardrail on its weekly loads; every clash it names is confirmed on the block level
(infeasible with it, each member needed), and every change it offers plans the block."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from block_kit import problem
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runlift.block.check import check_block, read_block_plan
from runlift.block.explain import _edited, _feasible
from runlift.block.solve import plan_block
from runlift.models.result import Relaxation
from runlift.models.status import Status

TYPES = ("easy_run", "long_run", "tempo", "lower_strength", "core", "mobility")


@st.composite
def blocks(draw: st.DrawFn) -> dict[str, Any]:
    sessions = {t: draw(st.integers(0, 2)) for t in TYPES}
    sessions["long_run"] = draw(st.integers(0, 1))
    low = draw(st.sampled_from([40, 60, 80]))
    data: dict[str, Any] = {
        "start": "2027-03-01", "weeks": draw(st.integers(2, 6)),
        "week": {"sessions": sessions,
                 "unavailable": draw(st.lists(st.sampled_from(["mon", "wed", "fri"]),
                                              max_size=2, unique=True))},
        "scale": {"easy_run": {"minutes": [low // 2, low], "step": 5},
                  "long_run": {"minutes": [low, low + draw(st.sampled_from([0, 30, 60]))],
                               "step": 15}},
        "progression": {"ramp_pct": draw(st.sampled_from([False, 3, 10, 25])),
                        "deload_every": draw(st.sampled_from([False, 2, 3])),
                        "deload_pct": draw(st.sampled_from([[60, 80], [85, 95]])),
                        "acwr_max": draw(st.sampled_from([False, 1.1, 1.5]))},
    }
    if draw(st.booleans()):
        data["weeks_override"] = {draw(st.integers(1, data["weeks"])): {
            "sessions": {"tempo": draw(st.integers(0, 3))}}}
    return data


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=blocks())
def test_a_returned_block_passes_its_check_and_a_clash_is_confirmed(data: dict[str, Any],
                                                                      tmp_path: Path) -> None:
    bp = problem(data)
    result = plan_block(bp, time_limit=5.0)
    if result.has_plan:
        path = tmp_path / "block.json"
        path.write_text(result.to_json(), encoding="utf-8")
        checked = check_block(bp, read_block_plan(path, bp))
        assert checked.ok, checked.violations
        assert all(r.ok for r in result.guardrails if not r.soft)
        return
    assert result.status == Status.infeasible
    assert result.conflicts, "an infeasible block names its clash"
    keys = {c.member for c in result.conflicts}
    if not any(k.startswith("week") for k in keys):  # a clash of the block level
        assert _feasible(bp, keys) == Status.infeasible
        if result.conflicts_minimal:
            for key in keys:
                assert _feasible(bp, keys - {key}).has_plan, key
    for relaxation in result.relaxations:
        edited = _edited(bp, relaxation)
        for also in relaxation.also:
            edited = edited and _edited(edited, Relaxation(**also.model_dump(), message=""))
        assert edited is not None and plan_block(edited, explain=False).has_plan
