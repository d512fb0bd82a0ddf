"""Session types: what a session is, how hard it is and what it loads."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

from runlift.models.bounds import MAX_LOAD, MAX_MINUTES, MAX_RPE


class Kind(StrEnum):
    run = "run"
    race = "race"
    strength = "strength"
    mobility = "mobility"
    cross = "cross"


class Intensity(StrEnum):
    easy = "easy"
    moderate = "moderate"
    hard = "hard"


class SessionType(BaseModel):
    """One session type of the catalog, with every field resolved."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    kind: Kind
    intensity: Intensity
    minutes: int = Field(ge=1, le=MAX_MINUTES)
    rpe: int = Field(ge=0, le=MAX_RPE)
    key: bool = False
    heavy_legs: bool = False
    muscles: tuple[str, ...] = ()
    load: int | None = Field(default=None, ge=0, le=MAX_LOAD)

    @property
    def session_load(self) -> int:
        """Session-RPE load (Foster): rpe x minutes, unless an explicit load is set."""
        return self.load if self.load is not None else self.rpe * self.minutes

    @property
    def is_key_run(self) -> bool:
        return self.key and self.kind in (Kind.run, Kind.race)

    @property
    def is_run(self) -> bool:
        return self.kind in (Kind.run, Kind.race)

    @property
    def is_hard(self) -> bool:
        return self.intensity == Intensity.hard

    @property
    def is_hard_run(self) -> bool:
        return self.is_run and self.is_hard

    @property
    def counts_for_rest(self) -> bool:
        """A rest day may hold mobility and nothing else."""
        return self.kind != Kind.mobility

    @property
    def loads_muscles(self) -> bool:
        """Moderate or hard strength work loads its muscle groups (same_muscle_hours)."""
        return (self.kind == Kind.strength and self.intensity != Intensity.easy
                and bool(self.muscles))


class SessionTypeOverride(BaseModel):
    """A catalog entry in a scenario file: a new type (all of kind, intensity, minutes, rpe),
    or an override of some fields of a built-in one."""

    model_config = ConfigDict(extra="forbid")

    kind: Kind | None = Field(default=None, description="run, race, strength, mobility or cross.")
    intensity: Intensity | None = Field(
        default=None, description="easy, moderate or hard; a hard session makes a hard day."
    )
    minutes: StrictInt | None = Field(default=None, ge=1, le=MAX_MINUTES,
                                      description="Duration.")
    rpe: StrictInt | None = Field(
        default=None, ge=0, le=MAX_RPE, description="Session RPE 0..10; load = rpe x minutes."
    )
    key: StrictBool | None = Field(default=None,
                                   description="A key run (for run and race kinds).")
    heavy_legs: StrictBool | None = Field(
        default=None, description="Counts for the heavy-legs rules."
    )
    muscles: list[str] | None = Field(
        default=None, description="Muscle groups, for same_muscle_hours."
    )
    load: StrictInt | None = Field(default=None, ge=0, le=MAX_LOAD,
                                   description="An explicit load instead.")


def _t(name: str, kind: str, intensity: str, minutes: int, rpe: int, **extra: object
       ) -> SessionType:
    # Validated as a file's entry would be: the words become Kind and Intensity.
    return SessionType.model_validate({"name": name, "kind": kind, "intensity": intensity,
                                       "minutes": minutes, "rpe": rpe, **extra})


BUILTIN_CATALOG: dict[str, SessionType] = {
    t.name: t
    for t in (
        _t("easy_run", "run", "easy", 45, 3),
        _t("recovery_run", "run", "easy", 30, 2),
        _t("long_run", "run", "hard", 105, 6, key=True),
        _t("tempo", "run", "hard", 50, 7, key=True),
        _t("intervals", "run", "hard", 60, 8, key=True),
        _t("hills", "run", "hard", 50, 8, key=True),
        _t("race", "race", "hard", 60, 9, key=True),
        _t("lower_strength", "strength", "hard", 40, 7, heavy_legs=True,
           muscles=("legs", "posterior")),
        _t("posterior_chain", "strength", "moderate", 40, 6, heavy_legs=True,
           muscles=("posterior", "legs")),
        _t("plyometrics", "strength", "hard", 25, 7, heavy_legs=True, muscles=("legs",)),
        _t("upper_body", "strength", "moderate", 30, 5, muscles=("upper",)),
        _t("core", "strength", "easy", 20, 4, muscles=("core",)),
        _t("mobility", "mobility", "easy", 20, 2),
        _t("cross_training", "cross", "easy", 45, 4),
    )
}


def resolve_catalog(overrides: dict[str, SessionTypeOverride]) -> dict[str, SessionType]:
    """The built-in catalog with a scenario's additions and overrides applied."""
    catalog = dict(BUILTIN_CATALOG)
    for name in sorted(overrides):
        fields = overrides[name].model_dump(exclude_none=True)
        if "muscles" in fields:
            fields["muscles"] = tuple(fields["muscles"])
        base = catalog.get(name)
        if base is None:
            catalog[name] = SessionType(name=name, **fields)
        else:
            catalog[name] = base.model_copy(update=fields)
    return catalog
