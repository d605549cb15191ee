"""Handing the output over: every generated file (`generate`), the MkDocs build state (`site`),
assets and search shards."""
