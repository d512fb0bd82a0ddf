"""The comparison DataFrame: values from each result, best marks, layout and no-plan rows."""

from __future__ import annotations

from compare_fakes import comparison, infeasible, planned

from runlift.compare.table import (
    CONFLICT,
    EMPTY_DAY,
    INVALID,
    LEGEND,
    MISSED,
    RELAXATION,
    build_table,
)

MIN_GAP = "min lift-to-key gap (h)"  # the row's name as printed


def test_rows_and_values_come_from_the_results():
    a = planned([(1, "am", "intervals"), (1, "pm", "lower_strength"), (3, "am", "tempo")],
                total=12, terms={"balance": 9, "spread": 3}, weekly=2400, peak=760,
                monotony=1.19, strain=2957.2, hard=3, rest=2, gap=36.33)
    table = build_table(comparison(a=a))
    column = table.frame["a"]
    assert list(table.frame.index[:16]) == [
        "status", "objective", "objective.balance", "objective.spread", MISSED, "weekly load",
        "peak daily load", "monotony", "strain", "hard days", "rest days", MIN_GAP,
        "mon", "tue", "wed", "thu"]
    assert column["status"] == "optimal"
    assert (column["objective"], column["objective.balance"], column["objective.spread"]) == (
        12, 9, 3)
    assert column[MISSED] == 0
    assert (column["weekly load"], column["peak daily load"]) == (2400, 760)
    assert (column["monotony"], column["strain"]) == (1.19, 2957.2)
    assert (column["hard days"], column["rest days"], column[MIN_GAP]) == (3, 2, 36.33)
    assert column["tue"] == "intervals · lower_strength"
    assert column["thu"] == "tempo"
    assert column["mon"] == EMPTY_DAY
    assert table.day_rows == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    assert CONFLICT not in table.frame.index


def test_terms_follow_the_weights_order_then_soft_rules():
    a = planned(terms={"spread": 1, "max_hard_days": 4})
    b = planned(terms={"preferences": 2, "balance": 5, "min_rest_days": 1})
    rows = build_table(comparison(a=a, b=b)).metric_rows
    assert rows[:6] == ["objective", "objective.balance", "objective.preferences",
                        "objective.spread", "objective.max_hard_days", "objective.min_rest_days"]
    frame = build_table(comparison(a=a, b=b)).frame
    assert frame.at["objective.balance", "a"] is None
    assert frame.at["objective.max_hard_days", "b"] is None


def test_best_is_marked_only_where_one_way_is_better():
    a = planned(total=10, weekly=900, peak=300, monotony=1.2, strain=1100.0, hard=2, rest=1,
                gap=24.0)
    b = planned(total=12, weekly=1000, peak=280, monotony=1.4, strain=1000.0, hard=3, rest=2,
                gap=48.0)
    best = build_table(comparison(a=a, b=b)).best
    assert best["objective"] == ["a"]
    assert best["peak daily load"] == ["b"]
    assert best["monotony"] == ["a"]
    assert best["strain"] == ["b"]
    assert best["rest days"] == ["b"]
    assert best[MIN_GAP] == ["b"]
    # More load, or more hard days, is what the week asks for: neither way is better.
    assert "weekly load" not in best and "hard days" not in best
    assert set(best) == {"objective", "objective.balance", MISSED, "peak daily load",
                         "monotony", "strain", "rest days", MIN_GAP}


def test_fewer_missed_preferences_is_better():
    a = planned(total=10, missed=2)
    b = planned(total=12, missed=0)
    table = build_table(comparison(a=a, b=b))
    assert table.frame.at[MISSED, "a"] == 2
    assert table.best[MISSED] == ["b"]


def test_the_legend_says_which_way_each_marked_row_ranks():
    assert LEGEND.startswith("{mark} best in its row, ties included. Lowest: objective and "
                             "its terms, missed preferences, peak daily load, monotony, strain. "
                             "Highest: rest days, min lift-to-key gap")
    assert LEGEND.endswith("Not marked, as neither way is better: weekly load, hard days")


