"""deload_pct: every deload week's load between two shares of its reference week's."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from runlift.block.guardrails.base import Guardrail, Reading, is_pair

if TYPE_CHECKING:
    from runlift.block.level import LoadModel, WeeklyLoads


class DeloadPct(Guardrail):
    name = "deload_pct"
    sentence = ("Every deload_every-th week that is not a taper week is a deload week: "
                "deload_pct[0] % <= L_k / L_ref(k) <= deload_pct[1] %.")
    default = (60, 80)
    expects = "[least, most] percentages from 0 to 100"
    source = ("coaching practice: a lighter week every 3 to 4 weeks, at about 60-80 % of "
              "the load")

    def valid(self, value: Any) -> bool:
        return is_pair(value, 0, 100)

    def describe(self, value: Any) -> str:
        return f"deload weeks at {value[0]}-{value[1]}% of the reference week"

    def encode(self, model: LoadModel, value: Any, soft: bool) -> list[tuple[int, int]]:
        low, high = value
        costs = []
        for k, load in enumerate(model.loads):
            ref = model.reference(k)
            if not model.specs[k].deload or ref is None:
                continue
            above = [(100, load), (-high, ref)]  # 100 L_k <= high L_ref
            below = [(low, ref), (-100, load)]  # low L_ref <= 100 L_k
            if soft:
                costs += [(model.excess(above, 100, f"deload_hi{k}"), 1),
                          (model.excess(below, 100, f"deload_lo{k}"), 1)]
            else:
                key = f"{self.name}@week{k + 1}"
                model.bound(above, -(1 << 62), 0, key)
                model.bound(below, -(1 << 62), 0, key)
        return costs

    def check(self, loads: WeeklyLoads, value: Any) -> list[Reading]:
        low, high = value
        out = []
        for k, load in enumerate(loads.loads):
            ref = loads.reference(k)
            if not loads.specs[k].deload or ref is None:
                continue
            least, most = ref * low / 100, ref * high / 100
            over = max(0, -(-(100 * load - high * ref) // 100))
            under = max(0, -(-(low * ref - 100 * load) // 100))
            out.append(Reading(self.name, k + 1, load, f"{least:g} to {most:g}",
                               over == under == 0, over + under,
                               f"week {k + 1} (deload): load {load}, deload_pct asks for "
                               f"{least:g} to {most:g} ({low}-{high}% of {ref})",
                               round(min(load - least, most - load), 1)))
        return out

    def relaxations(self, value: Any) -> list[Any]:
        low, high = value
        return [[max(0, low - d), min(100, high + d)] for d in (5, 10, 20, 30)] + [False]


MEMBER = DeloadPct()
