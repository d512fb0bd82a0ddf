"""gym.capacity by day and slot: the keys and which wins, one-line errors for bad ones
(file:line: gym.capacity.KEY: ...), and the joint solve, the plain count and the
explanation holding each slot to its own capacity."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from squad_kit import result_files, write_squad

from runlift.batch.capacity import parse_capacity
from runlift.batch.run import BatchOptions, run_batch
from runlift.batch.squad import load_squad
from runlift.cli.main import main
from runlift.errors import InputError
from runlift.models.status import has_plan

GYM = ("lower_strength", "upper_body")
SQUAD = """\
squad: Opening hours
defaults:
  week_start: 2027-03-01
  sessions: {easy_run: 2, long_run: 1, lower_strength: 2, upper_body: 1}
  prefer: {lower_strength: [tue, fri], long_run: [sat]}
  unavailable: [mon, wed]
gym:
  capacity: CAPACITY
  sessions: [lower_strength, upper_body]
athletes:
  - {name: A1}
  - {name: A2}
  - {name: A3, prefer: {upper_body: [sun]}}
  - {name: A4}
  - {name: A5, sessions: {upper_body: 2}}
"""


def squad_with(tmp_path: Path, capacity: str, name: str = "squad.yaml") -> Path:
    return write_squad(tmp_path, SQUAD.replace("CAPACITY", capacity), name=name)


def usage(out: Path) -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    for text in result_files(out).values():
        for entry in json.loads(text)["plan"]:
            if entry["session"] in GYM:
                counts[entry["weekday"], entry["slot"]] += 1
    return counts


def test_the_most_specific_key_wins() -> None:
    limits = parse_capacity({"default": 8, "sun": 0, "SUN pm": 2, "mon am": 4,
                             "2027-03-07": 1, "2027-03-07 am": 3})
    assert limits.of("tue", "2027-03-02", "am") == 8
    assert limits.of("mon", "2027-03-01", "am") == 4 and limits.of("mon", None, "pm") == 8
    assert limits.of("sun", "2027-03-14", "am") == 0
    assert limits.of("sun", "2027-03-14", "pm") == 2
    assert limits.of("sun", "2027-03-07", "pm") == 1
    assert limits.of("sun", "2027-03-07", "am") == 3
    assert parse_capacity(5).uniform and parse_capacity(5).of("sun", None, "am") == 5
    assert limits.words() == ("8 athletes per slot (3 on 2027-03-07 am, 1 on 2027-03-07, "
                              "2 on SUN pm, 4 on mon am, 0 on sun)")


@pytest.mark.parametrize(("capacity", "line", "expected"), [
    ("{default: 3, mun: 0}", 8, "gym.capacity.mun: expected 'default', a weekday (sun), "
                                "'DAY SLOT' (mon am), a date (2027-03-12) or 'DATE SLOT', "
                                "got 'mun' (did you mean 'sun'?)"),
    ("{default: 3, sun eve: 0}", 8, "gym.capacity.sun eve: unknown slot 'eve': the "
                                    "athletes' slots are am, pm"),
    ("{default: 3, sun: -1}", 8, "gym.capacity.sun: expected a whole number >= 0 (0: "
                                 "closed), got -1"),
    ("{default: 3, sun: many}", 8, "gym.capacity.sun: expected a whole number >= 0 (0: "
                                   "closed), got 'many'"),
    ("{default: 3, sun: 0, Sun: 1}", 8, "gym.capacity.Sun: 'Sun' names the same slots as "
                                        "'sun': keep one"),
    ("{sun: 0}", 8, "gym.capacity: a capacity by slot needs a 'default' entry"),
    ("three", 8, "gym.capacity: expected a whole number >= 0, or a mapping of slots"),
    ("true", 8, "gym.capacity: expected a whole number >= 0, or a mapping of slots"),
    ("{default: 3, mon am pm: 0}", 8, "gym.capacity.mon am pm: expected 'default'"),
])
def test_a_bad_capacity_is_one_line_with_its_place(tmp_path: Path, capacity: str, line: int,
                                                   expected: str) -> None:
    squad = squad_with(tmp_path, capacity)
    with pytest.raises(InputError) as error:
        load_squad(squad)
    assert str(error.value).startswith(f"{squad}:{line}: {expected}")
    result = CliRunner().invoke(main, ["batch", str(squad), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.output.count("\n") == 1 and expected in result.output
    assert not (tmp_path / "o" / "summary.csv").exists()


def test_a_date_key_needs_week_start(tmp_path: Path) -> None:
    text = SQUAD.replace("CAPACITY", "{default: 3, 2027-03-07: 0}").replace(
        "  week_start: 2027-03-01\n", "")
    with pytest.raises(InputError, match=r"squad.yaml:7: gym.capacity.2027-03-07: a date "
                                         r"needs the athletes' week_start"):
        load_squad(write_squad(tmp_path, text))


def test_every_slot_is_held_to_its_own_capacity(tmp_path: Path) -> None:
    out = tmp_path / "plans"
    squad = squad_with(tmp_path, "{default: 2, sun: 0, tue pm: 1, fri: 3}")
    report = run_batch(load_squad(squad), BatchOptions(out=out, workers=2))
    assert report.exit_code == 0 and report.joint is not None
    counts = usage(out)
    assert not any(day == "sun" for day, _ in counts)
    assert counts["tue", "pm"] <= 1
    assert all(n <= (3 if day == "fri" else 2) for (day, _), n in counts.items())
    assert max(counts.values()) == 3  # friday's extra places are used
    roster = {slot["slot"]: slot for slot in report.joint["gym_usage"]}
    assert roster["fri pm"]["capacity"] == 3 and roster["tue am"]["capacity"] == 2
    assert all(len(s["roster"]) == s["athletes"] <= s["capacity"] for s in roster.values())
    saved = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert saved["gym"]["capacity"] == {"default": 2, "sun": 0, "tue pm": 1, "fri": 3}


def test_too_few_places_by_slot_offers_each_short_slots_capacity(tmp_path: Path) -> None:
    out = tmp_path / "plans"
    squad = squad_with(tmp_path, "{default: 1, sun: 0}")
    report = run_batch(load_squad(squad), BatchOptions(out=out, workers=2))
    joint = report.joint
    assert joint is not None and joint["status"] == "infeasible"
    message = joint["conflicts"][0]["message"]
    assert message.startswith("gym.capacity allows 1 athlete per slot (0 on sun) in a gym "
                              "session, but")
    assert all(f"{s['slot']} needs {s['athletes']} (holds {s['capacity']})" in message
               for s in joint["short_slots"])
    changes = {r["change"]: r["value"] for r in joint["relaxations"]}
    assert changes and all(c.startswith("gym.capacity.") for c in changes)
    raised = {"default": 1, "sun": 0, **{c.removeprefix("gym.capacity."): v
                                         for c, v in changes.items()}}
    relaxed = squad_with(tmp_path, json.dumps(raised), name="relaxed.yaml")
    again = run_batch(load_squad(relaxed), BatchOptions(out=tmp_path / "relaxed", workers=2))
    assert again.exit_code == 0 and all(has_plan(r["status"]) for r in again.rows)
