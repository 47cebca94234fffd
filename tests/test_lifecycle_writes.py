"""Only the workflow engine writes a lifecycle field.

A project's stage and the status of a call, an application or a proposal change through
``<WORKFLOW>.transition`` (one move of the table, its gates asked) or, for development data made
in bulk, ``<WORKFLOW>.bulk_seed`` (each state checked reachable). Everything else may create a
row in its initial state and read the field, never write it: no ``obj.status = …``, no
``setattr``, no ``queryset.update(status=…)``/``bulk_update``, no ``create``/constructor/
``defaults`` with a state other than the initial one.

The check reads every source module (not tests, not migrations) and knows a lifecycle write by
its field together with either the enum it writes (``Call.Status``, ``Application.Status``,
``ProposalStatus``, ``Stage``) or the model or object it writes to (``Call.objects…``,
``application.status``, ``project.stage``). Other models' ``status`` fields (reminders,
evaluations, exports) are left alone.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SKIPPED_DIRS = {"tests", "migrations", "node_modules", "static", "templates", "locale"}
# The engine itself: ``transition`` and ``bulk_seed`` are the writers.
ENGINE = "kyodo_portal/core/workflow.py"

# field → the models that own it as their lifecycle, the enums of its states, the words that
# name an object of those models, and the initial state (the one a row may be created in).
LIFECYCLES = {
    "status": {
        "models": {"Call", "Application", "Proposal"},
        "enums": {"Call.Status", "Application.Status", "Proposal.Status", "ProposalStatus"},
        "words": ("call", "application", "proposal"),
        "initial": "DRAFT",
    },
    "stage": {
        "models": {"Project"},
        "enums": {"Stage", "Project.Stage"},
        "words": ("project",),
        "initial": "DRAFT",
    },
}

# project_advance moves a stage through PROJECT_WORKFLOW.transition, and the development data
# (devdata/) through the services, transition or bulk_seed; these places still write
# Project.stage themselves, by module and function. The test below fails for an entry that no
# longer writes, so the list only shrinks.
PROJECT_STAGE_ALLOWED = {
    # Adoption creates the project at suitability, past the initial stage.
    ("projects/services/proposals.py", "proposal_adopt"),
}


@dataclass(frozen=True)
class Write:
    path: str
    function: str
    line: int
    field: str
    how: str

    def __str__(self):
        return f"{self.path}:{self.line} in {self.function}(): {self.how} writes .{self.field}"


def _dotted(node: ast.AST) -> str:
    """``Call.Status.OPEN`` for an attribute chain of names, else ''."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return ""


def _names_in(node: ast.AST) -> list[str]:
    """Every name and attribute along an expression (``call.applications.filter`` → call,
    applications, filter)."""
    found = []
    for child in ast.walk(node):
        if isinstance(child, ast.Name):
            found.append(child.id)
        elif isinstance(child, ast.Attribute):
            found.append(child.attr)
    return found


def _root_name(node: ast.AST) -> str:
    while True:
        if isinstance(node, ast.Attribute):
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Subscript):
            node = node.value
        else:
            return node.id if isinstance(node, ast.Name) else ""


def _mentions_enum(node: ast.AST, field: str) -> bool:
    enums = LIFECYCLES[field]["enums"]
    for child in ast.walk(node):
        dotted = _dotted(child) if isinstance(child, ast.Attribute) else ""
        if any(dotted.startswith(f"{enum}.") for enum in enums):
            return True
    return False


def _is_initial(node: ast.AST, field: str) -> bool:
    dotted = _dotted(node)
    initial = LIFECYCLES[field]["initial"]
    return any(dotted == f"{enum}.{initial}" for enum in LIFECYCLES[field]["enums"])


def _names_lifecycle_object(node: ast.AST, field: str) -> bool:
    words = LIFECYCLES[field]["words"]
    models = LIFECYCLES[field]["models"]
    for name in _names_in(node):
        if name in models or any(word in name.lower() for word in words):
            return True
    return False


