"""The parts of README.md that come from the code: tables, help texts and real outputs.

Each generated part sits between ``<!-- generated:NAME -->`` and ``<!-- /generated:NAME -->``
inside a README section. ``python -m runlift.docs`` rewrites them; ``--check`` only reports
whether the README is up to date (the test suite does the same).
"""

from __future__ import annotations

import contextlib
import json
import re
import sys
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
MAIN_EXAMPLE = "scenarios/half-marathon-build.yaml"
UNSOLVABLE_EXAMPLE = "scenarios/unsolvable-race-week.yaml"
HAND_MADE_PLAN = "scenarios/plans/hand-made-week.yaml"
HELP_WIDTH = 90


def _md_table(headers: list[str], rows: list[list[str]]) -> str:
    from runlift.render.text import md_table

    return md_table(headers, rows)


def _code(value: Any) -> str:
    """A value as it is written in a scenario file, in backticks."""
    if value is None:
        return "none"
    text = value if isinstance(value, str) else json.dumps(value)
    return f"`{text}`" if text else '`""`'


# --- tables ------------------------------------------------------------------------------
def rules_table() -> str:
    """The named rules: default, meaning and soft unit (the output of `runlift rules`)."""
    from runlift.render.formats import render_rules

    return render_rules("md").rstrip("\n")


def catalog_table() -> str:
    from runlift.models.catalog import BUILTIN_CATALOG

    rows = [
        [f"`{t.name}`", t.kind.value, t.intensity.value, str(t.minutes), str(t.rpe),
         str(t.session_load), "yes" if t.key else "", "yes" if t.heavy_legs else "",
         ", ".join(t.muscles)]
        for t in BUILTIN_CATALOG.values()
    ]
    return _md_table(["type", "kind", "intensity", "minutes", "rpe", "load", "key",
                      "heavy_legs", "muscles"], rows)


def _type_words(loc: tuple[str | int, ...]) -> str:
    """What the value at ``loc`` of a scenario file is, containers spelled out."""
    from runlift.scenario.loading import annotations_at, expected_at, unwrap
    from runlift.scenario.model import Scenario

    members = [m for ann in annotations_at(Scenario, loc) for m in unwrap(ann)
               if m is not type(None)]
    if len(members) == 1:
        (only,) = members
        if typing.get_origin(only) is dict:
            return f"mapping: name → {_type_words((*loc, '*'))}"
        if typing.get_origin(only) is list:
            return f"list of: {_type_words((*loc, 0))}"
        if isinstance(only, type) and issubclass(only, BaseModel):
            return "mapping: " + ", ".join(only.model_fields)
    return expected_at(Scenario, loc) or "any value"


def _default(field: FieldInfo) -> str:
    if field.default_factory is not None:
        value = field.default_factory()  # type: ignore[call-arg]
        if isinstance(value, BaseModel):
            dumped = value.model_dump(exclude_none=True)
            return _code(dumped) if dumped else "each rule's default"
        return _code(value)
    return _code(field.default.isoformat() if hasattr(field.default, "isoformat")
                 else field.default)


def fields_table() -> str:
    """Every field of a scenario file: type, default and meaning."""
    from runlift.scenario.model import Scenario

    rows = [[f"`{name}`", _type_words((name,)), _default(field), field.description or ""]
            for name, field in Scenario.model_fields.items()]
    return _md_table(["field", "type", "default", "meaning"], rows)


def catalog_fields_table() -> str:
    from runlift.models.catalog import SessionTypeOverride

    rows = [[f"`{name}`", _type_words(("catalog", "*", name)), field.description or ""]
            for name, field in SessionTypeOverride.model_fields.items()]
    return _md_table(["field", "type", "meaning"], rows)


# --- real outputs ------------------------------------------------------------------------
def run_cli(*args: str) -> tuple[int, str]:
    """Run ``runlift ARGS`` in the repository, as a user would; (exit code, stdout)."""
    from click.testing import CliRunner

    from runlift.cli.main import main

    with contextlib.chdir(ROOT):
        result = CliRunner().invoke(main, list(args), terminal_width=HELP_WIDTH,
                                    prog_name="runlift")
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout


def _shell(*args: str) -> str:
    """A console block: the command, its output and its exit code."""
    code, out = run_cli(*args)
    out = "\n".join(line.rstrip() for line in out.splitlines())  # rich pads table titles
    return "```console\n$ runlift " + " ".join(args) + "\n" + out + (
        f"\n$ echo $?\n{code}" if code else "") + "\n```"


def _solve_json() -> str:
    """solve's JSON for the main example, one line per key, the plan cut to two entries."""
    _, out = run_cli("solve", MAIN_EXAMPLE, "--format", "json")
    data = json.loads(out)
    plan = ",\n".join(f"    {json.dumps(entry)}" for entry in data["plan"][:2])
    lines = [f"  {json.dumps(key)}: " + (f"[\n{plan}\n  ]" if key == "plan" else json.dumps(value))
             for key, value in data.items()]
    return "```json\n{\n" + ",\n".join(lines) + "\n}\n```"


def _help(command: str) -> str:
    return "```text\n" + run_cli(command, "--help")[1].rstrip("\n") + "\n```"


GENERATED: dict[str, Callable[[], str]] = {
    "solve-help": lambda: _help("solve"),
    "solve-sample": lambda: _shell("solve", MAIN_EXAMPLE),
    "solve-json": _solve_json,
    "check-help": lambda: _help("check"),
    "check-sample": lambda: _shell("check", MAIN_EXAMPLE, HAND_MADE_PLAN),
    "scenario-fields": fields_table,
    "catalog-fields": catalog_fields_table,
    "catalog": catalog_table,
    "rules": rules_table,
    "explain-sample": lambda: _shell("solve", UNSOLVABLE_EXAMPLE),
}


# --- rewriting the README ----------------------------------------------------------------
def _block(name: str) -> re.Pattern[str]:
    return re.compile(rf"(<!-- generated:{name} -->\n)(.*?)(<!-- /generated:{name} -->)",
                      re.DOTALL)


def render_readme(text: str) -> str:
    """``text`` with every generated block filled in from the code."""
    for name, make in GENERATED.items():
        pattern = _block(name)
        if not pattern.search(text):
            raise ValueError(f"README has no block <!-- generated:{name} -->")
        content = make()
        text = pattern.sub(lambda m, c=content: m.group(1) + c + "\n" + m.group(3), text)
    return text


def main(argv: list[str] | None = None) -> int:
    """Rewrite README.md (or, with --check, exit 1 when it is out of date)."""
    args = sys.argv[1:] if argv is None else argv
    current = README.read_text(encoding="utf-8")
    fresh = render_readme(current)
    if "--check" in args:
        if fresh != current:
            print("README.md is out of date: run `python -m runlift.docs`", file=sys.stderr)
            return 1
        return 0
    if fresh != current:
        from runlift.writing import write_atomic

        write_atomic(README, fresh)
        print("README.md updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
