"""`runlift block` and `runlift block check` from the command line: formats, --week,
--out, exit codes, the block schema, and one line for bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner, Result

from runlift.scenario.loading import read_document

ROOT = Path(__file__).resolve().parents[2]
BLOCKS = ROOT / "scenarios" / "blocks"
SMALL = {"name": "Small", "start": "2027-01-04", "weeks": 3,
         "week": {"sessions": {"easy_run": 2, "long_run": 1, "lower_strength": 1}},
         "scale": {"long_run": {"minutes": [60, 100], "step": 10}}}


def run(*args: str | Path) -> Result:
    from runlift.cli.main import main

    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(yaml.safe_dump(SMALL), encoding="utf-8")
    return path


def test_the_table_says_the_status_and_what_it_means(small: Path) -> None:
    result = run("block", small)
    assert result.exit_code == 0
    first = result.output.splitlines()[0]
    assert first.startswith("Small: optimal (the block level and every week are proven")
    assert "Guardrails" in result.output and "ramp_pct" in result.output
    assert "fitness (CTL) after the last day" in result.output


def test_json_is_the_block_result(small: Path) -> None:
    data = json.loads(run("block", small, "--format", "json").output)
    assert data["status"] == "optimal" and data["length"] == 3
    assert [w["week"] for w in data["weeks"]] == [1, 2, 3]
    assert {"date", "load", "ctl", "atl", "tsb"} == set(data["daily"][0])
    assert {"name", "week", "value", "limit", "ok"} <= set(data["guardrails"][0])
    assert "timings" not in data


def test_csv_and_md(small: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(run("block", small, "--format", "csv").output)))
    assert rows and {r["week"] for r in rows} == {"1", "2", "3"}
    assert rows[0]["date"].startswith("2027-01-")
    md = run("block", small, "--format", "md").output
    assert md.startswith("# Small\n") and "| week | phase | load |" in md


def test_week_prints_one_week_in_full(small: Path) -> None:
    result = run("block", small, "--week", "2")
    assert result.exit_code == 0
    assert "Small, week 2 (base): optimal" in result.output
    assert "Metrics" in result.output
    bad = run("block", small, "--week", "9")
    assert bad.exit_code == 2 and "the block has 3 weeks" in bad.output


def test_ics_holds_every_week_with_stable_uids(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "block.ics"
    assert run("block", small, "--format", "ics", "--tz", "UTC", "--out", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    planned = json.loads(run("block", small, "--format", "json").output)["weeks"]
    sessions = sum(len(w["result"]["plan"]) for w in planned)
    assert sessions == 3 * 5  # the base phase builds strength: two leg days a week
    assert text.count("BEGIN:VEVENT") == sessions
    again = run("block", small, "--format", "ics", "--tz", "UTC").output
    uids = [line for line in text.splitlines() if line.startswith("UID:")]
    assert uids == [line for line in again.splitlines() if line.startswith("UID:")]
    assert len(set(uids)) == sessions


def test_an_infeasible_block_exits_1_with_its_explanation() -> None:
    result = run("block", BLOCKS / "trip-before-deload.yaml")
    assert result.exit_code == 1
    assert "ramp_pct" in result.output and "Changes that make it work" in result.output
    ics = run("block", BLOCKS / "trip-before-deload.yaml", "--format", "ics")
    assert ics.exit_code == 1


def test_block_check_exits_1_on_a_breach(small: Path, tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text(run("block", small, "--format", "json").output, encoding="utf-8")
    assert run("block", "check", small, plan).exit_code == 0
    data = json.loads(plan.read_text(encoding="utf-8"))
    data["weeks"][1]["result"]["plan"].pop()
    plan.write_text(json.dumps(data), encoding="utf-8")
    checked = run("block", "check", small, plan, "--format", "json")
    assert checked.exit_code == 1
    assert any(v.startswith("week 2: sessions: ") for v in json.loads(checked.output)[
        "violations"])


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("start: 2027-01-04\nweeks: 4\nscale: {long_run: {minutes: [90, 60]}}\n",
                    encoding="utf-8")
    result = run("block", path)
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert result.output.startswith(f"runlift: error: {path}:3: scale.long_run.minutes:")
    missing = run("block", tmp_path / "nope.yaml")
    assert missing.exit_code == 2 and "Traceback" not in missing.output


def test_the_block_schema_validates_the_examples() -> None:
    result = run("schema", "--block")
    schema = json.loads(result.output)
    assert "race" in schema["properties"] and "progression" in schema["properties"]
    for path in sorted(BLOCKS.glob("*.yaml")):
        jsonschema.validate(read_document(path)[0], schema)
