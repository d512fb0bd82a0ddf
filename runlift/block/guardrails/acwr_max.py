"""acwr_max: no week's load above N times the mean of the four weeks before it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from runlift.block.guardrails.base import Guardrail, Reading, is_number

if TYPE_CHECKING:
    from runlift.block.level import LoadModel, WeeklyLoads

CHRONIC_WEEKS = 4


class AcwrMax(Guardrail):
    name = "acwr_max"
    sentence = ("L_k <= acwr_max x mean(L_(k-4) .. L_(k-1)), from week 5 on (earlier with "
                "enough history): the uncoupled acute:chronic workload ratio.")
    default = 1.3
    expects = "a ratio from 1.0 to 3.0"
    source = "Gabbett 2016 (the training-injury prevention paradox): a ratio above 1.3-1.5"
    against = ("Impellizzeri et al. 2020: the ratio is a rescaling of the acute load, with "
               "no causal link to injury shown")

    def valid(self, value: Any) -> bool:
        return is_number(value, 1.0, 3.0)

    def describe(self, value: Any) -> str:
        return f"at most {value:g} x the mean of the 4 weeks before"

    def encode(self, model: LoadModel, value: Any, soft: bool) -> list[tuple[int, int]]:
        ratio = round(value * 100)
        costs = []
        for k, load in enumerate(model.loads):
            earlier = model.before(k, CHRONIC_WEEKS)
            if earlier is None:
                continue
            # 400 L_k <= ratio * sum(earlier)  (100 L_k <= ratio * mean)
            parts = [(100 * CHRONIC_WEEKS, load), *((-ratio, e) for e in earlier)]
            if soft:
                costs.append((model.excess(parts, 100 * CHRONIC_WEEKS, f"acwr{k}"), 1))
            else:
                model.bound(parts, -(1 << 62), 0, f"{self.name}@week{k + 1}")
        return costs

    def check(self, loads: WeeklyLoads, value: Any) -> list[Reading]:
        ratio = round(value * 100)
        out = []
        for k, load in enumerate(loads.loads):
            earlier = loads.before(k, CHRONIC_WEEKS)
            if earlier is None:
                continue
            mean = sum(earlier) / CHRONIC_WEEKS
            excess = max(0, -(-(100 * CHRONIC_WEEKS * load - ratio * sum(earlier))
                              // (100 * CHRONIC_WEEKS)))
            measured = round(load / mean, 2) if mean else float("inf")
            out.append(Reading(self.name, k + 1, measured, f"<= {value:g}", excess == 0,
                               excess, f"week {k + 1}: load {load} is {measured:g} x the "
                               f"4-week mean {mean:g}; acwr_max allows {value:g}",
                               round(ratio * mean / 100 - load, 1)))
        return out

    def relaxations(self, value: Any) -> list[Any]:
        return [round(value + d, 2) for d in (0.1, 0.2, 0.3, 0.5) if value + d <= 3.0] + [False]


MEMBER = AcwrMax()
