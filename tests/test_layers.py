"""docs/architecture.md's map is true: every module of pmpath/ is placed in exactly one layer,
and every import that runs (at the top of a module or inside a function; not the names mypy
reads under `if TYPE_CHECKING:`) goes to the module's own layer or one beneath it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "pmpath"
DOC = ROOT / "docs" / "architecture.md"


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        if "__pycache__" in path.parts:
            continue
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _layers(text: str) -> list[tuple[str, list[str]]]:
    """The map: the ```text block whose lines are `layer: module module ...`."""
    for block in re.findall(r"```text\n(.*?)```", text, re.S):
        rows = [re.match(r"^(\w+):\s+(.*)$", line) for line in block.strip().splitlines()]
        if rows and all(rows):
            return [(m[1], m[2].split()) for m in rows if m]
    raise AssertionError("docs/architecture.md has no layer map")


def _placed(layers: list[tuple[str, list[str]]], modules: dict[str, Path]) -> dict[str, int]:
    """Module -> its layer's depth (0 the top); `render.*` is every module below `render`."""
    depth: dict[str, int] = {}
    for level, (_, names) in enumerate(layers):
        for name in names:
            short = name if name == "pmpath" else f"pmpath.{name}"
            if short.endswith(".*"):
                base = short[:-2]
                matched = [m for m in modules if m.startswith(base + ".")]
            else:
                matched = [short] if short in modules else []
            assert matched, f"the map names {name}, which is no module of pmpath/"
            for module in matched:
                assert module not in depth, f"{module} is placed twice"
                depth[module] = level
    return depth


def _type_only(tree: ast.Module) -> set[int]:
    """The ids of the import nodes under `if TYPE_CHECKING:`: names for mypy, never run."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            out |= {id(inner) for part in node.body for inner in ast.walk(part)}
    return out


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """What a module imports when it runs (at its top or inside a function)."""
    out = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_only(tree)
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("pmpath"):
            base = node.module or ""
            for alias in node.names:
                whole = f"{base}.{alias.name}"
                out.add(whole if whole in modules else base)
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.split(".")[0] == "pmpath"}
    return {m for m in out if m in modules}


MODULES = _modules()
LAYERS = _layers(DOC.read_text(encoding="utf-8"))


def test_every_module_is_placed_once():
    depth = _placed(LAYERS, MODULES)
    assert sorted(set(MODULES) - set(depth)) == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_down_the_layers(module):
    depth = _placed(LAYERS, MODULES)
    names = [name for name, _ in LAYERS]
    upward = [
        f"{dep} ({names[depth[dep]]})"
        for dep in sorted(_imports(MODULES[module], MODULES))
        if dep != module and depth[dep] < depth[module]
    ]
    assert upward == [], f"{module} ({names[depth[module]]}) imports from a layer above it"


def test_the_picture_shows_the_map_layers_in_order():
    text = DOC.read_text(encoding="utf-8")
    picture = re.search(r"```mermaid\n(.*?)```", text, re.S)
    assert picture is not None
    chain = re.search(r"^\s*(\w+(?: --> \w+)+)\s*$", picture[1], re.M)
    assert chain is not None and chain[1].split(" --> ") == [name for name, _ in LAYERS]
