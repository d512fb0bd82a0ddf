"""`block check`: a hand-made block as a YAML, JSON or CSV list, every breach with its
week and numbers, and one line for a bad row."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from block_kit import problem, small

from runlift.block.check import check_block, read_block_plan
from runlift.block.solve import plan_block
from runlift.errors import InputError

BLOCK = small(weeks=2, progression={"ramp_pct": 10, "deload_every": False})


def rows_of(result: object) -> list[dict[str, object]]:
    return [{"date": e.date, "slot": e.slot, "session": e.session, "minutes": e.minutes}
            for w in result.weeks for e in w.result.plan]  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def planned() -> list[dict[str, object]]:
    return rows_of(plan_block(problem(BLOCK)))


def write(tmp_path: Path, rows: list[dict[str, object]], name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    if name.endswith(".csv"):
        lines = ["date,slot,session,minutes"] + [
            f"{r['date']},{r['slot']},{r['session']},{r.get('minutes', '')}" for r in rows]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["plan.yaml", "plan.csv"])
def test_the_planned_block_passes_in_every_format(planned: list, tmp_path: Path,
                                                  name: str) -> None:
    bp = problem(BLOCK)
    checked = check_block(bp, read_block_plan(write(tmp_path, planned, name), bp))
    assert checked.ok, checked.violations


def test_a_missing_session_and_a_long_run_too_long_are_named(planned: list,
                                                             tmp_path: Path) -> None:
    rows = [dict(r) for r in planned if not (r["session"] == "easy_run"
                                             and str(r["date"]) < "2027-01-11")]
    for r in rows:
        if r["session"] == "long_run":
            r["minutes"] = 120
    bp = problem(BLOCK)
    checked = check_block(bp, read_block_plan(write(tmp_path, rows), bp))
    assert not checked.ok
    assert any(m.startswith("week 1: sessions: ") and "easy_run" in m
               for m in checked.violations)
    assert any("ramp_pct" in m and m.startswith("week 2") for m in checked.violations)
    assert [w.week for w in checked.weeks if not w.result.ok] == [1]


def test_minutes_left_out_are_the_catalog_s(planned: list, tmp_path: Path) -> None:
    rows = [{k: v for k, v in r.items() if k != "minutes"} for r in planned]
    bp = problem(BLOCK)
    checked = check_block(bp, read_block_plan(write(tmp_path, rows), bp))
    from runlift.models.catalog import resolve_catalog

    long_runs = [e for w in checked.weeks for e in w.result.plan if e.session == "long_run"]
    assert {e.minutes for e in long_runs} == {resolve_catalog({})["long_run"].minutes}


@pytest.mark.parametrize(("row", "field", "says"), [
    ({"date": "2026-12-01", "slot": "am", "session": "easy_run"}, "date",
     "outside the block (2027-01-04 to 2027-01-17)"),
    ({"date": "2027-01-05", "slot": "noon", "session": "easy_run"}, "slot", "unknown slot"),
    ({"date": "2027-01-05", "slot": "am", "session": "sprint"}, "session",
     "unknown session type"),
    ({"date": "2027-01-05", "slot": "am", "session": "easy_run", "minutes": 0}, "minutes",
     "expected 1 to 600 minutes"),
    ({"date": "5 Jan 2027", "slot": "am", "session": "easy_run"}, "date", "YYYY-MM-DD"),
])
def test_a_bad_row_is_one_line_with_its_line(tmp_path: Path, row: dict, field: str,
                                             says: str) -> None:
    path = write(tmp_path, [row])
    bp = problem(BLOCK)
    with pytest.raises(InputError) as caught:
        check_block(bp, read_block_plan(path, bp))
    message = str(caught.value)
    assert f"{path}:1: 0.{field}:" in message
    assert says in message


def as_excel(rows: list[dict[str, object]], header: str = "Date;Time;Workout;Minutes") -> bytes:
    """The rows as Excel saves them in a day-first, decimal-comma locale: BOM, semicolons,
    CRLF, DD/MM/YYYY dates, AM/PM, and a blank row here and there."""
    lines = [header, ";;;"]
    for r in rows:
        y, m, d = str(r["date"]).split("-")
        lines.append(f"{d}/{m}/{y};{str(r['slot']).upper()};{r['session']};{r['minutes']}")
    return ("\ufeff" + "\r\n".join([*lines, ";;;", ""])).encode("utf-8")


def test_a_spreadsheet_block_passes_and_breaks_as_its_plain_csv(planned: list,
                                                                tmp_path: Path) -> None:
    bp = problem(BLOCK)
    sheet = tmp_path / "block.csv"
    sheet.write_bytes(as_excel(planned))
    columns = {"slot": "time", "session": "Workout"}
    assert check_block(bp, read_block_plan(sheet, bp, columns)).ok
    rows = [dict(r) for r in planned]
    for r in rows:
        r["minutes"] = 120 if r["session"] == "long_run" else r["minutes"]
    sheet.write_bytes(as_excel(rows))
    plain = write(tmp_path, rows, "plain.csv")
    assert (check_block(bp, read_block_plan(sheet, bp, columns)).violations
            == check_block(bp, read_block_plan(plain, bp)).violations != [])


def test_a_spreadsheet_block_s_bad_cell_is_one_line(planned: list, tmp_path: Path) -> None:
    bp = problem(BLOCK)
    sheet = tmp_path / "block.csv"
    sheet.write_bytes(as_excel([*planned[:1], {**planned[1], "date": "2027-02-01"}]))
    with pytest.raises(InputError) as caught:
        read_block_plan(sheet, bp, {"slot": "Time", "session": "Workout"})
    assert str(caught.value) == (
        f"{sheet}:4: 1.date: 2027-02-01 ('01/02/2027' read day first) is outside the block "
        "(2027-01-04 to 2027-01-17)")
    with pytest.raises(InputError, match=r"block.csv:1: slot: expected CSV columns date, "
                                         r"slot and session; missing slot"):
        read_block_plan(sheet, bp)
