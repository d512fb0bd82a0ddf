"""Puts ``tests/block`` on ``sys.path`` (pytest's prepend import mode adds a conftest's
folder), so that the tests in ``guardrails/`` import ``block_kit`` too, whichever test file
pytest collects first."""
