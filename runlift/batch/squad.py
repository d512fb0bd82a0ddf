"""The squad file: shared defaults, group sessions, a gym, and one entry per athlete.

Each athlete's scenario is ``base`` (a scenario file) merged with ``defaults`` and then with
the athlete's own fields: mappings merge key by key, anything else (lists included)
replaces. Group sessions are then pinned (appended to ``fixed``) unless the athlete skips
them, and the scenario takes the athlete's name. The squad file is checked here; the
merged scenarios are validated where they are solved, so that a bad athlete becomes one
error row while the others run.

A squad of blocks is the same with block files: ``base_block`` (a block file) instead of
``base``, ``defaults`` and the athletes' fields merged over it, and group sessions pinned
in every week of the block (appended to its base week's ``fixed``, which a phase or week
override with a ``fixed`` of its own replaces, as lists do). Each athlete is then
one block. A squad plans blocks when it names a ``base_block``, or when its ``defaults``
(or every athlete) give a block's ``start``; a shared gym couples athletes week by week,
which blocks do not (yet): that squad is refused.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from runlift import __version__
from runlift.batch.capacity import check_slots
from runlift.batch.names import unique_stems
from runlift.batch.output import BLOCK_SUMMARY, WEEK_SUMMARY, SummaryLayout
from runlift.batch.squad_file import (
    ENTRY_FIELDS,
    AthleteEntries,
    GroupSession,
    SquadHead,
    read_squad_file,
)
from runlift.documents import BLOCK, WEEK, Kind
from runlift.errors import InputError
from runlift.models.errors import ScenarioValueError, did_you_mean
from runlift.scenario.history import expand_history
from runlift.scenario.loading import read_document, yaml_line
from runlift.scenario.overlay import merge
from runlift.scenario.streaming import DocumentLines


def _has_path(data: Any, loc: Sequence[str | int]) -> bool:
    for part in loc:
        in_list = isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        if not (in_list or (isinstance(data, dict) and part in data)):
            return False
        data = data[part]
    return True


@dataclass(frozen=True, slots=True)
class AthleteJob:
    """One athlete, ready to solve: their entry as written (the merged scenario is made
    from it when it is asked for, so that a squad of 100,000 holds no scenario) and where
    the scenario's parts came from."""

    index: int  # position in `athletes`
    name: str
    stem: str  # file stem in --out
    error: str | None = None  # the entry itself is wrong: no scenario
    own_fixed: int = 0  # entries of `fixed` before the group sessions
    groups: tuple[int, ...] = ()  # indices of the pinned group sessions, in `fixed` order
    sha256: bytes = b""  # the digest, as bytes (half the memory of its hex)
    kind: Kind = WEEK  # a week (scenario is a scenario) or a block (a block file's fields)
    entry: bytes = b""  # the athlete's entry as written, pickled
    maker: ScenarioMaker | None = field(default=None, repr=False, compare=False)

    @property
    def digest(self) -> str:
        """The hash of the merged scenario and the runlift version ("" for a wrong entry)."""
        return self.sha256.hex()

    @property
    def scenario(self) -> dict[str, Any] | None:
        """The merged scenario, made anew at each call; None when the entry is wrong."""
        if self.error is not None or self.maker is None:
            return None
        return self.maker.scenario(self)

    def raw(self) -> dict[str, Any]:
        """The athlete's entry as written."""
        entry: dict[str, Any] = pickle.loads(self.entry)
        return entry

    def payload(self, **extra: Any) -> dict[str, Any]:
        """What a worker needs, as plain data (CP-SAT objects cannot travel)."""
        kind = {"kind": BLOCK} if self.kind == BLOCK else {}
        return {"index": self.index, "name": self.name, "scenario": self.scenario, **kind,
                **extra}


