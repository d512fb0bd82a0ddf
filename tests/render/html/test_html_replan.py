"""The replan report: the status and its meaning, the week with every change marked in its
place (moved with where it came from, missed and kept again, added, dropped struck through,
the trace a moved session leaves), how each past session went, today's column, the
changes with their reasons, the notes, the page without a plan, and hostile names kept as
text. (Named test_html_replan.py as the other reports' tests are: the basename
test_replan.py is free for tests of runlift.replan itself.)"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from html_kit import assert_self_contained, outline

from runlift import solve
from runlift.api import load_scenario
from runlift.cli.main import main
from runlift.models.replan import LivedEntry, PlanChange, ReplanResult
from runlift.models.status import Status
from runlift.render.html.replan import replan_report, replan_view
from runlift.render.replan import STATUS_MEANING, change_line, summary_line
from runlift.replan.api import replan
from runlift.replan.reference import read_reference
from runlift.scenario.model import Scenario
from runlift.scenario.resolve import resolve

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "scenarios" / "half-marathon-build.yaml"
SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '" onmouseover="x'

# The example's plan: mon core am, easy_run pm; tue intervals am, lower_strength pm; wed
# easy_run pm; thu tempo am, lower_strength pm; sat long_run pm; sun easy_run pm.
# Lived to Wednesday: Tuesday's intervals moved to Thursday (where the tempo was, which
# is dropped), Monday's easy run missed and kept again on Saturday morning (Sunday
# evening holds an easy run already: one a day).
MIDWEEK = [
    {"date": "2027-03-02", "slot": "am", "session": "intervals", "status": "moved",
     "to_date": "2027-03-04", "to_slot": "am"},
    {"date": "2027-03-01", "slot": "pm", "session": "easy_run", "status": "missed"},
]
# Replanned from Tuesday: the tempo missed (its slot closed), an extra core session on
# Sunday evening; four sessions move.
TUESDAY = [
    {"date": "2027-03-07", "slot": "pm", "session": "core", "status": "extra"},
    {"date": "2027-03-04", "slot": "am", "session": "tempo", "status": "missed"},
]
# Lived to Thursday: core done (longer), intervals moved to Wednesday morning, Wednesday's
# easy run missed and a ride instead; today's tempo will be missed (dropped) and hills
# are pinned on Saturday evening, where the long run was (dropped).
THURSDAY = [
    {"date": "2027-03-01", "slot": "am", "session": "core", "status": "done", "minutes": 20},
    {"date": "2027-03-02", "slot": "am", "session": "intervals", "status": "moved",
     "to_date": "2027-03-03", "to_slot": "am", "rpe": 9},
    {"date": "2027-03-03", "slot": "pm", "session": "easy_run", "status": "missed"},
    {"date": "2027-03-03", "slot": "pm", "session": "cross_training", "status": "extra",
     "minutes": 30},
    {"date": "2027-03-04", "slot": "am", "session": "tempo", "status": "missed"},
    {"date": "2027-03-06", "slot": "pm", "session": "hills", "status": "extra"},
]
# Two key runs pinned on Thursday: the remaining days cannot be planned.
CLASH = [
    {"date": "2027-03-04", "slot": "pm", "session": "hills", "status": "extra"},
    {"date": "2027-03-02", "slot": "am", "session": "intervals", "status": "moved",
     "to_date": "2027-03-04", "to_slot": "am"},
]


def replanned(tmp: Path, log: list[dict[str, Any]], today: str,
              scenario: Scenario | None = None) -> ReplanResult:
    """``scenario`` (the example by default) solved, lived as ``log`` and re-planned."""
    scenario = scenario or load_scenario(EXAMPLE)
    problem = resolve(scenario)
    plan = tmp / "plan.json"
    plan.write_text(solve(scenario).to_json(), encoding="utf-8")
    log_file = tmp / "log.yaml"
    log_file.write_text(yaml.safe_dump(log), encoding="utf-8")
    return replan(problem, read_reference(plan, problem), log_file, today)


@pytest.fixture(scope="module")
def midweek(tmp_path_factory) -> tuple[ReplanResult, str]:
    result = replanned(tmp_path_factory.mktemp("midweek"), MIDWEEK, "2027-03-03")
    assert result.status == Status.optimal
    return result, replan_report(result)


@pytest.fixture(scope="module")
def tuesday(tmp_path_factory) -> tuple[ReplanResult, str]:
    result = replanned(tmp_path_factory.mktemp("tuesday"), TUESDAY, "2027-03-02")
    assert result.has_plan
    return result, replan_report(result)


@pytest.fixture(scope="module")
def thursday(tmp_path_factory) -> tuple[ReplanResult, str]:
    result = replanned(tmp_path_factory.mktemp("thursday"), THURSDAY, "2027-03-04")
    assert result.has_plan
    return result, replan_report(result)


class Grid(HTMLParser):
    """The replan table's cells by (slot, day): each cell's classes, the classes of every
    element in it, and its text; the header cells too."""

    def __init__(self) -> None:
        super().__init__()
        self.heads: list[tuple[set[str], str]] = []
        self.cells: dict[tuple[int, int], dict[str, Any]] = {}
        self._in_table = self._in_body = False
        self._row = -1
        self._col = -1
        self._cell: dict[str, Any] | None = None
        self._head: list[Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        if tag == "table" and "replan-week" in classes:
            self._in_table = True
        elif not self._in_table:
            return
        if tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self._row, self._col = self._row + 1, -1
        elif tag == "th" and not self._in_body:
            self._head = [classes, ""]
        elif tag == "td" and self._in_body:
            self._col += 1
            self._cell = {"class": classes, "inner": [], "text": "", "tags": []}
            self.cells[self._row, self._col] = self._cell
        elif self._cell is not None:
            self._cell["inner"].extend(classes)
            self._cell["tags"].append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._in_table:
            self._in_table = False
        elif tag == "td":
            self._cell = None
        elif tag == "th" and self._head is not None:
            self.heads.append((self._head[0], self._head[1]))
            self._head = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell["text"] += data
        if self._head is not None:
            self._head[1] += data


def grid(html: str) -> Grid:
    parsed = Grid()
    parsed.feed(html)
    return parsed


def cell(html: str, slot: int, day: int) -> dict[str, Any]:
    return grid(html).cells[slot, day]


def text_of(html: str) -> str:
    return " ".join(" ".join(outline(html).text).split())


def test_report_is_self_contained_and_the_same_every_time(midweek):
    result, html = midweek
    assert_self_contained(html)
    assert replan_report(result) == html
    assert replan_report(ReplanResult.model_validate_json(result.to_json())) == html


def test_header_says_the_status_what_it_means_and_the_summary(midweek):
    result, html = midweek
    text = text_of(html)
    assert outline(html).count("span", "status-optimal") == 1
    assert STATUS_MEANING["optimal"] in text
    assert "re-planned from wed 03-03" in text
    assert summary_line(result) in text
    assert "1 change to the plan (0 moved, 1 dropped)" in text


def test_every_change_is_listed_with_its_reason(midweek):
    result, html = midweek
    changed = [c for c in result.changes if c.change != "kept"]
    assert outline(html).count("li", "change") == len(changed) == 3
    text = text_of(html)
    for c in changed:
        assert change_line(c) in text
    assert "its slot now holds intervals" in text  # the tempo's reason
    kinds = [v.change for v in replan_view(result).changes]
    assert kinds == ["missed", "logged", "dropped"]


def test_todays_column_and_the_past_are_marked(midweek):
    _, html = midweek
    parsed = grid(html)
    heads = [(classes, text) for classes, text in parsed.heads if classes]
    assert [text for classes, text in heads if "today" in classes] == ["wed 03-03today"]
    assert [text for classes, text in heads if "past" in classes] == ["mon 03-01", "tue 03-02"]
    for slot in (0, 1):
        assert [parsed.cells[slot, d]["class"] for d in range(7)] == [
            {"past"}, {"past"}, {"today"}, *[{"future"}] * 4]


def test_a_missed_session_kept_again_says_so_and_leaves_a_trace(midweek):
    _, html = midweek
    saturday_am = cell(html, 0, 5)
    assert "chg-missed" in saturday_am["inner"]
    assert "missed mon 03-01 pm, kept here" in saturday_am["text"]
    monday_pm = cell(html, 1, 0)
    assert "rp-left" in monday_pm["inner"] and "Easy run" in monday_pm["text"]
    assert "missed here, kept on sat 03-06 am" in monday_pm["text"]


def test_a_move_from_the_log_says_where_it_came_from(midweek):
    _, html = midweek
    thursday_am = cell(html, 0, 3)
    assert "chg-logged" in thursday_am["inner"]
    assert "moved in the log from tue 03-02 am" in thursday_am["text"]
    tuesday_am = cell(html, 0, 1)
    assert "rp-left" in tuesday_am["inner"] and "→ thu 03-04 am" in tuesday_am["text"]


def test_a_dropped_session_is_struck_through_where_it_was_planned(midweek):
    result, html = midweek
    assert [(e.id, e.day, e.slot) for e in result.cancelled] == [("tempo-1", 3, "am")]
    thursday_am = cell(html, 0, 3)
    assert "rp-dropped" in thursday_am["inner"] and "del" in thursday_am["tags"]
    assert "Tempo" in thursday_am["text"] and "dropped" in thursday_am["text"]
    doc = outline(html)
    assert doc.count("del") == 2  # in the grid and in the phone list
    dropped = [a for t, a in doc.tags if "rp-dropped" in (a.get("class") or "").split()]
    assert dropped[0]["title"].startswith("its slot now holds intervals")


def test_past_sessions_say_how_they_went(thursday):
    _, html = thursday
    assert "done" in cell(html, 0, 0)["text"]  # core, logged done
    assert "20 min" in cell(html, 0, 0)["text"]  # as logged
    assert "not logged, taken as done" in cell(html, 1, 0)["text"]  # Monday's easy run
    assert "done, moved" in cell(html, 0, 2)["text"]  # the intervals, on Wednesday
    assert "extra: not in the plan" in cell(html, 1, 2)["text"]  # the ride
    assert "Cross training" in cell(html, 1, 2)["text"]
    assert all("mark-past" in cell(html, s, d)["inner"] for s, d in
               [(0, 0), (1, 0), (0, 2), (1, 2), (1, 1)])
    assert not any("mark-past" in cell(html, s, d)["inner"] for s in (0, 1)
                   for d in range(3, 7))


def test_missed_and_dropped_at_its_planned_place(thursday):
    result, html = thursday
    assert result.counts is not None and result.counts.missed_dropped == 1
    assert sorted((e.id, e.day, e.slot) for e in result.cancelled) == [
        ("long_run-1", 5, "pm"), ("lower_strength-2", 3, "pm"), ("tempo-1", 3, "am")]
    for e in result.cancelled:
        here = cell(html, list(result.slots).index(e.slot), e.day)
        assert "rp-dropped" in here["inner"] and "del" in here["tags"]
    assert "missed, dropped" in cell(html, 0, 3)["text"]  # the tempo
    assert "Hills" in cell(html, 1, 5)["text"] and "Long run" in cell(html, 1, 5)["text"]
    labels = {v.text: v.label for v in replan_view(result).changes}
    tempo = next(c for c in result.changes if c.id == "tempo-1")
    assert labels[change_line(tempo)] == "missed, dropped"


def test_moves_the_replan_makes(tuesday):
    result, html = tuesday
    moved = [c for c in result.changes if c.change == "moved" and not c.missed]
    assert moved, "the example moves sessions"
    index = {f"{d} {date[5:]} {s}": (list(result.slots).index(s), day)
             for day, (d, date) in enumerate(zip(result.days, result.dates or [], strict=True))
             for s in result.slots}
    for c in moved:
        assert c.after is not None and c.before is not None
        here = cell(html, *index[c.after])
        assert "chg-moved" in here["inner"] and f"moved from {c.before}" in here["text"]
        there = cell(html, *index[c.before])
        assert "rp-left" in there["inner"] and f"→ {c.after}" in there["text"]


def test_an_added_session_is_marked(midweek):
    """No replan of the examples adds one; a result that does is marked all the same."""
    result, _ = midweek
    last = result.plan[-1]
    added = result.model_copy(update={
        "plan": [*result.plan[:-1], last.model_copy(update={"id": "easy_run-9"})],
        "changes": [*result.changes, PlanChange(
            id="easy_run-9", session="easy_run", change="added", after="sun 03-07 pm",
            reason="a new session of a type the week still asks for")]})
    html = replan_report(added)
    assert "chg-added" in cell(html, 1, 6)["inner"] and "added" in cell(html, 1, 6)["text"]
    assert "easy_run-9: added on sun 03-07 pm" in text_of(html)


def test_notes_are_shown(midweek):
    result, html = midweek
    assert result.notes
    assert outline(html).count("section") >= 3
    for note in result.notes:
        assert note in text_of(html)


def test_a_phone_list_holds_every_item(midweek):
    result, html = midweek
    doc = outline(html)
    assert doc.count("ul", "replan-list") == 1
    items = doc.count("span", "rp-item")
    per_layout = len(result.plan) + len(result.cancelled) + 2  # two traces
    assert items == 2 * per_layout
    assert doc.count("li", "today") == 1


def test_no_plan_shows_the_clash_and_no_week(tmp_path):
    result = replanned(tmp_path, CLASH, "2027-03-02")
    assert result.status == Status.infeasible
    html = replan_report(result)
    text = text_of(html)
    assert STATUS_MEANING["infeasible"] in text
    assert outline(html).count("ul", "conflicts") == 1
    assert outline(html).count("li") >= len(result.conflicts) + len(result.relaxations)
    for c in result.conflicts:
        assert c.message in text
    assert "table" not in [t for t, _ in outline(html).tags]
    assert_self_contained(html)


def test_no_plan_in_time():
    result = ReplanResult(scenario="Week", status=Status.unknown, today="wed",
                          days=["mon", "tue", "wed"], slots={"am": "07:00"},
                          notes=["no plan of the remaining days was found within the "
                                 "time limit"])
    text = text_of(replan_report(result))
    assert "No plan was found within the time limit" in text
    assert "no plan of the remaining days was found within the time limit" in text


def test_a_longer_horizon_has_a_grid_per_week():
    days = [f"{d} {i}" for i, d in enumerate(["mon", "tue", "wed", "thu", "fri", "sat",
                                                "sun"] * 2)]
    dates = [f"2027-03-{i + 1:02d}" for i in range(14)]

    def entry(day: int, state: str, ident: str) -> LivedEntry:
        return LivedEntry(id=ident, day=day, weekday=days[day].split()[0], date=dates[day],
                          slot="am", start="07:00", session="easy_run", kind="run",
                          intensity="easy", minutes=45, load=135, key=False,
                          heavy_legs=False, state=state)

    result = ReplanResult(
        scenario="Two weeks", status=Status.optimal, today="wed 9", days=days, dates=dates,
        slots={"am": "07:00"}, plan=[entry(1, "done", "easy_run-1"),
                                     entry(11, "planned", "easy_run-2")],
        changes=[PlanChange(id="easy_run-2", session="easy_run", change="moved",
                            before="thu 10 am", after="fri 11 am", reason="r")])
    view = replan_view(result)
    assert [w.name for w in view.weeks] == ["week 1", "week 2"]
    html = replan_report(result)
    assert outline(html).count("table", "replan-week") == 2
    whens = [c.when for w in view.weeks for c in w.columns]
    assert whens == ["past"] * 9 + ["today"] + ["future"] * 4
    second = view.weeks[1].rows[0].cells
    assert second[4].items[0].change == "moved"  # fri 11
    assert second[3].items[0].kind == "left"  # thu 10


def test_hostile_names_stay_text(tmp_path):
    scenario = Scenario.model_validate({
        "name": SCRIPT, "week_start": "2027-03-01",
        "slots": {"am": "07:00", ATTRIBUTE: "18:00"},
        "sessions": {SCRIPT: 2, "easy_run": 2},
        "catalog": {SCRIPT: {"kind": "run", "intensity": "moderate", "minutes": 40,
                             "rpe": 6}},
    })
    plan = solve(scenario).plan
    first = next(e for e in plan if e.session == SCRIPT)
    result = replanned(tmp_path, [{"date": first.date, "slot": first.slot,
                                   "session": SCRIPT, "status": "missed"}],
                       str(plan[-1].date), scenario)
    assert result.has_plan
    html = replan_report(result)
    doc = outline(html)
    assert not any(tag in ("script", "img", "b") for tag, _ in doc.tags)
    assert not any(attr.startswith("on") for _, attrs in doc.tags for attr in attrs)
    assert SCRIPT not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    text = text_of(html)
    assert SCRIPT in text and ATTRIBUTE in text
    assert any(a.get("data-session") == SCRIPT for _, a in doc.tags)
    assert_self_contained(html)


def test_the_command_writes_the_report(tmp_path):
    plan = tmp_path / "plan.json"
    plan.write_text(solve(load_scenario(EXAMPLE)).to_json(), encoding="utf-8")
    log = tmp_path / "log.yaml"
    log.write_text(yaml.safe_dump(MIDWEEK), encoding="utf-8")
    out = tmp_path / "replan.html"
    run = CliRunner().invoke(main, ["replan", str(EXAMPLE), str(plan), "--log", str(log),
                                    "--today", "2027-03-03", "--format", "html", "--out",
                                    str(out)])
    assert run.exit_code == 0, run.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "chg-missed" in html
