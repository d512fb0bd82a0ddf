"""The plan as CSV rows: one session a row, the columns of the JSON plan."""

from __future__ import annotations

import csv
import io

from runlift.models.result import PlanEntry

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
