"""What the apps above partners add to an organisation's pages.

partners is the lowest domain app: it does not import the projects or the evaluation app. The
NPO directory's count of collaborations and an organisation's track record in the portal read
their data, so those apps register here from their ``AppConfig.ready()``:

- ``register_track_record(source)``: ``source(organization) -> list[dict]`` rows of the
  organisation's track record (projects);
- ``register_project_summaries(source)``: ``source(project_ids) -> {project_id: {"url", "text"}}``,
  published summaries shown beside those rows (evaluation);
- ``register_collaboration_count(expression)``: ``expression()`` gives a query expression that
  counts an organisation's collaborations, annotated on each directory row (projects).
"""

from collections.abc import Callable

from django.db.models import Value

_track_record: list[Callable] = []
_summaries: list[Callable] = []
_collaboration_count: list[Callable] = []


def register_track_record(source: Callable) -> Callable:
    _track_record.append(source)
    return source


def register_project_summaries(source: Callable) -> Callable:
    _summaries.append(source)
    return source


def register_collaboration_count(expression: Callable) -> Callable:
    _collaboration_count[:] = [expression]
    return expression


def track_record(organization) -> list[dict]:
    return [row for source in _track_record for row in source(organization)]


def project_summaries(project_ids: list[int]) -> dict:
    summaries: dict = {}
    for source in _summaries:
        summaries.update(source(project_ids) or {})
    return summaries


def collaboration_count():
    return _collaboration_count[0]() if _collaboration_count else Value(0)
