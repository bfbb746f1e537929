"""Output formats and the renderer behind each; renderers return text or renderables, never print."""

from __future__ import annotations

from enum import Enum
from typing import Any


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    md = "md"
    html = "html"


class ListFormat(str, Enum):
    table = "table"
    json = "json"


SUFFIX_FORMATS: dict[str, OutputFormat] = {
    ".json": OutputFormat.json,
    ".md": OutputFormat.md,
    ".txt": OutputFormat.table,
    ".html": OutputFormat.html,
    ".htm": OutputFormat.html,
}

REPORT_RENDERERS: dict[OutputFormat, str] = {
    OutputFormat.table: "pmpath.render.terminal:report",
    OutputFormat.json: "pmpath.render.json:report",
    OutputFormat.md: "pmpath.render.markdown:report",
    OutputFormat.html: "pmpath.render.html:report",
}
"""Module paths, not functions: each format imports only what it needs (rich is slow to import)."""


def renderer(path: str) -> Any:
    """One of several renderer signatures, imported on demand."""
    import importlib

    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)
