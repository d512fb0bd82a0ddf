"""Building a million objects at once: a plan file may have a million rows.

Python's cyclic garbage collector walks every live object it tracks each time it runs a
full collection, and it runs one whenever the objects that survived its younger
collections have grown by a quarter: reading and checking a plan of a million rows
(rows, placements, entries, each one kept) set off several, each walking all that came
before, for no garbage at all. ``collector_paused`` keeps it off while such a phase runs,
and then files what the phase made with the oldest objects (as the collector would
after walking them twice), so that the next young collection does not walk it all at
once. Reference counting frees objects as ever; a cycle made meanwhile is collected by
the next full collection.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off inside (as it was before, after: nested phases
    leave it to the outermost)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        # freeze() moves every tracked object to the permanent generation, unfreeze()
        # moves them all into the oldest one: both in constant time.
        gc.freeze()
        gc.unfreeze()
        gc.enable()
