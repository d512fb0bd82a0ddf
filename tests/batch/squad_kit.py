"""Squads and comparisons shared by the batch tests."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

from runlift.batch.output import TIME_COLUMNS

MIXED = """\
squad: Mixed bag
defaults:
  week_start: 2027-03-01
  sessions: {easy_run: 2, long_run: 1, lower_strength: 1}
group_sessions:
  - {name: Track night, session: intervals, day: tue, slot: pm}
athletes:
  - {name: Ana}
  - {name: Ben Ó'Neil, unavailable: [sun], prefer: {long_run: [sat]}}
  - {name: Chen, sessions: {tempo: -1}}
  - name: Dara
    sessions: {lower_strength: 3}
    rules: {legs_policy: stack}
    skip: [Track night]
  - {name: Eitan, skip: [Track nite]}
  - {name: ../../evil, sessions: {core: 2}, unavailable: [mon, wed am]}
"""


BLOCK_FILE = Path(__file__).resolve().parents[1] / "data" / "blocks" / "short-build.yaml"
# Three athletes of a 5-week block (Ben's race a week earlier: 4 weeks), each planned in
# well under a second; BAD_BLOCKS adds two whose blocks are not valid.
BLOCKS = """\
squad: Spring racers
base_block: short-build.yaml
defaults:
  week: {rules: {lift_to_key_hours: 36}}
athletes:
  - {name: Ana}
  - {name: Ben, race: {date: 2027-03-28}}
  - {name: Chen, week: {unavailable: [sat]}, progression: {ramp_pct: 15}}
"""
BAD_BLOCKS = BLOCKS + """\
  - {name: Dara, race: {date: 2026-01-01}}
  - {name: Eitan, week: {sessions: {easy_run: -1}}}
"""


def write_block_squad(folder: Path, text: str = BLOCKS) -> Path:
    """The squad file beside a copy of its base block."""
    (folder / BLOCK_FILE.name).write_text(BLOCK_FILE.read_text(encoding="utf-8"),
                                          encoding="utf-8")
    return write_squad(folder, text)


def write_squad(folder: Path, text: str, name: str = "squad.yaml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def simple_squad(count: int, **extra: Any) -> str:
    """``count`` quick athletes that all have a plan."""
    days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    lines = ["squad: Quick", "defaults:", "  week_start: 2027-03-01",
             "  sessions: {easy_run: 3, long_run: 1, tempo: 1, core: 1}", "athletes:"]
    for i in range(count):
        lines.append(f"  - {{name: Runner {i:03d}, unavailable: [{days[i % 7]}], "
                     f"prefer: {{long_run: [{days[(i + 3) % 7]}]}}}}")
    for key, value in extra.items():
        lines.append(f"{key}: {json.dumps(value)}")
    return "\n".join(lines) + "\n"


def stable_summary(folder: Path) -> Any:
    """summary.csv without the wall-clock columns, which vary from run to run."""
    import pandas as pd

    frame = pd.read_csv(folder / "summary.csv", keep_default_na=False)
    return frame.drop(columns=[c for c in TIME_COLUMNS if c in frame.columns])  # blocks: one


def result_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.json"))
            if p.name != "summary.json"}
