"""ramp_pct: no week's load more than N % above its reference week's."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from runlift.block.guardrails.base import Guardrail, Reading, is_number
from runlift.block.level import LoadExpr

if TYPE_CHECKING:
    from runlift.block.level import LoadModel, WeeklyLoads


class RampPct(Guardrail):
    name = "ramp_pct"
    sentence = ("L_k <= (1 + ramp_pct/100) x L_ref(k): no week's load more than ramp_pct % "
                "above its reference week, the latest earlier week that is neither a deload "
                "nor a taper week (for week 1: history's last full week; without history, "
                "week 1 starts within ramp_pct % of the least load its sessions can make).")
    default = 10
    expects = "a whole percentage from 1 to 100"
    source = ("the 10 % rule of coaching practice (raise the load in small steps)")
    against = ("Buist et al. 2008 (a randomised trial of novice runners): a 10 % weekly "
               "increase did not lower injuries against 24 %")

    def valid(self, value: Any) -> bool:
        return isinstance(value, int) and is_number(value, 1, 100)

    def describe(self, value: Any) -> str:
        return f"at most {value}% above the reference week"

    def encode(self, model: LoadModel, value: Any, soft: bool) -> list[tuple[int, int]]:
        costs = []
        for k, load in enumerate(model.loads):
            ref = model.reference(k)
            if ref is None:  # no history: the block starts from the least it can hold
                ref = LoadExpr((), model.least[k])
            # 100 * L_k - (100 + N) * L_ref <= 0
            parts = [(100, load), (-(100 + value), ref)]
            if soft:
                costs.append((model.excess(parts, 100, f"ramp{k}"), 1))
            else:
                model.bound(parts, -(1 << 62), 0, f"{self.name}@week{k + 1}")
        return costs

    def check(self, loads: WeeklyLoads, value: Any) -> list[Reading]:
        out = []
        for k, load in enumerate(loads.loads):
            ref = loads.reference(k)
            what = "the reference week's"
            if ref is None:
                ref, what = loads.least[k], "the least its sessions can make,"
            limit = ref * (100 + value) / 100
            excess = max(0, -(-(100 * load - (100 + value) * ref) // 100))
            out.append(Reading(self.name, k + 1, load, f"<= {limit:g} ({value}% above {ref})",
                               excess == 0, excess,
                               f"week {k + 1}: load {load}, ramp_pct allows {limit:g} "
                               f"({value}% above {what} {ref})", round(limit - load, 1)))
        return out

    def relaxations(self, value: Any) -> list[Any]:
        return [*range(value + 2, min(value + 20, 100) + 1, 2), False]


MEMBER = RampPct()
