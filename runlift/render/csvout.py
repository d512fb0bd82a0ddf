"""The plan as CSV rows: one session a row, the columns of the JSON plan."""

from __future__ import annotations

import csv
import io

from runlift.models.result import CheckResult, PlanEntry

COLUMNS = list(PlanEntry.model_fields)


def plan_csv(plan: list[PlanEntry]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for entry in plan:
        row = entry.model_dump()
        row["muscles"] = " ".join(row["muscles"])
        writer.writerow(["" if row[c] is None else row[c] for c in COLUMNS])
    return buffer.getvalue()


VIOLATION_COLUMNS = ["kind", "rule", "message", "amount", "cost", "days", "sessions",
                     "hours_short"]


def violations_csv(result: CheckResult) -> str:
    """A checked plan's broken rules: hard ones first, then the soft ones it bends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(VIOLATION_COLUMNS)
    for kind, found in (("hard", result.violations), ("soft", result.soft_violations)):
        for v in found:
            writer.writerow([kind, v.rule, v.message, v.amount, "" if v.cost is None else v.cost,
                             " ".join(result.days[d] for d in v.days), " ".join(v.sessions),
                             "" if v.hours_short is None else v.hours_short])
    return buffer.getvalue()