@dataclass
class ScenarioMaker:
    """What every athlete's merged scenario is made of beside their own entry: ``base``
    and ``defaults`` merged, the group sessions, and the history files already read."""

    common: dict[str, Any]
    groups: list[GroupSession]
    fixed_path: tuple[str, ...]
    folder: Path  # the squad file's: a history file named in it is relative to it
    histories: dict[str, bytes] = field(default_factory=dict)  # path -> entries, pickled

    def scenario(self, job: AthleteJob) -> dict[str, Any]:
        scenario, _, _ = self.made(job.name, job.raw(), job.groups)
        return scenario

    def made(self, name: str, entry: dict[str, Any], pinned: tuple[int, ...]
             ) -> tuple[dict[str, Any], int, tuple[int, ...]]:
        """An athlete's merged scenario, with the group sessions ``pinned`` (those they
        do not skip); the entries of `fixed` before them, and the ones pinned. Raises
        InputError for a history file that cannot be read."""
        own = {key: value for key, value in entry.items() if key not in ENTRY_FIELDS}
        scenario = merge(self.common, own)
        scenario["name"] = name
        scenario = self._with_history(scenario)
        own_fixed, pinned = self._pin_group_sessions(scenario, own, pinned)
        return scenario, own_fixed, pinned

    def _with_history(self, scenario: dict[str, Any]) -> dict[str, Any]:
        """expand_history (a history file named in the squad file is relative to it),
        each file read once: athletes who name the same file share what it holds."""
        history = scenario.get("history")
        if not isinstance(history, str):
            return scenario
        if history not in self.histories:
            expanded = expand_history(scenario, self.folder)
            self.histories[history] = pickle.dumps(expanded["history"],
                                                   pickle.HIGHEST_PROTOCOL)
            return expanded
        return {**scenario, "history": pickle.loads(self.histories[history])}

    def _pin_group_sessions(self, scenario: dict[str, Any], own: dict[str, Any],
                            pinned: tuple[int, ...]) -> tuple[int, tuple[int, ...]]:
        """Append the ``pinned`` group sessions to `fixed` (a block's `week.fixed`, so
        every week holds them); the athlete's own entries and the pinned group sessions,
        by index."""
        *outer, key = self.fixed_path
        holder: Any = scenario
        for part in outer:  # a block's base week, made when a group session needs it
            if holder.get(part) is None and self.groups:
                holder[part] = {}
            holder = holder.get(part)
            if not isinstance(holder, dict):
                return 0, ()
        fixed = holder.get(key, [])
        if not isinstance(fixed, list):
            return 0, ()
        holder[key] = [*fixed, *(self.groups[g].model_dump() for g in pinned)]
        if not holder[key] and not _has_path(self.common, self.fixed_path) \
                and not _has_path(own, self.fixed_path):
            del holder[key]
        return len(fixed), pinned


@dataclass
class Squad:
    """A loaded squad file and its athletes' jobs, in file order."""

    file: str
    spec: SquadHead
    lines: DocumentLines  # the line of each field of the file, for the error messages
    base_file: str | None = None
    base: dict[str, Any] = field(default_factory=dict)
    base_node: yaml.Node | None = None
    jobs: list[AthleteJob] = field(default_factory=list)
    kind: Kind = WEEK  # what every athlete plans: a week, or a block of weeks

    @property
    def name(self) -> str:
        return self.spec.squad

    @property
    def coupled(self) -> bool:
        return self.spec.gym is not None

    @property
    def summary(self) -> SummaryLayout:
        """The columns of summary.csv: a week's metrics, or a block's race-day figures."""
        return BLOCK_SUMMARY if self.kind == BLOCK else WEEK_SUMMARY

    @property
    def fixed_path(self) -> tuple[str, ...]:
        """Where the group sessions are pinned: a week's `fixed`, a block's `week.fixed`."""
        return FIXED_IN[self.kind]

    def locate(self, job: AthleteJob, loc: Sequence[str | int], message: str) -> InputError:
        """An athlete's scenario error, pointed at the file and line its field came from."""
        loc = tuple(loc)
        at = len(self.fixed_path)
        entry = loc[at] if len(loc) > at and loc[:at] == self.fixed_path else None
        if isinstance(entry, int) and entry >= job.own_fixed and job.error is None:
            g = job.groups[entry - job.own_fixed]
            group = self.spec.group_sessions[g]
            where = ("group_sessions", g, *loc[at + 1:])
            return InputError(f"group session {group.name!r} for {job.name}: {message}",
                              file=self.file, loc=where, line=self.lines.line(where))
        if _has_path(job.raw(), loc) or not (_has_path(self.spec.defaults, loc)
                                             or _has_path(self.base, loc)):
            where = ("athletes", job.index, *loc)
            return InputError(message, file=self.file, loc=where, line=self.lines.line(where))
        if _has_path(self.spec.defaults, loc):
            where = ("defaults", *loc)
            return InputError(f"{message} (for {job.name})", file=self.file, loc=where,
                              line=self.lines.line(where))
        return InputError(f"{message} (for {job.name})", file=self.base_file, loc=loc,
                          line=yaml_line(self.base_node, loc))


