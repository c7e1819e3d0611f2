"""The theme, fonts (with their licence) and art, installed as the data package game.assets
(read through game.resources; this file only makes the folder importable in an editable install)."""
