import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from kyodo_portal.core.dates import display_date, display_datetime, display_yen, wareki_year

UTC = datetime.UTC


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (datetime.date(2019, 4, 30), "平成31年4月30日"),
        (datetime.date(2019, 5, 1), "令和元年5月1日"),
        (datetime.date(2019, 12, 31), "令和元年12月31日"),
        (datetime.date(2020, 1, 1), "令和2年1月1日"),
        (datetime.date(2026, 12, 5), "令和8年12月5日"),
        (datetime.date(1989, 1, 8), "平成元年1月8日"),
        (datetime.date(2003, 3, 1), "平成15年3月1日"),
    ],
)
def test_display_date_in_japanese_era(day, text):
    assert display_date(day, "ja") == text


def test_wareki_year_at_the_era_boundary():
    assert wareki_year(datetime.date(2019, 4, 30)) == "平成31年"
    assert wareki_year(datetime.date(2019, 5, 1)) == "令和元年"


def test_display_date_in_english():
    assert display_date(datetime.date(2026, 12, 5), "en") == "5 Dec 2026"
    assert display_date(datetime.date(2019, 5, 1), "en") == "1 May 2019"


def test_display_date_follows_the_active_language():
    with translation.override("ja"):
        assert display_date(datetime.date(2026, 12, 5)) == "令和8年12月5日"
    with translation.override("en"):
        assert display_date(datetime.date(2026, 12, 5)) == "5 Dec 2026"


def test_empty_values_show_nothing():
    assert display_date(None, "ja") == ""
    assert display_datetime(None, "en") == ""
    assert display_yen(None, "ja") == ""


def test_display_datetime_is_in_japan_time():
    # 05:30 UTC on 5 December is 14:30 in Tokyo.
    moment = datetime.datetime(2026, 12, 5, 5, 30, tzinfo=UTC)
    assert display_datetime(moment, "ja") == "令和8年12月5日 14:30"
    assert display_datetime(moment, "en") == "5 Dec 2026, 14:30"
    # 20:00 UTC on 30 April 2019 is already 1 May (the new era) in Tokyo.
    late = datetime.datetime(2019, 4, 30, 20, 0, tzinfo=UTC)
    assert display_datetime(late, "ja") == "令和元年5月1日 05:00"
    assert display_date(late, "ja") == "令和元年5月1日"


def test_western_year_beside_the_era_for_tables_of_many_years():
    day = datetime.date(2026, 12, 5)
    assert display_date(day, "ja", with_western=True) == "令和8年（2026年）12月5日"
    assert display_date(day, "en", with_western=True) == "5 Dec 2026"
    template = Template('{% load portal %}{{ d|wareki:"western" }}')
    with translation.override("ja"):
        assert template.render(Context({"d": day})) == "令和8年（2026年）12月5日"


def test_display_yen():
    assert display_yen(3_000_000, "ja") == "3,000,000円"
    assert display_yen(3_000_000, "en") == "¥3,000,000"
    assert display_yen(0, "ja") == "0円"


def test_filters_in_japanese_and_english():
    template = Template(
        "{% load portal %}{{ d|wareki }} / {{ t|wareki_datetime }} / {{ a|yen }}"
        '{{ none|wareki|default:"—" }}'
    )
    context = {
        "d": datetime.date(2026, 12, 5),
        "t": datetime.datetime(2026, 12, 5, 5, 30, tzinfo=UTC),
        "a": 3_000_000,
        "none": None,
    }
    with translation.override("ja"):
        assert (
            template.render(Context(context))
            == "令和8年12月5日 / 令和8年12月5日 14:30 / 3,000,000円—"
        )
    with translation.override("en"):
        assert template.render(Context(context)) == "5 Dec 2026 / 5 Dec 2026, 14:30 / ¥3,000,000—"
