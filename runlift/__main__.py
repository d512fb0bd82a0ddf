"""`python -m runlift`: the `runlift` command, as the installed script runs it."""

from runlift.cli.entry import main

if __name__ == "__main__":  # pragma: no cover
    main()
