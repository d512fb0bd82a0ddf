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
from dataclasses import dataclass, field
from typing import Any

from runlift.block.guardrails import GUARDRAILS
from runlift.block.level import Choice, LoadModel, load_bounds
from runlift.block.problem import BlockProblem
from runlift.models.result import Conflict, Relaxation
from runlift.models.status import Status
from runlift.solver.cpsat import Search
from runlift.solver.params import search_parameters

TRIAL_LIMIT = 1.0  # deterministic seconds per block-level trial
MAX_RELAXATIONS = 3  # proven by planning the whole block, each: a few seconds at most


@dataclass
class BlockExplanation:
    status: Status
    conflicts: list[Conflict] = field(default_factory=list)
    relaxations: list[Relaxation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# --- the block level --------------------------------------------------------------------
def _members(bp: BlockProblem) -> list[str]:
    keys = [f"guardrail:{name}" for name, s in sorted(bp.guardrails.items())
            if s.weight is None]
    demands = sorted({f"demand:{spec.phase}:{t}" for spec, problem in zip(
        bp.specs, bp.problems, strict=True) for t in problem.demand
        if problem.catalog[t].kind != "race"})
    scales = sorted({f"scale:{t}" for spec in bp.specs for t in spec.scaled})
    return keys + demands + scales


def _model(bp: BlockProblem, kept: set[str]) -> LoadModel:
    """The block level with only the ``kept`` members: a dropped phase demand asks for
    none of that type, a dropped scale lets the type's minutes go down to one step."""
    problems = []
    specs = []
    for spec, problem in zip(bp.specs, bp.problems, strict=True):
        demand = {t: n for t, n in problem.demand.items()
                  if f"demand:{spec.phase}:{t}" in kept or problem.catalog[t].kind == "race"}
        problems.append(dataclasses.replace(problem, demand=demand))
        scaled = {t: (s if f"scale:{t}" in kept else s.model_copy(
            update={"minutes": (s.step, s.minutes[1])})) for t, s in spec.scaled.items()}
        ranges = {t: r for t, r in spec.ranges.items() if t in demand}
        specs.append(dataclasses.replace(spec, scaled=scaled, ranges=ranges))
    model = LoadModel(specs, problems, bp.history_weeks())
    for name, setting in bp.guardrails.items():
        if f"guardrail:{name}" in kept and setting.weight is None:
            GUARDRAILS[name].encode(model, setting.value, soft=False)
    return model


def _feasible(bp: BlockProblem, kept: set[str]) -> Status:
    model = _model(bp, kept)
    return Search(search_parameters(TRIAL_LIMIT, strong=True)).run(model.model).status


def explain_block(bp: BlockProblem, status: Status, time_limit: float) -> BlockExplanation:
    """The guardrails and demands that clash on the block level, and what to change."""
    if status == Status.unknown:
        return BlockExplanation(Status.unknown, notes=[
            "the block level found no choice of minutes and counts within the time limit, "
            "and did not prove that none exists; try a longer --time-limit"])
    members = _members(bp)
    core = list(members)
    minimal = True
    for key in list(core):
        trial = [k for k in core if k != key]
        outcome = _feasible(bp, set(trial))
        if outcome == Status.infeasible:
            core = trial
        elif not outcome.has_plan:
            minimal = False
    model = _model(bp, set(core))
    conflicts = [Conflict(rule=_rule(key), message=_phrase(bp, model, key), member=key)
                 for key in core]
    notes = [] if minimal else ["could not prove within the time limit that every member "
                                "listed is needed for the clash"]
    relaxations = _block_relaxations(bp, core, time_limit)
    return BlockExplanation(Status.infeasible, conflicts, relaxations, notes)


def _rule(key: str) -> str:
    kind, _, rest = key.partition(":")
    return rest if kind == "guardrail" else ("sessions" if kind == "demand" else "scale")


def _phrase(bp: BlockProblem, model: LoadModel, key: str) -> str:
    kind, _, rest = key.partition(":")
    if kind == "guardrail":
        return _tightest(bp, model, rest)
    if kind == "demand":
        phase, _, session = rest.partition(":")
        weeks = [s.number for s, p in zip(bp.specs, bp.problems, strict=True)
                 if s.phase == phase and p.demand.get(session)]
        counts = sorted({p.demand[session] for s, p in zip(bp.specs, bp.problems, strict=True)
                         if s.phase == phase and p.demand.get(session)})
        many = "/".join(str(c) for c in counts)
        return f"the {phase} phase asks for {many} {session} a week ({_weeks_text(weeks)})"
    scale = next(s.scaled[rest] for s in bp.specs if rest in s.scaled)
    return f"scale: {rest} lasts at least {scale.minutes[0]} min"


def _weeks_text(weeks: list[int]) -> str:
    if not weeks:
        return "no week"
    return f"week {weeks[0]}" if len(weeks) == 1 else f"weeks {weeks[0]}-{weeks[-1]}"


def _tightest(bp: BlockProblem, model: LoadModel, name: str) -> str:
    """The guardrail, and the week where the demands' least load breaks what it allows
    of the most the reference weeks can take."""
    setting = bp.guardrails[name]
    text = GUARDRAILS[name].describe(setting.value)
    bounds = [load_bounds(model, k) for k in range(len(bp.specs))]
    if name in ("ramp_pct", "deload_pct"):
        for k, spec in enumerate(bp.specs):
            ref = spec.ref
            if ref is None or (name == "deload_pct" and not spec.deload):
                continue
            ref_most = bp.history_weeks()[-1] if ref == 0 else bounds[ref - 1][1]
            share = (100 + setting.value) if name == "ramp_pct" else setting.value[1]
            allowed = ref_most * share / 100
            if bounds[k][0] > allowed:
                return (f"{text}: week {spec.number}: {name} allows at most {allowed:g}, but "
                        f"the {spec.phase} phase's sessions need at least {bounds[k][0]}")
            if name == "deload_pct":
                least = (bounds[ref - 1][0] if ref else ref_most) * setting.value[0] / 100
                if bounds[k][1] < least:
                    return (f"{text}: week {spec.number}: deload_pct asks for at least "
                            f"{least:g}, but its sessions can make at most {bounds[k][1]}")
    return text


def _block_relaxations(bp: BlockProblem, core: list[str], time_limit: float
                       ) -> list[Relaxation]:
    """For each member of the clash, its mildest change that works on the block level;
    offered when planning the whole block with it succeeds."""
    out: list[Relaxation] = []
    for key in core:
        for change in _changes(bp, key):
            if _feasible(_edited(bp, change), set(_members(_edited(bp, change)))) \
                    != Status.infeasible and _plans(bp, change, time_limit):
                out.append(change)
                break
        if len(out) == MAX_RELAXATIONS:
            break
    return out


def _changes(bp: BlockProblem, key: str) -> list[Relaxation]:
    """Changes to the block file for one member, mildest first."""
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


def _edited(bp: BlockProblem, change: Relaxation) -> BlockProblem:
    from runlift.block.model import BlockFile
    from runlift.block.problem import build

    return build(BlockFile.model_validate(_edited_data(bp, change)), bp.file)


def _plans(bp: BlockProblem, change: Relaxation, time_limit: float) -> bool:
    """The final proof: the whole block, edited, has a plan."""
    from runlift.block.solve import plan_block

    try:
        edited = _edited(bp, change)
    except Exception:  # an edit the block file rejects is no relaxation
        return False
    return plan_block(edited, time_limit=time_limit, explain=False).has_plan


# --- a week that fits no way ---------------------------------------------------------------
def explain_weeks(bp: BlockProblem, choices: list[Choice], weeks: list[Any], failed: int,
                  time_limit: float) -> BlockExplanation:
    """Week ``failed`` cannot be planned after the weeks before it: its own conflict, in
    block terms, and changes to the block file that plan the whole block."""
    from runlift.block.solve import _done
    from runlift.solver.explain import Budget, explain_infeasible

    spec = bp.specs[failed]
    problem = bp.week_problem(failed, choices[failed].counts, choices[failed].minutes,
                              _done(bp, weeks))
    why = explain_infeasible(problem, Budget(time_limit))
    conflicts = [Conflict(rule=c.rule, message=f"week {spec.number}: {_in_block(bp, c)}",
                          member=f"week{spec.number}:{c.member}") for c in why.conflicts]
    relaxations = []
    for relaxation in why.relaxations:
        change = _carried(bp, failed, relaxation)
        if change is not None and _plans(bp, change, time_limit):
            relaxations.append(change)
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


def _carried(bp: BlockProblem, k: int, relaxation: Relaxation) -> Relaxation | None:
    """A change to week k's scenario, as a change to the block field it came from."""
    spec = bp.specs[k]
    section, _, key = relaxation.change.partition(".")
    if section == "sessions":
        path = spec.sources.get(f"sessions.{key}", ("week", "sessions", key))
        return relaxation.model_copy(update={"change": ".".join(str(p) for p in path),
                                             "also": []})
    if section == "rules":
        return relaxation.model_copy(update={"change": f"week.rules.{key}", "also": []})
    return None  # a pin or a closed slot of one week: no one field of the block


def copy_of(data: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(data)
