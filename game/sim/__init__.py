"""Simulation: play many AI games and report the balance (no printing here)."""
