"""The layers of docs/architecture.md, checked over the import graph of the source.

- The core (``kyodo_portal.core``) imports no domain app and nothing of the site layer.
- Domain apps import the core and the apps below them, never the site layer: imports flow one
  way, so no two apps import each other (directly or round a loop).
- Imports inside functions count, and so does ``import_module("...")``: a lazy import that
  dodges a cycle is still a cycle.

The crossings that remain against the order are listed in KNOWN_CROSSINGS, each with the modules
that make it; the test fails on any other, and on a listed module that no longer crosses, so the
list only shrinks.
"""

import ast
import pathlib
from collections import defaultdict

ROOT = pathlib.Path(__file__).resolve().parents[1]
DOMAIN_APPS = ("partners", "projects", "selection", "evaluation", "casebook")
# Each domain app and the apps it may import (besides the core): the order of docs/architecture.md.
ALLOWED = {
    # The casebook links its cases to the project stages and the collaboration methods.
    "casebook": {"projects"},
    "partners": set(),
    "projects": {"partners"},
    "selection": {"partners", "projects"},
    "evaluation": {"partners", "projects"},
}
# (importing app, imported app) -> the modules that still import against the order.
KNOWN_CROSSINGS: dict[tuple[str, str], set[str]] = {}
CORE = "kyodo_portal.core"
SITE = "kyodo_portal"
# The development data (demo and scale seeders) sits with the site: it may import any app, and
# no app imports it.
SITE_PACKAGES = (SITE, "devdata")


def _layer(module: str) -> str | None:
    if module == CORE or module.startswith(CORE + "."):
        return "core"
    top = module.split(".", 1)[0]
    if top in DOMAIN_APPS:
        return top
    if top in SITE_PACKAGES:
        return "site"
    return None


def _module_name(path: pathlib.Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: pathlib.Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value)
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _source_files():
    for top in (*DOMAIN_APPS, *SITE_PACKAGES):
        for path in (ROOT / top).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def layer_edges() -> dict[tuple[str, str], list[str]]:
    """(importing layer, imported layer) -> the modules that import across."""
    edges = defaultdict(list)
    for path in _source_files():
        source = _layer(_module_name(path))
        for name in _imports(path):
            target = _layer(name)
            if target and source and target != source:
                edges[(source, target)].append(f"{_module_name(path)} -> {name}")
    return edges


def test_the_core_imports_no_domain_app_and_not_the_site():
    wrong = [m for (src, dst), ms in layer_edges().items() if src == "core" for m in ms]
    assert not wrong, "\n".join(sorted(wrong))


def test_domain_apps_import_only_the_core_and_the_apps_below_them():
    crossings = {
        (src, dst): {m.split(" -> ")[0] for m in ms}
        for (src, dst), ms in layer_edges().items()
        if src in DOMAIN_APPS and dst != "core" and dst not in ALLOWED[src]
    }
    new = {
        key: modules - KNOWN_CROSSINGS.get(key, set())
        for key, modules in crossings.items()
        if modules - KNOWN_CROSSINGS.get(key, set())
    }
    assert not new, f"imports against the layers: {new}"
    gone = {
        key: modules - crossings.get(key, set())
        for key, modules in KNOWN_CROSSINGS.items()
        if modules - crossings.get(key, set())
    }
    assert not gone, f"no longer crossing, take them off KNOWN_CROSSINGS: {gone}"


def test_the_allowed_order_has_no_loop():
    seen, done = set(), set()

    def visit(app):
        assert app not in seen or app in done, f"loop through {app}"
        if app in done:
            return
        seen.add(app)
        for below in ALLOWED[app]:
            visit(below)
        done.add(app)

    for app in ALLOWED:
        visit(app)
