"""The README's generated parts are current, and its Python example runs as written."""

from __future__ import annotations

import doctest
import re

import pytest

from runlift import docs
from runlift.models.catalog import BUILTIN_CATALOG
from runlift.rules import RULES
from runlift.scenario.model import Scenario


def readme() -> str:
    return docs.README.read_text(encoding="utf-8")


def section(name: str) -> str:
    match = re.search(rf"<!-- section:{name} -->\n(.*?)<!-- /section:{name} -->", readme(),
                      re.DOTALL)
    assert match, f"README has no section {name}"
    return match.group(1)


def test_readme_generated_parts_are_up_to_date():
    current = readme()
    assert docs.render_readme(current) == current, (
        "README.md is out of date: run `python -m runlift.docs`")


def test_docs_check_mode_reports_up_to_date():
    assert docs.main(["--check"]) == 0


def test_render_readme_fills_a_stale_block():
    stale = readme().replace("| taper_days |", "| taper_dayz |")
    assert stale != readme()
    assert docs.render_readme(stale) == readme()


def test_render_readme_refuses_a_readme_without_the_blocks():
    with pytest.raises(ValueError, match="README has no block <!-- generated:"):
        docs.render_readme("no blocks here")


def test_rule_table_has_every_rule_with_its_default():
    rows = docs.rules_table().splitlines()[2:]
    assert [row.split(" | ")[0].lstrip("| ") for row in rows] == list(RULES)
    for name, rule in RULES.items():
        assert any(row.startswith(f"| {name} | ") and rule.unit in row for row in rows)


def test_catalog_table_has_every_builtin_type_and_its_load():
    table = docs.catalog_table()
    for name, stype in BUILTIN_CATALOG.items():
        assert f"| `{name}` | {stype.kind.value} | {stype.intensity.value} | " \
               f"{stype.minutes} | {stype.rpe} | {stype.session_load} |" in table


def test_field_table_has_every_scenario_field():
    table = docs.fields_table()
    for name in Scenario.model_fields:
        assert f"| `{name}` |" in table
    assert '| `days` | a whole number from 1 to 28 | `7` |' in table


def test_readme_sections_are_filled():
    for name in ("solve", "check", "scenario-format", "rules", "objective", "explain",
                 "python-api", "exit-codes", "development"):
        assert len(section(name)) > 300, name


def test_python_api_example_runs(monkeypatch):
    monkeypatch.chdir(docs.ROOT)
    text = section("python-api")
    (block,) = re.findall(r"```python\n(.*?)```", text, re.DOTALL)
    parser = doctest.DocTestParser()
    test = parser.get_doctest(block, {}, "README python-api", "README.md", 0)
    assert len(test.examples) >= 6
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0
