"""The shipped rulesets and their JSON Schema files, installed as the data package game.rulesets
(read through game.resources; this file only makes the folder importable in an editable install)."""
