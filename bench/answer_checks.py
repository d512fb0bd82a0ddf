"""The independent checks of bench_answers.py: one scenario solved as `runlift solve`
does, then its answer held to the plain model (bench/plain_model.py), on the scenario
file itself, reduced to a conflict's members, or edited as a relaxation says."""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass, field
from typing import Any

from answer_scenarios import OFF
from plain_model import decide as plain_decide
from pydantic import ValidationError

from runlift.api import solve
from runlift.models.result import Relaxation, Result
from runlift.rules import RULES
from runlift.scenario.model import Scenario
from runlift.scenario.relax import apply_relaxation
from runlift.scenario.resolve import resolve

PLAIN_LIMIT = 60.0  # deterministic seconds for the plain model
FALLBACK_LIMIT = 120.0  # ... and for runlift's own search when the plain one is undecided


@dataclass
class Case:
    seed: int
    index: int
    days: int
    status: str = ""
    outcome: str = ""  # solved, infeasible or undecided
    plain: str = ""
    seconds: float = 0.0
    check_seconds: float = 0.0
    conflict: int = 0
    minimal: bool = False
    relaxations: int = 0
    members_checked: int = 0
    notes: list[str] = field(default_factory=list)
    failures: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)

    def fail(self, kind: str, detail: str) -> None:
        self.failures.add(kind)
        self.problems.append(f"{kind}: {detail}")


def truth(doc: dict[str, Any]) -> str:
    """'feasible', 'infeasible' or 'unknown' for a scenario document: the plain model,
    then (when it cannot tell) runlift's search with a long limit."""
    problem = resolve(Scenario.model_validate(doc))
    answer, _ = plain_decide(problem, PLAIN_LIMIT)
    if answer != "unknown":
        return answer
    from runlift.solver.solve import search

    status = search(problem, time_limit=FALLBACK_LIMIT, objective=False).status
    if status.has_plan:
        return "feasible"
    return "infeasible" if status == "infeasible" else "unknown"


def reduced(doc: dict[str, Any], keep: set[str]) -> dict[str, Any]:
    """The scenario with only the member keys ``keep`` enforced: every other hard rule
    off, every other count at 0, every other pin and closed entry removed. Preferences
    and soft settings do not decide feasibility and are left out."""
    out = copy.deepcopy(doc)
    out.pop("prefer", None)
    rules = dict(out.get("rules") or {})
    soft = {n: w for n, w in (out.get("soft") or {}).items() if f"rule:{n}" in keep}
    for name in RULES:
        if f"rule:{name}" not in keep:
            rules[name] = OFF.get(name, False)
    out["rules"], out["soft"] = rules, soft
    out["sessions"] = {t: n if f"sessions:{t}" in keep else 0
                       for t, n in out.get("sessions", {}).items()}
    out["fixed"] = [f for i, f in enumerate(out.get("fixed", [])) if f"fixed:{i}" in keep]
    out["unavailable"] = [u for i, u in enumerate(out.get("unavailable", []))
                          if f"unavailable:{i}" in keep]
    return out


def check_case(seed: int, index: int, doc: dict[str, Any]) -> Case:
    case = Case(seed, index, doc["days"])
    started = time.perf_counter()
    result = solve(Scenario.model_validate(doc))
    case.seconds = time.perf_counter() - started
    case.status, case.notes = str(result.status), list(result.notes)
    case.outcome = ("solved" if result.has_plan else
                    "infeasible" if result.status == "infeasible" else "undecided")
    started = time.perf_counter()
    case.plain = truth(doc)
    _agrees(case)
    if result.status == "infeasible":
        _check_explanation(case, doc, result)
    case.check_seconds = time.perf_counter() - started
    return case


def _agrees(case: Case) -> None:
    if case.plain == "unknown":
        case.fail("verification undecided", "the week itself")
    elif (case.outcome, case.plain) in (("solved", "infeasible"), ("infeasible", "feasible")):
        case.fail("disagrees with the plain model", f"runlift {case.status}, plain {case.plain}")
    if case.status == "feasible":
        case.fail("not proven optimal", "a plan, not proven optimal")


def _check_explanation(case: Case, doc: dict[str, Any], result: Result) -> None:
    members = [c.member for c in result.conflicts]
    case.conflict, case.minimal = len(members), bool(result.conflicts_minimal)
    case.relaxations = len(result.relaxations)
    if not members:
        case.fail("empty conflict", "no member named")
    else:
        _check_conflict(case, doc, set(members))
    for relaxation in result.relaxations:
        _check_relaxation(case, doc, relaxation)
    if not result.relaxations:
        case.fail("no relaxation", "none offered")
    _check_notes(case, result)


def _check_conflict(case: Case, doc: dict[str, Any], members: set[str]) -> None:
    together = truth(reduced(doc, members))
    if together == "feasible":
        case.fail("conflict is not a clash", f"{sorted(members)} solve together")
    elif together == "unknown":
        case.fail("verification undecided", f"the clash {sorted(members)}")
    if not case.minimal:
        case.fail("not claimed minimal", f"{sorted(members)}")
    for member in sorted(members):
        case.members_checked += 1
        without = truth(reduced(doc, members - {member}))
        if without == "infeasible":
            kind = "claimed minimal, is not" if case.minimal else "not claimed, is not minimal"
            case.fail(kind, f"{member} is not needed in {sorted(members)}")
        elif without == "unknown":
            case.fail("verification undecided", f"{sorted(members)} without {member}")
    if not case.minimal and not case.failures & {"not claimed, is not minimal",
                                                  "verification undecided"}:
        case.fail("not claimed, is minimal", f"{sorted(members)}")


def _check_relaxation(case: Case, doc: dict[str, Any], relaxation: Relaxation) -> None:
    try:
        edited = apply_relaxation(doc, relaxation)
        Scenario.model_validate(edited)
    except (ValidationError, ValueError, KeyError, IndexError) as exc:
        case.fail("relaxation fails", f"{relaxation.message!r} does not load: {exc}")
        return
    answer = truth(edited)
    if answer == "infeasible":
        case.fail("relaxation fails", f"{relaxation.message!r} leaves the week infeasible")
    elif answer == "unknown":
        case.fail("verification undecided", f"relaxation {relaxation.message!r}")


def _check_notes(case: Case, result: Result) -> None:
    """What is not proven is said: an empty conflict, a conflict not proven minimal, or
    no relaxation each come with a note."""
    unproven = (not result.conflicts or not result.conflicts_minimal
                or not result.relaxations)
    if unproven and not result.notes:
        case.fail("unproven, says nothing", "no note says what could not be proven")
