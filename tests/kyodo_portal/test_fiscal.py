import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from kyodo_portal.core.fiscal import (
    fiscal_year_bounds,
    fiscal_year_of,
    format_fiscal_year,
    wareki_fiscal_year,
)


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (datetime.date(2026, 3, 31), 2025),
        (datetime.date(2026, 4, 1), 2026),
        (datetime.date(2027, 1, 15), 2026),
        (datetime.date(2026, 12, 31), 2026),
    ],
)
def test_fiscal_year_runs_april_to_march(day, year):
    assert fiscal_year_of(day) == year


def test_bounds():
    assert fiscal_year_bounds(2026) == (datetime.date(2026, 4, 1), datetime.date(2027, 3, 31))


@pytest.mark.parametrize(
    ("year", "text"),
    [
        (2026, "令和8年度"),
        (2019, "令和元年度"),
        (2020, "令和2年度"),
        (2018, "平成30年度"),
        (1989, "平成元年度"),
    ],
)
def test_wareki(year, text):
    assert wareki_fiscal_year(year) == text


def test_display_follows_language():
    with translation.override("ja"):
        assert format_fiscal_year(2026) == "令和8年度（2026年度）"
        assert format_fiscal_year(2026, with_western=False) == "令和8年度"
    with translation.override("en"):
        assert format_fiscal_year(2026) == "FY2026"


def test_template_filter():
    template = Template(
        '{% load portal %}{{ y|fiscal_year }} / {{ y|fiscal_year:"short" }} / {{ a|yen }}'
    )
    with translation.override("ja"):
        assert (
            template.render(Context({"y": 2026, "a": 1234567}))
            == "令和8年度（2026年度） / 令和8年度 / 1,234,567円"
        )
