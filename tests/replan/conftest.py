"""Puts ``tests/replan`` on ``sys.path`` for ``replan_kit``."""
