"""MkDocs hook: fail early on bad data, and add the generated files (see macros/site.py)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from macros.site import dataset_for, generated_files


def on_config(config: MkDocsConfig) -> None:
    dataset_for(config)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for file in generated_files(config):
        files.append(file)
    return files
