"""The Activity value, and a package that does not load the FIT decoder until it reads."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from runlift.activities import Activity, ActivityKind

START = datetime(2025, 3, 4, 17, tzinfo=UTC)


def activity(**changes: Any) -> Activity:
    fields: dict[str, Any] = dict(
        source=Path("tuesday.fit"), index=0, sport="training", sub_sport="strength_training",
        start=START, local_start=START.astimezone(timezone(timedelta(hours=1))),
        elapsed_minutes=40.0, timer_minutes=36.0, rpe=7.0)
    return Activity(**{**fields, **changes})


def test_kind_and_type_come_from_the_mapping() -> None:
    lift = activity()
    assert (lift.kind, lift.session_type) == (ActivityKind.strength, "posterior_chain")
    assert lift.rule.sub_sport == "strength_training"


def test_an_activity_is_frozen_and_comparable() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        activity().rpe = 3.0  # type: ignore[misc]
    assert activity() == activity()


@pytest.mark.parametrize("changes", [
    {"start": datetime(2025, 3, 4, 17)},  # naive
    {"start": START.astimezone(timezone(timedelta(hours=1)))},  # not UTC
    {"local_start": START.astimezone(timezone(timedelta(hours=1))) + timedelta(hours=1)},
    {"elapsed_minutes": -1.0},
    {"rpe": 10.5},
])
def test_inconsistent_values_are_refused(changes: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        activity(**changes)


def test_importing_the_package_does_not_load_the_decoder() -> None:
    code = ("import sys, runlift.activities; "
            "assert 'fitdecode' not in sys.modules, 'fitdecode imported'; "
            "import runlift.cli.main; assert 'fitdecode' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)
