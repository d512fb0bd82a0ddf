"""`runlift block FILE --format html`: the report written with --out, or printed; the
same block gives the same bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from html_kit import assert_self_contained, outline

ROOT = Path(__file__).resolve().parents[2]
MARATHON = ROOT / "scenarios" / "blocks" / "marathon-16.yaml"


def run(*args: str | Path) -> Result:
    from runlift.cli.main import main

    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[Result, Path]:
    out = tmp_path_factory.mktemp("block") / "block.html"
    return run("block", MARATHON, "--format", "html", "--out", out), out


def test_out_writes_the_report_with_its_charts(written):
    result, out = written
    assert result.exit_code == 0, result.output
    assert result.output == ""  # the report went to the file
    html = out.read_text(encoding="utf-8")
    assert_self_contained(html)
    doc = outline(html)
    assert doc.count("svg", "block-chart") == 4  # weekly load and fitness, screen and phone
    assert doc.count("rect", "week-bar") == 2 * 16
    for key in ("ctl", "atl", "tsb"):
        assert doc.count("polyline", f"line-{key}") == 2
    assert doc.count("line", "race-day") == 2
    assert doc.count("details", "block-week") == 16
    assert "<h1>Spring marathon 2027</h1>" in html


def test_the_same_block_gives_the_same_bytes_on_stdout(written):
    _, out = written
    again = run("block", MARATHON, "--format", "html")
    assert again.exit_code == 0
    assert again.output == out.read_text(encoding="utf-8")


def test_a_block_without_a_plan_writes_its_clash_and_exits_1(tmp_path):
    block = tmp_path / "light.yaml"
    block.write_text("name: Light\nstart: 2027-01-04\nweeks: 4\n"
                     "week: {sessions: {easy_run: 3, long_run: 1, tempo: 1}}\n"
                     "progression: {deload_every: 3, deload_pct: [10, 20]}\n", encoding="utf-8")
    out = tmp_path / "light.html"
    result = run("block", block, "--format", "html", "--out", out)
    assert result.exit_code == 1
    doc = outline(out.read_text(encoding="utf-8"))
    assert doc.count("ul", "conflicts") == 1 and doc.count("ul", "relax") == 1
    assert doc.count("svg") == 0
