"""The comparison report: metric table with best marks, a week grid per alternative."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from html_kit import assert_self_contained, outline

from runlift.cli.main import main
from runlift.compare import build_alternatives, build_table, compare, render_comparison

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def comparison():
    files = [SCENARIOS / "legs-stack.yaml", SCENARIOS / "unsolvable-race-week.yaml"]
    return compare(build_alternatives(files, ["rules.legs_policy=any,stack"]), workers=1)


def test_every_alternative_side_by_side_with_best_values_marked(comparison):
    html = render_comparison(comparison, "html", diff=True)
    assert_self_contained(html)
    doc = outline(html)
    table = build_table(comparison)
    labels = comparison.labels
    assert len(labels) == 4
    text = " ".join(doc.text)
    for label in labels:
        assert label in text
    # One marked cell per (row, best label) pair of the table the other formats print.
    assert doc.count("td", "best") == sum(len(v) for v in table.best.values())
    assert text.count("★ best") == doc.count("td", "best") + 1  # and once in the legend
    assert doc.count("section", "alternative") == 4
    planned = [r for r in comparison.results if r.has_plan]
    assert len(planned) == 2
    assert doc.count("table", "week") == 2
    assert doc.count("span", "block") >= 2 * sum(len(r.plan) for r in planned)
    assert doc.count("ul", "conflicts") == 2
    assert "Changes from" in text and "→" in text


def test_the_same_values_as_the_table_format(comparison):
    html = render_comparison(comparison, "html")
    table = build_table(comparison)
    text = " ".join(outline(html).text)
    for label in table.planned:
        assert f"{table.frame.at['objective', label]}" in text
        assert f"{table.frame.at['monotony', label]:g}" in text


def test_hostile_variant_names_are_escaped(tmp_path):
    scenario = tmp_path / "week.yaml"
    scenario.write_text(
        "name: Week\nsessions: {easy_run: 2, lower_strength: 1, tempo: 1}\n"
        f"variants:\n  '{SCRIPT}': {{rules: {{legs_policy: stack}}}}\n", encoding="utf-8")
    result = build_alternatives([scenario])
    html = render_comparison(compare(result, workers=1), "html")
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert SCRIPT in " ".join(outline(html).text)
    assert_self_contained(html)


def test_cli_writes_the_report(tmp_path):
    out = tmp_path / "compare.html"
    result = CliRunner().invoke(main, [
        "compare", str(SCENARIOS / "legs-stack.yaml"), "--vary",
        "rules.legs_policy=any,stack,separate", "--format", "html", "--out", str(out),
        "--workers", "1"])
    assert result.exit_code == 0, result.output
    doc = outline(out.read_text(encoding="utf-8"))
    assert doc.count("section", "alternative") == 3
