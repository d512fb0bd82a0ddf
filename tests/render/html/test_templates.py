"""The templates: escaping on by default everywhere, shipped with the package, loaded lazily.

Every page template is rendered from its view with '<b>' put in front of every string the
view holds; not one may come out as markup. A template added without a case here fails
the coverage test, so none can escape the check.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta
import pytest

from runlift import load_scenario, solve
from runlift.block import BlockFile, load_block, plan
from runlift.compare import build_alternatives, build_table, compare
from runlift.compare.diff import comparison_diff
from runlift.compare.html import compare_view
from runlift.models.block import BlockResult
from runlift.models.replan import ReplanResult
from runlift.models.result import Conflict, Relaxation
from runlift.models.status import Status
from runlift.render.html import page
from runlift.render.html.block import block_view
from runlift.render.html.replan import replan_view
from runlift.render.html.solve import solve_view
from runlift.render.html.squad import SquadEntry, block_squad_view, squad_view
from runlift.replan.api import replan
from runlift.replan.log import Log, LogEntry
from runlift.replan.problem import Planned
from runlift.scenario.resolve import resolve

ROOT = Path(__file__).resolve().parents[3]
SCENARIOS = ROOT / "scenarios"
TEMPLATES = ROOT / "runlift" / "render" / "html" / "templates"
POISON = "<b>"


def poisoned(value: Any) -> Any:
    """A copy of a view with POISON in front of every string in it, however deep."""
    if isinstance(value, str):
        return POISON + value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{
            f.name: poisoned(getattr(value, f.name)) for f in dataclasses.fields(value)
            if f.init})
    if isinstance(value, list | tuple):
        return type(value)(poisoned(v) for v in value)
    if isinstance(value, dict):
        return {poisoned(k): poisoned(v) for k, v in value.items()}
    return value


def _solved(name: str):
    scenario = load_scenario(SCENARIOS / name)
    return solve(scenario), resolve(scenario)


def _compare_view():
    files = [SCENARIOS / "legs-stack.yaml", SCENARIOS / "unsolvable-race-week.yaml"]
    comparison = compare(build_alternatives(files, ["rules.legs_policy=any,stack"]), workers=1)
    return compare_view(comparison, build_table(comparison), comparison_diff(comparison))


def _squad_view():
    result, _ = _solved("half-marathon-build.yaml")
    row = {"athlete": "Ana", "status": "optimal", "weekly_load": 2485, "monotony": 2.4,
           "hard_days": "tue, thu, sat", "rest_days": "fri", "conflicts": "", "error": ""}
    failed = {**row, "status": "invalid", "weekly_load": None, "monotony": None,
              "error": "sessions: bad"}
    joint = {"status": "feasible", "objective": 3, "best_bound": 2, "gap_percent": 33.3,
             "conflicts": [{"message": "gym capacity 1 is short on tue pm"}]}
    return squad_view("Squad", [SquadEntry("Ana", row, result, "ana.html", "ana.ics"),
                                SquadEntry("Ben", failed, None)], joint)


def _block_compare_views():
    """Blocks side by side: one planned, one without a plan, with --diff."""
    from runlift.compare.block_diff import block_comparison_diff
    from runlift.compare.block_table import build_block_table
    from runlift.compare.html import block_compare_view
    from runlift.compare.run import compare_blocks

    block = ROOT / "tests" / "data" / "blocks" / "short-build.yaml"
    comparison = compare_blocks(build_alternatives([block], ["progression.ramp_pct=5,10"]),
                                workers=1)
    return [block_compare_view(comparison, build_block_table(comparison),
                               block_comparison_diff(comparison))]


def _block_squad_view():
    row = {"athlete": "Ana", "status": "optimal", "race": "2027-04-04", "weeks": 5,
           "race_ctl": 121.9, "race_tsb": -75.2, "peak_week_load": 1840, "conflicts": "",
           "error": ""}
    failed = {**row, "status": "invalid", "race": "", "weeks": None, "race_ctl": None,
              "race_tsb": None, "peak_week_load": None, "error": "race.date: bad"}
    return block_squad_view("Squad", [SquadEntry("Ana", row, None, "ana.html", "ana.ics"),
                                      SquadEntry("Ben", failed, None)])


def _block_views():
    """A planned block; one whose third week cannot be planned (the weeks before it, the
    clash and its notes); one the block level rejects (a conflict and a relaxation); one
    out of time."""
    closed = {"name": "Closed", "start": "2027-01-04", "weeks": 3,
              "week": {"sessions": {"easy_run": 3, "long_run": 1}},
              "progression": {"ramp_pct": False, "deload_every": False, "acwr_max": False},
              "weeks_override": {3: {"unavailable": ["mon", "tue", "wed", "thu", "fri", "sat"]}}}
    light = {"name": "Light", "start": "2027-01-04", "weeks": 4,
             "week": {"sessions": {"easy_run": 3, "long_run": 1, "tempo": 1}},
             "progression": {"deload_every": 3, "deload_pct": [10, 20]}}
    slow = BlockResult(block="Slow", status=Status.unknown, start="2027-01-04", length=16,
                       notes=["the block level found no choice of minutes in time"])
    return [block_view(plan(load_block(SCENARIOS / "blocks" / "marathon-16.yaml"))),
            *(block_view(plan(BlockFile.model_validate(b))) for b in (closed, light)),
            block_view(slow)]


def _replan_views():
    """A week replanned from Wednesday (a move from the log, a missed session kept, a drop,
    the past, notes); one that cannot be (a clash, a relaxation); one out of time."""
    problem = resolve(load_scenario(SCENARIOS / "half-marathon-build.yaml"))
    planned = [Planned(e.id or "", e.day, e.slot, e.session) for e in solve(problem).plan]
    log = Log("log", [LogEntry.model_validate(row) for row in (
        {"day": 1, "slot": "am", "session": "intervals", "status": "moved", "to_day": 3,
         "to_slot": "am"},
        {"day": 0, "slot": "pm", "session": "easy_run", "status": "missed"})], [1, 2])
    header = {"scenario": "Week", "today": "wed", "days": ["mon", "tue", "wed"],
              "slots": {"am": "07:00"}}
    clash = ReplanResult(**header, status=Status.infeasible,
                         conflicts=[Conflict(rule="fixed", message="hills is pinned",
                                             member="fixed:0")],
                         relaxations=[Relaxation(rule="r", change="c", message="unpin")],
                         notes=["a note"])
    slow = ReplanResult(**header, status=Status.unknown, notes=["out of time"])
    return [replan_view(r) for r in (replan(problem, planned, log, 2), clash, slow)]


# Each page template, with views that between them reach every branch that prints text.
PAGES = {
    "solve.html.j2": lambda: [
        solve_view(*_solved("half-marathon-build.yaml"), back_link="index.html"),
        solve_view(*_solved("two-week-block.yaml")),
        solve_view(*_solved("unsolvable-race-week.yaml")),
    ],
    "compare.html.j2": lambda: [_compare_view(), *_block_compare_views()],
    "squad.html.j2": lambda: [_squad_view()],
    "block_squad.html.j2": lambda: [_block_squad_view()],
    "block.html.j2": _block_views,
    "replan.html.j2": _replan_views,
}


def referenced(name: str, env: jinja2.Environment) -> set[str]:
    """``name`` and every template it extends, imports or includes, transitively."""
    source = env.loader.get_source(env, name)[0]
    found = {name}
    for child in jinja2.meta.find_referenced_templates(env.parse(source)):
        found |= referenced(child, env)
    return found


def test_every_template_is_reached_by_a_page_rendered_below():
    env = page.environment()
    reached = set().union(*(referenced(name, env) for name in PAGES))
    assert reached == set(env.list_templates())


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_string_of_every_view_is_escaped(name):
    for view in PAGES[name]():
        html = page.render(name, page=poisoned(view))
        assert POISON not in html
        assert "&lt;b&gt;" in html


def test_the_environment_escapes_every_template_and_rejects_unknown_fields():
    env = page.environment()
    assert env.autoescape is True
    assert env.undefined is jinja2.StrictUndefined
    with pytest.raises(jinja2.UndefinedError):
        page.render("solve.html.j2", page=object())


def test_no_template_turns_escaping_off():
    for path in TEMPLATES.iterdir():
        text = path.read_text(encoding="utf-8")
        for marker in ("|safe", "| safe", "autoescape false", "Markup"):
            assert marker not in text, f"{path.name} uses {marker}"


def test_the_stylesheet_is_inlined_byte_for_byte():
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    html = page.render("solve.html.j2", page=solve_view(*_solved("race-week.yaml")))
    assert f"<style>\n{css}</style>" in html


def test_every_template_is_package_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["runlift.render.html"]
    for path in TEMPLATES.iterdir():
        relative = f"templates/{path.name}"
        assert any(fnmatch.fnmatch(relative, p) for p in patterns), f"{relative} not shipped"


def test_jinja2_is_imported_only_to_render():
    """Neither `runlift --help` nor importing the HTML modules loads jinja2."""
    code = ("import sys, runlift.render.html, runlift.batch.reports, runlift.compare.render\n"
            "from runlift.cli.main import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print('jinja2' in sys.modules, file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert "Usage: " in out.stdout
    assert out.stderr.strip() == "False"
