"""mkdocs-macros entry point: registers the views; each lives in a module named for what it renders."""

from __future__ import annotations

from typing import Any

from .overview import render_overview
from .site import dataset_for


def define_env(env: Any) -> None:
    dataset = dataset_for(env.conf)

    @env.macro
    def overview() -> str:
        """What the dataset holds: counts, information cut-off and the download links."""
        return render_overview(dataset)
