"""The scenario file: what one week (or horizon) must hold, and the rules it must obey."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictInt,
    create_model,
    field_validator,
    model_validator,
)

from runlift.models.catalog import SessionTypeOverride, resolve_catalog
from runlift.models.days import Calendar, parse_time
from runlift.models.errors import ScenarioValueError, did_you_mean
from runlift.models.problem import (
    FixedPlacement,
    Problem,
    RuleSetting,
    Slot,
    Unavailability,
    Weights,
)
from runlift.solver.rules import RULES

DEFAULT_SLOTS = {"am": "07:00", "pm": "18:00"}


def _rules_config_model() -> type[BaseModel]:
    """`rules:` has one optional field per registered rule, typed by the rule."""
    fields: dict[str, Any] = {
        rule.name: (rule.value_type | None, Field(default=None, description=rule.summary))
        for rule in RULES.values()
    }
    return create_model(  # type: ignore[call-overload,no-any-return]
        "RulesConfig",
        __config__=ConfigDict(extra="forbid"),
        __doc__="Hard-rule values. A rule left out keeps its default.",
        **fields,
    )


RulesConfig = _rules_config_model()


class FixedSession(BaseModel):
    """A pinned session, placed in addition to the `sessions` counts."""

    model_config = ConfigDict(extra="forbid")

    session: str
    day: str | int
    slot: str


class ObjectiveWeights(BaseModel):
    """Weights of the soft objective terms; 0 turns a term off."""

    model_config = ConfigDict(extra="forbid")

    balance: int = Field(default=1, ge=0, description="Per 10 load points of the peak day.")
    preferences: int = Field(
        default=1, ge=0, description="Per session placed off its preferred days."
    )
    spread: int = Field(
        default=1, ge=0, description="Per day two same-type sessions sit closer than ideal."
    )


class Scenario(BaseModel):
    """One planning problem, as written in a scenario file."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(default="Untitled week", description="A title for the output.")
    description: str = Field(
        default="", description="Free text about the scenario (JSON files have no comments)."
    )
    week_start: dt.date | None = Field(
        default=None, description="The date of day 0, for dates in the output."
    )
    days: int = Field(default=7, ge=1, le=28, description="The horizon in days.")
    slots: dict[str, str] = Field(
        default_factory=lambda: dict(DEFAULT_SLOTS),
        description='Slot name -> start time "HH:MM"; at most one session per slot.',
    )
    sessions: dict[str, StrictInt] = Field(
        default_factory=dict, description="Session type -> how many the horizon must hold."
    )
    fixed: list[FixedSession] = Field(
        default_factory=list,
        description="Pinned sessions {session, day, slot}, placed in addition to `sessions`.",
    )
    unavailable: list[str | int] = Field(
        default_factory=list, description='Whole days ("fri", 4) or "DAY SLOT" ("wed am").'
    )
    race_date: dt.date | None = Field(
        default=None,
        description="A race beyond the horizon, for taper_days; needs week_start.",
    )
    prefer: dict[str, list[str | int]] = Field(
        default_factory=dict, description="Session type -> preferred days (soft)."
    )
    rules: RulesConfig = Field(  # type: ignore[valid-type]
        default_factory=RulesConfig, description="Rule name -> value; unnamed rules keep "
        "their defaults, false (or any for legs_policy) turns a rule off.",
    )
    soft: dict[str, int | bool] = Field(
        default_factory=dict,
        description="Rule name -> weight: the rule becomes a cost; 0 or false turns it off.",
    )
    weights: ObjectiveWeights = Field(
        default_factory=ObjectiveWeights,
        description="Weights of the objective terms balance, preferences and spread.",
    )
    catalog: dict[str, SessionTypeOverride] = Field(
        default_factory=dict,
        description="Session type -> fields: a new type, or overrides of a built-in one.",
    )
    variants: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Named overlays merged over this scenario by `runlift compare` "
        "(maps merge key by key, lists replace); ignored by solve and check.",
    )

    _problem: Problem | None = PrivateAttr(default=None)

    @field_validator("slots")
    @classmethod
    def _slots_are_times(cls, slots: dict[str, str]) -> dict[str, str]:
        if not slots:
            raise ScenarioValueError(("slots",), "expected at least one slot")
        seen: dict[int, str] = {}
        for name, text in slots.items():
            try:
                minute = parse_time(text)
            except ValueError as exc:
                raise ScenarioValueError(("slots", name), str(exc)) from None
            if minute in seen:
                raise ScenarioValueError(
                    ("slots", name), f"starts at {text}, the same time as slot {seen[minute]!r}"
                )
            seen[minute] = name
        return slots

    @field_validator("sessions")
    @classmethod
    def _counts_not_negative(cls, sessions: dict[str, int]) -> dict[str, int]:
        for name, count in sessions.items():
            if count < 0:
                raise ScenarioValueError(("sessions", name), f"expected a count >= 0, got {count}")
        return sessions

    @field_validator("soft")
    @classmethod
    def _soft_weights(cls, soft: dict[str, int | bool]) -> dict[str, int | bool]:
        for name, weight in soft.items():
            if name not in RULES:
                raise ScenarioValueError(
                    ("soft", name), f"unknown rule {name!r}" + did_you_mean(name, RULES)
                )
            if weight is not False and weight is not True and weight < 0:
                raise ScenarioValueError(("soft", name), f"expected a weight >= 0, got {weight}")
        return soft

    @model_validator(mode="after")
    def _resolve(self) -> Scenario:
        self._problem = _resolve(self)
        return self

    @property
    def problem(self) -> Problem:
        """The scenario resolved to day and slot numbers and full rule settings."""
        if self._problem is None:  # pragma: no cover - set by the validator
            self._problem = _resolve(self)
        return self._problem


