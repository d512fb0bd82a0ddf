"""The four formats of a comparison, all read from the same DataFrame."""

from __future__ import annotations

import csv
import io
import json

from compare_fakes import comparison, infeasible, planned

from runlift.compare.render import render_comparison

MIN_GAP = "min lift-to-key gap (h)"  # the row's name as printed


def sample():
    return comparison(
        stack=planned([(1, "am", "intervals"), (1, "pm", "lower_strength")], total=80,
                      monotony=1.19, gap=None),
        separate=planned([(1, "am", "intervals"), (2, "pm", "lower_strength")], total=95,
                         monotony=1.25, gap=60.5),
        tight=infeasible(),
    )


def rows_of(text: str) -> dict[str, list[str]]:
    """Table rows by their first cell (the rich table's columns split on │)."""
    rows = {}
    for line in text.splitlines():
        if line.startswith("│"):
            cells = [c.strip() for c in line.strip("│").split("│")]
            if cells[0]:
                rows[cells[0]] = cells[1:]
    return rows


def test_table_marks_the_best_and_shows_the_conflict():
    text = render_comparison(sample(), "table")
    rows = rows_of(text)
    assert rows["status"] == ["optimal", "optimal", "infeasible"]
    assert rows["objective"] == ["80*", "95", ""]
    assert rows["monotony"] == ["1.19*", "1.25", ""]
    assert rows[MIN_GAP] == ["none*", "60.5", ""]
    assert rows["tue"] == ["intervals · lower_strength", "intervals", ""]
    assert rows["wed"] == ["—", "lower_strength", ""]
    assert rows["conflict"][2].startswith("taper_days: no heavy")
    assert rows["relaxation"][2] == "set taper_days to 5"
    assert "* best in its row" in text
    assert "Changes from" not in text
    assert all(line == line.rstrip() for line in text.splitlines())


def test_table_with_diff_lists_the_moves():
    text = render_comparison(sample(), "table", diff=True)
    tail = text[text.index("Changes from stack (the baseline):"):].splitlines()
    assert tail[1:] == [
        "  separate:",
        "    lower_strength: tue pm → wed pm",
        "  tight: this alternative has no plan (infeasible)",
    ]


def test_markdown_bolds_the_best():
    text = render_comparison(sample(), "md", diff=True)
    lines = text.splitlines()
    assert "|  | stack | separate | tight |" in lines
    assert "| objective | **80** | 95 |  |" in lines
    assert "| rest days | **1** | **1** |  |" in lines
    assert "- lower_strength: tue pm → wed pm" in lines
    assert "### tight" in lines


def test_csv_is_the_frame_with_the_diff_row():
    rows = list(csv.reader(io.StringIO(render_comparison(sample(), "csv", diff=True))))
    assert rows[0] == ["row", "stack", "separate", "tight"]
    by_name = {row[0]: row[1:] for row in rows[1:]}
    assert by_name["objective"] == ["80", "95", ""]
    assert by_name["monotony"] == ["1.19", "1.25", ""]
    assert by_name[MIN_GAP] == ["", "60.5", ""]
    assert by_name["changes from stack"] == [
        "", "lower_strength: tue pm → wed pm", "this alternative has no plan (infeasible)"]
    plain = list(csv.reader(io.StringIO(render_comparison(sample(), "csv"))))
    assert plain == rows[:-1]


def test_json_holds_the_table_best_and_every_full_result():
    data = json.loads(render_comparison(sample(), "json"))
    assert data["baseline"] == "stack"
    assert data["labels"] == ["stack", "separate", "tight"]
    assert data["table"]["objective"] == {"stack": 80, "separate": 95, "tight": None}
    assert data["table"]["tue"]["stack"] == "intervals · lower_strength"
    assert data["best"]["objective"] == ["stack"]
    assert data["best"][MIN_GAP] == ["stack"]
    results = sample().results
    assert [a["result"] for a in data["alternatives"]] == [
        json.loads(r.to_json()) for r in results]
    assert data["alternatives"][2]["result"]["conflicts"][0]["rule"] == "taper_days"
    assert "diff" not in data
    with_diff = json.loads(render_comparison(sample(), "json", diff=True))
    assert with_diff["diff"][0]["changes"][0]["text"] == "lower_strength: tue pm → wed pm"


def test_output_is_deterministic():
    assert render_comparison(sample(), "json", diff=True) == render_comparison(
        sample(), "json", diff=True)


def test_the_legend_names_every_metric_where_higher_is_better():
    from runlift.compare.table import LEGEND
    from runlift.render.metrics import LISTED, Better

    higher = [m.label for m in LISTED if m.better is Better.higher]
    assert higher and all(label in LEGEND for label in higher)


def test_the_title_counts_in_the_singular_and_the_plural():
    one = comparison(a=planned())
    assert render_comparison(one, "table").startswith("Comparison of 1 alternative\n")
    assert render_comparison(one, "md").startswith("# Comparison of 1 alternative\n")
    assert "<h1>Comparison of 1 alternative</h1>" in render_comparison(one, "html")
    assert render_comparison(sample(), "md").startswith("# Comparison of 3 alternatives\n")


def test_an_invalid_alternative_in_every_format():
    from compare_fakes import INVALID_WHY

    both = comparison(bad=None, a=planned(total=5), b=planned(total=6))
    document = json.loads(render_comparison(both, "json", diff=True))
    bad = document["alternatives"][0]
    assert bad["invalid"] == INVALID_WHY and bad["result"] is None
    assert document["table"]["status"]["bad"] == "invalid"
    assert document["legend"].startswith("best in its row, ties included. Lowest: objective")
    assert [d["note"] for d in document["diff"]] == ["the baseline is invalid"] * 2
    rows = rows_of(render_comparison(both, "table"))
    assert rows["status"] == ["invalid", "optimal", "optimal"]
    assert rows["objective"] == ["", "5*", "6"]
    md = render_comparison(both, "md")
    assert f"| invalid | {INVALID_WHY} |  |  |" in md
    records = list(csv.reader(io.StringIO(render_comparison(both, "csv"))))
    assert ["invalid", INVALID_WHY, "", ""] in records
    html = render_comparison(both, "html")
    assert '<span class="status status-invalid">invalid</span>' in html
    assert "Not solved: this alternative is invalid." in html
