"""Why a block cannot work, in the block's own terms, and changes to the block file that
make it work, each proven by planning the whole block again.

Two kinds of clash:

- **The guardrails against the demands** (the block level is infeasible): a deletion
  filter over the block's members (each hard guardrail; each phase's sessions of a type;
  each scaled type's least minutes) on the block level alone, which decides in
  milliseconds. Each guardrail in the clash says where it is tightest: "week 5:
  ramp_pct allows at most 2310, but the build phase's sessions need at least 2480".
- **A week that fits no way after the weeks before it**, even planned together with
  them: the week's own explanation, with the sessions of the weeks before it named by
  their week, and its changes carried back to the block field they came from.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from runlift.block.guardrails import GUARDRAILS
from runlift.block.level import FORM_KEY, Choice, LoadModel
from runlift.block.problem import BlockProblem, Done, known_form
from runlift.models.result import Change, Conflict, Relaxation
from runlift.models.status import Status
from runlift.solver.cpsat import Search
from runlift.solver.params import search_parameters

TRIAL_LIMIT = 1.0  # deterministic seconds per block-level trial
MAX_RELAXATIONS = 3  # proven by planning the whole block, each: a few seconds at most
MAX_COMBINED = 4  # guardrails loosened together, at most

# The final proof of a change: the whole block, edited, has a plan within the time limit.
# Given by runlift.block.solve, which plans blocks (and calls this module).
Prove = Callable[[BlockProblem, float], bool]


@dataclass
class BlockExplanation:
    status: Status
    conflicts: list[Conflict] = field(default_factory=list)
    relaxations: list[Relaxation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    minimal: bool = True


# --- the block level --------------------------------------------------------------------
def _members(bp: BlockProblem) -> list[str]:
    keys = [f"guardrail:{name}" for name, s in sorted(bp.guardrails.items())
            if s.weight is None]
    demands = sorted({f"demand:{spec.phase}:{t}" for spec, problem in zip(
        bp.specs, bp.problems, strict=True) for t in problem.demand
        if problem.catalog[t].kind != "race"})
    scales = sorted({f"scale:{t}" for spec in bp.specs for t in spec.scaled})
    form = [FORM_KEY] if bp.block.race_form is not None and bp.race_day is not None else []
    return keys + form + demands + scales


def _model(bp: BlockProblem, kept: set[str]) -> LoadModel:
    """The block level with only the ``kept`` members. A dropped member only widens the
    choices: a phase's demand may then be any count from none up to what it asks, a
    scaled type's minutes may go down to one step, a guardrail is gone. So a clash stays a
    clash when members are added back, and the deletion filter's answer is minimal."""
    specs = []
    for spec, problem in zip(bp.specs, bp.problems, strict=True):
        ranges = dict(spec.ranges)
        for t, n in problem.demand.items():
            if f"demand:{spec.phase}:{t}" not in kept and problem.catalog[t].kind != "race":
                ranges[t] = (0, ranges.get(t, (n, n))[1])
        scaled = {t: (s if f"scale:{t}" in kept else s.model_copy(
            update={"minutes": (s.step, s.minutes[1])})) for t, s in spec.scaled.items()}
        specs.append(dataclasses.replace(spec, scaled=scaled, ranges=ranges))
    model = LoadModel(specs, bp.problems, bp.history_weeks(), bp.least_loads())
    for name, setting in bp.guardrails.items():
        if f"guardrail:{name}" in kept and setting.weight is None:
            GUARDRAILS[name].encode(model, setting.value, soft=False)
    if FORM_KEY in kept and bp.block.race_form is not None and bp.race_day is not None:
        low, high = bp.block.race_form
        model.form_band(bp.race_day, (low, high), known_form(bp))
    return model


def _feasible(bp: BlockProblem, kept: set[str]) -> Status:
    model = _model(bp, kept)
    return Search(search_parameters(TRIAL_LIMIT, strong=True)).run(model.model).status


def explain_block(bp: BlockProblem, status: Status, time_limit: float, prove: Prove
                  ) -> BlockExplanation:
    """The guardrails and demands that clash on the block level, and what to change."""
    if status == Status.unknown:
        return BlockExplanation(Status.unknown, notes=[
            "the block level found no choice of minutes and counts within the time limit, "
            "and did not prove that none exists; try a longer --time-limit"])
    core, minimal = _clash(bp)
    conflicts = [Conflict(rule=_rule(key), message=_phrase(bp, set(core), key), member=key)
                 for key in core]
    notes = [] if minimal else ["could not prove within the time limit that every member "
                                "listed is needed for the clash"]
    relaxations = _block_relaxations(bp, core, time_limit, prove)
    if not relaxations:
        combined = _loosened_progression(bp, time_limit, prove)
        relaxations = [combined] if combined is not None else []
    return BlockExplanation(Status.infeasible, conflicts, relaxations, notes, minimal)