def _resolve(sc: Scenario) -> Problem:
    catalog = resolve_catalog(_checked_catalog(sc))
    calendar = Calendar(sc.days, sc.week_start)
    ordered = sorted(sc.slots.items(), key=lambda item: (parse_time(item[1]), item[0]))
    slots = tuple(Slot(name, parse_time(text)) for name, text in ordered)
    slot_index = {slot.name: i for i, slot in enumerate(slots)}

    for name in sc.sessions:
        _known_session(name, catalog, ("sessions", name))
    demand = {name: sc.sessions[name] for name in sorted(sc.sessions) if sc.sessions[name] > 0}
    unavailable = tuple(
        _unavailability(i, token, calendar, slot_index) for i, token in enumerate(sc.unavailable)
    )
    fixed = tuple(
        _fixed(i, f, calendar, slot_index, catalog, unavailable) for i, f in enumerate(sc.fixed)
    )
    taken: dict[tuple[int, int], int] = {}
    for f in fixed:
        if (f.day, f.slot) in taken:
            raise ScenarioValueError(
                ("fixed", f.index),
                f"{f.session} is pinned in the same slot as fixed.{taken[f.day, f.slot]}",
            )
        taken[f.day, f.slot] = f.index
    race_date_day = _race_date_day(sc)
    race_days = sorted(
        {f.day for f in fixed if catalog[f.session].kind == "race"}
        | ({race_date_day} if race_date_day is not None else set())
    )
    prefer = {}
    for name in sorted(sc.prefer):
        _known_session(name, catalog, ("prefer", name))
        days: set[int] = set()
        for i, token in enumerate(sc.prefer[name]):
            days.update(_days(calendar, token, ("prefer", name, i), recurring=True))
        prefer[name] = frozenset(days)
    return Problem(
        name=sc.name,
        calendar=calendar,
        slots=slots,
        catalog=catalog,
        demand=demand,
        fixed=fixed,
        unavailable=unavailable,
        race_days=tuple(race_days),
        race_date_day=race_date_day,
        prefer=prefer,
        rules=_rule_settings(sc),
        weights=Weights(**sc.weights.model_dump()),
    )


