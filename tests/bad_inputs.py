"""Bad scenario files and the one-line error each must give (shared by the loader and CLI
tests). ``tests/`` is on ``sys.path`` through the rootdir conftest."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BadInput:
    id: str
    file: str  # a file name, written with ``text``
    text: str | None  # None: the path is not created (missing file) or is special
    where: str  # the expected "file[:line][: field.path]" prefix of the message
    says: tuple[str, ...]  # fragments the message must contain

    def write(self, folder: Path) -> Path:
        path = folder / self.file
        if self.id == "directory":
            path.mkdir()
        elif self.id == "fifo":
            os.mkfifo(path)  # nobody writes to it: reading it would wait forever
        elif self.id == "dev-zero":
            path.symlink_to("/dev/zero")  # read, it never ends
        elif self.text is not None:
            path.write_text(self.text, encoding="utf-8")
        return path


def _bomb(levels: int, first: str, indent: str) -> list[str]:
    """Anchors of nine aliases each to the one before: the last stands for 9**levels."""
    lines = [f"{indent}- &a0 {first}"]
    for i in range(1, levels + 1):
        lines.append(f"{indent}- &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return lines


# The classic "billion laughs" in `name:`, and ten levels of nine under `variants:` (a
# 1 KB file that stands for 3 * 10**9 nodes): each took minutes to refuse.
CLASSIC_BOMB = "\n".join(["name:", *_bomb(8, "[lol, lol, lol, lol, lol, lol, lol, lol, lol]",
                                          "  ")]) + "\n"
VARIANTS_BOMB = "\n".join(
    ["variants:", "  v0: &v0 {description: lol}"]
    + [f"  v{i}: &v{i} {{" + ", ".join(f"k{j}: *v{i - 1}" for j in range(9)) + "}"
       for i in range(1, 11)]) + "\n"
# 28 days of 1,440 one-minute slots with five soft rules at the largest weight: the
# objective could pass 2**62.
_MINUTES = ", ".join(f"s{m}: '{m // 60:02d}:{m % 60:02d}'" for m in range(24 * 60))
OVERFLOW = (f"days: 28\nslots: {{{_MINUTES}}}\nsessions: {{easy_run: 20}}\n"
            "soft: {same_muscle_hours: 1000000, lift_to_key_hours: 1000000, "
            "max_hard_days: 1000000, min_rest_days: 1000000, no_back_to_back_hard: 1000000}\n")


CASES = [
    BadInput("yaml-syntax", "s.yaml", "name: x\nsessions:\n  easy_run: 3\n   long_run: 1\n",
             "s.yaml:4", ("invalid YAML", "mapping values are not allowed")),
    BadInput("yaml-unclosed-list", "s.yaml", "sessions: [easy_run\n", "s.yaml:2",
             ("invalid YAML",)),
    BadInput("wrong-type-count", "s.yaml", "sessions:\n  easy_run: three\n",
             "s.yaml:2: sessions.easy_run", ("expected a whole number, got 'three'",)),
    BadInput("wrong-type-fraction", "s.yaml", "sessions:\n  easy_run: 2.5\n",
             "s.yaml:2: sessions.easy_run", ("expected a whole number, got 2.5",)),
    BadInput("number-as-session-name", "s.yaml", "sessions:\n  1: 2\n", "s.yaml:2: sessions.1",
             ("expected a name (text) as the key, got 1",)),
    BadInput("number-as-slot-name", "s.yaml", "slots: {7: '07:00'}\n", "s.yaml:1: slots.7",
             ("expected a name (text) as the key, got 7",)),
    BadInput("wrong-type-mapping", "s.yaml", "sessions: 3\n", "s.yaml:1: sessions",
             ("expected a mapping, got 3",)),
    BadInput("wrong-type-empty", "s.yaml", "name: x\nsessions:\n", "s.yaml:2: sessions",
             ("expected a mapping, got an empty value",)),
    BadInput("wrong-type-list", "s.yaml", "unavailable: fri\n", "s.yaml:1: unavailable",
             ("expected a list, got 'fri'",)),
    BadInput("wrong-type-time", "s.yaml", "slots: {am: 7}\n", "s.yaml:1: slots.am",
             ('expected a time as "HH:MM", got 7',)),
    BadInput("wrong-type-bool", "s.yaml", "rules:\n  no_back_to_back_hard: maybe\n",
             "s.yaml:2: rules.no_back_to_back_hard", ("expected true or false, got 'maybe'",)),
    BadInput("wrong-type-rule-union", "s.yaml", "rules:\n  max_hard_days: lots\n",
             "s.yaml:2: rules.max_hard_days",
             ("expected a whole number from 0 to 40320, or false, got 'lots'",)),
    BadInput("wrong-type-hours-text", "s.yaml", 'rules:\n  lift_to_key_hours: "36"\n',
             "s.yaml:2: rules.lift_to_key_hours",
             ("expected a whole number from 0 to 672, or false, got '36'",)),
    BadInput("wrong-type-soft", "s.yaml", "soft:\n  max_hard_days: heavy\n",
             "s.yaml:2: soft.max_hard_days",
             ("expected a weight (a whole number from 0 to 1000000), or true or false, "
              "got 'heavy'",)),
    BadInput("wrong-choice", "s.yaml", "rules:\n  legs_policy: stacked\n",
             "s.yaml:2: rules.legs_policy",
             ("expected 'stack', 'separate' or 'any', got 'stacked'",)),
    BadInput("wrong-enum", "s.yaml", "catalog:\n  core: {kind: swim}\n",
             "s.yaml:2: catalog.core.kind", ("expected 'run', 'race', 'strength'", "'swim'")),
    BadInput("bad-date", "s.yaml", "week_start: 2027-13-01\n", "s.yaml:1: week_start",
             ("expected a date as YYYY-MM-DD, got '2027-13-01'", "month")),
    BadInput("days-out-of-range", "s.yaml", "days: 40\n", "s.yaml:1: days",
             ("expected a whole number from 1 to 28, got 40",)),
    BadInput("unknown-key", "s.yaml", "name: x\nsesions:\n  easy_run: 3\n", "s.yaml:2: sesions",
             ("unknown key 'sesions'", "did you mean 'sessions'")),
    BadInput("unknown-key-far", "s.yaml", "colour: red\n", "s.yaml:1: colour",
             ("unknown key 'colour'", "expected one of avoid, catalog, days")),
    BadInput("unknown-nested-key", "s.yaml", "catalog:\n  hills: {minuts: 40}\n",
             "s.yaml:2: catalog.hills.minuts", ("did you mean 'minutes'",)),
    BadInput("unknown-rule", "s.yaml", "rules:\n  max_hard_dayz: 3\n",
             "s.yaml:2: rules.max_hard_dayz", ("did you mean 'max_hard_days'",)),
    BadInput("unknown-soft-rule", "s.yaml", "soft:\n  taper_dys: 2\n", "s.yaml:2: soft.taper_dys",
             ("unknown rule 'taper_dys'", "did you mean 'taper_days'")),
    BadInput("unknown-session", "s.yaml", "sessions:\n  easy_rnu: 3\n",
             "s.yaml:2: sessions.easy_rnu",
             ("unknown session type 'easy_rnu'", "did you mean 'easy_run'")),
    BadInput("unknown-prefer-session", "s.yaml", "prefer:\n  long_rn: [sat]\n",
             "s.yaml:2: prefer.long_rn", ("did you mean 'long_run'",)),
    BadInput("unknown-day", "s.yaml", "unavailable: [mon, frii]\n", "s.yaml:1: unavailable.1",
             ("unknown day 'frii'", "did you mean 'fri'")),
    BadInput("unknown-day-fixed", "s.yaml",
             "sessions: {easy_run: 1}\nfixed:\n  - session: tempo\n    day: thurs\n    slot: am\n",
             "s.yaml:4: fixed.0.day", ("unknown day 'thurs'", "did you mean 'thu'")),
    BadInput("day-index-outside", "s.yaml", "prefer:\n  long_run: [9]\n",
             "s.yaml:2: prefer.long_run.0", ("day index 9 is outside the horizon 0..6",)),
    BadInput("unknown-slot", "s.yaml", "fixed:\n  - {session: tempo, day: tue, slot: amm}\n",
             "s.yaml:2: fixed.0.slot", ("unknown slot 'amm'", "did you mean 'am'")),
    BadInput("unknown-slot-unavailable", "s.yaml", "unavailable: [wed noon]\n",
             "s.yaml:1: unavailable.0", ("unknown slot 'noon'", "expected one of am, pm")),
    BadInput("missing-field", "s.yaml", "fixed:\n  - {session: tempo, slot: am}\n",
             "s.yaml:2: fixed.0.day", ("this field is required", "a day")),
    BadInput("negative-count", "s.yaml", "sessions:\n  easy_run: -2\n",
             "s.yaml:2: sessions.easy_run", ("expected a count >= 0, got -2",)),
    BadInput("negative-rule-value", "s.yaml", "rules:\n  max_hard_days: -1\n",
             "s.yaml:2: rules.max_hard_days",
             ("expected a whole number from 0 to 40320, or false, got -1",)),
    BadInput("negative-weight", "s.yaml", "weights: {balance: -1}\n", "s.yaml:1: weights.balance",
             ("expected a whole number from 0 to 1000000, got -1",)),
    BadInput("negative-soft-weight", "s.yaml", "soft:\n  max_hard_days: -3\n",
             "s.yaml:2: soft.max_hard_days", ("expected a weight from 0 to 1000000, got -3",)),
    BadInput("unknown-slot-prefer", "s.yaml", "prefer:\n  long_run: [sat noon]\n",
             "s.yaml:2: prefer.long_run.0", ("unknown slot 'noon'", "expected one of am, pm")),
    BadInput("prefer-three-words", "s.yaml", "prefer:\n  long_run: [sat am pm]\n",
             "s.yaml:2: prefer.long_run.0", ("expected 'DAY' or 'DAY SLOT', got 'sat am pm'",)),
    BadInput("unknown-avoid-session", "s.yaml", "avoid:\n  lower_strenght: [mon]\n",
             "s.yaml:2: avoid.lower_strenght", ("did you mean 'lower_strength'",)),
    BadInput("unknown-avoid-day", "s.yaml", "avoid:\n  tempo: [funday]\n",
             "s.yaml:2: avoid.tempo.0", ("unknown day 'funday'",)),
    BadInput("wrong-type-avoid", "s.yaml", "avoid: [mon]\n", "s.yaml:1: avoid",
             ("expected a mapping",)),
    BadInput("wrong-type-avoid-entry", "s.yaml", "avoid:\n  tempo: [[1]]\n",
             "s.yaml:2: avoid.tempo.0",
             ('expected a day (mon..sun or a 0-based index), or "DAY SLOT", got a list',)),
    BadInput("fixed-in-avoided-slot", "s.yaml",
             "avoid: {tempo: [tue am]}\nfixed:\n  - {session: tempo, day: tue, slot: am}\n",
             "s.yaml:3: fixed.0",
             ("tempo is pinned on tue am, but avoid.tempo.0 keeps it off 'tue am'",)),
    BadInput("wrong-weight-preferences", "s.yaml", "weights: {preferences: lots}\n",
             "s.yaml:1: weights.preferences",
             ("expected 'first', or a whole number from 0 to 1000000, got 'lots'",)),
    BadInput("first-for-a-term-that-cannot", "s.yaml", "weights: {balance: first}\n",
             "s.yaml:1: weights.balance",
             ("expected a whole number from 0 to 1000000, got 'first'",)),
    BadInput("fixed-in-unavailable-slot", "s.yaml",
             "unavailable: [tue]\nfixed:\n  - {session: tempo, day: tue, slot: am}\n",
             "s.yaml:3: fixed.0",
             ("tempo is pinned on tue am", "unavailable (unavailable.0: 'tue')")),
    BadInput("time-25", "s.yaml", 'slots: {am: "25:00", pm: "18:00"}\n', "s.yaml:1: slots.am",
             ("expected a time between 00:00 and 23:59, got '25:00'",)),
    BadInput("time-25-unquoted", "s.yaml", "slots:\n  am: 25:00\n", "s.yaml:2: slots.am",
             ("'25:00'",)),
    BadInput("race-date-without-week-start", "s.yaml", "race_date: 2027-03-21\n",
             "s.yaml:1: race_date", ("race_date needs week_start",)),
    BadInput("new-type-incomplete", "s.yaml", "catalog:\n  aqua_jog: {kind: cross}\n",
             "s.yaml:2: catalog.aqua_jog.intensity", ("needs intensity, minutes, rpe",)),
    BadInput("duplicate-key", "s.yaml", "sessions:\n  easy_run: 3\n  easy_run: 2\n", "s.yaml:3",
             ("duplicate key 'easy_run' (first on line 2)",)),
    BadInput("empty-file", "s.yaml", "", "s.yaml", ("the file is empty",)),
    BadInput("only-comments", "s.yaml", "# nothing yet\n", "s.yaml", ("only comments",)),
    BadInput("top-level-list", "s.yaml", "- easy_run\n- tempo\n", "s.yaml:1",
             ("expected a mapping of fields at the top level, got a list",)),
    BadInput("top-level-scalar", "s.yaml", "just text\n", "s.yaml:1",
             ("expected a mapping of fields at the top level, got 'just text'",)),
    BadInput("directory", "adir", None, "adir", ("is a directory", "scenario file")),
    BadInput("missing-file", "nowhere.yaml", None, "nowhere.yaml", ("no such file",)),
    BadInput("unknown-suffix", "s.txt", "name: x\n", "s.txt",
             ("unknown file type '.txt'", ".yaml, .yml, .toml or .json")),
    # History before day 0.
    BadInput("history-after-day-0", "s.yaml",
             "week_start: 2027-03-01\nhistory:\n  - {date: 2027-03-02, slot: am, session: tempo}\n",
             "s.yaml:3: history.0.date",
             ("2027-03-02 is on or after day 0 (2027-03-01)", "history is what came before")),
    BadInput("history-day-not-before-0", "s.yaml",
             "history:\n  - {day: 0, slot: am, session: tempo}\n", "s.yaml:2: history.0.day",
             ("expected a whole number from -36500 to -1, got 0",)),
    BadInput("history-date-without-week-start", "s.yaml",
             "history:\n  - {date: 2027-02-27, slot: am, session: tempo}\n",
             "s.yaml:2: history.0.date", ("a history date needs week_start",)),
    BadInput("history-missing-plan-file", "s.yaml", "history: last-week.json\n",
             "s.yaml:1: history", ("no such plan file 'last-week.json'",
                                   "relative to the file that names it")),
    BadInput("history-with-repeat", "s.yaml",
             "repeat: true\nhistory:\n  - {day: -1, slot: am, session: tempo}\n",
             "s.yaml:1: repeat", ("cannot also follow a history",)),
    BadInput("history-unknown-session", "s.yaml",
             "history:\n  - {day: -1, slot: am, session: tempoo}\n",
             "s.yaml:2: history.0.session", ("unknown session type 'tempoo'",
                                             "did you mean 'tempo'")),
    BadInput("history-unknown-slot", "s.yaml",
             "history:\n  - {day: -1, slot: noon, session: tempo}\n",
             "s.yaml:2: history.0.slot", ("unknown slot 'noon'",)),
    BadInput("history-two-in-one-slot", "s.yaml",
             "history:\n  - {day: -1, slot: am, session: tempo}\n"
             "  - {day: -1, slot: am, session: core}\n",
             "s.yaml:3: history.1", ("two sessions in one slot", "history.0")),
    BadInput("history-day-and-date", "s.yaml",
             "week_start: 2027-03-01\nhistory:\n"
             "  - {day: -1, date: 2027-02-28, slot: am, session: tempo}\n",
             "s.yaml:3: history.0", ("give either date or day",)),
    BadInput("repeat-not-a-switch", "s.yaml", "repeat: 1\n", "s.yaml:1: repeat",
             ("expected true or false, got 1",)),
    # The rules and fields of the schools of advice.
    BadInput("max-gap-days-not-a-mapping", "s.yaml", "rules:\n  max_gap_days: 9\n",
             "s.yaml:2: rules.max_gap_days", ("expected a mapping, or false, got 9",)),
    BadInput("max-gap-days-unknown-session", "s.yaml",
             "rules:\n  max_gap_days: {posterior_chian: 9}\n",
             "s.yaml:2: rules.max_gap_days.posterior_chian",
             ("unknown session type 'posterior_chian'", "did you mean 'posterior_chain'")),
    BadInput("max-gap-days-too-long", "s.yaml",
             "rules:\n  max_gap_days: {posterior_chain: 40}\n",
             "s.yaml:2: rules.max_gap_days.posterior_chain",
             ("expected a whole number from 0 to 28, got 40",)),
    BadInput("rest-after-stacked-not-a-switch", "s.yaml",
             "rules:\n  rest_after_stacked: sometimes\n", "s.yaml:2: rules.rest_after_stacked",
             ("expected true or false, got 'sometimes'",)),
    BadInput("stack-with-not-a-list", "s.yaml", "rules:\n  stack_with: intervals\n",
             "s.yaml:2: rules.stack_with", ("expected a list, or false, got 'intervals'",)),
    BadInput("stack-with-unknown-session", "s.yaml",
             "rules:\n  stack_with: [intervals, tempoo]\n", "s.yaml:2: rules.stack_with.1",
             ("unknown session type 'tempoo'", "did you mean 'tempo'")),
    BadInput("stack-with-not-a-hard-run", "s.yaml", "rules:\n  stack_with: [easy_run]\n",
             "s.yaml:2: rules.stack_with.0", ("easy_run is not a hard run",)),
    BadInput("max-same-type-negative", "s.yaml", "rules:\n  max_same_type_per_day: -1\n",
             "s.yaml:2: rules.max_same_type_per_day",
             ("expected a whole number from 0 to 40320, or false, got -1",)),
    BadInput("either-or-unknown-session", "s.yaml", "sessions:\n  intervals|tempoo: 1\n",
             "s.yaml:2: sessions.intervals|tempoo",
             ("unknown session type 'tempoo'", "did you mean 'tempo'")),
    BadInput("either-or-one-type", "s.yaml", "sessions:\n  intervals|intervals: 1\n",
             "s.yaml:2: sessions.intervals|intervals",
             ("an either/or demand names two or more different session types",)),
    BadInput("either-or-type-twice", "s.yaml",
             "sessions:\n  intervals|tempo: 1\n  tempo|hills: 1\n",
             "s.yaml:3: sessions.tempo|hills",
             ("tempo is already in the either/or demand 'intervals|tempo'",)),
    BadInput("either-or-negative", "s.yaml", "sessions:\n  intervals|tempo: -1\n",
             "s.yaml:2: sessions.intervals|tempo", ("expected a count >= 0, got -1",)),
    BadInput("unknown-preset", "s.yaml", "preset: hard-day-hard\n", "s.yaml:1: preset",
             ("expected 'hard-days-hard', 'lifts-on-easy-days' or 'evidence-24h'",
              "'hard-day-hard'")),
    BadInput("toml-either-or-unknown", "s.toml", '[sessions]\n"intervals|tempoo" = 1\n',
             "s.toml: sessions.intervals|tempoo", ("unknown session type 'tempoo'",)),
    # TOML: the same mistakes, without line numbers once the document parses.
    BadInput("toml-syntax", "s.toml", 'name = "x"\nsessions = [\n', "s.toml:2", ("invalid TOML",)),
    BadInput("toml-syntax-line", "s.toml", 'name = "x"\neasy_run = = 3\n', "s.toml:2",
             ("invalid TOML", "Invalid value")),
    BadInput("toml-wrong-type", "s.toml", '[sessions]\neasy_run = "three"\n',
             "s.toml: sessions.easy_run", ("expected a whole number, got 'three'",)),
    BadInput("toml-negative", "s.toml", "[sessions]\neasy_run = -1\n",
             "s.toml: sessions.easy_run", ("expected a count >= 0, got -1",)),
    BadInput("toml-unknown-key", "s.toml", "[rulez]\nmax_hard_days = 3\n", "s.toml: rulez",
             ("did you mean 'rules'",)),
    BadInput("toml-time", "s.toml", '[slots]\nam = "25:00"\n', "s.toml: slots.am",
             ("'25:00'",)),
    BadInput("toml-empty", "s.toml", "\n", "s.toml", ("the file is empty",)),
    # JSON: likewise.
    BadInput("json-syntax", "s.json", '{"sessions": {\n  "easy_run": 3,\n}}', "s.json:3",
             ("invalid JSON",)),
    BadInput("json-wrong-type", "s.json", '{"sessions": {"easy_run": "three"}}',
             "s.json: sessions.easy_run", ("expected a whole number, got 'three'",)),
    BadInput("json-unknown-day", "s.json", '{"unavailable": ["friday"]}', "s.json: unavailable.0",
             ("unknown day 'friday'", "did you mean 'fri'")),
    BadInput("json-race-date", "s.json", '{"race_date": "2027-03-21"}', "s.json: race_date",
             ("needs week_start",)),
    BadInput("json-top-level-list", "s.json", "[1, 2]", "s.json",
             ("expected a mapping of fields at the top level, got a list",)),
    # Hostile input (issues 13 and 14): each used to hang, exhaust memory or end in a
    # traceback; each is now one line, at once (tests/test_bounds.py times them).
    BadInput("alias-bomb-variants", "s.yaml", VARIANTS_BOMB, "s.yaml:7",
             ("its aliases expand it from 117 nodes to 1.67e+10, more than the 100000 "
              "allowed",)),
    BadInput("alias-bomb-name", "s.yaml", CLASSIC_BOMB, "s.yaml:7",
             ("its aliases expand it from 21 nodes to 4.9e+08", "write the repeated part out")),
    BadInput("recursive-alias", "s.yaml", "name: &a [*a]\n", "s.yaml:1",
             ("invalid YAML: an alias refers to a node that holds it",)),
    BadInput("yaml-too-deep", "s.yaml", "name: " + "[" * 200 + "]" * 200 + "\n", "s.yaml:1",
             ("nested deeper than 64 levels",)),
    BadInput("json-too-deep", "s.json", '{"name": ' + "[" * 5000 + "]" * 5000 + "}", "s.json",
             ("nested deeper than 64 levels",)),
    BadInput("json-nested-past-the-recursion-limit", "s.json", "[" * 100_000 + "]" * 100_000,
             "s.json", ("nested deeper than 64 levels",)),
    BadInput("toml-too-deep", "s.toml", "name = " + "[" * 1500 + "]" * 1500 + "\n", "s.toml",
             ("nested deeper than 64 levels",)),
    BadInput("json-lone-surrogate", "s.json", '{"name": "\\ud800"}', "s.json: name",
             ("invalid JSON: a \\ud800-\\udfff escape that is not half of a pair",)),
    BadInput("json-duplicate-key", "s.json", '{"days": 7, "days": 8}', "s.json",
             ("invalid JSON: duplicate key 'days'",)),
    BadInput("fifo", "s.yaml", None, "s.yaml", ("is a FIFO, not a regular file",)),
    BadInput("dev-zero", "s.yaml", None, "s.yaml", ("is a device, not a regular file",)),
    BadInput("days-true", "s.yaml", "days: true\n", "s.yaml:1: days",
             ("expected a whole number from 1 to 28, got true",)),
    BadInput("json-days-true", "s.json", '{"days": true}', "s.json: days",
             ("expected a whole number from 1 to 28, got true",)),
    BadInput("day-true", "s.yaml", "unavailable: [true]\n", "s.yaml:1: unavailable.0",
             ("got true",)),
    BadInput("minutes-true", "s.toml", "[catalog.core]\nminutes = true\n",
             "s.toml: catalog.core.minutes", ("expected a whole number from 1 to 600, got true",)),
    BadInput("switch-one", "s.json", '{"rules": {"no_back_to_back_hard": 1}}',
             "s.json: rules.no_back_to_back_hard", ("expected true or false, got 1",)),
    BadInput("count-past-int64", "s.yaml", "sessions: {easy_run: 99999999999999999999999}\n",
             "s.yaml:1: sessions.easy_run",
             ("asks for 99999999999999999999999 easy_run, but the horizon holds at most 14 "
              "sessions (7 days x 2 slots)",)),
    BadInput("a-million-easy-runs", "s.yaml", "sessions: {easy_run: 1000000}\n",
             "s.yaml:1: sessions.easy_run", ("the horizon holds at most 14 sessions",)),
    BadInput("more-than-the-horizon-holds", "s.yaml",
             "sessions: {easy_run: 10, core: 4}\n"
             "fixed:\n  - {session: tempo, day: tue, slot: am}\n",
             "s.yaml:1: sessions", ("asks for 15 sessions in all (the fixed ones included)",)),
    BadInput("weight-1e20", "s.yaml", "weights: {balance: 1e20}\n", "s.yaml:1: weights.balance",
             ("expected a whole number from 0 to 1000000, got '1e20'",)),
    BadInput("weight-past-int64", "s.yaml", "weights: {balance: 100000000000000000000}\n",
             "s.yaml:1: weights.balance", ("from 0 to 1000000, got 100000000000000000000",)),
    BadInput("soft-weight-past-int64", "s.yaml", "soft: {max_hard_days: 99999999999999999999}\n",
             "s.yaml:1: soft.max_hard_days", ("expected a weight from 0 to 1000000",)),
    BadInput("catalog-load-past-int64", "s.yaml",
             "sessions: {easy_run: 1}\ncatalog:\n  easy_run: {load: 9999999999999999999}\n",
             "s.yaml:3: catalog.easy_run.load",
             ("expected a whole number from 0 to 100000, got 9999999999999999999",)),
    BadInput("history-load-past-int64", "s.yaml",
             "history:\n  - {day: -1, slot: am, session: tempo, load: 99999999999999999999}\n",
             "s.yaml:2: history.0.load", ("expected a whole number from 0 to 100000",)),
    BadInput("rule-count-past-int64", "s.yaml", "rules: {taper_days: 99999999999999999999999}\n",
             "s.yaml:1: rules.taper_days", ("from 0 to 40320, or false",)),
    BadInput("objective-could-overflow", "s.yaml", OVERFLOW, "s.yaml:4: soft.lift_to_key_hours",
             ("the objective could reach", "more than CP-SAT's 64-bit integers allow")),
]

# The cases of issues 13 and 14 that must fail within a second (tests/test_bounds.py).
HOSTILE = {"alias-bomb-variants", "alias-bomb-name", "recursive-alias", "yaml-too-deep",
           "json-too-deep", "json-nested-past-the-recursion-limit", "toml-too-deep",
           "json-lone-surrogate", "fifo", "dev-zero", "count-past-int64",
           "a-million-easy-runs", "weight-1e20", "weight-past-int64", "soft-weight-past-int64",
           "catalog-load-past-int64", "rule-count-past-int64", "objective-could-overflow"}

# --- plan files for `runlift check` -------------------------------------------------------
# Spreadsheet-style CSV (a byte-order mark, ``;``, CRLF, blank rows) and YAML/JSON lists
# that break, and the one line each must give. The plans are checked against PLAN_SCENARIO
# (dated from 2027-03-01, a Monday) unless a case brings its own.
PLAN_SCENARIO = "sessions: {easy_run: 1, tempo: 1}\nweek_start: 2027-03-01\n"
UNDATED_SCENARIO = "sessions: {easy_run: 1, tempo: 1}\n"
TWO_AMS_SCENARIO = 'sessions: {easy_run: 1}\nslots: {am: "07:00", AM: "08:00", pm: "18:00"}\n'


@dataclass(frozen=True)
class BadPlan:
    id: str
    file: str
    data: bytes  # written as is: the encoding and the line ends are part of the case
    where: str
    says: tuple[str, ...]
    columns: str | None = None  # the --columns option
    scenario: str = PLAN_SCENARIO

    def write(self, folder: Path) -> tuple[Path, Path]:
        """(scenario, plan) written in ``folder``."""
        scenario = folder / "week.yaml"
        scenario.write_text(self.scenario, encoding="utf-8")
        plan = folder / self.file
        plan.write_bytes(self.data)
        return scenario, plan


def _excel(text: str) -> bytes:
    """Text as Excel saves 'CSV UTF-8': a byte-order mark and CRLF line ends."""
    return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")


PLAN_CASES = [
    BadPlan("csv-unknown-full-day-name", "p.csv",
            _excel("Day;Slot;Session\nTuesday;AM;easy_run\nWendsday;PM;tempo\n"),
            "p.csv:3: 1.day", ("unknown day 'Wendsday'", "monday..sunday, any case",
                               "did you mean 'wednesday'")),
    BadPlan("csv-line-after-blank-rows", "p.csv",
            _excel("day;slot;session\n\n;;\ntue;am;tempo\nfrii;pm;easy_run\n;;\n"),
            "p.csv:5: 1.day", ("unknown day 'frii'",)),
    BadPlan("csv-date-outside-horizon", "p.csv", _excel("Date,Slot,Session\n2027-03-09,am,tempo\n"),
            "p.csv:2: 0.date", ("2027-03-09 is outside the horizon (2027-03-01 to 2027-03-07)",)),
    BadPlan("csv-day-first-date-outside-horizon", "p.csv",
            _excel("date;slot;session\n01/03/2027;am;easy_run\n09/03/2027;pm;tempo\n"),
            "p.csv:3: 1.date", ("2027-03-09 ('09/03/2027' read day first) is outside the horizon "
                                "(2027-03-01 to 2027-03-07)",)),
    BadPlan("csv-date-format", "p.csv", _excel("date,slot,session\n2 March 2027,am,tempo\n"),
            "p.csv:2: 0.date", ("expected a date as YYYY-MM-DD (or DD.MM.YYYY, DD/MM/YYYY or "
                                "MM/DD/YYYY), got '2 March 2027'",)),
    BadPlan("csv-no-such-date", "p.csv", _excel("date,slot,session\n2027-02-30,am,tempo\n"),
            "p.csv:2: 0.date", ("got '2027-02-30' (day is out of range for month)",)),
    BadPlan("csv-date-without-week-start", "p.csv",
            _excel("date,slot,session\n2027-03-02,am,tempo\n"), "p.csv:2: 0.date",
            ("a date needs week_start in the scenario",),
            scenario=UNDATED_SCENARIO),
    BadPlan("csv-day-and-date-disagree", "p.csv",
            _excel("day,date,slot,session\nwed,2027-03-02,am,tempo\n"), "p.csv:2: 0.day",
            ("'wed' is not the day of the date 2027-03-02 (tue, day 1)",)),
    BadPlan("csv-day-required", "p.csv", _excel("day,date,slot,session\n,,am,tempo\n"),
            "p.csv:2: 0.day", ("this field is required (a day, or a date when the scenario "
                               "has week_start)",)),
    BadPlan("csv-unknown-slot", "p.csv", _excel("day\tslot\tsession\ntue\tnoon\ttempo\n"),
            "p.csv:2: 0.slot", ("unknown slot 'noon': expected one of am, pm (any case)",)),
    BadPlan("csv-ambiguous-slot", "p.csv", _excel("day,slot,session\ntue,Am,easy_run\n"),
            "p.csv:2: 0.slot", ("slot 'Am' is ambiguous: it matches am and AM",),
            scenario=TWO_AMS_SCENARIO),
    BadPlan("csv-missing-column", "p.csv", _excel("Day;Time;Session\ntue;am;tempo\n"),
            "p.csv:1: slot", ("missing slot", "the header line has Day, Time, Session",
                              "--columns slot=NAME")),
    BadPlan("csv-mapped-column-missing", "p.csv", _excel("Day,Slot,Session\ntue,am,tempo\n"),
            "p.csv:1: session", ("expected a column 'Workout' (from --columns session=Workout)",
                                 "the header line has Day, Slot, Session"),
            columns="session=Workout"),
    BadPlan("csv-two-columns-of-a-name", "p.csv",
            _excel("day,Day ,slot,session\ntue,tue,am,tempo\n"), "p.csv:1: day",
            ("2 columns are named 'day' (columns 1, 2); expected one",)),
    BadPlan("csv-not-utf8", "p.csv", b"day,slot,session,note\r\ntue,am,tempo,M\xfcde\r\n",
            "p.csv:2", ("byte 0xfc is not UTF-8 text", "CSV UTF-8")),
    BadPlan("csv-only-separators", "p.csv", _excel(";;;\n;;;\n"), "p.csv",
            ("the file is empty",)),
    BadPlan("yaml-unknown-day", "p.yaml", b"- {day: Tuesdy, slot: AM, session: tempo}\n",
            "p.yaml:1: 0.day", ("unknown day 'Tuesdy'", "did you mean 'tuesday'")),
    BadPlan("json-unknown-slot", "p.json", b'[{"day": "Tue", "slot": "noon", "session": "tempo"}]',
            "p.json: 0.slot", ("unknown slot 'noon'",)),
    BadPlan("yaml-with-columns", "p.yaml", b"- {day: tue, slot: am, session: tempo}\n", "p.yaml",
            ("--columns names the columns of a CSV plan; expected a .csv file, got .yaml",),
            columns="session=Workout"),
]
