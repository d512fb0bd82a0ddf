"""`runlift compare` end to end: every example against two variants, the values of
`runlift solve` on the same alternative, formats, --out, --diff and exit codes."""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from runlift.models.status import has_plan
from runlift.scenario.loading import read_document

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
MAIN = SCENARIOS / "half-marathon-build.yaml"
EXAMPLES = sorted(p for p in SCENARIOS.iterdir() if p.suffix in (".yaml", ".toml", ".json"))
POLICIES = ("any", "stack")


def run(*args: str | Path) -> Result:
    from runlift.cli.main import main

    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def solve_json(data: dict, tmp_path: Path, name: str) -> dict:
    """`runlift solve --format json` on a scenario written out as a file."""
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    result = run("solve", path, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def expected_column(solved: dict) -> dict:
    """What the comparison table must show for one alternative, read off solve's JSON."""
    if not has_plan(solved["status"]):
        return {"status": solved["status"], "objective": None, "weekly load": None}
    metrics, objective = solved["metrics"], solved["objective"]
    column = {
        "status": solved["status"],
        "objective": objective["total"],
        **{f"objective.{k}": v for k, v in objective["terms"].items()},
        "weekly load": metrics["weekly_load"],
        "peak daily load": metrics["peak_daily_load"],
        "monotony": metrics["monotony"],
        "strain": metrics["strain"],
        "hard days": len(metrics["hard_days"]),
        "rest days": len(metrics["rest_days"]),
        "min lift-to-key gap (h)": metrics["min_lift_to_key_hours"],
    }
    for day, label in enumerate(solved["days"]):
        sessions = [e["session"] for e in solved["plan"] if e["day"] == day]
        column[label] = " · ".join(sessions) or "—"
    return column


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_every_example_against_two_variants_matches_solve(example, tmp_path):
    result = run("compare", example, "--vary", f"rules.legs_policy={','.join(POLICIES)}",
                 "--format", "json")
    assert result.exit_code == 0, result.output
    compared = json.loads(result.stdout)
    labels = [f"rules.legs_policy={p}" for p in POLICIES]
    assert compared["labels"] == labels
    base, _ = read_document(example)
    for policy, label in zip(POLICIES, labels, strict=True):
        data = copy.deepcopy(base)
        data.setdefault("rules", {})["legs_policy"] = policy
        solved = solve_json(data, tmp_path, policy)
        column = {row: values[label] for row, values in compared["table"].items()}
        for row, value in expected_column(solved).items():
            assert column[row] == value, (label, row)
        (alternative,) = [a for a in compared["alternatives"] if a["label"] == label]
        assert alternative["result"] == solved
        assert alternative["changes"] == {"rules.legs_policy": policy}


def test_feasible_and_infeasible_side_by_side():
    result = run("compare", MAIN, "--vary", "rules.legs_policy=stack,separate")
    assert result.exit_code == 0
    rows = {line.split("│")[1].strip(): [c.strip() for c in line.split("│")[2:-1]]
            for line in result.stdout.splitlines() if line.startswith("│")}
    assert rows["status"] == ["optimal", "infeasible"]
    assert rows["objective"][0] == "80"  # a lone plan is best against nothing: no mark
    assert rows["objective"][1] == ""
    assert rows["conflict"][1].startswith("legs_policy:")
    assert rows["relaxation"][1] != ""


def test_several_files_and_variants(tmp_path):
    week = tmp_path / "week.yaml"
    week.write_text(MAIN.read_text(encoding="utf-8") + (
        "variants:\n  no_core:\n    sessions: {core: 0}\n"), encoding="utf-8")
    result = run("compare", week, SCENARIOS / "legs-stack.yaml", "--format", "csv")
    assert result.exit_code == 0, result.output
    header = next(csv.reader(io.StringIO(result.stdout)))
    assert header == ["row", "week.yaml", "week.yaml, no_core", "legs-stack.yaml"]


def test_diff_lists_the_moves_from_the_baseline():
    result = run("compare", MAIN, "--vary", "rules.legs_policy=any,stack", "--diff",
                 "--format", "md")
    assert result.exit_code == 0
    text = result.stdout
    section = text[text.index("## Changes from rules.legs_policy=any (the baseline)"):]
    assert "### rules.legs_policy=stack" in section
    moves = [line for line in section.splitlines() if line.startswith("- ")]
    assert moves and all(" → " in m or "added" in m or "removed" in m for m in moves)


def test_out_writes_the_same_text_atomically(tmp_path):
    out = tmp_path / "comparison.csv"
    args = ("compare", MAIN, "--vary", "weights.balance=0,1", "--format", "csv")
    written = run(*args, "--out", out)
    assert written.exit_code == 0
    assert written.stdout == ""
    assert out.read_text(encoding="utf-8") == run(*args).stdout
    assert [p.name for p in tmp_path.iterdir()] == ["comparison.csv"]


def test_workers_do_not_change_the_output():
    args = ("compare", MAIN, "--vary", "rules.lift_to_key_hours=24,36,72", "--format", "json",
            "--diff")
    assert run(*args, "--workers", "1").stdout == run(*args, "--workers", "2").stdout


@pytest.mark.parametrize(
    ("vary", "message"),
    [
        ("rules.legs_polcy=any,stack", "rules.legs_polcy: alternative 'rules.legs_polcy=any': "
                                       "unknown key 'legs_polcy' (did you mean 'legs_policy'?)"),
        ("rules.legs_policy=sideways", "rules.legs_policy: alternative "
                                       "'rules.legs_policy=sideways': expected"),
        ("fixed.4.day=sat", "fixed.4.day: alternative 'fixed.4.day=sat': fixed has 1 entries"),
        ("rules.lift_to_key_hours=lots,many", "alternative 'rules.lift_to_key_hours=lots'"),
        ("fixed.0.day=wed", "fixed.0: alternative 'fixed.0.day=wed': intervals is pinned on "
                            "wed am, but that slot is unavailable"),
        ("rules.legs_policy", "expected PATH=VALUE"),
        ("rules.legs_policy=", "empty value"),
        ("weights.spread=" + ",".join(map(str, range(65))), "65 alternatives, more than the cap"),
    ],
)
def test_bad_vary_exits_2_with_one_line(vary, message, tmp_path):
    out = tmp_path / "never.txt"
    result = run("compare", MAIN, "--vary", vary, "--out", out)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("runlift: error: ")
    assert message in result.stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["table", "md", "csv", "json", "html"])
