"""The squad index page on its own: rows, warning flags, the joint-plan line, escaping."""

from __future__ import annotations

from html_kit import assert_self_contained, outline

from runlift.render.html.squad import SquadEntry, squad_index

SCRIPT = "<script>alert(1)</script>"


def row(athlete: str, status: str, **values) -> dict:
    base = {"athlete": athlete, "status": status, "weekly_load": None, "monotony": None,
            "hard_days": "", "rest_days": "", "conflicts": "", "error": ""}
    return {**base, **values}


def test_rows_flags_and_links():
    entries = [
        SquadEntry("Ana", row("Ana", "optimal", weekly_load=2100, monotony=2.4), None,
                   "ana.html", "ana.ics"),
        SquadEntry("Ben", row("Ben", "optimal", weekly_load=1900, monotony=1.3), None,
                   "ben.html"),
        SquadEntry(SCRIPT, row(SCRIPT, "invalid", error=f"{SCRIPT}: sessions: bad"), None),
    ]
    html = squad_index(f"{SCRIPT} squad", entries)
    assert_self_contained(html)
    doc = outline(html)
    assert doc.count("tr", "athlete") == 3
    assert doc.count("span", "flag-warn") == 1  # only Ana's 2.4 is above 2.0
    assert [a["href"] for t, a in doc.tags if t == "a"] == ["ana.html", "ana.ics", "ben.html"]
    text = " ".join(doc.text)
    assert "3 athletes: 2 planned, 1 without a plan" in text
    assert text.count(SCRIPT) >= 3 and SCRIPT not in html


def test_joint_plan_line_and_link_quoting():
    entries = [SquadEntry("Zoë", row("Zoë", "optimal", weekly_load=1), None, "zoë.html")]
    joint = {"status": "feasible", "objective": 120, "best_bound": 119, "gap_percent": 0.84,
             "conflicts": [{"message": "gym capacity 1 is short on tue pm"}]}
    html = squad_index("Squad", entries, joint)
    assert 'href="zo%C3%AB.html"' in html
    text = " ".join(outline(html).text)
    assert "Joint plan (shared gym): feasible, objective 120, bound 119, gap 0.84%" in text
    assert "gym capacity 1 is short on tue pm" in text
