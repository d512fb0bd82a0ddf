"""What every block guardrail provides, in one room like a rule: its meaning, default,
the CP-SAT encoding over the weekly loads, the plain check, and looser values to try.

A guardrail holds the weekly loads L_k together. The loads are exact before any week is
placed (a week's load is the sum of its sessions' loads, wherever they sit), so a
guardrail is decided on the block level alone.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from runlift.models.errors import ScenarioValueError

if TYPE_CHECKING:
    from runlift.block.level import LoadModel, WeeklyLoads

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Reading:
    """A guardrail in one week: the measured value, the limit, and whether it holds."""

    name: str
    week: int
    value: float
    limit: str
    ok: bool
    excess: int = 0  # load points beyond the limit (the soft cost's unit)
    message: str = ""
    # Load points from the nearest bound: how much room is left (negative when broken);
    # the guardrail's tightest week is the one with the least.
    room: float = 0.0


class Guardrail(ABC):
    name: ClassVar[str]
    sentence: ClassVar[str]
    default: ClassVar[Any]
    expects: ClassVar[str]  # what a value looks like, for errors and docs
    source: ClassVar[str]  # where the default comes from
    against: ClassVar[str] = ""  # evidence against it, where there is some

    def is_active(self, value: Any) -> bool:
        return value is not False and value is not None

    def validate(self, value: Any, loc: Loc) -> None:
        if value is False:
            return
        if not self.valid(value):
            raise ScenarioValueError(loc, f"expected {self.expects}, or false, got {value!r}")

    @abstractmethod
    def valid(self, value: Any) -> bool:
        """A value this guardrail can take (other than false)."""

    @abstractmethod
    def encode(self, model: LoadModel, value: Any, soft: bool) -> list[tuple[int, int]]:
        """The guardrail over the block's weekly loads; soft: its excess, as cost terms
        (literal, coefficient) in load points, one key per week ``name@week K``."""

    @abstractmethod
    def check(self, loads: WeeklyLoads, value: Any) -> list[Reading]:
        """Every week the guardrail applies to, measured on the actual weekly loads."""

    @abstractmethod
    def relaxations(self, value: Any) -> list[Any]:
        """Values that ask less, nearest first, ending with false (off)."""

    def describe(self, value: Any) -> str:
        return f"{self.name} {value}"


def is_number(value: Any, low: float, high: float) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool)
            and low <= value <= high)


def is_pair(value: Any, low: int, high: int) -> bool:
    return (isinstance(value, list | tuple) and len(value) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
            and low <= value[0] <= value[1] <= high)
