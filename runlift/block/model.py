"""The block file: a block of weeks toward a race, as written (YAML, TOML or JSON).

A block is a base week (any scenario field), phases that overlay it (base, build, peak,
taper), per-week overrides, the session types whose minutes the block chooses week by
week (``scale``), and the progression guardrails that hold the weekly loads together.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    ValidationInfo,
    field_validator,
    model_validator,
)

from runlift.block.guardrails import GUARDRAILS, SCHEDULE_KEYS
from runlift.block.weeks import MAX_WEEKS, block_length
from runlift.models.defaults import empty_dict, empty_list
from runlift.models.errors import ScenarioValueError, did_you_mean

_FROZEN = ConfigDict(extra="forbid", frozen=True)


class Race(BaseModel):
    """The race the block ends with, pinned on its date."""

    model_config = _FROZEN

    date: dt.date = Field(description="Race day: the block ends on it.")
    session: str = Field(default="race", description="Its session type.")
    slot: str = Field(default="am", description="Its slot.")
    minutes: StrictInt | None = Field(default=None, ge=1, le=600,
                                      description="How long it lasts (default: the type's).")


class Scale(BaseModel):
    """A session type whose minutes the block chooses, week by week, in steps."""

    model_config = _FROZEN

    minutes: tuple[StrictInt, StrictInt] = Field(description="[least, most] minutes.")
    step: StrictInt = Field(default=5, ge=1, le=120, description="Minutes per step.")

    @model_validator(mode="after")
    def _ordered(self) -> Scale:
        low, high = self.minutes
        if not 1 <= low <= high <= 600:
            raise ScenarioValueError(("minutes",), f"expected [least, most] minutes with "
                                     f"1 <= least <= most <= 600, got [{low}, {high}]")
        return self

    def choices(self) -> list[int]:
        low, high = self.minutes
        return list(range(low, high + 1, self.step))


class Phase(BaseModel):
    """Weeks of one kind (base, build, peak, taper, or any name), with their overlay."""

    model_config = _FROZEN

    name: str = Field(min_length=1)
    weeks: StrictInt | None = Field(default=None, ge=1, le=MAX_WEEKS,
                                    description="How many weeks (one phase may leave it out "
                                    "and take the rest).")
    week: dict[str, Any] = Field(default_factory=empty_dict,
                                 description="Scenario fields merged over the base week; a "
                                 "count may be a range [least, most].")


class BlockFile(BaseModel):
    """A block of weeks toward a race, as written in a block file."""

    model_config = _FROZEN

    name: str = Field(default="Untitled block", description="A title for the output.")
    description: str = Field(default="", description="Free text about the block.")
    start: dt.date = Field(description="The date of day 0 of week 1 (any weekday).")
    race: Race | None = Field(default=None, description="The race the block ends with.")
    weeks: StrictInt | None = Field(default=None, ge=1, le=MAX_WEEKS,
                                    description="How many weeks (instead of a race, or to "
                                    "check it).")
    history: list[dict[str, Any]] = Field(
        default_factory=empty_list, description="What came before week 1: a list of sessions or "
        "the path of a plan file, as a scenario's history.")
    week: dict[str, Any] = Field(default_factory=empty_dict,
                                 description="The base week: any scenario field.")
    scale: dict[str, Scale] = Field(default_factory=empty_dict,
                                    description="Session type -> the minutes the block "
                                    "chooses from, week by week.")
    phases: list[Phase] | None = Field(default=None, description="In order; without "
                                       "them, runlift derives base, build, peak and taper.")
    progression: dict[str, Any] = Field(default_factory=empty_dict, description="Guardrail name "
                                        "-> value (false turns it off), and deload_week: "
                                        "an overlay for deload weeks.")
    soft: dict[str, StrictInt | StrictBool] = Field(
        default_factory=empty_dict, description="Guardrail name -> weight: a cost per unit of "
        "excess load instead of a hard limit; 0 or false turns it off.")
    # Keys are week numbers; lax ints, since a JSON file can only write them as text.
    weeks_override: dict[int, dict[str, Any]] = Field(
        default_factory=empty_dict, description="1-based week number -> an overlay for that week.")
    race_form: tuple[StrictInt, StrictInt] | None = Field(
        default=None, description="[least, most] form (TSB) on race morning.")

    @field_validator("history", mode="before")
    @classmethod
    def _history_file(cls, value: Any, info: ValidationInfo) -> Any:
        """A path names a plan file, relative to the block file."""
        if not isinstance(value, str):
            return value
        from runlift.scenario.history import history_entries

        base = (info.context or {}).get("base_dir", Path.cwd())
        return history_entries(Path(base) / value, value)

    @field_validator("progression")
    @classmethod
    def _known_guardrails(cls, value: dict[str, Any]) -> dict[str, Any]:
        for name, setting in value.items():
            if name == "deload_week":
                if not isinstance(setting, dict):
                    raise ScenarioValueError(("progression", name),
                                             "expected an overlay of scenario fields")
            elif name == "deload_every":
                if setting is not False and not (isinstance(setting, int)
                                                 and not isinstance(setting, bool)
                                                 and 2 <= setting <= 12):
                    raise ScenarioValueError(("progression", name), "expected a whole number "
                                             f"of weeks from 2 to 12, or false, got {setting!r}")
            elif name not in GUARDRAILS:
                raise ScenarioValueError(("progression", name), f"unknown guardrail {name!r}"
                                         + did_you_mean(name, [*GUARDRAILS, *SCHEDULE_KEYS]))
            else:
                GUARDRAILS[name].validate(setting, ("progression", name))
        return value

    @field_validator("soft")
    @classmethod
    def _soft_guardrails(cls, value: dict[str, Any]) -> dict[str, Any]:
        for name, weight in value.items():
            if name not in GUARDRAILS:
                raise ScenarioValueError(("soft", name), f"unknown guardrail {name!r}"
                                         + did_you_mean(name, GUARDRAILS))
            if weight is not True and weight is not False and weight < 0:
                raise ScenarioValueError(("soft", name), f"expected a weight >= 0, got {weight}")
        return value

    @model_validator(mode="after")
    def _length(self) -> BlockFile:
        block_length(self)  # raises for a race before start, too many weeks, bad phases
        return self
