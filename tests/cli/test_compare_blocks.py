"""`runlift compare` on block files: the table side by side with best marks in their
directions, every format, what `runlift block` says of each alternative, and one-line
errors (mixed kinds, bad --vary paths, invalid alternatives) with exit 2."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parents[2]
BLOCKS = ROOT / "tests" / "data" / "blocks"
SHORT = BLOCKS / "short-build.yaml"
EASY = BLOCKS / "four-easy-weeks.yaml"
WEEK = ROOT / "scenarios" / "half-marathon-build.yaml"


def run(*args: str | Path) -> Result:
    from runlift.cli.main import main

    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def table_rows(text: str) -> dict[str, list[str]]:
    """The rich table's rows by name (a wrapped cell's first line)."""
    rows: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.startswith("│"):
            name, *cells = (c.strip() for c in line.split("│")[1:-1])
            if name:
                rows[name] = cells
    return rows


def md_rows(text: str) -> dict[str, list[str]]:
    """The Markdown table's rows by name; the header row is named ''."""
    lines = [line for line in text.splitlines() if line.startswith("|")]
    return {cells[0]: cells[1:] for cells in
            ([c.strip() for c in line.strip("|").split("|")]
             for line in lines if not line.startswith("|---"))}


def test_two_block_files_side_by_side():
    result = run("compare", SHORT, EASY)
    assert result.exit_code == 0, result.output
    rows = table_rows(result.stdout)
    assert rows["status"] == ["optimal", "optimal"]
    ctl = [float(c.rstrip("*")) for c in rows["race-day CTL"]]
    # The higher CTL carries the mark; the peak week load (neither way is better) never
    # does, nor TSB without a race_form band.
    assert [c.endswith("*") for c in rows["race-day CTL"]] == [v == max(ctl) for v in ctl]
    assert not any(c.endswith("*") for c in rows["peak week load"])
    assert not any(c.endswith("*") for c in rows["race-day TSB"])
    assert [rows[f"week {n}"][1] != "" for n in range(1, 6)] == [True] * 4 + [False]
    assert rows["week 4"][0].endswith("deload") and rows["week 5"][0].endswith("taper, race")
    assert rows["guardrail ramp_pct"][0].startswith("holds; tightest week")
    assert "best in its row, ties included. Highest: race-day CTL." in result.stdout
    assert "Not marked, as neither way is better: peak week load" in result.stdout


def test_vary_ramp_pct_marks_the_best_in_bold():
    result = run("compare", SHORT, "--vary", "progression.ramp_pct=10,15", "--format", "md")
    assert result.exit_code == 0, result.output
    rows = md_rows(result.stdout)
    assert rows[""] == ["progression.ramp_pct=10", "progression.ramp_pct=15"]
    ctl = [float(c.strip("*")) for c in rows["race-day CTL"]]
    assert ctl[1] >= ctl[0]  # a faster ramp builds at least as much fitness
    assert [c.startswith("**") for c in rows["race-day CTL"]] == [v == max(ctl) for v in ctl]
    weekly = [int(c.strip("*")) for c in rows["weekly objectives"]]
    assert [c.startswith("**") for c in rows["weekly objectives"]] == [
        v == min(weekly) for v in weekly]
    assert [f"week {n}" in rows for n in range(1, 6)] == [True] * 5


def test_json_holds_what_runlift_block_prints_for_each_alternative():
    result = run("compare", SHORT, EASY, "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["labels"] == ["short-build.yaml", "four-easy-weeks.yaml"]
    assert document["table"]["status"] == {"short-build.yaml": "optimal",
                                           "four-easy-weeks.yaml": "optimal"}
    for path, alternative in zip((SHORT, EASY), document["alternatives"], strict=True):
        alone = run("block", path, "--format", "json")
        assert alternative["result"] == json.loads(alone.stdout)
        assert alternative["source"] == str(path)


def test_csv_and_html_of_blocks():
    csv_text = run("compare", SHORT, EASY, "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(csv_text)))
    assert rows[0] == ["row", "short-build.yaml", "four-easy-weeks.yaml"]
    assert [r[0] for r in rows if r[0].startswith("week ")] == [f"week {n}" for n in
                                                                  range(1, 6)]
    html = run("compare", SHORT, EASY, "--diff", "--format", "html").stdout
    assert html.startswith("<!doctype html>")
    assert '<section id="weeks">' in html and "&#9733; best" in html
    assert "Changes from short-build.yaml (the baseline)" in html


def one_line_error(result: Result) -> str:
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert "\n" not in line and "Traceback" not in result.output
    assert line.startswith("runlift: error: ")
    return line


def test_a_week_and_a_block_cannot_be_compared():
    line = one_line_error(run("compare", WEEK, SHORT))
    assert line == (f"runlift: error: {SHORT}: is a block file, but {WEEK} is a week (a "
                    "scenario file): compare weeks with weeks, or blocks with blocks")


def test_a_bad_vary_path_on_a_block_is_one_line():
    line = one_line_error(run("compare", SHORT, "--vary", "scale.long_run.minutes.5=90"))
    assert line == (f"runlift: error: {SHORT}: scale.long_run.minutes.5: alternative "
                    "'scale.long_run.minutes.5=90': scale.long_run.minutes has 2 entries: "
                    "there is no entry 5")
    line = one_line_error(run("compare", SHORT, "--vary", "progression.ramp_pct"))
    assert "expected PATH=VALUE[,VALUE...]" in line


def test_an_invalid_alternative_is_named_with_its_field():
    line = one_line_error(run("compare", SHORT, "--vary", "race.date=2027-02-01,2027-01-01"))
    assert line.startswith(f"runlift: error: {SHORT}: race.date: alternative "
                           "'race.date=2027-02-01': the race on 2027-02-01 is before the "
                           "block starts (2027-03-01)")


@pytest.mark.parametrize("fmt", ["table", "md", "csv", "json", "html"])
def test_an_invalid_block_is_a_column_that_says_why(fmt):
    result = run("compare", SHORT, "--vary", "race.date=2027-04-04,2027-02-01", "--diff",
                 "--format", fmt)
    assert result.exit_code == 0, result.stderr
    why = "race.date: the race on 2027-02-01 is before the block starts (2027-03-01)"
    text = result.stdout
    if fmt == "json":
        document = json.loads(text)
        good, bad = document["alternatives"]
        assert bad["result"] is None and bad["invalid"] == why
        assert good["result"]["status"] == "optimal"
        assert document["diff"][0]["note"] == "this alternative is invalid"
    elif fmt == "csv":
        rows = {row[0]: row[1:] for row in csv.reader(io.StringIO(text))}
        assert rows["status"] == ["optimal", "invalid"]
        assert rows["invalid"] == ["", why]
        assert rows["week 1"][1] == ""
    elif fmt == "md":
        rows = md_rows(text)
        assert rows["status"] == ["optimal", "invalid"]
        assert rows["invalid"] == ["", why]
        assert "# Comparison of 2 alternatives" in text
    elif fmt == "html":
        assert "status-invalid" in text and "this alternative is invalid" in text
    else:
        rows = table_rows(text)
        assert rows["status"] == ["optimal", "invalid"]
        assert rows["invalid"][1].startswith("race.date: the race on")
        assert "this alternative is invalid" in text  # the diff's note
        assert "Comparison of 2 alternatives" in text
