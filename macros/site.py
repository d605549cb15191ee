"""Glue between MkDocs and the data core: which dataset a build uses, and its generated files.

The only module here that knows MkDocs; renderers stay plain functions, models in, text out.
A data mistake becomes a PluginError, which MkDocs prints as the loader's file:line list
without a traceback, and the build stops before anything is published.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from .dataset import Dataset
from .exports import render_exports
from .loader import load_dataset_cached
from .yamlfile import DataError


def dataset_for(config: MkDocsConfig) -> Dataset:
    """The dataset named by `extra.data_dir` (relative to mkdocs.yml), loaded once and cached."""
    data_dir = Path(config.config_file_path).parent / config.extra["data_dir"]
    try:
        return load_dataset_cached(data_dir)
    except DataError as err:
        raise PluginError(err.report()) from None


def generated_files(config: MkDocsConfig) -> list[File]:
    """Files the build adds beside docs/: the downloads."""
    exports = render_exports(dataset_for(config))
    return [File.generated(config, f"downloads/{name}", content=text) for name, text in exports.items()]
