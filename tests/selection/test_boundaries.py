"""Imports flow one way: selection builds on partners and projects, never the reverse. The project
page and the NPO's profile learn about selection only through what selection registers."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function, by statement or by name
    (``import_module("…")``)."""
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", ""))
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            modules.add(node.args[0].value)
    return modules


def imports_of_app(app: str) -> dict[str, set[str]]:
    return {
        str(path.relative_to(ROOT)): imported_modules(path)
        for path in sorted((ROOT / app).rglob("*.py"))
    }


@pytest.mark.parametrize("app", ["partners", "projects"])
def test_app_imports_nothing_from_selection(app):
    offending = {
        path: sorted(m for m in modules if m == "selection" or m.startswith("selection."))
        for path, modules in imports_of_app(app).items()
    }
    assert not {path: found for path, found in offending.items() if found}


def test_the_check_sees_every_kind_of_import(tmp_path):
    source = tmp_path / "module.py"
    source.write_text(
        "import selection.models\n"
        "def f():\n"
        "    from selection import services\n"
        "    return import_module('selection.selectors')\n",
        encoding="utf-8",
    )
    assert {"selection.models", "selection", "selection.services", "selection.selectors"} <= (
        imported_modules(source)
    )
