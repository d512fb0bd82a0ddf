"""The block charts' geometry: axes with 0 on them, hatching inside its rectangle, labels
thinned where weeks are narrow, and a phone chart that fits a phone."""

from __future__ import annotations

from itertools import pairwise

import pytest

from runlift.render.html.block_svg import (
    PHASE_COLOURS,
    PHONE_WIDTH,
    Series,
    WeekLoad,
    fitness_chart,
    hatch,
    phase_colours,
    value_axis,
    week_chart,
)


def weeks(count: int, phases: tuple[str, ...] = ("base", "build")) -> list[WeekLoad]:
    return [WeekLoad(number=n, phase=phases[(n - 1) * len(phases) // count],
                     start=f"2027-{1 + (n - 1) // 4:02d}-{1 + 7 * ((n - 1) % 4):02d}",
                     load=1000 + 100 * n, deload=n % 4 == 0, taper=False, race=n == count,
                     tip=f"week {n}") for n in range(1, count + 1)]


def test_phase_colours_follow_the_order_phases_first_appear():
    assert phase_colours(["build", "base", "build", "peak"]) == {
        "build": PHASE_COLOURS[0], "base": PHASE_COLOURS[1], "peak": PHASE_COLOURS[2]}
    many = phase_colours(f"p{i}" for i in range(len(PHASE_COLOURS) + 1))
    assert many[f"p{len(PHASE_COLOURS)}"] == PHASE_COLOURS[0]


@pytest.mark.parametrize(("values", "low", "high"), [
    ([14.8, 498.6, -205.0], -400, 600), ([2080, 3130], 0, 4000), ([], 0, 1), ([0, 0], 0, 1)])
def test_the_value_axis_is_tidy_and_holds_zero_and_every_value(values, low, high):
    axis = value_axis(values, top=28, bottom=216)
    assert (axis.low, axis.high) == (low, high)
    ticks = [t.value for t in axis.ticks()]
    assert 0 in ticks and ticks[0] == low and ticks[-1] == high
    assert axis.y(low) == 216 and axis.y(high) == 28


@pytest.mark.parametrize("rising", [True, False])
def test_hatching_stays_inside_its_rectangle_and_leans_its_way(rising):
    x, y, width, height = 10.0, 20.0, 30.0, 80.0
    lines = hatch(x, y, width, height, rising=rising)
    assert len(lines) > 5
    for s in lines:
        assert x <= s.x1 < s.x2 <= x + width
        assert y <= min(s.y1, s.y2) and max(s.y1, s.y2) <= y + height
        assert (s.y2 < s.y1) == rising  # '/' climbs to the right, '\' falls
    assert hatch(x, y, width, 0, rising=rising) == []


def test_sixteen_weeks_get_every_label_and_mark_on_a_screen():
    chart = week_chart(weeks(16), phase_colours(["base", "build"]))
    assert [b.number for b in chart.bars] == [str(n) for n in range(1, 17)]
    assert all(b.load for b in chart.bars)
    assert [b.marks[0].text for b in chart.bars if b.marks] == ["deload"] * 4
    assert chart.bars[-1].race and [m.text for m in chart.bars[-1].marks] == ["deload", "race"]
    assert chart.height > chart.plot_bottom + 2 * 13  # room for two marks under a number
    assert chart.min_width >= chart.width * 10 / 12  # its 12-unit labels stay 10 px


def test_a_long_block_thins_its_labels_instead_of_crowding_them():
    loads = weeks(52)
    chart = week_chart(loads, phase_colours(["base", "build"]))
    numbered = [b for b in chart.bars if b.number]
    assert 1 < len(numbered) < 52
    gaps = {round(b.middle - a.middle) for a, b in pairwise(numbered)}
    assert min(gaps) >= 40
    assert not any(b.load or b.marks for b in chart.bars)  # too narrow: the tooltip says
    assert [bool(b.hatch) for b in chart.bars] == [w.deload for w in loads]


def test_the_phone_charts_are_drawn_to_fit_a_phone():
    loads = weeks(16)
    colours = phase_colours(w.phase for w in loads)
    phone = week_chart(loads, colours, phone=True)
    assert phone.width == PHONE_WIDTH and phone.min_width == 0
    assert [bool(b.hatch) for b in phone.bars] == [w.deload for w in loads]
    assert not any(b.load or b.marks for b in phone.bars)  # no room: the legend says
    dates = [f"2027-01-{d:02d}" for d in range(1, 29)]
    series = [Series("ctl", "CTL", [float(d) for d in range(28)])]
    chart = fitness_chart(dates, series, loads[:4], colours, dates[-1], phone=True)
    assert chart.width == PHONE_WIDTH
    assert chart.race is not None and chart.race.x == chart.right
    assert chart.race.anchor == "end" and chart.race.label_x < chart.race.x


def test_b_races_are_marked_and_labelled_unless_crowding_race_day():
    loads = weeks(4)
    dates = [f"2027-01-{d:02d}" for d in range(1, 29)]
    series = [Series("tsb", "TSB", [float(-d) for d in range(28)])]
    chart = fitness_chart(dates, series, loads, phase_colours(["base", "build"]), dates[-1],
                          b_races=[dates[6], dates[25], "2030-01-01"])
    assert [b.label for b in chart.b_races] == ["B race", ""]  # the second crowds race day
    assert chart.b_races[0].anchor == "start" and chart.b_races[0].x < chart.race.x
