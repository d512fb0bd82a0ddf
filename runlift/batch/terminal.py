"""What `runlift batch` says on the terminal when it is done, in a coach's words.

The closing lines: how many athletes have a plan; every athlete without one, with what
their status means and the first conflict (or the error) in words; and, for a squad that
shares a gym, the joint plan and the gym roster: who is in the gym in each slot, against
the slot's capacity (at most ROSTER_NAMES names a slot, the rest counted; summary.json
holds them all, with their sessions).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from runlift.batch.output import ERROR, INVALID, SUMMARY_FILE
from runlift.models.status import MEANINGS, Status, has_plan

if TYPE_CHECKING:
    from runlift.batch.tasks import BatchReport

ROSTER_NAMES = 10  # names shown per gym slot on the terminal
# What a summary row's status means, without the status itself.
ROW_MEANINGS: dict[str, str] = {
    **{status.value: MEANINGS[status].split(": ", 1)[1] for status in Status},
    INVALID: "the athlete's scenario is not valid",
    ERROR: "solving this athlete failed",
}
GYM_RULE = "gym.capacity"


def closing_text(report: BatchReport, out: Path) -> str:
    """Every closing line, joined."""
    return "\n".join([counts_line(report, out), *without_plan_lines(report.rows),
                      *joint_lines(report.joint)])


def counts_line(report: BatchReport, out: Path) -> str:
    missing = len(report.rows) - report.planned
    return (f"{report.planned} of {len(report.rows)} athletes planned"
            + (f", {missing} without a plan" if missing else "")
            + f"; solved {len(report.solved)}, kept {len(report.resumed)} from an earlier run"
            + f"; {out / SUMMARY_FILE} ({report.wall_seconds:.1f} s)")


def why_no_plan(row: dict[str, Any]) -> str:
    """'infeasible, no plan keeps every hard rule (proven): taper_days and sessions clash;
    <the first conflict's message>', or the error of an athlete who was not solved."""
    status = str(row["status"])
    text = f"{status}, {ROW_MEANINGS.get(status, status)}"
    error = str(row.get("error") or "")
    conflicts = str(row.get("conflicts") or "")
    if error:
        return f"{text}: {error}"
    if conflicts:
        written, _, message = conflicts.partition(": ")
        rules = written.split(", ")
        if GYM_RULE in rules:
            return f"{text}: the shared gym cannot hold the squad (see the joint plan below)"
        if len(rules) == 1:
            return f"{text}: {rules[0]}: {message}"
        return f"{text}: {', '.join(rules[:-1])} and {rules[-1]} clash; {message}"
    return text


def without_plan_lines(rows: Iterable[dict[str, Any]]) -> list[str]:
    """One line per athlete without a plan, in file order, under a heading."""
    lines = [f"  {row['athlete']} — {why_no_plan(row)}" for row in rows
             if not has_plan(str(row["status"]))]
    return ["without a plan:", *lines] if lines else []


def joint_lines(joint: dict[str, Any] | None) -> list[str]:
    """The joint plan of a squad that shares a gym, its conflicts, and the gym roster."""
    if not joint:
        return []
    text = f"joint plan: {joint['status']}"
    if joint.get("objective") is not None:
        text += f", objective {joint['objective']}, bound {joint['best_bound']}"
        text += f", gap {joint['gap_percent']:.2f}%"
    lines = [text, *(f"  {conflict['message']}" for conflict in joint.get("conflicts", []))]
    return lines + roster_lines(joint.get("gym_usage") or [])


def roster_lines(usage: list[dict[str, Any]]) -> list[str]:
    """'  tue pm  3/8  Ana, Chen, Dara' per gym slot in use."""
    slots = [slot for slot in usage if slot.get("roster") is not None]
    if not slots:
        return []
    width = max(len(str(slot["slot"])) for slot in slots)
    places = max(len(f"{slot['athletes']}/{slot['capacity']}") for slot in slots)
    lines = ["gym roster (athletes in a gym session / the slot's capacity):"]
    for slot in slots:
        names = [str(a["athlete"]) for a in slot["roster"]]
        shown = ", ".join(names[:ROSTER_NAMES])
        if len(names) > ROSTER_NAMES:
            shown += f" and {len(names) - ROSTER_NAMES} more"
        use = f"{slot['athletes']}/{slot['capacity']}"
        lines.append(f"  {slot['slot']!s:<{width}}  {use:>{places}}  {shown}")
    return lines
