"""Puts ``tests/rules`` on ``sys.path`` (pytest's prepend import mode adds a conftest's
folder), so that the tests in ``structural/`` and ``terms/`` import ``rule_kit`` too,
whichever test file pytest collects first."""
