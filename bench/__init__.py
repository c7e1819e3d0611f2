"""Benchmarks: `python -m bench` (what `make bench` runs). Nothing here is asserted in tests."""