def _checked_catalog(sc: Scenario) -> dict[str, SessionTypeOverride]:
    from runlift.models.catalog import BUILTIN_CATALOG

    required = ("kind", "intensity", "minutes", "rpe")
    for name, entry in sc.catalog.items():
        if name in BUILTIN_CATALOG:
            continue
        missing = [f for f in required if getattr(entry, f) is None]
        if missing:
            raise ScenarioValueError(
                ("catalog", name, missing[0]),
                f"new session type {name!r} needs {', '.join(missing)}"
                + did_you_mean(name, BUILTIN_CATALOG),
            )
    return sc.catalog


def _known_session(name: str, catalog: dict[str, Any], loc: tuple[str | int, ...]) -> None:
    if name not in catalog:
        raise ScenarioValueError(
            loc,
            f"unknown session type {name!r}" + did_you_mean(name, catalog)
            + " (add it under `catalog:`)",
        )


def _days(
    calendar: Calendar, token: str | int, loc: tuple[str | int, ...], *, recurring: bool
) -> list[int]:
    try:
        return calendar.days_named(token, recurring=recurring)
    except ValueError as exc:
        raise ScenarioValueError(loc, str(exc)) from None


def _slot(name: str, slot_index: dict[str, int], loc: tuple[str | int, ...]) -> int:
    if name not in slot_index:
        raise ScenarioValueError(
            loc,
            f"unknown slot {name!r}: expected one of {', '.join(slot_index)}"
            + did_you_mean(name, slot_index),
        )
    return slot_index[name]


def _unavailability(
    index: int, token: str | int, calendar: Calendar, slot_index: dict[str, int]
) -> Unavailability:
    loc: tuple[str | int, ...] = ("unavailable", index)
    parts = str(token).split()
    if len(parts) not in (1, 2):
        raise ScenarioValueError(loc, f"expected 'DAY' or 'DAY SLOT', got {token!r}")
    day_token: str | int = token if isinstance(token, int) else parts[0]
    days = _days(calendar, day_token, loc, recurring=True)
    whole_day = len(parts) == 1
    slots = sorted(slot_index.values()) if whole_day else [_slot(parts[1], slot_index, loc)]
    cells = tuple((d, s) for d in days for s in slots)
    return Unavailability(index=index, text=str(token), cells=cells)


def _fixed(
    index: int,
    f: FixedSession,
    calendar: Calendar,
    slot_index: dict[str, int],
    catalog: dict[str, Any],
    unavailable: tuple[Unavailability, ...],
) -> FixedPlacement:
    loc: tuple[str | int, ...] = ("fixed", index)
    _known_session(f.session, catalog, (*loc, "session"))
    (day,) = _days(calendar, f.day, (*loc, "day"), recurring=False)
    slot = _slot(f.slot, slot_index, (*loc, "slot"))
    for entry in unavailable:
        if (day, slot) in entry.cells:
            raise ScenarioValueError(
                loc,
                f"{f.session} is pinned on {calendar.label(day)} {f.slot}, but that slot is "
                f"unavailable (unavailable.{entry.index}: {entry.text!r})",
            )
    return FixedPlacement(index=index, session=f.session, day=day, slot=slot)


def _race_date_day(sc: Scenario) -> int | None:
    if sc.race_date is None:
        return None
    if sc.week_start is None:
        raise ScenarioValueError(
            ("race_date",), "race_date needs week_start (the date of day 0) to place the race"
        )
    offset = (sc.race_date - sc.week_start).days
    if offset < 0:
        raise ScenarioValueError(
            ("race_date",), f"race_date {sc.race_date} is before week_start {sc.week_start}"
        )
    return offset


def _rule_settings(sc: Scenario) -> dict[str, RuleSetting]:
    """Every active rule with its value and, when soft, its weight."""
    settings = {}
    given = sc.rules.model_dump(exclude_none=True)
    for name in sorted(RULES):
        rule = RULES[name]
        value = given.get(name, rule.default)
        weight = sc.soft.get(name)
        if weight is False or weight == 0 or not rule.is_active(value):
            continue
        soft_weight = None if weight is None else int(weight)
        settings[name] = RuleSetting(value=value, weight=soft_weight)
    return settings
