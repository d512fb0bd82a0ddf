"""Pick the renderer for a --format."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from runlift.models.result import CheckResult, Result
from runlift.render.csvout import plan_csv, violations_csv
from runlift.render.text import (
    check_markdown,
    check_table,
    md_table,
    result_markdown,
    result_table,
)

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from runlift.models.problem import Problem


def render_result(result: Result, fmt: str, *, color: bool = False,
                  problem: Problem | None = None, zone: ZoneInfo | None = None) -> str:
    """``problem`` (the solved scenario's) lets html show unavailable slots and the reasons
    behind each placement; ics needs it for those reasons, and takes ``zone`` (default:
    the local zone)."""
    if fmt == "html":
        from runlift.render.html import solve_report

        return solve_report(result, problem)
    if fmt == "ics":
        from runlift.render.ics import calendar_ics, local_zone

        if problem is None:
            raise ValueError("the ics format needs the scenario's problem")
        return calendar_ics(result, problem, zone=zone or local_zone())
    if fmt == "json":
        return result.to_json()
    if fmt == "csv":
        if result.has_plan:
            return plan_csv(result.plan)
        rows = [["conflict", c.rule, c.message] for c in result.conflicts]
        rows += [["relaxation", r.rule, r.message] for r in result.relaxations]
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerows([["kind", "rule", "message"], *rows])
        return buffer.getvalue()
    if fmt == "md":
        return result_markdown(result)
    return result_table(result, color=color)


def render_check(result: CheckResult, fmt: str, *, color: bool = False) -> str:
    if fmt == "json":
        return result.to_json()
    if fmt == "csv":
        return violations_csv(result)
    if fmt == "md":
        return check_markdown(result)
    return check_table(result, color=color)


def rules_rows() -> list[dict[str, str]]:
    from runlift.rules import RULES

    return [
        {"rule": r.name, "default": json.dumps(r.default), "meaning": r.sentence,
         "soft unit": r.unit}
        for r in RULES.values()
    ]


def render_rules(fmt: str) -> str:
    rows = rules_rows()
    if fmt == "json":
        return json.dumps(rows, indent=2) + "\n"
    headers = list(rows[0])
    return md_table(headers, [[row[h] for h in headers] for row in rows]) + "\n"
