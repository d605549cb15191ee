"""The build's MkDocs plugin (`site`), above macros/: installed with the project so that MkDocs
finds it through pyproject.toml's entry point."""
