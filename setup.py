"""Everything is configured in pyproject.toml but the package list, which this adds: every package
under game/, and the data packages mapped from the top-level folders, rulesets/ -> game.rulesets and
assets/ (with each of its subfolders) -> game.assets."""
from pathlib import Path

from setuptools import find_packages, setup

DATA = {"game.rulesets": "rulesets", "game.assets": "assets"}
data_packages = [f"{name}.{sub.name}" if sub != Path(folder) else name
                 for name, folder in DATA.items()
                 for sub in [Path(folder), *sorted(p for p in Path(folder).iterdir() if p.is_dir())]
                 if sub.name != "__pycache__"]
setup(packages=[*find_packages(include=["game", "game.*"]), *data_packages])
