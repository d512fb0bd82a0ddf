"""The diff against the baseline: moves, additions and removals, checked by hand."""

from __future__ import annotations

from compare_fakes import comparison, infeasible, planned

from runlift.compare import build_alternatives, compare
from runlift.compare.diff import comparison_diff, plan_changes

# Every session is pinned, so both plans are known without solving; the rules that would
# object to the pins are off. By hand, from the baseline to `moved`: core leaves mon pm,
# lower_strength goes from tue pm to wed pm, and hills arrive on thu am.
PINNED = """\
name: Pinned week
fixed:
  - {session: core, day: mon, slot: pm}
  - {session: intervals, day: tue, slot: am}
  - {session: lower_strength, day: tue, slot: pm}
  - {session: long_run, day: sat, slot: am}
rules: {lift_to_key_hours: false, no_heavy_legs_day_after_key: false,
        no_back_to_back_hard: false, max_hard_days: 7}
variants:
  moved:
    fixed:
      - {session: intervals, day: tue, slot: am}
      - {session: lower_strength, day: wed, slot: pm}
      - {session: hills, day: thu, slot: am}
      - {session: long_run, day: sat, slot: am}
  same:
    weights: {balance: 2}
"""


def test_hand_checked_pair(tmp_path):
    path = tmp_path / "pinned.yaml"
    path.write_text(PINNED, encoding="utf-8")
    diffs = comparison_diff(compare(build_alternatives([path]), workers=1))
    moved, same = diffs
    assert (moved.label, moved.baseline) == ("moved", "base")
    assert moved.lines == [
        "core: removed from mon pm",
        "lower_strength: tue pm → wed pm",
        "hills: added on thu am",
    ]
    change = moved.changes[1].to_dict()
    assert change["from"] == {"day": 1, "weekday": "tue", "slot": "pm", "start": "18:00"}
    assert change["to"] == {"day": 2, "weekday": "wed", "slot": "pm", "start": "18:00"}
    assert same.changes == []
    assert same.lines == ["same layout"]


def test_sessions_of_one_type_pair_up_in_day_order():
    base = planned([(0, "am", "easy_run"), (2, "am", "easy_run"), (4, "am", "easy_run")])
    other = planned([(1, "am", "easy_run"), (2, "am", "easy_run"), (5, "pm", "easy_run")])
    assert [c.text for c in plan_changes(base, other)] == [
        "easy_run: mon am → tue am",
        "easy_run: fri am → sat pm",
    ]


def test_surplus_sessions_are_added_or_removed():
    base = planned([(0, "am", "tempo"), (3, "am", "tempo")])
    other = planned([(3, "am", "tempo"), (5, "am", "core"), (6, "pm", "core")])
    assert [c.text for c in plan_changes(base, other)] == [
        "tempo: removed from mon am",
        "core: added on sat am",
        "core: added on sun pm",
    ]


def test_alternatives_without_a_plan_say_so():
    diffs = comparison_diff(comparison(a=planned(), b=infeasible(), c=planned()))
    assert [d.label for d in diffs] == ["b", "c"]
    assert diffs[0].lines == ["this alternative has no plan (infeasible)"]
    assert diffs[1].lines == ["same layout"]
    diffs = comparison_diff(comparison(a=infeasible(), b=planned()))
    assert diffs[0].lines == ["the baseline has no plan (infeasible)"]
    assert diffs[0].to_dict()["note"] == "the baseline has no plan (infeasible)"