def _clash(bp: BlockProblem) -> tuple[list[str], bool]:
    """A minimal clash of the block level's members (a deletion filter: each dropped
    member only widens the choices, see _model), and whether every member is proven
    needed (an undecided trial keeps its member)."""
    core = _members(bp)
    minimal = True
    for key in list(core):
        trial = [k for k in core if k != key]
        outcome = _feasible(bp, set(trial))
        if outcome == Status.infeasible:
            core = trial
        elif not outcome.has_plan:
            minimal = False
    return core, minimal


def _loosened_progression(bp: BlockProblem, time_limit: float, prove: Prove
                          ) -> Relaxation | None:
    """When no single change works: loosen the guardrails of the clash one after the
    other, each to its mildest value that takes it out of the clash, until the block
    level has a choice; offered when the whole block then plans."""
    current, made = bp, []
    for _ in range(MAX_COMBINED):
        if _feasible(current, set(_members(current))) != Status.infeasible:
            break
        core, _ = _clash(current)
        guard = next((k for k in core if k.startswith("guardrail:")), None)
        step = None if guard is None else _loosen(current, guard)
        if step is None:
            return None
        current, change = step
        made.append(change)
    if not made or _feasible(current, set(_members(current))) == Status.infeasible \
            or not prove(current, time_limit):
        return None
    # Each guardrail once, at its final value (its messages are absolute: "set ramp_pct
    # to 15"), in the place of its first change.
    final = {c.change: c for c in made}
    first, *rest = made = list(final.values())
    message = ", and ".join(c.message for c in made)
    return first.model_copy(update={"message": message, "also": [
        Change(rule=c.rule, change=c.change, value=c.value) for c in rest]})


def _loosen(bp: BlockProblem, guard: str) -> tuple[BlockProblem, Relaxation] | None:
    """The guardrail's mildest change that takes it out of the block level's clash."""
    for change in _changes(bp, guard):
        edited = _edited(bp, change)
        if edited is None:
            continue
        if _feasible(edited, set(_members(edited))) != Status.infeasible \
                or guard not in _clash(edited)[0]:
            return edited, change
    return None


def _rule(key: str) -> str:
    if key == FORM_KEY:
        return FORM_KEY
    kind, _, rest = key.partition(":")
    return rest if kind == "guardrail" else ("sessions" if kind == "demand" else "scale")


def _phrase(bp: BlockProblem, kept: set[str], key: str) -> str:
    if key == FORM_KEY and bp.block.race_form is not None:
        low, high = bp.block.race_form
        return (f"form (TSB) {low} to {high} on race morning (estimated with each week's "
                "load spread over its days)")
    kind, _, rest = key.partition(":")
    if kind == "guardrail":
        return _tightest(bp, kept, rest)
    if kind == "demand":
        phase, _, session = rest.partition(":")
        asked = [(s.number, _asked(s, p, session)) for s, p in zip(bp.specs, bp.problems,
                                                                    strict=True)
                 if s.phase == phase and p.demand.get(session)]
        return _demand_text(phase, session, asked)
    scale = next(s.scaled[rest] for s in bp.specs if rest in s.scaled)
    return f"{rest} lasts at least {scale.minutes[0]} min"


def _asked(spec: Any, problem: Any, session: str) -> str:
    """'2' or '2-4' (a range)."""
    if session in spec.ranges:
        low, high = spec.ranges[session]
        return f"{low}-{high}"
    return str(problem.demand[session])


def _demand_text(phase: str, session: str, asked: list[tuple[int, str]]) -> str:
    """'the base phase asks for 3 easy_run a week (weeks 1-10; 1 in week 7)'."""
    tally: dict[str, int] = {}
    for _, count in asked:
        tally[count] = tally.get(count, 0) + 1
    usual = max(tally, key=lambda c: (tally[c], c))
    others = [f"{count} in week {week}" for week, count in asked if count != usual]
    weeks = _weeks_text([week for week, _ in asked])
    return (f"the {phase} phase asks for {usual} {session} a week ({weeks}"
            + (f"; {', '.join(others)}" if others else "") + ")")


def _weeks_text(weeks: list[int]) -> str:
    if not weeks:
        return "no week"
    return f"week {weeks[0]}" if len(weeks) == 1 else f"weeks {weeks[0]}-{weeks[-1]}"


