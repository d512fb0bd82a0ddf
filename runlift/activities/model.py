"""An activity as recorded: one session of a FIT activity file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from runlift.activities.mapping import ActivityKind, SportRule, classify


@dataclass(frozen=True, slots=True)
class Activity:
    """One session message of a FIT activity file, with the fields runlift uses.

    ``source`` and ``index`` identify it: ``index`` is the position of the session among the
    file's session messages, from 0 (a multisport file has several; skipped transitions
    count too, so the index stays the file's own). ``start`` is in UTC; ``local_start`` is
    the same instant at the offset the device recorded (FIT ``activity.local_timestamp``),
    or None when the file gives none. ``elapsed_minutes`` is wall-clock time from start to
    end; ``timer_minutes`` leaves out pauses (equal to elapsed when the file has no timer
    time). ``rpe`` is the session's perceived effort on runlift's 0..10 scale (FIT
    ``workout_rpe``, stored ×10). ``notes`` say what was odd about the file, in one line each.
    """

    source: Path
    index: int
    sport: str
    sub_sport: str | None
    start: datetime
    local_start: datetime | None
    elapsed_minutes: float
    timer_minutes: float
    distance_m: float | None = None
    avg_heart_rate: int | None = None
    rpe: float | None = None
    calories: int | None = None
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.start.utcoffset() != timedelta(0):
            raise ValueError(f"start must be a UTC datetime, got {self.start!r}")
        if self.local_start is not None and self.local_start != self.start:
            raise ValueError("local_start must be the same instant as start")
        if self.elapsed_minutes < 0 or self.timer_minutes < 0:
            raise ValueError("minutes must not be negative")
        if self.rpe is not None and not 0 <= self.rpe <= 10:
            raise ValueError(f"rpe must be within 0..10, got {self.rpe}")

    @property
    def rule(self) -> SportRule:
        """The row of ``SPORT_MAPPING`` for this sport and sub-sport."""
        return classify(self.sport, self.sub_sport)

    @property
    def kind(self) -> ActivityKind:
        # Transitions are never read, so every activity has a kind.
        return self.rule.kind or ActivityKind.other

    @property
    def session_type(self) -> str | None:
        """The runlift session type for this activity when it matches no planned session."""
        return self.rule.session_type
