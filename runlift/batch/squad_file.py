"""A squad file as written (its models), read into the compact form the squad keeps.

A squad of 100,000 athletes is read an athlete at a time (runlift.scenario.streaming):
each entry is checked as it comes and then kept pickled, a few hundred bytes, with its
compact line tree for the error messages; no node tree of the file is kept, and no model
of an athlete. A file that cannot be read so exactly (JSON and TOML, YAML with an alias
among the athletes, and every file with an error in it) is read whole, as any document,
and its athletes then kept in the same compact form: the squad, and every error with its
line, are the same either way.
"""

from __future__ import annotations

import codecs
import pickle
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from runlift.batch.capacity import GymCapacity, parse_capacity
from runlift.documents import BLOCK, WEEK, Kind
from runlift.errors import InputError
from runlift.models.defaults import empty_dict, empty_list
from runlift.models.errors import ScenarioValueError
from runlift.scenario.limits import read_input_bytes
from runlift.scenario.loading import read_document, validate_document
from runlift.scenario.streaming import DocumentLines, NotStreamed, StreamedReading

ATHLETES = "athletes"
YAML_SUFFIXES = (".yaml", ".yml")
WHAT = "scenario file"  # what read_document calls the file in its errors


class GroupSession(BaseModel):
    """A session the whole squad does together, pinned for everyone who does not skip it."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    session: str
    day: str | int
    slot: str


class Gym(BaseModel):
    """A shared gym: at most ``capacity`` athletes in a gym session in the same slot; the
    capacity one number, or by day and slot (runlift.batch.capacity)."""

    model_config = ConfigDict(extra="forbid")

    capacity: int | dict[str, int]
    sessions: list[str] | None = Field(
        default=None, description="Session types that use the gym (default: every strength type)."
    )

    @field_validator("capacity", mode="before")
    @classmethod
    def _capacity_keys(cls, capacity: Any) -> int | dict[str, int]:
        return parse_capacity(capacity).written

    @property
    def limits(self) -> GymCapacity:
        """The capacity of every gym slot."""
        return parse_capacity(self.capacity)


class AthleteEntry(BaseModel):
    """One athlete: a name, group sessions to skip, and any scenario fields."""

    model_config = ConfigDict(extra="allow")

    name: str = Field(min_length=1)
    skip: list[str] = Field(default_factory=empty_list)


ENTRY_FIELDS = frozenset(AthleteEntry.model_fields)  # the rest of an entry is scenario fields


class SquadHead(BaseModel):
    """A squad file but its athletes: what the squad keeps as a model."""

    model_config = ConfigDict(extra="forbid")

    squad: str = "Untitled squad"
    base: str | None = None
    base_block: str | None = Field(default=None, description="A block file every athlete "
                                   "starts from (a squad of blocks), instead of base.")
    defaults: dict[str, Any] = Field(default_factory=empty_dict)
    group_sessions: list[GroupSession] = Field(default_factory=empty_list)
    gym: Gym | None = None

    @field_validator("group_sessions")
    @classmethod
    def _group_names_unique(cls, groups: list[GroupSession]) -> list[GroupSession]:
        _no_duplicates([g.name for g in groups], "group_sessions", "group session")
        return groups


class SquadFile(SquadHead):
    """A squad file as written."""

    athletes: list[AthleteEntry] = Field(min_length=1)

    @field_validator("athletes")
    @classmethod
    def _athlete_names_unique(cls, athletes: list[AthleteEntry]) -> list[AthleteEntry]:
        _no_duplicates([a.name for a in athletes], "athletes", "athlete")
        return athletes


def same_name_key(name: str) -> str:
    """Names that differ only in case, spacing or Unicode form count as the same."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def _no_duplicates(names: list[str], where: str, what: str) -> None:
    first: dict[str, int] = {}
    for i, name in enumerate(names):
        key = same_name_key(name)
        if key in first:
            raise ScenarioValueError(
                (where, i, "name"),
                f"two {what}s are named {name!r} ({where}.{first[key]} and {where}.{i}); "
                "names must be unique",
            )
        first[key] = i