def _tightest(bp: BlockProblem, kept: set[str], name: str) -> str:
    """The guardrail, and the first week where it cannot hold with the rest of the clash;
    for ramp_pct and deload_pct, with the numbers: what it allows of the most (or least)
    the reference week can reach under the weeks before, against what the week's
    sessions need."""
    text = GUARDRAILS[name].describe(bp.guardrails[name].value)
    week = _first_break(bp, kept, name)
    if week is None:
        return text
    spec = bp.specs[week]
    numbers = _ramp_numbers(bp, kept, name, week) if name in ("ramp_pct", "deload_pct") else ""
    return f"{text}: week {spec.number} is the first it cannot hold{numbers}"


def _guarded(bp: BlockProblem, kept: set[str]) -> LoadModel:
    """The kept members' model with every guardrail week on an assumption literal."""
    model = _model(bp, kept - {k for k in kept if k.startswith("guardrail:")} - {FORM_KEY})
    model.explaining = True
    if FORM_KEY in kept and bp.block.race_form is not None and bp.race_day is not None:
        model.form_band(bp.race_day, bp.block.race_form, known_form(bp))
    for key in sorted(kept):
        if key.startswith("guardrail:"):
            gname = key.partition(":")[2]
            GUARDRAILS[gname].encode(model, bp.guardrails[gname].value, soft=False)
    return model


def _assume(model: LoadModel, name: str, upto: int) -> None:
    """Every guardrail on, except ``name`` after week ``upto`` (0-based)."""
    values = []
    for key, lit in sorted(model.guards.items()):
        gname, _, week = key.partition("@week")
        after = bool(week) and int(week) - 1 > upto
        values.append((lit, int(not (gname == name and after))))
    model.model.fix(values)


def _first_break(bp: BlockProblem, kept: set[str], name: str) -> int | None:
    for k in range(len(bp.specs)):
        model = _guarded(bp, kept)
        _assume(model, name, k)
        status = Search(search_parameters(TRIAL_LIMIT, strong=True)).run(model.model).status
        if status == Status.infeasible:
            return k
    return None


def _extreme(bp: BlockProblem, kept: set[str], name: str, week: int, target: int,
             most: bool) -> int | None:
    """The most (or least) load week ``target`` can take with ``name`` on before ``week``."""
    model = _guarded(bp, kept)
    _assume(model, name, week - 1)
    load = model.loads[target]
    sign = -1 if most else 1
    model.model.minimize([(lit, sign * coef) for lit, coef in load.terms])
    response = Search(search_parameters(TRIAL_LIMIT, strong=True)).run(model.model)
    if response.status != Status.optimal:
        return None
    return load.constant + sum(coef * response.value(lit) for lit, coef in load.terms)


def _ramp_numbers(bp: BlockProblem, kept: set[str], name: str, week: int) -> str:
    spec = bp.specs[week]
    value = bp.guardrails[name].value
    if spec.ref is None or spec.ref == 0:
        return ""
    ref = spec.ref - 1
    need_least = _extreme(bp, kept, name, week, week, most=False)
    need_most = _extreme(bp, kept, name, week, week, most=True)
    ref_most = _extreme(bp, kept, name, week, ref, most=True)
    ref_least = _extreme(bp, kept, name, week, ref, most=False)
    if None in (need_least, need_most, ref_most, ref_least):
        return ""
    assert need_least is not None and need_most is not None
    assert ref_most is not None and ref_least is not None
    top = (100 + value) if name == "ramp_pct" else value[1]
    allowed = ref_most * top / 100
    if ref_most > 0 and need_least > allowed:
        return (f": {name} allows at most {allowed:g} ({top}% of the most week {ref + 1} "
                f"can reach, {ref_most}), but week {spec.number}'s sessions need at least "
                f"{need_least}")
    if name == "deload_pct":
        floor = ref_least * value[0] / 100
        if need_most < floor:
            return (f": deload_pct asks for at least {floor:g} ({value[0]}% of the least "
                    f"week {ref + 1} can take, {ref_least}), but week {spec.number}'s "
                    f"sessions make at most {need_most}")
    return ""


def _block_relaxations(bp: BlockProblem, core: list[str], time_limit: float, prove: Prove
                       ) -> list[Relaxation]:
    """For each member of the clash, its mildest change that works on the block level;
    offered when planning the whole block with it succeeds."""
    out: list[Relaxation] = []
    for key in core:
        for change in _changes(bp, key):
            edited = _edited(bp, change)
            if edited is None:
                continue
            if _feasible(edited, set(_members(edited))) != Status.infeasible \
                    and prove(edited, time_limit):
                out.append(change)
                break
        if len(out) == MAX_RELAXATIONS:
            break
    return out


