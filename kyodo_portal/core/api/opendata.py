"""The open-data catalogue and its CSV downloads.

Every public list the API serves is also a dataset here, described for an open-data catalogue
(自治体のオープンデータカタログ): a title, a description, the publisher, the licence, the date
of the latest change and, for each column, its name, title, type and meaning. Each app declares
its datasets in its ``api.py`` with :func:`register`.

CSV files are written by the portal's one CSV writer (kyodo_portal.core.spreadsheet): UTF-8 with
a byte-order mark, CRLF line ends (RFC 4180), one header row of stable column names; the last
column states the licence on every row, so that a copied file still carries it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core import spreadsheet

LICENSE_COLUMN = "license"
LICENSE_TITLE = _("ライセンス")
LICENSE_DESCRIPTION = _(
    "このデータの利用条件（ライセンス）。出典を示せば、商用を含め自由に利用できます。"
)
COLUMN_TYPES = {
    "string": _("文字列"),
    "integer": _("整数"),
    "number": _("数値（小数を含む）"),
    "date": _("日付（YYYY-MM-DD）"),
    "datetime": _("日時（ISO 8601、日本時間）"),
    "url": _("URL"),
    "boolean": _("真偽値（true／false）"),
}


@dataclass(frozen=True)
class Column:
    name: str
    title: object
    description: object
    type: str = "string"


@dataclass(frozen=True)
class Dataset:
    """``rows(request)`` yields one dict per row keyed by column name; ``freshness()`` gives
    (row count, latest change) for the validators and the catalogue."""

    slug: str
    title: object
    description: object
    columns: tuple[Column, ...]
    rows: Callable[..., Iterable[dict]]
    freshness: Callable[[], tuple[int, datetime | None]]
    keywords: tuple = field(default_factory=tuple)
    # Whether ``rows(request, body=...)`` gives one government body's rows (``?body=<slug>``);
    # a dataset shared by the whole deployment (the casebook, the statistics) does not.
    by_body: bool = False

    @property
    def all_columns(self) -> tuple[Column, ...]:
        return (
            *self.columns,
            Column(LICENSE_COLUMN, LICENSE_TITLE, LICENSE_DESCRIPTION, "string"),
        )


DATASETS: dict[str, Dataset] = {}


def register(dataset: Dataset) -> Dataset:
    DATASETS[dataset.slug] = dataset
    return dataset


def license_info() -> dict:
    return dict(settings.OPEN_DATA_LICENSE)


def publisher() -> str:
    return settings.OPEN_DATA_PUBLISHER


def cell(value) -> str | int | float | Decimal:
    """A CSV cell: dates in ISO form (times in Asia/Tokyo), booleans as true/false, numbers as
    numbers (so that the writer's formula guard leaves a negative number alone)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "；".join(str(item) for item in value)
    if isinstance(value, (int, float, Decimal)):
        return value
    return str(value)


def csv_response(filename: str, header: list[str], rows: Iterable[list], headers: dict):
    """The dataset through the portal's one CSV writer, with its licence linked."""
    response = spreadsheet.csv_response(filename, itertools.chain([header], rows))
    response["Link"] = f'<{license_info()["url"]}>; rel="license"'
    for key, value in headers.items():
        response[key] = value
    return response


def data_rows(dataset: Dataset, request, body=None) -> Iterator[list]:
    names = [column.name for column in dataset.columns]
    licence = license_info()["name"]
    rows = dataset.rows(request, body=body) if dataset.by_body else dataset.rows(request)
    for row in rows:
        yield [*(cell(row.get(name)) for name in names), licence]


def column_rows(dataset: Dataset) -> Iterator[list]:
    for column in dataset.all_columns:
        yield [
            column.name,
            str(column.title),
            str(COLUMN_TYPES[column.type]),
            str(column.description),
        ]


COLUMN_FILE_HEADER = ["name", "title", "type", "description"]