@dataclass
class AthleteEntries:
    """The athletes' entries, as the squad keeps them until it makes their jobs."""

    names: list[str] = field(default_factory=list)
    skips: list[tuple[str, ...]] = field(default_factory=list)  # equal ones shared
    entries: list[bytes] = field(default_factory=list)  # each entry as written, pickled
    starts: int = 0  # entries that give a block's start
    # Session types the entries' catalogs add: a week's `catalog`, a block's `week.catalog`.
    catalogs: dict[Kind, set[str]] = field(default_factory=lambda: {WEEK: set(), BLOCK: set()})
    _shared: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.names)

    def add(self, athlete: AthleteEntry, entry: dict[str, Any]) -> None:
        skip = tuple(athlete.skip)
        self.names.append(athlete.name)
        self.skips.append(self._shared.setdefault(skip, skip))
        self.entries.append(pickle.dumps(entry, pickle.HIGHEST_PROTOCOL))
        self.starts += "start" in entry
        for kind, holder in ((WEEK, entry), (BLOCK, entry.get("week"))):
            catalog = holder.get("catalog") if isinstance(holder, dict) else None
            if isinstance(catalog, dict):
                self.catalogs[kind].update(str(name) for name in catalog)


@dataclass
class SquadSource:
    """A squad file read and checked: the file but its athletes, where each of its fields
    is, and the athletes' entries."""

    spec: SquadHead
    lines: DocumentLines
    athletes: AthleteEntries


def read_squad_file(path: str | Path) -> SquadSource:
    """Read and check a squad file (the models above). Raises InputError with file, field
    path and line."""
    try:
        return _read_streaming(Path(path))
    except NotStreamed:
        return _read_whole(path)


def _read_whole(path: str | Path) -> SquadSource:
    data, node = read_document(path, what=WHAT)
    full: SquadFile = validate_document(data, SquadFile, str(path), node)
    athletes = AthleteEntries()
    for athlete, entry in zip(full.athletes, data[ATHLETES], strict=True):
        athletes.add(athlete, entry)
    return SquadSource(_head(full), DocumentLines(head=node), athletes)


def _read_streaming(path: Path) -> SquadSource:
    """The squad file read an athlete at a time; NotStreamed for anything but a valid
    YAML squad without aliases among its athletes (read whole, it gives its error)."""
    if path.suffix.lower() not in YAML_SUFFIXES or not path.is_file():
        raise NotStreamed("not a YAML file")
    try:
        source = read_input_bytes(path, WHAT)
    except InputError as exc:
        raise NotStreamed(str(exc)) from exc
    if not _is_utf8(source):
        raise NotStreamed("not UTF-8")
    reading = StreamedReading(source, str(path), ATHLETES)
    athletes = AthleteEntries()
    names: set[str] = set()  # same_name_key of each: a second one is an error
    for entry in reading.items():
        athlete = _athlete(entry)
        key = same_name_key(athlete.name)
        if key in names:
            raise NotStreamed("two athletes of the same name")
        names.add(key)
        athletes.add(athlete, entry)
    del names
    # The athletes are each valid and named apart: the file is valid if it is with one.
    one = [pickle.loads(athletes.entries[0])] if athletes.entries else []
    try:
        full = SquadFile.model_validate({**reading.head, ATHLETES: one})
    except ValidationError as exc:
        raise NotStreamed(str(exc)) from exc
    return SquadSource(_head(full), reading.lines, athletes)


def _athlete(entry: Any) -> AthleteEntry:
    try:
        return AthleteEntry.model_validate(entry)
    except ValidationError as exc:
        raise NotStreamed(str(exc)) from exc


def _is_utf8(data: bytes, chunk: int = 1 << 20) -> bool:
    """Whether ``data`` decodes as UTF-8, a chunk at a time (no copy of the whole text)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for start in range(0, len(data), chunk):
            decoder.decode(view[start:start + chunk])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _head(full: SquadFile) -> SquadHead:
    """The squad file but its athletes (already validated)."""
    fields = {name: getattr(full, name) for name in SquadHead.model_fields}
    return SquadHead.model_construct(full.model_fields_set - {ATHLETES}, **fields)
