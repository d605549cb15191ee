"""The project's root folder (the checkout holding data/, seeds/, docs/ and mkdocs.yml): the one
place it is worked out, for the loader, the views, the build and the commands in tools/."""

from __future__ import annotations

from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
