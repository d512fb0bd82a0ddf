"""The closing lines of `runlift batch`: every athlete without a plan and why, the joint
plan and the gym roster; and the roster in the HTML index."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from runlift.batch.terminal import ROSTER_NAMES, roster_lines, why_no_plan
from runlift.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


def batch(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["batch", *args, "--workers", "1"])
    return result.exit_code, result.output


def test_every_athlete_without_a_plan_is_named_with_why(mixed_squad: Path,
                                                        tmp_path: Path) -> None:
    code, text = batch(str(mixed_squad), "--out", str(tmp_path / "out"))
    assert code == 1
    lines = text.splitlines()
    start = lines.index("without a plan:")
    missing = [line for line in lines[start + 1:] if line.startswith("  ")]
    assert [line.split(" — ")[0].strip() for line in missing] == ["Chen", "Dara", "Eitan"]
    chen, dara, eitan = missing
    assert "invalid, the athlete's scenario is not valid: " in chen
    assert "sessions.tempo" in chen  # the one-line error, with its place in the squad file
    assert "unknown group session 'Track nite'" in eitan
    assert dara.endswith("infeasible, no plan keeps every hard rule (proven): legs_policy and "
                         "sessions clash; stack (heavy legs on hard-run days)")


def test_an_infeasible_athlete_reads_the_status_meaning_and_first_conflict(
        tmp_path: Path) -> None:
    code, text = batch(str(ROOT / "scenarios/squads/riverside.yaml"), "--out",
                       str(tmp_path / "out"))
    assert code == 1
    assert ("  Ben Ó'Neil — infeasible, no plan keeps every hard rule (proven): taper_days "
            "and sessions clash; no heavy legs on a race day or in the 10 days before it "
            "(race on 2027-03-10)") in text
    roster = text.split("gym roster (athletes in a gym session / the slot's capacity):\n")[1]
    assert roster.splitlines()[0].split() == ["tue", "pm", "1/1", "Chen"]
    assert text.index("without a plan:") < text.index("joint plan:")


def test_a_gym_too_small_points_the_athletes_at_the_joint_plan(tmp_path: Path) -> None:
    _, text = batch(str(ROOT / "scenarios/squads/tiny-gym.yaml"), "--out",
                    str(tmp_path / "out"))
    assert ("  Ana — infeasible, no plan keeps every hard rule (proven): the shared gym "
            "cannot hold the squad (see the joint plan below)") in text
    assert "gym roster" not in text  # no plan, nobody in the gym


def test_a_crowded_slot_names_the_first_athletes_and_counts_the_rest() -> None:
    names = [f"Runner {i}" for i in range(ROSTER_NAMES + 3)]
    usage = [{"slot": "tue pm", "athletes": len(names), "capacity": 20,
              "roster": [{"athlete": n, "session": "upper_body"} for n in names]},
             {"slot": "sat am", "athletes": 1, "capacity": 20,
              "roster": [{"athlete": "Ana", "session": "upper_body"}]}]
    heading, tue, sat = roster_lines(usage)
    assert heading.startswith("gym roster")
    assert tue.startswith("  tue pm  13/20  Runner 0, Runner 1")
    assert tue.endswith(f"Runner {ROSTER_NAMES - 1} and 3 more")
    assert sat == "  sat am   1/20  Ana"


def test_why_no_plan_of_a_worker_that_died() -> None:
    row = {"status": "error", "error": "the worker process died while solving this athlete",
           "conflicts": ""}
    assert why_no_plan(row) == ("error, solving this athlete failed: the worker process "
                                "died while solving this athlete")
    assert why_no_plan({"status": "unknown", "error": "", "conflicts": ""}).startswith(
        "unknown, the time limit ended the search before it found a plan")


def test_the_html_index_holds_the_gym_roster(tmp_path: Path) -> None:
    out = tmp_path / "out"
    batch(str(ROOT / "scenarios/squads/riverside.yaml"), "--out", str(out), "--html")
    html = (out / "index.html").read_text(encoding="utf-8")
    roster = html.split('<section id="gym-roster">')[1].split("</section>")[0]
    assert '<th scope="row">tue pm</th>' in roster
    assert "1 of 1 <span class=\"flag-warn\">full</span>" in roster
    assert "Chen (Lower strength)" in roster and "Ben" not in roster
