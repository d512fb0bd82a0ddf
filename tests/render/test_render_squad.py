"""`runlift batch --html --ics`: the squad index, a report and a calendar per athlete."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner
from html_kit import assert_self_contained, outline

from runlift.cli.main import main

SCRIPT = "<script>alert(1)</script>"
SQUAD = f"""
squad: Riverside RC, spring block
defaults:
  week_start: 2027-03-01
  sessions: {{easy_run: 3, long_run: 1, tempo: 1, lower_strength: 1}}
  rules: {{legs_policy: stack}}
group_sessions:
  - {{name: Track night, session: intervals, day: tue, slot: pm}}
athletes:
  - {{name: Ana}}
  - {{name: "{SCRIPT}"}}
  - {{name: Index}}
  - {{name: Cleo, sessions: {{easy_run: 10}}}}  # no rest day left
  - {{name: Dev, sessions: {{easy_runn: 1}}}}
  - {{name: Eli, week_start: null}}
"""


def run_batch(tmp_path: Path, *extra: str):
    squad = tmp_path / "squad.yaml"
    squad.write_text(SQUAD, encoding="utf-8")
    out = tmp_path / "plans"
    result = CliRunner().invoke(main, ["batch", str(squad), "--out", str(out), "--workers", "1",
                                       "--no-progress", "--tz", "Europe/Berlin", *extra])
    return result, out


@pytest.fixture(scope="module")
def batch_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("batch")
    # A calendar left by an earlier run for Cleo, who now has no plan, must disappear.
    (tmp / "plans").mkdir()
    (tmp / "plans" / "cleo.ics").write_text("stale", encoding="utf-8")
    result, out = run_batch(tmp, "--html", "--ics")
    return result, out


def summary(out: Path) -> dict[str, dict[str, str]]:
    import csv

    with (out / "summary.csv").open(encoding="utf-8") as handle:
        return {row["athlete"]: row for row in csv.DictReader(handle)}


def test_exit_code_and_files(batch_run):
    result, out = batch_run
    assert result.exit_code == 1, result.output  # Cleo has no plan, Dev is invalid
    rows = summary(out)
    assert rows["Cleo"]["status"] == "infeasible" and rows["Dev"]["status"] == "invalid"
    assert rows["Index"]["file"] == "index_.json"  # the squad index keeps its name
    for stem in ("ana", "index_", "cleo", "eli"):
        assert (out / f"{stem}.html").is_file()
    assert not (out / "dev.html").exists()
    assert {p.name for p in out.glob("*.ics")} == {
        "ana.ics", "index_.ics", rows[SCRIPT]["file"].replace(".json", ".ics")}
    assert "no calendar for Eli: the scenario has no week_start" in result.stderr


def test_calendars_belong_to_their_athletes(batch_run):
    _, out = batch_run
    ana = icalendar.Calendar.from_ical((out / "ana.ics").read_bytes())
    plan = json.loads((out / "ana.json").read_text(encoding="utf-8"))["plan"]
    assert str(ana["x-wr-calname"]) == "Ana"
    assert len(list(ana.events)) == len(plan) == 7  # 6 sessions and Track night
    assert {e.start.tzinfo.key for e in ana.events} == {"Europe/Berlin"}
    index = icalendar.Calendar.from_ical((out / "index_.ics").read_bytes())
    assert not {str(e["uid"]) for e in ana.events} & {str(e["uid"]) for e in index.events}


def test_squad_index_lists_every_athlete_with_links(batch_run):
    _, out = batch_run
    html = (out / "index.html").read_text(encoding="utf-8")
    assert_self_contained(html)
    doc = outline(html)
    assert doc.count("tr", "athlete") == 6
    links = [a["href"] for tag, a in doc.tags if tag == "a"]
    assert "ana.html" in links and "index_.html" in links and "ana.ics" in links
    assert "dev.html" not in links
    assert all((out / href).is_file() for href in links)
    assert doc.count("svg", "spark") == 4  # the athletes with a plan
    text = " ".join(doc.text)
    assert SCRIPT in text and SCRIPT not in html
    assert "6 athletes: 4 planned, 2 without a plan" in text
    assert "easy_runn" in text  # Dev's error is shown


def test_athlete_reports_link_back_and_show_their_week(batch_run):
    _, out = batch_run
    doc = outline((out / "ana.html").read_text(encoding="utf-8"))
    assert ("a", {"href": "index.html"}) in doc.tags
    assert doc.count("table", "week") == 1
    cleo = outline((out / "cleo.html").read_text(encoding="utf-8"))
    assert cleo.count("ul", "conflicts") == 1


def test_resume_rewrites_the_same_documents(batch_run, tmp_path):
    _, out = batch_run
    before = {p.name: p.read_bytes() for p in out.glob("*.html")}
    result, again = run_batch(out.parent, "--html", "--ics", "--resume")
    assert again == out and result.exit_code == 1
    assert "solved 0, kept 5" in result.stderr  # rendered from the kept results
    assert {p.name: p.read_bytes() for p in out.glob("*.html")} == before


def test_without_the_flags_no_documents(tmp_path):
    result, out = run_batch(tmp_path)
    assert result.exit_code == 1
    assert not list(out.glob("*.html")) and not list(out.glob("*.ics"))