def test_an_invalid_alternative_is_a_column_that_says_why(fmt):
    # wed am is unavailable in the main example: pinning the intervals there is invalid,
    # and the other two days are still solved.
    result = run("compare", MAIN, "--vary", "fixed.0.day=mon,wed,thu", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    why = "fixed.0: intervals is pinned on wed am, but that slot is unavailable"
    text = result.stdout
    if fmt == "json":
        document = json.loads(text)
        mon, wed, thu = document["alternatives"]
        assert wed["result"] is None and wed["invalid"].startswith(why)
        assert mon["invalid"] is None and has_plan(mon["result"]["status"])
        assert has_plan(thu["result"]["status"])
        assert document["table"]["status"]["fixed.0.day=wed"] == "invalid"
        assert all("fixed.0.day=wed" not in labels for labels in document["best"].values())
    elif fmt == "csv":
        rows = {row[0]: row[1:] for row in csv.reader(io.StringIO(text))}
        assert rows["status"] == ["optimal", "invalid", "optimal"]
        assert rows["invalid"][1].startswith(why) and rows["invalid"][0] == ""
    elif fmt == "table":  # the reason wraps in its column
        rows = {line.split("│")[1].strip(): [c.strip() for c in line.split("│")[2:-1]]
                for line in text.splitlines() if line.startswith("│")}
        assert rows["status"] == ["optimal", "invalid", "optimal"]
        assert rows["invalid"][1].startswith("fixed.0: intervals is")
        assert rows["mon"][1] == "" and rows["mon"][0] != ""
    else:
        assert "invalid" in text and why in text
    assert ("Comparison of 3 alternatives" in text) == (fmt != "csv" and fmt != "json")


def test_no_valid_alternative_exits_2_with_the_first_ones_line():
    result = run("compare", MAIN, "--vary", "fixed.0.day=wed", "--vary",
                 "rules.legs_policy=any,stack")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"runlift: error: {MAIN}: fixed.0: alternative 'fixed.0.day=wed, "
        "rules.legs_policy=any': intervals is pinned on wed am, but that slot is unavailable "
        "(unavailable.1: 'wed am')\n")


def test_one_alternative_is_one_alternative():
    result = run("compare", MAIN, "--format", "md")
    assert result.stdout.startswith("# Comparison of 1 alternative\n")
    assert "**" not in result.stdout.split("\n\n")[1]  # nothing to be best against


def test_bad_files_exit_2(tmp_path):
    assert run("compare", tmp_path / "missing.yaml").exit_code == 2
    assert run("compare", MAIN, MAIN).exit_code == 2
    assert run("compare").exit_code == 2  # usage: no scenario


def test_help_names_the_options():
    result = run("compare", "--help")
    assert result.exit_code == 0
    for option in ("--vary", "--diff", "--format", "--out", "--time-limit", "--workers"):
        assert option in result.stdout
    assert "compare" in run("--help").stdout