def _changes(bp: BlockProblem, key: str) -> list[Relaxation]:
    """Changes to the block file for one member, mildest first."""
    if key == FORM_KEY and bp.block.race_form is not None:
        low, high = bp.block.race_form
        wider = [[low - d, high + d] for d in (5, 10, 20)]
        return [Relaxation(rule=FORM_KEY, change=FORM_KEY, value=band,
                           message=f"set race_form to {band}") for band in wider] + [
            Relaxation(rule=FORM_KEY, change=FORM_KEY, value=None,
                       message="leave race_form out")]
    kind, _, rest = key.partition(":")
    if kind == "guardrail":
        setting = bp.guardrails[rest]
        return [Relaxation(rule=rest, change=f"progression.{rest}", value=value,
                           message=(f"set {rest} to {value}" if value is not False
                                    else f"turn off {rest} (progression: {{{rest}: false}})"))
                for value in GUARDRAILS[rest].relaxations(setting.value)]
    if kind == "demand":
        phase, _, session = rest.partition(":")
        spec = next(s for s in bp.specs if s.phase == phase)
        path = spec.sources.get(f"sessions.{session}", ("week", "sessions", session))
        where = "the base week" if path[0] == "week" else f"the {phase} phase"
        return [Relaxation(rule="sessions", change=".".join(str(p) for p in path), value=0,
                           message=f"drop {session} from {where}")]
    scale = next(s.scaled[rest] for s in bp.specs if rest in s.scaled)
    low, high = scale.minutes
    values = [m for m in range(low - scale.step, 0, -scale.step)]
    return [Relaxation(rule="scale", change=f"scale.{rest}.minutes", value=[m, high],
                       message=f"let {rest} go down to {m} min") for m in values]


def _edited_data(bp: BlockProblem, change: Relaxation) -> dict[str, Any]:
    from runlift.scenario.relax import apply_relaxation

    data = bp.block.model_dump(mode="json", exclude_none=True)
    return apply_relaxation(data, change)


def _edited(bp: BlockProblem, change: Relaxation) -> BlockProblem | None:
    """The block with ``change`` made, or None when the block file would reject it."""
    from pydantic import ValidationError

    from runlift.block.model import BlockFile
    from runlift.block.problem import build
    from runlift.errors import InputError

    try:
        return build(BlockFile.model_validate(_edited_data(bp, change)), bp.file)
    except (ValidationError, InputError):
        return None


# --- a week that fits no way ---------------------------------------------------------------
def explain_weeks(bp: BlockProblem, choices: list[Choice], done: list[Done], failed: int,
                  time_limit: float, prove: Prove) -> BlockExplanation:
    """Week ``failed`` cannot be planned after the weeks before it: its own conflict, in
    block terms, and changes to the block file that plan the whole block (``done``: the
    history and the weeks planned before it)."""
    from runlift.solver.explain import Budget, explain_infeasible

    spec = bp.specs[failed]
    problem = bp.week_problem(failed, choices[failed].counts, choices[failed].minutes,
                              done)
    why = explain_infeasible(problem, Budget(time_limit))
    conflicts = [Conflict(rule=c.rule, message=f"week {spec.number}: {_in_block(bp, c)}",
                          member=f"week{spec.number}:{c.member}") for c in why.conflicts]
    relaxations = []
    for relaxation in why.relaxations:
        for change in _carried(bp, failed, relaxation):
            edited = _edited(bp, change)
            if edited is not None and prove(edited, time_limit):
                relaxations.append(change)
                break
        if len(relaxations) == MAX_RELAXATIONS:
            break
    notes = [f"week {spec.number} does not fit after the weeks before it, even planned "
             "together with them", *why.notes]
    return BlockExplanation(Status.infeasible, conflicts, relaxations, notes)


def _in_block(bp: BlockProblem, conflict: Conflict) -> str:
    """A history session of a week's conflict named by the week it was planned in."""
    if not conflict.member.startswith("history:"):
        return conflict.message
    return conflict.message.replace("history: ", "the week before: ", 1)


def _carried(bp: BlockProblem, k: int, relaxation: Relaxation) -> list[Relaxation]:
    """A change to week k's scenario as changes to the block file, mildest first: the
    week's own override, then the field the week took it from (every week that shares
    it changes)."""
    spec = bp.specs[k]
    section, _, key = relaxation.change.partition(".")
    if section not in ("sessions", "rules"):
        return []  # a pin or a closed slot of one week: no one field of the block
    local = relaxation.model_copy(update={
        "change": f"weeks_override.{spec.number}.{relaxation.change}", "also": [],
        "message": f"in week {spec.number}: {relaxation.message}"})
    if section == "sessions":
        path = spec.sources.get(f"sessions.{key}", ("week", "sessions", key))
    else:
        path = ("week", "rules", key)
    where = "the base week" if path[0] == "week" else ".".join(str(p) for p in path[:-2])
    shared = relaxation.model_copy(update={
        "change": ".".join(str(p) for p in path), "also": [],
        "message": f"in {where}: {relaxation.message}"})
    return [local, shared]


def copy_of(data: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(data)
