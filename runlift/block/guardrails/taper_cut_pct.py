"""taper_cut_pct: the taper weeks' mean load cut by a share of the weeks before it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from runlift.block.guardrails.base import Guardrail, Reading, is_pair

if TYPE_CHECKING:
    from runlift.block.level import LoadExpr, LoadModel, WeeklyLoads

BEFORE_TAPER = 3


class TaperCutPct(Guardrail):
    name = "taper_cut_pct"
    sentence = ("The mean load of the taper weeks lies between (100 - cut[1]) % and (100 - "
                "cut[0]) % of the mean of the 3 weeks before the taper; the race itself is "
                "not training load. The taper steps down: no taper week is heavier than the "
                "one before it.")
    default = (41, 60)
    expects = "[least, most] percentages of cut from 0 to 100"
    source = ("Bosquet et al. 2007 (a meta-analysis): a 2-week taper with 41-60 % less "
              "volume, intensity and frequency kept")

    def valid(self, value: Any) -> bool:
        return is_pair(value, 0, 100)

    def describe(self, value: Any) -> str:
        return f"taper {value[0]}-{value[1]}% below the 3 weeks before it"

    @staticmethod
    def _weeks(specs: list[Any]) -> tuple[list[int], list[int]]:
        taper = [k for k, s in enumerate(specs) if s.taper]
        if not taper:
            return [], []
        before = [k for k in range(taper[0] - BEFORE_TAPER, taper[0]) if k >= 0]
        return taper, before

    def encode(self, model: LoadModel, value: Any, soft: bool) -> list[tuple[int, int]]:
        taper, before = self._weeks(model.specs)
        if not taper or len(before) < BEFORE_TAPER:
            return []
        least, most = 100 - value[1], 100 - value[0]
        n_t, n_b = len(taper), len(before)
        taper_loads: list[LoadExpr] = [model.loads[k] for k in taper]
        before_loads: list[LoadExpr] = [model.loads[k] for k in before]
        # mean_t <= most% mean_b  <=>  100 n_b sum_t <= most n_t sum_b ; likewise least.
        above = [*((100 * n_b, x) for x in taper_loads), *((-most * n_t, x) for x in before_loads)]
        below = [*((least * n_t, x) for x in before_loads), *((-100 * n_b, x) for x in taper_loads)]
        if soft:
            divisor = 100 * n_b * n_t
            steps = [(model.excess([(1, model.loads[k]), (-1, model.loads[k - 1])], 1,
                                   f"taper_step{k}"), 1) for k in taper[1:]]
            return [(model.excess(above, divisor, "taper_hi"), 1),
                    (model.excess(below, divisor, "taper_lo"), 1), *steps]
        key = f"{self.name}@week{taper[0] + 1}"
        model.bound(above, -(1 << 62), 0, key)
        model.bound(below, -(1 << 62), 0, key)
        for k in taper[1:]:  # L_k <= L_(k-1)
            model.bound([(1, model.loads[k]), (-1, model.loads[k - 1])], -(1 << 62), 0, key)
        return []

    def check(self, loads: WeeklyLoads, value: Any) -> list[Reading]:
        taper, before = self._weeks(loads.specs)
        if not taper or len(before) < BEFORE_TAPER:
            return []
        n_t, n_b = len(taper), len(before)
        sum_t = sum(loads.loads[k] for k in taper)
        sum_b = sum(loads.loads[k] for k in before)
        least, most = 100 - value[1], 100 - value[0]
        divisor = 100 * n_b * n_t
        over = max(0, -(-(100 * n_b * sum_t - most * n_t * sum_b) // divisor))
        under = max(0, -(-(least * n_t * sum_b - 100 * n_b * sum_t) // divisor))
        taper_mean, before_mean = sum_t / n_t, sum_b / n_b
        cut = round(100 * (1 - taper_mean / before_mean), 1) if before_mean else 0.0
        out = [Reading(self.name, taper[0] + 1, cut, f"{value[0]}-{value[1]}% cut",
                       over == under == 0, over + under,
                       f"taper (weeks {taper[0] + 1}-{taper[-1] + 1}): mean load "
                       f"{taper_mean:g}, {cut:g}% below the 3 weeks before ({before_mean:g}); "
                       f"taper_cut_pct asks for {value[0]}-{value[1]}%",
                       round(min(taper_mean - least * before_mean / 100,
                                 most * before_mean / 100 - taper_mean), 1))]
        for k in taper[1:]:
            load, earlier = loads.loads[k], loads.loads[k - 1]
            rise = max(0, load - earlier)
            out.append(Reading(self.name, k + 1, load, f"<= {earlier} (the week before)",
                               rise == 0, rise,
                               f"week {k + 1} (taper): load {load}; taper_cut_pct has the "
                               f"taper step down, to at most week {k}'s {earlier}",
                               earlier - load))
        return out

    def relaxations(self, value: Any) -> list[Any]:
        low, high = value
        return [[max(0, low - d), min(100, high + d)] for d in (5, 10, 20)] + [False]


MEMBER = TaperCutPct()
