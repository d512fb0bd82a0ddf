"""What the cog blocks of README.md call: tables, help texts and real outputs.

A development module, outside the runtime package. Every generated part of the README is
a cog block whose code calls one of these functions, for example:

    <!-- [[[cog
    from docs.cog_helpers import console
    cog.out(console("rules", "--format", "md"))
    ]]] -->
    <!-- [[[end]]] -->

``cog -r README.md`` (from the repository's root) runs every block and writes its output
between the block and its end marker; ``cog --check README.md`` fails when an output is
stale, and ``tests/test_docs.py`` runs that check.

Commands run in-process through click's CliRunner, in the repository's root, with a
fixed terminal width, as a user would see them. What changes from run to run is made
steady: times become ``TIME_PLACEHOLDER``, the temporary folder behind ``plans/`` is
shown as ``plans/``, and calendars are stamped with ``SOURCE_DATE_EPOCH``.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import shlex
import tempfile
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

ROOT = Path(__file__).resolve().parent.parent
HELP_WIDTH = 90
SCRATCH = "plans/"  # in console() arguments: a fresh temporary folder, shown as plans/
TIME_PLACEHOLDER = "0.0123"
FIXED_ENV = {
    "SOURCE_DATE_EPOCH": "1800000000",  # DTSTAMP 2027-01-15 08:00 UTC in calendars
    "TZ": "UTC",  # the default of --tz, for a calendar sample that does not give one
}
_SECONDS_IN_TEXT = [
    (re.compile(r"\(\d+(?:\.\d+)? s\)"), f"({TIME_PLACEHOLDER} s)"),  # batch: "(1.4 s)"
    (re.compile(r"(\w_seconds )\d+(?:\.\d+)?"), rf"\g<1>{TIME_PLACEHOLDER}"),  # --timings
    # batch: the dated folder of removed athletes' files
    (re.compile(r"removed-\d{4}-\d\d-\d\dT\d{6}"), "removed-2027-03-01T061500"),
]


# --- tables ------------------------------------------------------------------------------
def _md_table(headers: list[str], rows: list[list[str]]) -> str:
    from runlift.render.text import md_table

    return md_table(headers, rows) + "\n"


def _code(value: Any) -> str:
    """A value as it is written in a scenario file, in backticks."""
    if value is None:
        return "none"
    text = value if isinstance(value, str) else json.dumps(value)
    return f"`{text}`" if text else '`""`'


def rules_table() -> str:
    """The named rules: default, meaning and soft unit (the output of `runlift rules`)."""
    from runlift.render.formats import render_rules

    return render_rules("md").rstrip("\n") + "\n"


def presets_table() -> str:
    """The rule presets: the school, the rule values each sets, where they come from."""
    from runlift.rules.presets import PRESETS

    rows = [[f"`{p.name}`", p.school,
             "<br>".join(f"`{rule}: {json.dumps(value)}`" for rule, value in p.rules.items()),
             p.why + "<br>Sources: " + "; ".join(p.sources) + "."]
            for p in PRESETS.values()]
    return _md_table(["preset", "school", "rules it sets", "why, and sources"], rows)


def catalog_table() -> str:
    """The built-in session types and their fields."""
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


def limits_table() -> str:
    """The limits an input is held to (runlift.scenario.limits, runlift.models.bounds)."""
    from runlift.models import bounds as b
    from runlift.scenario import limits as lim

    rows = [
        ["file size", f"at most {lim.DEFAULT_MAX_INPUT_BYTES:,} bytes "
         f"({lim.DEFAULT_MAX_INPUT_BYTES >> 20} MiB), or `{lim.MAX_INPUT_ENV}`",
         "scenario, plan, history and squad files"],
        ["nesting", f"at most {lim.MAX_DEPTH} levels of mappings and lists", "YAML, TOML, JSON"],
        ["YAML aliases", f"the document they make at most {lim.ALIAS_FACTOR} times the "
         f"file's own nodes (or {lim.ALIAS_ALLOWANCE:,})", "a recursive alias is refused"],
        ["`days`", f"1 to {b.MAX_DAYS}", ""],
        ["`slots`", f"at most {b.MAX_SLOTS:,}", "each at its own minute of the day"],
        ["`sessions`", "at most days x slots, in all, `fixed` included",
         "what the horizon holds"],
        ["`minutes`", f"1 to {b.MAX_MINUTES}", "catalog and history"],
        ["`rpe`", f"0 to {b.MAX_RPE}", "catalog and history"],
        ["`load`", f"0 to {b.MAX_LOAD:,}", "catalog and history"],
        ["`weights`, `soft`", f"0 to {b.MAX_WEIGHT:,}", "a weight"],
        ["rule counts", f"0 to {b.MAX_COUNT:,}", "days and sessions a rule counts"],
        ["rule hours", f"0 to {b.MAX_HOURS}", "the hours a rule asks for"],
        ["history `day`", f"-{b.MAX_HISTORY_DAYS:,} to -1", ""],
        ["the objective", f"at most 2^{b.OBJECTIVE_LIMIT.bit_length() - 1} at worst",
         "every weight times the most its part can reach"],
    ]
    return _md_table(["what", "limit", "note"], rows)


def catalog_fields_table() -> str:
    """The fields of a catalog entry (a new session type or an override)."""
    from runlift.models.catalog import SessionTypeOverride

    rows = [[f"`{name}`", _type_words(("catalog", "*", name)), field.description or ""]
            for name, field in SessionTypeOverride.model_fields.items()]
    return _md_table(["field", "type", "meaning"], rows)


# --- running the command line ------------------------------------------------------------
def run_cli(*args: str) -> tuple[int, str]:
    """Run ``runlift ARGS`` in the repository's root; (exit code, what the terminal shows:
    stdout and stderr as they came)."""
    from click.testing import CliRunner

    from runlift.cli.main import main

    with contextlib.chdir(ROOT):
        result = CliRunner().invoke(main, list(args), terminal_width=HELP_WIDTH,
                                    prog_name="runlift", env=FIXED_ENV)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def _fenced(language: str, text: str) -> str:
    return f"```{language}\n{text.rstrip(chr(10))}\n```\n"


def _tidy(text: str) -> str:
    """Trailing spaces dropped (rich pads table titles), times replaced by the placeholder."""
    text = "\n".join(line.rstrip() for line in text.splitlines())
    for pattern, replacement in _SECONDS_IN_TEXT:
        text = pattern.sub(replacement, text)
    return text


def _steady_csv(text: str) -> str:
    """A CSV file with its ``*_seconds`` columns (wall-clock times) set to the placeholder."""
    rows = list(csv.reader(io.StringIO(text)))
    timed = [i for i, name in enumerate(rows[0]) if name.endswith("_seconds")] if rows else []
    for row in rows[1:]:
        for i in timed:
            row[i] = TIME_PLACEHOLDER if row[i] else ""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _show_file(path: Path) -> str:
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    return _steady_csv(text) if path.suffix == ".csv" else text


def console(*args: str, show: tuple[str, ...] = ()) -> str:
    """A console block: ``$ runlift ARGS``, what it prints, and its exit code when not 0.

    An argument ``plans/`` (or ``plans/NAME``) is a fresh temporary folder, shown as
    ``plans/``. Each file of ``show`` (``plans/summary.csv``) is then printed, as by ``cat``.
    """
    with tempfile.TemporaryDirectory() as scratch:
        def real(arg: str) -> str:
            return str(Path(scratch) / arg) if arg.startswith(SCRATCH) else arg

        code, out = run_cli(*map(real, args))
        lines = [f"$ runlift {shlex.join(args)}", out.rstrip("\n")]
        if code:
            lines += ["$ echo $?", str(code)]
        for name in show:
            lines += [f"$ cat {shlex.quote(name)}", _show_file(Path(real(name))).rstrip("\n")]
        text = "\n".join(lines).replace(scratch + os.sep, "")
    return _fenced("console", _tidy(text))


def console_steps(*commands: tuple[str, ...]) -> str:
    """Several commands in one console block, sharing the ``plans/`` scratch folder (a
    plan that one writes, the next reads)."""
    with tempfile.TemporaryDirectory() as scratch:
        def real(arg: str) -> str:
            return str(Path(scratch) / arg) if arg.startswith(SCRATCH) else arg

        (Path(scratch) / SCRATCH).mkdir()
        lines = []
        for args in commands:
            code, out = run_cli(*map(real, args))
            lines += [f"$ runlift {shlex.join(args)}", out.rstrip("\n")]
            if code:
                lines += ["$ echo $?", str(code)]
        text = "\n".join(line for line in lines if line).replace(scratch + os.sep, "")
    return _fenced("console", _tidy(text))


def help_text(*command: str) -> str:
    """``runlift COMMAND --help`` (the group's own help with no command)."""
    return _fenced("text", run_cli(*command, "--help")[1])


def solve_json(scenario: str, entries: int = 2) -> str:
    """solve's JSON for ``scenario``, one line per key, the plan cut to ``entries``."""
    _, out = run_cli("solve", scenario, "--format", "json")
    data = json.loads(out)
    plan = ",\n".join(f"    {json.dumps(entry)}" for entry in data["plan"][:entries])
    lines = [f"  {json.dumps(key)}: " + (f"[\n{plan}\n  ]" if key == "plan" else json.dumps(value))
             for key, value in data.items()]
    return _fenced("json", "{\n" + ",\n".join(lines) + "\n}")


def ics_event(scenario: str, session: str, *options: str) -> str:
    """The first calendar event of ``session`` in ``runlift solve SCENARIO --format ics``,
    as written (lines folded at 75 octets), with ``SOURCE_DATE_EPOCH`` as its DTSTAMP."""
    _, out = run_cli("solve", scenario, "--format", "ics", *options)
    slug = re.sub(r"[^a-z0-9]+", "-", session.lower()).strip("-")
    uid = re.compile(rf"^UID:{re.escape(slug)}-\d+-", re.MULTILINE)
    text = out.replace("\r\n", "\n")  # CRLF in the file; the terminal shows lines
    for event in re.findall(r"^BEGIN:VEVENT\n.*?^END:VEVENT\n", text, re.DOTALL | re.M):
        if uid.search(event.replace("\n ", "")):  # unfolded, to match the UID
            return _fenced("text", event)
    raise ValueError(f"no {session} event in the calendar of {scenario}")


# --- blocks -----------------------------------------------------------------------------
def show_file(path: str, language: str = "yaml") -> str:
    """A file of the repository, as it is."""
    return _fenced(language, (ROOT / path).read_text(encoding="utf-8"))


def guardrails_table() -> str:
    """Every block guardrail: default, meaning, where the default comes from, and the
    evidence against it."""
    from runlift.block.guardrails import GUARDRAILS

    rows = [[f"`{g.name}`", _code(list(g.default) if isinstance(g.default, tuple)
                                  else g.default), g.sentence, g.source, g.against or "—"]
            for g in GUARDRAILS.values()]
    return _md_table(["guardrail", "default", "meaning", "source", "evidence against"], rows)


def block_fields_table() -> str:
    """Every field of a block file: type, default and meaning."""
    from runlift.block.model import BlockFile

    rows = [[f"`{name}`", _default(field) if not field.is_required() else "required",
             field.description or ""]
            for name, field in BlockFile.model_fields.items()]
    return _md_table(["field", "default", "meaning"], rows)