def test_a_lone_plan_is_not_marked_best():
    table = build_table(comparison(a=planned(total=5), b=infeasible()))
    assert table.best == {}


def test_ties_are_all_marked():
    best = build_table(comparison(a=planned(total=5), b=planned(total=5),
                                  c=planned(total=6))).best
    assert best["objective"] == ["a", "b"]


def test_no_heavy_legs_before_a_key_run_is_the_best_gap():
    best = build_table(comparison(a=planned(gap=72.0), b=planned(gap=None))).best
    assert best[MIN_GAP] == ["b"]


def test_infeasible_alternatives_show_why_and_take_no_part_in_best():
    table = build_table(comparison(a=planned(total=50), b=infeasible(),
                                   c=infeasible("unknown"), d=planned(total=60, gap=12.0)))
    frame = table.frame
    assert frame.at["status", "b"] == "infeasible"
    assert frame.at["objective", "b"] is None
    assert frame.at["tue", "b"] is None
    assert frame.at[CONFLICT, "b"] == "taper_days: no heavy legs before the race"
    assert frame.at[RELAXATION, "b"] == "set taper_days to 5"
    assert frame.at[CONFLICT, "c"] == "no plan found within the time limit"
    assert frame.at[CONFLICT, "a"] is None
    assert table.best["objective"] == ["a"]
    assert table.best[MIN_GAP] == ["a"]
    assert table.planned == ["a", "d"]


def test_days_named_differently_fall_back_to_indices():
    shifted = ["tue", "wed", "thu", "fri", "sat", "sun", "mon"]
    two_weeks = [f"{d} {i}" for i, d in enumerate(["mon", "tue", "wed", "thu", "fri", "sat",
                                                    "sun"] * 2)]
    table = build_table(comparison(
        a=planned([(0, "am", "easy_run")]),
        b=planned([(0, "pm", "tempo")], days=shifted),
        c=planned([(13, "am", "long_run")], days=two_weeks)))
    assert table.day_rows[0] == "day 0"
    assert table.frame.at["day 0", "a"] == "mon: easy_run"
    assert table.frame.at["day 0", "b"] == "tue: tempo"
    assert table.day_rows[13] == "sun 13"
    assert table.frame.at["sun 13", "c"] == "long_run"
    assert table.frame.at["sun 13", "a"] is None


def test_a_metric_without_direction_gets_no_mark(monkeypatch):
    from dataclasses import replace

    from runlift.compare import table as table_module
    from runlift.render.metrics import Better

    rows = dict(table_module.METRIC_ROWS)
    rows["weekly load"] = replace(rows["weekly load"], better=Better.neither)
    monkeypatch.setattr(table_module, "METRIC_ROWS", rows)
    table = build_table(comparison(a=planned(weekly=900), b=planned(weekly=1000)))
    assert "weekly load" not in table.best
    assert table.best["objective"] == ["a", "b"]
    assert table.frame.at["weekly load", "a"] == 900


def test_an_invalid_alternative_is_a_column_that_says_why_and_nothing_else():
    from compare_fakes import INVALID_WHY

    table = build_table(comparison(a=planned(total=5), bad=None, b=planned(total=7)))
    frame = table.frame
    assert list(frame.index[:2]) == ["status", INVALID]
    assert frame.at["status", "bad"] == INVALID
    assert frame.at[INVALID, "bad"] == INVALID_WHY
    assert frame.at[INVALID, "a"] is None
    assert all(frame.at[row, "bad"] is None for row in frame.index[2:])
    assert table.planned == ["a", "b"]
    assert table.best["objective"] == ["a"]
    assert CONFLICT not in frame.index  # an invalid alternative is not one without a plan


def test_only_valid_alternatives_have_no_invalid_row():
    assert INVALID not in build_table(comparison(a=planned(), b=infeasible())).frame.index
