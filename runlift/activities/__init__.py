"""Recorded activities: what was actually trained, read from FIT files.

``read_activities(paths)`` gives one ``Activity`` per session of the FIT activity files at
``paths`` (files or directories); ``SPORT_MAPPING`` says what each sport is to runlift.
Importing this package does not import the FIT decoder; reading a file does.
"""

from __future__ import annotations

from runlift.activities.fit import decode_fit
from runlift.activities.mapping import (
    SPORT_MAPPING,
    ActivityKind,
    SportRule,
    classify,
    mapping_markdown,
)
from runlift.activities.model import Activity
from runlift.activities.reader import (
    MAX_FILE_BYTES,
    find_fit_files,
    read_activities,
    read_fit_file,
)

__all__ = [
    "MAX_FILE_BYTES",
    "SPORT_MAPPING",
    "Activity",
    "ActivityKind",
    "SportRule",
    "classify",
    "decode_fit",
    "find_fit_files",
    "mapping_markdown",
    "read_activities",
    "read_fit_file",
]
