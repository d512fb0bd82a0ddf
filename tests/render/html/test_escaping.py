"""Hostile names in every report: shown as text, never parsed as tags or attributes.

A name that closes a tag (`<script>…`) and one that closes an attribute and opens another
(`" onmouseover="x`) go through every place a report prints names: the solve report's
title, grid, phone list, chart and reasons; the conflict and relaxation messages of a week
without a plan; the comparison's variant labels; the squad index; and the block report's
name and clash (its charts and phases: tests/render/html/test_html_block.py).
"""

from __future__ import annotations

from html_kit import assert_self_contained, outline

from runlift import solve
from runlift.compare import build_alternatives, compare, render_comparison
from runlift.models.block import BlockResult
from runlift.models.result import Conflict, Relaxation
from runlift.models.status import Status
from runlift.render.html import solve_report
from runlift.render.html.block import block_report
from runlift.render.html.squad import SquadEntry, squad_index
from runlift.scenario.model import Scenario
from runlift.scenario.resolve import resolve

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '" onmouseover="x'
HOSTILE_RUN = {"kind": "run", "intensity": "hard", "minutes": 40, "rpe": 7, "key": True}


def assert_inert(html: str, *names: str) -> None:
    """No tag or event handler came from a name, and every name reads as itself."""
    doc = outline(html)
    assert not any(tag in ("script", "img", "b", "i") for tag, _ in doc.tags)
    assert not any(attr.startswith("on") for _, attrs in doc.tags for attr in attrs)
    text = "".join(doc.text)
    for name in names:
        assert name in text
    assert SCRIPT not in html
    assert_self_contained(html)


def test_solve_report():
    sc = Scenario.model_validate({
        "name": SCRIPT, "week_start": "2027-03-01",
        "slots": {"am": "07:00", ATTRIBUTE: "18:00"},
        "sessions": {SCRIPT: 1, ATTRIBUTE: 1, "easy_run": 2},
        "catalog": {SCRIPT: HOSTILE_RUN, ATTRIBUTE: {**HOSTILE_RUN, "key": False}},
        "prefer": {SCRIPT: ["sat"]},
    })
    html = solve_report(solve(sc), resolve(sc), title=f"{SCRIPT}{ATTRIBUTE}",
                        back_link=f"{ATTRIBUTE}.html")
    assert_inert(html, SCRIPT, ATTRIBUTE)
    sessions = {attrs["data-session"] for _, attrs in outline(html).tags
                if "data-session" in attrs}
    assert {SCRIPT, ATTRIBUTE} <= sessions  # the attribute holds the name, whole
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_conflict_messages():
    sc = Scenario.model_validate({
        "name": ATTRIBUTE, "days": 2, "slots": {ATTRIBUTE: "07:00"},
        "sessions": {SCRIPT: 2}, "catalog": {SCRIPT: HOSTILE_RUN},
    })
    result = solve(sc)
    assert not result.has_plan and result.conflicts and result.relaxations
    assert any(SCRIPT in c.message for c in result.conflicts)
    html = solve_report(result, resolve(sc))
    assert_inert(html, *(c.message for c in result.conflicts),
                 *(r.message for r in result.relaxations))


def test_compare_report(tmp_path):
    scenario = tmp_path / "week.yaml"
    scenario.write_text(
        f"name: '{ATTRIBUTE}'\n"
        "sessions: {easy_run: 2, lower_strength: 1, tempo: 1}\nvariants:\n"
        f"  '{SCRIPT}': {{rules: {{legs_policy: stack}}}}\n"
        f"  '{ATTRIBUTE}': {{sessions: {{tempo: 9}}}}\n", encoding="utf-8")
    comparison = compare(build_alternatives([scenario]), workers=1)
    assert not all(r.has_plan for r in comparison.results)  # 9 tempos: a conflict too
    html = render_comparison(comparison, "html", diff=True)
    assert_inert(html, SCRIPT, ATTRIBUTE)


def test_squad_index():
    row = {"athlete": SCRIPT, "status": "invalid", "weekly_load": None, "monotony": None,
           "hard_days": ATTRIBUTE, "rest_days": SCRIPT, "conflicts": "",
           "error": f"{SCRIPT}: sessions: bad"}
    entries = [SquadEntry(SCRIPT, row, None, f"{ATTRIBUTE}.html", f"{SCRIPT}.ics"),
               SquadEntry(ATTRIBUTE, {**row, "athlete": ATTRIBUTE}, None)]
    joint = {"status": ATTRIBUTE, "conflicts": [{"message": SCRIPT}]}
    html = squad_index(f"{SCRIPT} {ATTRIBUTE}", entries, joint)
    assert_inert(html, SCRIPT, ATTRIBUTE, f"{SCRIPT}: sessions: bad")
    hrefs = [attrs["href"] for tag, attrs in outline(html).tags if tag == "a"]
    assert hrefs == ["%22%20onmouseover%3D%22x.html", "%3Cscript%3Ealert%281%29%3C/script%3E.ics"]


def test_block_report_without_a_plan():
    result = BlockResult(
        block=SCRIPT, status=Status.infeasible, start="2027-01-04", length=4,
        conflicts=[Conflict(rule=ATTRIBUTE, message=f"{SCRIPT} clashes", member="x")],
        relaxations=[Relaxation(rule="r", change="c", message=f"drop {ATTRIBUTE}")])
    assert_inert(block_report(result), SCRIPT, f"{SCRIPT} clashes", f"drop {ATTRIBUTE}")
