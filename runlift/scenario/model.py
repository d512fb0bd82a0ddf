"""The scenario file: what one week (or horizon) must hold, and the rules it must obey."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    ValidationInfo,
    create_model,
    field_validator,
    model_validator,
)

from runlift.models.bounds import (
    MAX_DAYS,
    MAX_HISTORY_DAYS,
    MAX_LOAD,
    MAX_MINUTES,
    MAX_RPE,
    MAX_WEIGHT,
)
from runlift.models.catalog import SessionTypeOverride
from runlift.models.defaults import empty_dict, empty_list
from runlift.models.errors import ScenarioValueError, did_you_mean
from runlift.models.timeline import parse_time
from runlift.rules import RULES, TERMS, Term
from runlift.rules.presets import PresetName

DEFAULT_SLOTS = {"am": "07:00", "pm": "18:00"}
# A day: a weekday name, or a 0-based index (strict: true is not day 1).
DayToken = str | StrictInt


def _rules_config_model() -> type[BaseModel]:
    """`rules:` has one optional field per registered rule, typed by the rule."""
    fields: dict[str, Any] = {
        rule.name: (rule.value_type | None, Field(default=None, description=rule.sentence))
        for rule in RULES.values()
    }
    return create_model(  # type: ignore[call-overload,no-any-return]
        "RulesConfig",
        __config__=ConfigDict(extra="forbid", frozen=True),
        __doc__="Hard-rule values. A rule left out keeps its default.",
        **fields,
    )


def _weight_type(term: Term) -> Any:
    """A whole number >= 0; for a term that may come first, also the word `first`."""
    weight = Annotated[StrictInt, Field(ge=0, le=MAX_WEIGHT)]
    return Literal["first"] | weight if term.may_come_first else weight


def _weights_model() -> type[BaseModel]:
    """`weights:` has one field per objective term of the registry."""
    fields: dict[str, Any] = {
        term.name: (_weight_type(term), Field(default=term.default_weight,
                                              description=term.weight_sentence))
        for term in TERMS.values()
    }
    return create_model(  # type: ignore[call-overload,no-any-return]
        "ObjectiveWeights",
        __config__=ConfigDict(extra="forbid", frozen=True),
        __doc__="Weights of the objective terms; 0 turns a term off.",
        **fields,
    )


def _and_list(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


RulesConfig = _rules_config_model()
ObjectiveWeights = _weights_model()


class FixedSession(BaseModel):
    """A pinned session, placed in addition to the `sessions` counts."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    session: str
    day: DayToken
    slot: str
    name: str | None = Field(
        default=None, min_length=1,
        description="What the coach calls it (a squad's group session, 'Saturday group long "
                    "run'), shown in the calendar and the reports.")


