"""The click command line: a thin layer over runlift.api."""
