"""The largest value each number of a scenario can mean, checked when the file is read.

Each bound comes from what the number measures: a horizon of at most 28 days, a slot per
minute at most, a session of at most 10 hours. Together they keep every sum the solver
forms inside CP-SAT's 64-bit integers; runlift.scenario.resolve checks what the
objective could reach for the file at hand (``OBJECTIVE_LIMIT``).
"""

from __future__ import annotations

MAX_DAYS = 28  # the horizon
MAX_SLOTS = 24 * 60  # slots start at distinct minutes of the day
MAX_CELLS = MAX_DAYS * MAX_SLOTS  # the most sessions any horizon holds
MAX_MINUTES = 600  # one session
MAX_RPE = 10  # the session-RPE scale
# A session's load: rpe x minutes reaches 6,000; an explicit load (on another scale, or a
# race's) may go beyond that, but not by much more than an order of magnitude.
MAX_LOAD = 100_000
MAX_HOURS = 24 * MAX_DAYS  # the hour rules: a gap longer than the horizon means nothing
# What a count rule may ask (days, sessions a day): nothing in a horizon counts higher.
MAX_COUNT = MAX_CELLS
# A weight prices one unit of its term or soft rule against the others: a million times
# another already makes that one irrelevant.
MAX_WEIGHT = 1_000_000
# History before day 0: a century back is more than any rule or metric looks.
MAX_HISTORY_DAYS = 36_500
# CP-SAT's integers are 64-bit; runlift's own "infinity" (runlift.solver.cpsat.INF) is
# 2**62, which leaves room for the sums CP-SAT forms on top of an objective below it.
OBJECTIVE_LIMIT = 1 << 62
