"""One workflow engine for every lifecycle in the portal.

A lifecycle (a project's stage, a call's, an application's or a proposal's status) is one
``Workflow``: the model field it owns, a literal table of the moves between its states with the
guards that must be open for each, and the actions that may run only in some states. The table is
the whole rule; the engine only reads it.

- ``allowed(obj, action)`` says whether an action may run in the object's current state, with the
  reason when it may not — permissions ask this instead of comparing states themselves.
- ``closed_gates(obj, to, facts)`` lists the reasons a move is refused (empty: every gate open).
- ``transition(obj, to, facts=...)`` is the only code that writes the field: it refuses a move the
  table does not hold or whose gates are closed, then writes the new state on the object and saves.
  The caller (a service) locks the row, records the event and audits the act.
- ``bulk_seed(rows)`` is the one other writer, for development data made in bulk: it inserts rows
  already in a state, refusing any state the table cannot reach from the initial one. Guards are
  not asked: seeded rows have no history to judge, only a place in the lifecycle.

Guards are pure functions of ``facts`` — whatever snapshot the lifecycle's owner passes, the object
itself when it needs nothing more — and return ``None`` when open or the reason they are closed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models

Guard = Callable[[object], "str | None"]


class TransitionRefused(ValidationError):
    """A move the table does not allow, or whose gates are closed; ``reasons`` says why. A
    validation error, so a service lets it through and the form shows the reasons as they are."""

    def __init__(self, reasons: list[str]):
        super().__init__(reasons)
        self.reasons = reasons


@dataclass(frozen=True)
class Move:
    source: str
    target: str
    guards: tuple[Guard, ...] = ()


@dataclass(frozen=True)
class StateAction:
    """An action that may run only in ``states``; ``refusal`` is what the person is told."""

    states: frozenset[str]
    refusal: object


@dataclass
class Workflow:
    name: str
    field: str
    moves: Iterable[Move]
    actions: dict[str, StateAction] = field(default_factory=dict)
    # Said when a move is not in the table at all.
    not_allowed: object = "This change of state is not allowed."

    def __post_init__(self):
        self.moves = tuple(self.moves)
        self._table = {(move.source, move.target): move for move in self.moves}
        if len(self._table) != len(self.moves):
            raise ValueError(f"{self.name}: a move is listed twice")

    # --- reading the table -----------------------------------------------------------------

    def state(self, obj) -> str:
        return getattr(obj, self.field)

    def targets(self, obj) -> list[str]:
        """The states the table allows a move to from the object's current state."""
        current = self.state(obj)
        return [move.target for move in self.moves if move.source == current]

    def can_move(self, source: str, target: str) -> bool:
        return (source, target) in self._table

    def closed_gates(self, obj, to: str, facts=None) -> list[str]:
        move = self._table.get((self.state(obj), to))
        if move is None:
            return [str(self.not_allowed)]
        subject = obj if facts is None else facts
        return [str(reason) for guard in move.guards if (reason := guard(subject))]

    def allowed(self, obj, action: str) -> tuple[bool, str]:
        """Whether ``action`` may run in the object's current state, and why not."""
        rule = self.actions[action]
        if self.state(obj) in rule.states:
            return True, ""
        return False, str(rule.refusal)

    def states_for(self, action: str) -> frozenset[str]:
        return self.actions[action].states

    def path(self, source: str, target: str) -> list[str]:
        """The states a shortest walk through the table passes from ``source`` to ``target``
        (``target`` included, ``source`` not); ValueError when the table holds no such walk."""
        walks = {source: []}
        frontier = [source]
        while frontier and target not in walks:
            following = []
            for state in frontier:
                for move in self.moves:
                    if move.source == state and move.target not in walks:
                        walks[move.target] = [*walks[state], move.target]
                        following.append(move.target)
            frontier = following
        if target not in walks:
            raise ValueError(f"{self.name}: no way from {source!r} to {target!r}")
        return walks[target]

    # --- the one writer ----------------------------------------------------------------------

    def transition(self, obj: models.Model, to: str, *, facts=None, also: Iterable[str] = ()):
        """Move ``obj`` to ``to`` and save the field (and the fields named in ``also``, which the
        caller set on the object). Returns the state it left."""
        if reasons := self.closed_gates(obj, to, facts):
            raise TransitionRefused(reasons)
        source = self.state(obj)
        setattr(obj, self.field, to)
        fields = {self.field, *also}
        if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
            fields.add("updated_at")
        obj.save(update_fields=sorted(fields))
        return source

    def bulk_seed(self, rows: Iterable[tuple[models.Model, str]], *, batch_size: int | None = None):
        """Insert ``(unsaved object, state)`` pairs in one ``bulk_create``, each object in its
        state. Only for seeding development data at a scale where walking every row through
        ``transition`` would take hours; a state the lifecycle cannot reach is refused."""
        objects = []
        for obj, state in rows:
            initial = obj._meta.get_field(self.field).get_default()
            if state != initial:
                self.path(initial, state)
            setattr(obj, self.field, state)
            objects.append(obj)
        if not objects:
            return []
        return type(objects[0]).objects.bulk_create(objects, batch_size=batch_size)