class _Finder(ast.NodeVisitor):
    def __init__(self, path: str):
        self.path = path
        self.writes: list[Write] = []
        self.functions: list[ast.AST] = []

    # --- where we are --------------------------------------------------------------------

    def _function(self) -> str:
        return self.functions[-1].name if self.functions else "<module>"

    def visit_FunctionDef(self, node):
        self.functions.append(node)
        self.generic_visit(node)
        self.functions.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def _found(self, node: ast.AST, field: str, how: str) -> None:
        self.writes.append(Write(self.path, self._function(), node.lineno, field, how))

    def _dict_assigned(self, name: str) -> ast.Dict | None:
        """The dict literal a name was given in the enclosing function (``defaults=values``)."""
        scope = self.functions[-1] if self.functions else None
        if scope is None:
            return None
        for node in ast.walk(scope):
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Dict)
                and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
            ):
                return node.value
        return None

    # --- obj.status = …, setattr(obj, "status", …) ---------------------------------------

    def _check_attribute_target(self, target: ast.AST, value: ast.AST | None, node) -> None:
        if not isinstance(target, ast.Attribute) or target.attr not in LIFECYCLES:
            return
        field = target.attr
        if _names_lifecycle_object(target.value, field) or (
            value is not None and _mentions_enum(value, field)
        ):
            self._found(node, field, f"assignment to {ast.unparse(target)}")

    def visit_Assign(self, node):
        for target in node.targets:
            for element in target.elts if isinstance(target, ast.Tuple) else [target]:
                self._check_attribute_target(element, node.value, node)
        self.generic_visit(node)

    def visit_AugAssign(self, node):
        self._check_attribute_target(node.target, node.value, node)
        self.generic_visit(node)

    def visit_AnnAssign(self, node):
        self._check_attribute_target(node.target, node.value, node)
        self.generic_visit(node)

    # --- constructors, create, update, defaults, bulk_update -----------------------------

    def _check_values(self, node, owner: ast.AST, pairs, verb: str, initial_ok: bool) -> None:
        """``pairs`` are (field name, value node) written on rows of ``owner``."""
        for name, value in pairs:
            if name not in LIFECYCLES:
                continue
            if not (_names_lifecycle_object(owner, name) or _mentions_enum(value, name)):
                continue
            if initial_ok and _is_initial(value, name):
                continue
            self._found(node, name, f"{verb} with {name}={ast.unparse(value)}")

    def _dict_pairs(self, node: ast.AST):
        if isinstance(node, ast.Name):
            node = self._dict_assigned(node.id)
        if not isinstance(node, ast.Dict):
            return []
        return [
            (key.value, value)
            for key, value in zip(node.keys, node.values, strict=True)
            if isinstance(key, ast.Constant) and isinstance(key.value, str)
        ]

    def visit_Call(self, node):
        func = node.func
        keywords = [(k.arg, k.value) for k in node.keywords if k.arg is not None]
        defaults = [v for k, v in keywords if k == "defaults"]
        if isinstance(func, ast.Name) and func.id == "setattr" and len(node.args) == 3:
            target, field, value = node.args
            if (
                isinstance(field, ast.Constant)
                and field.value in LIFECYCLES
                and (
                    _names_lifecycle_object(target, field.value)
                    or _mentions_enum(value, field.value)
                )
            ):
                self._found(node, field.value, f"setattr on {ast.unparse(target)}")
        elif isinstance(func, ast.Name) and any(
            func.id in spec["models"] for spec in LIFECYCLES.values()
        ):
            # A row built in memory (then saved or bulk-created): the initial state only.
            self._check_values(node, func, keywords, f"{func.id}(…)", initial_ok=True)
        elif isinstance(func, ast.Attribute):
            owner, method = func.value, func.attr
            if method == "create":
                self._check_values(node, owner, keywords, ".create", initial_ok=True)
            elif method == "get_or_create":
                pairs = [p for d in defaults for p in self._dict_pairs(d)]
                self._check_values(node, owner, pairs, ".get_or_create", initial_ok=True)
            elif method == "update_or_create":
                pairs = [p for d in defaults for p in self._dict_pairs(d)]
                self._check_values(node, owner, pairs, ".update_or_create", initial_ok=False)
            elif method == "update":
                self._check_values(node, owner, keywords, ".update", initial_ok=False)
            elif method == "bulk_update" and len(node.args) >= 2:
                fields = node.args[1]
                names = [
                    e.value
                    for e in getattr(fields, "elts", [])
                    if isinstance(e, ast.Constant) and e.value in LIFECYCLES
                ]
                for name in names:
                    if _names_lifecycle_object(owner, name) or _names_lifecycle_object(
                        node.args[0], name
                    ):
                        self._found(node, name, ".bulk_update")
        self.generic_visit(node)