class HistoryEntry(BaseModel):
    """A session done before day 0: where it was, and what was actually done."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: dt.date | None = Field(default=None, description="Its date (needs week_start).")
    day: StrictInt | None = Field(
        default=None, ge=-MAX_HISTORY_DAYS, le=-1,
        description="Its day: -1 is the day before day 0.")
    slot: str = Field(description="The slot it was in.")
    session: str = Field(description="Its session type.")
    minutes: StrictInt | None = Field(default=None, ge=1, le=MAX_MINUTES,
                                      description="How long it lasted (default: the type's).")
    rpe: StrictInt | None = Field(default=None, ge=0, le=MAX_RPE,
                                  description="How hard it felt, 0..10 (default: the type's).")
    load: StrictInt | None = Field(default=None, ge=0, le=MAX_LOAD,
                                   description="Its load (default: rpe x minutes).")
    id: str | None = Field(default=None, description="Its session id, from the plan it was in.")
    source: str | None = Field(default=None, description="Where it was read from (set by "
                               "runlift when `history:` names a plan file).")

    @model_validator(mode="after")
    def _one_day(self) -> HistoryEntry:
        if (self.date is None) == (self.day is None):
            raise ScenarioValueError((), "give either date or day (a negative index)")
        return self


class Scenario(BaseModel):
    """One planning problem, as written in a scenario file. Frozen: resolve it into a
    Problem with ``runlift.scenario.resolve``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(default="Untitled week", description="A title for the output.")
    description: str = Field(
        default="", description="Free text about the scenario (JSON files have no comments)."
    )
    week_start: dt.date | None = Field(
        default=None, description="The date of day 0, for dates in the output."
    )
    days: StrictInt = Field(default=7, ge=1, le=MAX_DAYS, description="The horizon in days.")
    slots: dict[str, str] = Field(
        default_factory=lambda: dict(DEFAULT_SLOTS),
        description='Slot name -> start time "HH:MM"; at most one session per slot.',
    )
    sessions: dict[str, StrictInt] = Field(
        default_factory=empty_dict, description="Session type -> how many the horizon must hold; "
        '"intervals|tempo": 1 asks for one session of either type.'
    )
    fixed: list[FixedSession] = Field(
        default_factory=empty_list,
        description="Pinned sessions {session, day, slot, name}, placed in addition to "
                    "`sessions`; the optional name is shown in calendars and reports.",
    )
    unavailable: list[DayToken] = Field(
        default_factory=empty_list, description='Whole days ("fri", 4) or "DAY SLOT" ("wed am").'
    )
    race_date: dt.date | None = Field(
        default=None,
        description="A race beyond the horizon, for taper_days; needs week_start.",
    )
    prefer: dict[str, list[DayToken]] = Field(
        default_factory=empty_dict,
        description='Session type -> preferred days ("sat", 5) or slots ("sat am").',
    )
    avoid: dict[str, list[DayToken]] = Field(
        default_factory=empty_dict,
        description='Session type -> days ("mon") or slots ("fri pm") it must not use (hard).',
    )
    preset: PresetName | None = Field(
        default=None, description="Rule values of a school of advice (hard-days-hard, "
        "lifts-on-easy-days, evidence-24h); `rules:` override it.",
    )
    rules: RulesConfig = Field(  # type: ignore[valid-type]
        default_factory=RulesConfig, description="Rule name -> value; unnamed rules keep "
        "their defaults, false (or any for legs_policy) turns a rule off.",
    )
    soft: dict[str, StrictInt | StrictBool] = Field(
        default_factory=empty_dict,
        description="Rule name -> weight: the rule becomes a cost; 0 or false turns it off.",
    )
    weights: ObjectiveWeights = Field(  # type: ignore[valid-type]
        default_factory=ObjectiveWeights,
        description=f"Weights of the objective terms {_and_list(list(TERMS))}.",
    )
    catalog: dict[str, SessionTypeOverride] = Field(
        default_factory=empty_dict,
        description="Session type -> fields: a new type, or overrides of a built-in one.",
    )
    history: list[HistoryEntry] = Field(
        default_factory=empty_list,
        description="Sessions done before day 0 ({date | day, slot, session}, optional "
        "minutes, rpe, load), or the path of a plan file that solve or check wrote.",
    )
    repeat: StrictBool = Field(
        default=False,
        description="The horizon is a template that follows itself: its last day is "
        "followed by day 0 for every rule.",
    )
    variants: dict[str, dict[str, Any]] = Field(
        default_factory=empty_dict,
        description="Named overlays merged over this scenario by `runlift compare` "
        "(maps merge key by key, lists replace); ignored by solve and check.",
    )

    @field_validator("history", mode="before")
    @classmethod
    def _history_file(cls, value: Any, info: ValidationInfo) -> Any:
        """A path names a plan file, relative to the scenario file (or the working
        folder, for a scenario made in Python)."""
        if not isinstance(value, str):
            return value
        from runlift.scenario.history import history_entries

        base = (info.context or {}).get("base_dir", Path.cwd())
        return history_entries(Path(base) / value, value)

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
            if not isinstance(weight, bool) and not 0 <= weight <= MAX_WEIGHT:
                raise ScenarioValueError(("soft", name), f"expected a weight from 0 to "
                                         f"{MAX_WEIGHT}, got {weight}")
        return soft

    @model_validator(mode="after")
    def _resolves(self) -> Scenario:
        """Every cross-field mistake (an unknown session type, a pin in a closed slot…)
        is found when the scenario is made, with its field path."""
        from runlift.scenario.resolve import resolve

        resolve(self)
        return self
