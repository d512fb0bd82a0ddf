"""`runlift replan` from the command line: formats, exit codes, a block, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "scenarios" / "half-marathon-build.yaml"
LOG = [{"date": "2027-03-02", "slot": "am", "session": "intervals", "status": "moved",
        "to_date": "2027-03-04", "to_slot": "am"},
       {"date": "2027-03-01", "slot": "pm", "session": "easy_run", "status": "missed"}]


def run(*args: str | Path) -> Result:
    from runlift.cli.main import main

    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("replan")
    plan = folder / "plan.json"
    plan.write_text(run("solve", MAIN, "--format", "json").output, encoding="utf-8")
    log = folder / "log.yaml"
    log.write_text(yaml.safe_dump(LOG), encoding="utf-8")
    return plan, log


def test_the_table_names_every_change_and_its_reason(files: tuple[Path, Path]) -> None:
    plan, log = files
    result = run("replan", MAIN, plan, "--log", log, "--today", "2027-03-03")
    assert result.exit_code == 0
    assert "re-planned from wed 03-03: optimal" in result.output
    assert "intervals-1: moved tue 03-02 am -> thu 03-04 am: moved in the log" in result.output
    assert "tempo-1: dropped from thu 03-04 am: its slot now holds intervals" in result.output
    assert "taken as done as planned" in result.output


def test_json_is_a_plan_replan_can_follow_again(files: tuple[Path, Path], tmp_path: Path
                                                ) -> None:
    plan, log = files
    out = tmp_path / "replanned.json"
    assert run("replan", MAIN, plan, "--log", log, "--today", "2027-03-03", "--format",
               "json", "--out", out).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["counts"]["changes"] == 1 and data["status"] == "optimal"
    assert [e["id"] for e in data["plan"]] and all(e["id"] for e in data["plan"])
    # the next replan follows the replanned week; its log says what happened since
    since = tmp_path / "since.yaml"
    since.write_text("- {date: 2027-03-04, slot: am, session: intervals, status: done}\n",
                     encoding="utf-8")
    again = run("replan", MAIN, out, "--log", since, "--today", "2027-03-05", "--format",
                "json")
    assert again.exit_code == 0, again.output
    moved = {e["id"]: e["sequence"] for e in json.loads(again.output)["plan"]}
    assert moved["intervals-1"] >= 1


def test_md_and_ics(files: tuple[Path, Path]) -> None:
    plan, log = files
    md = run("replan", MAIN, plan, "--log", log, "--today", "2027-03-03", "--format", "md")
    assert md.output.startswith("# Half-marathon build, week 5\n") and "## Changes" in md.output
    ics = run("replan", MAIN, plan, "--log", log, "--today", "2027-03-03", "--format", "ics",
              "--tz", "UTC").output
    assert "STATUS:CANCELLED" in ics and "SEQUENCE:1" in ics


@pytest.mark.parametrize(("args", "says"), [
    (("--today", "2027-04-01"), "--today 2027-04-01 is outside the plan's days"),
    (("--today", "2027-03-03", "--keep-order", "rest"), "expected the three classes"),
])
def test_bad_input_is_one_line_and_exit_2(files: tuple[Path, Path], args: tuple, says: str
                                          ) -> None:
    plan, log = files
    result = run("replan", MAIN, plan, "--log", log, *args)
    assert result.exit_code == 2
    assert says in result.output and "Traceback" not in result.output


def test_a_log_row_the_plan_does_not_hold(files: tuple[Path, Path], tmp_path: Path) -> None:
    plan, _ = files
    log = tmp_path / "log.yaml"
    log.write_text("- {date: 2027-03-02, slot: pm, session: tempo, status: done}\n",
                   encoding="utf-8")
    result = run("replan", MAIN, plan, "--log", log, "--today", "2027-03-03")
    assert result.exit_code == 2
    assert result.output.startswith(f"runlift: error: {log}:1: 0.session: the plan holds no "
                                    "tempo in pm on that day")


def test_a_block_replans_its_week_and_the_later_ones(tmp_path: Path) -> None:
    block = tmp_path / "block.yaml"
    block.write_text(yaml.safe_dump({
        "name": "Small", "start": "2027-01-04", "weeks": 3,
        "week": {"sessions": {"easy_run": 2, "long_run": 1, "lower_strength": 1}},
        "scale": {"long_run": {"minutes": [60, 120], "step": 10}},
        "progression": {"ramp_pct": 5, "deload_every": False}}), encoding="utf-8")
    plan = tmp_path / "plan.json"
    plan.write_text(run("block", block, "--format", "json").output, encoding="utf-8")
    week1 = json.loads(plan.read_text())["weeks"][0]["result"]["plan"]
    log = tmp_path / "log.yaml"
    log.write_text(yaml.safe_dump([{"date": e["date"], "slot": e["slot"],
                                    "session": e["session"], "status": "missed"}
                                   for e in week1 if e["date"] < "2027-01-08"]))
    result = run("replan", block, plan, "--log", log, "--today", "2027-01-08", "--format",
                 "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["scenario"].startswith("Small, week 1")
    assert [w["week"] for w in data.get("later", [])] in ([], [2, 3])
    assert any("later weeks" in n for n in data["notes"])