def lifecycle_writes(source: str, path: str = "<source>") -> list[Write]:
    finder = _Finder(path)
    finder.visit(ast.parse(source, filename=path))
    return finder.writes


def _source_modules():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if any(part.startswith(".") or part in SKIPPED_DIRS for part in relative.parts[:-1]):
            continue
        yield relative.as_posix(), path


def _all_writes() -> list[Write]:
    writes = []
    for relative, path in _source_modules():
        if relative == ENGINE:
            continue
        writes.extend(lifecycle_writes(path.read_text(encoding="utf-8"), relative))
    return writes


def _allowed(write: Write) -> bool:
    return write.field == "stage" and (write.path, write.function) in PROJECT_STAGE_ALLOWED


def test_no_lifecycle_field_is_written_outside_the_engine():
    offenders = [str(w) for w in _all_writes() if not _allowed(w)]
    assert offenders == [], (
        "Change a lifecycle field with <WORKFLOW>.transition(obj, to) (or bulk_seed for "
        "seeded rows), never directly:\n" + "\n".join(offenders)
    )


def test_every_allowed_project_stage_writer_still_writes():
    """An allowed location that stopped writing leaves the list, so the list only shrinks."""
    writers = {(w.path, w.function) for w in _all_writes() if w.field == "stage"}
    assert PROJECT_STAGE_ALLOWED - writers == set()


def test_the_scan_reads_the_apps_and_the_seeders():
    scanned = {relative for relative, _path in _source_modules()}
    for module in (
        "selection/services/calls.py",
        "projects/services/projects.py",
        "projects/services/proposals.py",
        "devdata/demo/projects.py",
        "devdata/demo/selection/parts.py",
        "devdata/scale/projects.py",
    ):
        assert module in scanned
    assert not any(m.startswith("tests/") or "/migrations/" in m for m in scanned)


# --- the check itself: what it must catch and what it must let through ----------------------

CAUGHT = [
    "call.status = Call.Status.OPEN",
    "self.application.status = 'submitted'",
    "obj.status = Application.Status.WITHDRAWN",
    "proposal.status = ProposalStatus.ADOPTED",
    "project.stage = to",
    "setattr(call, 'status', value)",
    "Call.objects.filter(pk=1).update(status=Call.Status.DECIDED)",
    "call.applications.update(status='withdrawn')",
    "Project.objects.filter(pk=1).update(stage=Stage.CLOSED)",
    "Proposal.objects.create(status=ProposalStatus.SUBMITTED)",
    "Call(project=p, status=status)",
    "Application(call=c, status=Application.Status.SUBMITTED)",
    "Project(title='t', stage=Stage.METHOD)",
    "Call.objects.update_or_create(pk=1, defaults={'status': Call.Status.DRAFT})",
    "def f():\n    values = {'status': s}\n    Call.objects.update_or_create(defaults=values)",
    "Project.objects.get_or_create(title='t', defaults={'stage': Stage.METHOD})",
    "Call.objects.bulk_update(calls, ['status'])",
]

LET_THROUGH = [
    "call.title = 'x'",
    "reminder.status = Reminder.Status.SENT",
    "sheet.status = Evaluation.Status.SUBMITTED",
    "export.status = 'done'",
    "Call.objects.filter(status=Call.Status.OPEN)",
    "Application(call=c, status=Application.Status.DRAFT)",
    "Project.objects.create(title='t', stage=Stage.DRAFT)",
    "Proposal(organization=o)",
    "ProjectPartner.objects.create(status=ProjectPartner.Status.PROSPECTIVE)",
    "Reminder.objects.filter(pk=1).update(status='sent')",
    "CALL_WORKFLOW.transition(call, Call.Status.OPEN)",
    "Call.objects.bulk_update(calls, ['chosen_application'])",
    "if call.status == Call.Status.OPEN:\n    pass",
]


@pytest.mark.parametrize("source", CAUGHT)
def test_the_check_catches_a_direct_write(source):
    assert lifecycle_writes(source), source


@pytest.mark.parametrize("source", LET_THROUGH)
def test_the_check_lets_reads_and_other_models_through(source):
    assert lifecycle_writes(source) == [], source