FIXED_IN: dict[Kind, tuple[str, ...]] = {WEEK: ("fixed",), BLOCK: ("week", "fixed")}


def scenario_digest(scenario: dict[str, Any]) -> str:
    """A stable hash of a merged scenario and the runlift version that solves it."""
    text = json.dumps(scenario, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(f"{__version__}\n{text}".encode()).hexdigest()


def load_squad(path: str | Path) -> Squad:
    """Read and check a squad file and merge every athlete's scenario.

    Raises InputError (the squad file itself is bad: exit 2) with file, field path and
    line. A problem with one athlete's scenario is not raised: it surfaces when solving.
    """
    source = read_squad_file(path)
    spec, athletes = source.spec, source.athletes
    squad = Squad(file=str(path), spec=spec, lines=source.lines)
    squad.kind = _squad_kind(squad, athletes)
    if squad.kind == BLOCK:
        _check_block_squad(squad)
    if spec.base is not None:
        _load_base(squad, Path(path).parent / spec.base)
    if spec.base_block is not None:
        _load_base(squad, Path(path).parent / spec.base_block, ("base_block",))
    _check_shared_fields(squad)
    _check_group_sessions(squad, athletes)
    squad.jobs = _jobs(squad, athletes)
    if squad.coupled:
        _check_gym_calendars(squad)
        _check_gym_slots(squad)
    return squad


def _squad_kind(squad: Squad, athletes: AthleteEntries) -> Kind:
    """Blocks with a `base_block`, or a block's `start` in defaults or in every athlete."""
    spec = squad.spec
    if spec.base_block is not None or "start" in spec.defaults:
        return BLOCK
    return BLOCK if athletes.starts == len(athletes) else WEEK


def _check_block_squad(squad: Squad) -> None:
    """What a squad of blocks cannot have: a base week beside its base block, or a gym."""
    for key, message in (
        ("base", "a squad of blocks starts from base_block (a block file), not base"),
        ("gym", "a shared gym couples athletes week by week; a squad of blocks cannot "
                "share one yet: plan the blocks without gym, or the weeks as a squad"),
    ):
        if getattr(squad.spec, key) is not None:
            raise InputError(message, file=squad.file, loc=(key,),
                             line=squad.lines.line((key,)))


BASE_WORDS: dict[Kind, str] = {WEEK: "scenario", BLOCK: "block"}


def _load_base(squad: Squad, base_path: Path, where: tuple[str, ...] = ("base",)) -> None:
    what = BASE_WORDS[squad.kind]
    if not base_path.is_file():
        raise InputError(f"base {what} {str(base_path)!r} is not a file",
                         file=squad.file, loc=where, line=squad.lines.line(where))
    data, node = read_document(base_path, what=f"{what} file")
    if not isinstance(data, dict):
        raise InputError(f"expected a mapping of {what} fields, got {type(data).__name__}",
                         file=str(base_path), line=yaml_line(node, ()))
    # The base's own history file is relative to the base file.
    squad.base_file, squad.base, squad.base_node = (
        str(base_path), expand_history(data, base_path.parent), node)


def _check_shared_fields(squad: Squad) -> None:
    """Unknown keys and wrong types in `base` or `defaults` are errors in the squad file.

    Cross-field checks (a session type added by an athlete's catalog, race_date with an
    athlete's week_start…) can only be judged per athlete, so they are left to the solve.
    """
    from pydantic import ValidationError

    from runlift.scenario.loading import validation_to_input_error

    model, common = _shared_model(squad)
    try:
        model.model_validate(common, context={"base_dir": Path(squad.file).parent})
    except ValidationError as exc:
        first = exc.errors()[0]
        if not first["loc"]:  # raised by the model-level (cross-field) validator
            return
        if squad.kind == BLOCK and first["type"] == "missing":  # the athletes may give it
            return
        error = validation_to_input_error(exc, model, "", None)
        if _has_path(squad.spec.defaults, error.loc):
            where = ("defaults", *error.loc)
            raise InputError(error.message, file=squad.file, loc=where,
                             line=squad.lines.line(where)) from None
        raise InputError(error.message, file=squad.base_file, loc=error.loc,
                         line=yaml_line(squad.base_node, error.loc)) from None


# A block needs its start to be valid; the athletes may give theirs, so the shared part
# is checked with this one (which judges nothing: the length of a block is cross-field).
SHARED_START = "2001-01-01"


def _shared_model(squad: Squad) -> tuple[type[BaseModel], dict[str, Any]]:
    """The model `base` and `defaults` must fit, and what they say together."""
    common = merge(squad.base, squad.spec.defaults)
    if squad.kind == BLOCK:
        from runlift.block.model import BlockFile

        return BlockFile, {"start": SHARED_START, **common}
    from runlift.scenario.model import Scenario

    return Scenario, common


def _check_gym_calendars(squad: Squad) -> None:
    """Gym slots line up by date, or by day number: a squad cannot mix the two."""
    dated = {job.name: bool(scenario.get("week_start"))
             for job, scenario in _valid_scenarios(squad)}
    if len(set(dated.values())) > 1:
        with_date = next(n for n, d in dated.items() if d)
        without = next(n for n, d in dated.items() if not d)
        where = ("gym",)
        raise InputError(
            f"the gym's slots line up by date, but {with_date} has a week_start and "
            f"{without} has none: give week_start under defaults",
            file=squad.file, loc=where, line=squad.lines.line(where))


def _check_gym_slots(squad: Squad) -> None:
    """A capacity by slot names slots the athletes have, and dates only with week_start."""
    from runlift.scenario.model import DEFAULT_SLOTS

    gym = squad.spec.gym
    assert gym is not None
    limits = gym.limits
    slots: set[str] = set()
    first: dict[str, Any] | None = None  # the first athlete's week
    for _, week in _valid_scenarios(squad):
        first = week if first is None else first
        own = week.get("slots")
        slots.update(str(name) for name in (own if isinstance(own, dict) else DEFAULT_SLOTS))
    try:
        check_slots(limits, slots)
        dated = limits.has_dates()
        if dated and first is not None and not first.get("week_start"):
            raise ScenarioValueError((dated[0],), "a date needs the athletes' week_start: "
                                                  "give week_start under defaults")
    except ScenarioValueError as error:
        where = ("gym", "capacity", *error.loc)
        raise InputError(error.message, file=squad.file, loc=where,
                         line=squad.lines.line(where)) from None


def _valid_scenarios(squad: Squad) -> Iterator[tuple[AthleteJob, dict[str, Any]]]:
    """Each athlete with a scenario, and it (made as it is reached)."""
    for job in squad.jobs:
        scenario = job.scenario
        if scenario is not None:
            yield job, scenario


def _known_types(squad: Squad, athletes: AthleteEntries) -> set[str]:
    """Session types any athlete may know: built in, or added by a catalog in the file."""
    from runlift.models.catalog import BUILTIN_CATALOG

    known = set(BUILTIN_CATALOG)
    for source in (squad.base, squad.spec.defaults):
        # A block's catalog is its base week's.
        holder: Any = source.get("week") if squad.kind == BLOCK else source
        catalog = holder.get("catalog") if isinstance(holder, dict) else None
        if isinstance(catalog, dict):
            known.update(str(name) for name in catalog)
    return known | athletes.catalogs[squad.kind]


def _check_group_sessions(squad: Squad, athletes: AthleteEntries) -> None:
    """A misspelt group session would fail every athlete: report it once, as a squad error."""
    known = _known_types(squad, athletes)
    for i, group in enumerate(squad.spec.group_sessions):
        if group.session not in known:
            where = ("group_sessions", i, "session")
            raise InputError(f"unknown session type {group.session!r}"
                             + did_you_mean(group.session, known),
                             file=squad.file, loc=where, line=squad.lines.line(where))
    if squad.spec.gym is not None:
        for i, name in enumerate(squad.spec.gym.sessions or []):
            if name not in known:
                at = ("gym", "sessions", i)
                raise InputError(f"unknown session type {name!r}" + did_you_mean(name, known),
                                 file=squad.file, loc=at, line=squad.lines.line(at))


def _jobs(squad: Squad, athletes: AthleteEntries) -> list[AthleteJob]:
    """The athletes' jobs: each merged scenario is made once here, for its digest, and
    then dropped (AthleteJob.scenario makes it again)."""
    spec = squad.spec
    maker = ScenarioMaker(merge(squad.base, spec.defaults), spec.group_sessions,
                          squad.fixed_path, Path(squad.file).parent)
    groups = {g.name: i for i, g in enumerate(spec.group_sessions)}
    stems = unique_stems(athletes.names)
    jobs = []
    for i, (name, stem) in enumerate(zip(athletes.names, stems, strict=True)):
        skip, entry = athletes.skips[i], athletes.entries[i]
        unknown = [(j, s) for j, s in enumerate(skip) if s not in groups]
        if unknown:
            j, group = unknown[0]
            where = ("athletes", i, "skip", j)
            error = InputError(f"unknown group session {group!r}" + did_you_mean(group, groups),
                               file=squad.file, loc=where, line=squad.lines.line(where))
            jobs.append(AthleteJob(i, name, stem, error=str(error), entry=entry))
            continue
        skipped = set(skip)
        pinned = tuple(g for g, group in enumerate(spec.group_sessions)
                       if group.name not in skipped)
        jobs.append(_merged_job(squad, maker, i, (name, stem), entry, pinned))
    return jobs


def _merged_job(squad: Squad, maker: ScenarioMaker, index: int, names: tuple[str, str],
                entry: bytes, pinned: tuple[int, ...]) -> AthleteJob:
    name, stem = names
    own = pickle.loads(entry)
    try:
        scenario, own_fixed, pinned = maker.made(name, own, pinned)
    except InputError as error:
        return AthleteJob(index, name, stem, error=str(error), entry=entry)
    except ScenarioValueError as error:  # a history file missing, or not a plan
        where = (*_history_owner(squad, index, own), *error.loc)
        shown = InputError(error.message, file=squad.file, loc=where,
                           line=squad.lines.line(where))
        return AthleteJob(index, name, stem, error=str(shown), entry=entry)
    return AthleteJob(index, name, stem, own_fixed=own_fixed, groups=pinned,
                      sha256=bytes.fromhex(scenario_digest(scenario)), kind=squad.kind,
                      entry=entry, maker=maker)


def _history_owner(squad: Squad, index: int, own: dict[str, Any]) -> tuple[str | int, ...]:
    """Where the `history` an athlete's scenario takes is written: their own entry, or
    the squad's defaults (a base file's own history is read with the base)."""
    return ("athletes", index) if "history" in own else ("defaults",)
