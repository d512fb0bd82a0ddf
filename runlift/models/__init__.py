"""Data of a plan: the catalog, the timeline, the problem, placed plans and results."""
