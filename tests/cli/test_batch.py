"""`runlift batch` and `runlift squad-example` from the command line: exit codes, one-line
errors without half-written output, the closing line, and the generator."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from click.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parents[2]
QUICK = """\
squad: Quick
defaults:
  week_start: 2027-03-01
  sessions: {easy_run: 3, long_run: 1, core: 1}
group_sessions:
  - {name: Track night, session: intervals, day: tue, slot: pm}
athletes:
  - {name: Ana, unavailable: [mon]}
  - {name: Ben Ó'Neil, race_date: 2027-03-28}
  - {name: Chen, skip: [Track night]}
"""


def run(*args: str | Path) -> Result:
    from runlift.cli.main import main

    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def squad(tmp_path: Path, text: str = QUICK) -> Path:
    path = tmp_path / "squad.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_every_athlete_planned_exits_0(tmp_path: Path) -> None:
    out = tmp_path / "plans"
    result = run("batch", squad(tmp_path), "--out", out, "--workers", "2", "--no-progress")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        ".runlift-batch", "ana.json", "ben-óneil.json", "chen.json", "summary.csv"]
    assert "3 of 3 athletes planned; solved 3, kept 0 from an earlier run" in result.stderr
    again = run("batch", squad(tmp_path), "--out", out, "--resume", "--no-progress")
    assert again.exit_code == 0 and "solved 0, kept 3 from an earlier run" in again.stderr


def test_some_athletes_without_a_plan_exit_1(tmp_path: Path) -> None:
    text = QUICK + "  - {name: Dara, sessions: {easy_run: -2}}\n"
    result = run("batch", squad(tmp_path, text), "--out", tmp_path / "plans", "--no-progress")
    assert result.exit_code == 1
    assert "3 of 4 athletes planned, 1 without a plan" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("text", "message"), [
    ("athletes: [{name: Ana}, {name: Ana}]", "athletes.1.name: two athletes are named 'Ana'"),
    ("athletes: [{name: Ana}]\nbase: missing.yaml", "base: base scenario"),
    ("athletes: {name: Ana}", "athletes:"),
    ("squad: [unclosed", "invalid YAML"),
    ("", "the file is empty"),
])
def test_a_bad_squad_file_exits_2_with_one_line_and_writes_nothing(
        tmp_path: Path, text: str, message: str) -> None:
    out = tmp_path / "plans"
    result = run("batch", squad(tmp_path, text + "\n"), "--out", out)
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert "\n" not in line and line.startswith(f"runlift: error: {tmp_path / 'squad.yaml'}")
    assert message in line
    assert not out.exists()


def test_missing_squad_file_and_directory_exit_2(tmp_path: Path) -> None:
    assert run("batch", tmp_path / "nope.yaml", "--out", tmp_path / "o").exit_code == 2
    assert run("batch", tmp_path, "--out", tmp_path / "o").exit_code == 2


def test_out_is_required(tmp_path: Path) -> None:
    result = run("batch", squad(tmp_path))
    assert result.exit_code == 2 and "--out" in result.output


def test_dask_backend_without_a_scheduler_is_a_usage_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DASK_SCHEDULER_ADDRESS", raising=False)
    result = run("batch", squad(tmp_path), "--out", tmp_path / "o", "--backend", "dask")
    assert result.exit_code == 2
    assert "--backend dask needs --address or DASK_SCHEDULER_ADDRESS" in result.stderr


def test_an_unreachable_scheduler_is_one_line_exit_2(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from runlift.batch.backends import DaskBackend

    monkeypatch.setattr(DaskBackend, "connect_timeout", 1.0)
    result = run("batch", squad(tmp_path), "--out", tmp_path / "o", "--backend", "dask",
                 "--address", "tcp://127.0.0.1:9")
    assert result.exit_code == 2
    assert result.stderr.startswith("runlift: error: tcp://127.0.0.1:9: cannot reach the Dask")
    assert result.stderr.count("\n") == 1


def test_squad_example_is_seeded_and_loads(tmp_path: Path) -> None:
    first = run("squad-example", "12", "--seed", "7")
    assert first.exit_code == 0
    assert run("squad-example", "12", "--seed", "7").output == first.output
    assert run("squad-example", "12", "--seed", "8").output != first.output
    data = yaml.safe_load(first.output)
    assert len(data["athletes"]) == 12 and "gym" not in data
    out = tmp_path / "squad.yaml"
    assert run("squad-example", "5", "--gym-capacity", "2", "--out", out).exit_code == 0
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["gym"]["capacity"] == 2


def test_a_generated_squad_is_planned_in_full(tmp_path: Path) -> None:
    path = tmp_path / "squad.yaml"
    run("squad-example", "10", "--seed", "3", "--out", path)
    result = run("batch", path, "--out", tmp_path / "plans", "--no-progress")
    assert result.exit_code == 0, result.stderr


def test_a_generated_squad_of_blocks_is_planned_in_full(tmp_path: Path) -> None:
    path = tmp_path / "squad.yaml"
    made = run("squad-example", "3", "--seed", "2", "--blocks", "--weeks", "5", "--out", path)
    assert made.exit_code == 0, made.output
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# A generated squad: runlift squad-example 3 --seed 2 --blocks "
                           "--weeks 5\n")
    out = tmp_path / "plans"
    result = run("batch", path, "--out", out, "--workers", "2", "--no-progress", "--ics",
                 "--html", "--tz", "Europe/Berlin")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("3 of 3 athletes planned")  # no warning line
    rows = list(csv.DictReader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8"))))
    assert [r["status"] for r in rows] == ["optimal"] * 3 and {r["weeks"] for r in rows} == {"5"}
    stems = sorted(r["file"].removesuffix(".json") for r in rows)
    assert sorted(p.stem for p in out.glob("*.ics")) == stems
    assert sorted(p.stem for p in out.glob("*.html")) == sorted([*stems, "index"])
    first = json.loads((out / rows[0]["file"]).read_text(encoding="utf-8"))
    calendar = (out / rows[0]["file"]).with_suffix(".ics").read_text(encoding="utf-8")
    assert calendar.count("BEGIN:VEVENT") == sum(len(w["result"]["plan"])
                                                 for w in first["weeks"])
    report = (out / rows[0]["file"]).with_suffix(".html").read_text(encoding="utf-8")
    assert report == run("block", _block_of(path, rows[0]["athlete"], tmp_path), "--format",
                         "html").stdout
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "race-day CTL" in index and f'href="{quote(rows[0]["file"][:-5])}.html"' in index


def _block_of(squad_file: Path, athlete: str, folder: Path) -> Path:
    """The athlete's merged block, written out as a block file."""
    from runlift.batch.squad import load_squad

    (job,) = [j for j in load_squad(squad_file).jobs if j.name == athlete]
    path = folder / "alone.json"
    path.write_text(json.dumps(job.scenario, default=str), encoding="utf-8")
    return path


def test_squad_example_blocks_have_no_gym() -> None:
    result = run("squad-example", "3", "--blocks", "--gym-capacity", "2")
    assert result.exit_code == 2 and "a squad of --blocks has no gym" in result.stderr


def test_a_squad_of_blocks_with_a_gym_exits_2(tmp_path: Path) -> None:
    text = ("squad: G\ndefaults: {start: 2027-03-01, weeks: 2}\ngym: {capacity: 1}\n"
            "athletes: [{name: Ana}]\n")
    result = run("batch", squad(tmp_path, text), "--out", tmp_path / "plans")
    assert result.exit_code == 2
    assert result.stderr == (f"runlift: error: {tmp_path / 'squad.yaml'}:3: gym: a shared gym "
                             "couples athletes week by week; a squad of blocks cannot share "
                             "one yet: plan the blocks without gym, or the weeks as a squad\n")
    assert not (tmp_path / "plans").exists()


def test_help_lists_batch_without_loading_the_solver() -> None:
    code = ("import sys; from runlift.cli.main import main; "
            "print(sorted(m for m in ('ortools', 'pandas', 'distributed', 'runlift.batch.run') "
            "if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    assert loaded.stdout.strip() == "[]"
    assert "squad-example" in run("--help").output
    assert "--resume" in run("batch", "--help").output


def test_the_readme_squad_runs_as_documented(tmp_path: Path) -> None:
    out = tmp_path / "plans"
    result = run("batch", ROOT / "scenarios" / "squads" / "riverside.yaml", "--out", out)
    assert result.exit_code == 1
    assert result.stderr.startswith("3 of 4 athletes planned, 1 without a plan; solved 4")
    assert "joint plan: optimal, objective 257, bound 257, gap 0.00%" in result.stderr
    summary = (out / "summary.csv").read_text(encoding="utf-8")
    assert "Ben Ó'Neil,ben-óneil.json,infeasible" in summary
    assert "taper_days, sessions: no heavy legs" in summary
