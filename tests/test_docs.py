"""The README's generated parts are current (``cog --check README.md``), a stale one fails
that check, and the README's Python example runs as written."""

from __future__ import annotations

import doctest
import io
import itertools
import re
from pathlib import Path

import pytest
from cogapp import Cog

from runlift.cli.main import main as cli_group
from runlift.models.catalog import BUILTIN_CATALOG
from runlift.rules import RULES
from runlift.scenario.model import Scenario

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
COG_CHECK_FAILED = 5  # cog's exit code when --check finds a file that would change


def readme() -> str:
    return README.read_text(encoding="utf-8")


def section(name: str) -> str:
    match = re.search(rf"<!-- section:{name} -->\n(.*?)<!-- /section:{name} -->", readme(),
                      re.DOTALL)
    assert match, f"README has no section {name}"
    return match.group(1)


def run_cog(*args: str | Path) -> tuple[int, str]:
    """``cog ARGS`` in this process; (exit code, what it printed)."""
    cog = Cog()
    printed = io.StringIO()
    cog.set_output(stdout=printed, stderr=printed)
    return cog.main(["cog", *map(str, args)]), printed.getvalue()


def test_readme_generated_parts_are_up_to_date(monkeypatch):
    monkeypatch.chdir(ROOT)
    code, printed = run_cog("--check", "--diff", "README.md")
    assert code == 0, f"README.md is stale: run `cog -r README.md`\n{printed}"


def test_a_stale_block_fails_the_check_and_regenerating_repairs_it(tmp_path):
    stale = readme().replace("| taper_days |", "| taper_dayz |")
    assert stale != readme()
    copy = tmp_path / "README.md"
    copy.write_text(stale, encoding="utf-8")
    code, printed = run_cog("-I", ROOT, "--check", "--diff", copy)
    assert code == COG_CHECK_FAILED
    assert "-| taper_dayz |" in printed and "+| taper_days |" in printed
    assert run_cog("-I", ROOT, "-r", copy)[0] == 0
    assert copy.read_text(encoding="utf-8") == readme()


def generated_parts() -> list[str]:
    """The outputs of the README's cog blocks."""
    return re.findall(r"\]\]\] -->\n(.*?)<!-- \[\[\[end\]\]\] -->", readme(), re.DOTALL)


def test_every_console_sample_is_generated_never_pasted():
    generated = "".join(generated_parts())
    samples = re.findall(r"^```console\n.*?^```$", readme(), re.DOTALL | re.MULTILINE)
    assert len(samples) >= 6
    for sample in samples:
        assert sample in generated, f"a console sample is pasted, not generated:\n{sample}"


def test_every_command_has_its_help_in_the_readme():
    generated = "".join(generated_parts())
    assert "Usage: runlift [OPTIONS] COMMAND [ARGS]..." in generated
    for name in cli_group.commands:
        assert f"Usage: runlift {name} [OPTIONS]" in generated, name


def test_rule_table_has_every_rule_with_its_default():
    # The section's first table is the rules' (the presets' table follows it).
    lines = section("rules").splitlines()
    start = next(i for i, row in enumerate(lines) if row.startswith("| "))
    table = list(itertools.takewhile(lambda row: row.startswith("|"), lines[start:]))
    rows = [row for row in table if row.startswith("| ")][1:]
    assert [row.split(" | ")[0].lstrip("| ") for row in rows] == list(RULES)
    for name, rule in RULES.items():
        assert any(row.startswith(f"| {name} | ") and rule.unit in row for row in rows)


def test_catalog_table_has_every_builtin_type_and_its_load():
    text = section("scenario-format")
    for name, stype in BUILTIN_CATALOG.items():
        assert f"| `{name}` | {stype.kind.value} | {stype.intensity.value} | " \
               f"{stype.minutes} | {stype.rpe} | {stype.session_load} |" in text


def test_field_table_has_every_scenario_field():
    text = section("scenario-format")
    for name in Scenario.model_fields:
        assert f"| `{name}` |" in text
    assert '| `days` | a whole number from 1 to 28 | `7` |' in text


def test_readme_sections_are_filled():
    for name in ("solve", "check", "scenario-format", "rules", "objective", "explain",
                 "block", "python-api", "exit-codes", "development"):
        assert len(section(name)) > 300, name


def test_python_api_example_runs(monkeypatch):
    monkeypatch.chdir(ROOT)
    text = section("python-api")
    (block,) = re.findall(r"```python\n(.*?)```", text, re.DOTALL)
    parser = doctest.DocTestParser()
    test = parser.get_doctest(block, {}, "README python-api", "README.md", 0)
    assert len(test.examples) >= 6
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


@pytest.fixture
def helpers(monkeypatch):
    """docs/cog_helpers.py, imported as the README's cog blocks import it."""
    monkeypatch.syspath_prepend(str(ROOT))
    from docs import cog_helpers

    return cog_helpers


def test_console_shows_the_scratch_folder_as_plans_and_times_as_the_placeholder(helpers):
    sample = helpers.console("batch", "scenarios/squads/riverside.yaml", "--out", "plans/",
                             show=("plans/summary.csv",))
    assert "; plans/summary.csv (0.0123 s)\n" in sample
    assert "$ cat plans/summary.csv\n" in sample and "/tmp" not in sample
    csv_rows = sample.split("$ cat plans/summary.csv\n")[1].splitlines()[1:-1]
    assert csv_rows and all(row.endswith(",0.0123,0.0123") for row in csv_rows)


def test_ics_event_refuses_a_session_the_week_does_not_hold(helpers):
    with pytest.raises(ValueError, match="no hills event"):
        helpers.ics_event("scenarios/half-marathon-build.yaml", "hills")
