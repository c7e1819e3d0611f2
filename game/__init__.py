"""Red Lines: a turn-based tabletop engine for multilateral negotiation."""

__version__ = "0.1.0"
