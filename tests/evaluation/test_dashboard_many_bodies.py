"""The dashboard of a manager of many bodies: the filter offers bodies and offices in steps (a
bounded number of choices), accepts any body or office the manager manages and refuses the
rest; the tables by office show a summary, with every row on a page of its own and in the
exports."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from evaluation import dashboard as dash
from evaluation.forms import BODY_OPTIONS_LIMIT
from kyodo_portal.core.roles import Role
from partners.local_government_codes import with_check_digit
from partners.models import GovernmentBody
from projects.choices import Stage
from tests.factories import (
    BodyFactory,
    MembershipFactory,
    OfficeFactory,
    ProjectFactory,
    body_named,
    member,
)

pytestmark = pytest.mark.django_db

CHIBA_CITIES = 4


@pytest.fixture
def wide():
    """A manager of more bodies than the form lists at once: 埼玉県's municipalities (beyond the
    limit) and 千葉県 with a few of its municipalities, one office and one project each; and a
    body nobody here manages."""
    saitama = body_named("埼玉県")
    chiba = GovernmentBody.objects.create(
        code=with_check_digit("12000"), name="千葉県", slug="chiba-test", level="prefecture"
    )
    chiba_cities = [
        GovernmentBody.objects.create(
            code=with_check_digit(f"12{100 + i:03d}"),
            name=f"千葉テスト市{i}",
            slug=f"chiba-test-city-{i}",
            level="municipality",
            prefecture=chiba,
        )
        for i in range(CHIBA_CITIES)
    ]
    bodies = [BodyFactory(prefecture=saitama) for _i in range(BODY_OPTIONS_LIMIT)]
    bodies += [chiba, *chiba_cities]
    offices = [OfficeFactory(body=body, name=f"協働推進課{i}") for i, body in enumerate(bodies)]
    manager = member(Role.MANAGER, offices[0], username="national", name="全国 管理者")
    for office in offices[1:]:
        MembershipFactory(user=manager, organization=office, role=Role.MANAGER)
    for i, office in enumerate(offices):
        for _n in range(1 + i % 3):
            ProjectFactory(title=f"事業{i}", owner_office=office, stage=Stage.IMPLEMENTATION)
    outside = BodyFactory(prefecture=saitama, name="よその市")
    outside_office = OfficeFactory(body=outside, name="よその課")
    ProjectFactory(title="よその事業", owner_office=outside_office, stage=Stage.IMPLEMENTATION)
    return {
        "manager": manager,
        "bodies": bodies,
        "offices": offices,
        "chiba": chiba,
        "chiba_cities": chiba_cities,
        "outside": outside,
        "outside_office": outside_office,
        "projects": sum(1 + i % 3 for i in range(len(offices))),
    }


def _form_html(response) -> str:
    html = response.content.decode()
    start = html.index('aria-label="絞り込み"')
    return html[start : html.index("</form>", start)]


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S)
    assert select, name
    return re.findall(r'<option value="([^"]*)"', select.group())


def test_the_form_offers_a_bounded_number_of_choices(client, wide):
    client.force_login(wide["manager"])
    response = client.get(reverse("evaluation:dashboard"))
    html = _form_html(response)
    # The prefectures of the manager's bodies; bodies and offices only once narrowed.
    assert _options(html, "prefecture") == ["", str(body_named("埼玉県").pk), str(wide["chiba"].pk)]
    assert _options(html, "body") == [""]
    assert _options(html, "office") == [""]
    # Years, methods, fields and rounds are the rest: fewer options in all than bodies managed.
    assert html.count("<option") < len(wide["bodies"])
    assert "都道府県を選んで" in html and 'aria-describedby="id_body_help"' in html
    assert 'for="id_prefecture"' in html and 'for="id_body"' in html  # every select labelled


def test_a_chosen_prefecture_offers_its_bodies_and_a_chosen_body_its_offices(client, wide):
    client.force_login(wide["manager"])
    chiba = wide["chiba"]
    response = client.get(reverse("evaluation:dashboard"), {"prefecture": chiba.pk})
    html = _form_html(response)
    expected = [chiba.pk, *(city.pk for city in wide["chiba_cities"])]
    assert _options(html, "body") == ["", *map(str, expected)]
    assert "都道府県を選んで" not in html  # the hint goes once there is a list to choose from
    assert response.context["data"]["total"] == sum(
        1 + i % 3 for i in range(len(wide["offices"]) - CHIBA_CITIES - 1, len(wide["offices"]))
    )
    city = wide["chiba_cities"][0]
    office = wide["offices"][wide["bodies"].index(city)]
    response = client.get(
        reverse("evaluation:dashboard"), {"prefecture": chiba.pk, "body": city.pk}
    )
    assert _options(_form_html(response), "office") == ["", str(office.pk)]
    assert response.context["data"]["total"] == 1 + wide["offices"].index(office) % 3


def test_any_managed_body_is_accepted_even_when_not_listed(client, wide):
    client.force_login(wide["manager"])
    body = wide["bodies"][5]  # a municipality of 埼玉県, not listed until 埼玉県 is chosen
    response = client.get(reverse("evaluation:dashboard"), {"body": body.pk})
    assert not response.context["form"].errors
    assert response.context["data"]["total"] == 1 + 5 % 3
    # Shown as chosen, and its offices offered.
    assert _options(_form_html(response), "body") == ["", str(body.pk)]
    assert _options(_form_html(response), "office") == ["", str(wide["offices"][5].pk)]


@pytest.mark.parametrize("name", ["body", "prefecture", "office"])
def test_a_body_or_office_outside_the_managers_scope_is_refused(client, wide, name):
    client.force_login(wide["manager"])
    value = {
        "body": wide["outside"].pk,
        "prefecture": wide["outside_office"].pk,  # not a prefecture the manager works in
        "office": wide["outside_office"].pk,
    }[name]
    response = client.get(reverse("evaluation:dashboard"), {name: value})
    assert name in response.context["form"].errors
    # Ignored, not guessed: every project of the manager's bodies, none of the other body's.
    assert response.context["data"]["total"] == wide["projects"]
    assert "よその課" not in response.content.decode()


def test_an_office_of_another_managed_body_than_the_chosen_one_is_refused(client, wide):
    client.force_login(wide["manager"])
    response = client.get(
        reverse("evaluation:dashboard"),
        {"body": wide["bodies"][1].pk, "office": wide["offices"][2].pk},
    )
    assert "office" in response.context["form"].errors


def _office_rows(html: str, key: str) -> int:
    table = re.search(rf'id="table-{key}".*?</table>', html, re.S).group()
    return table.count('<th scope="row">')


def test_tables_by_office_are_summarised_and_every_row_stays_reachable(client, wide):
    client.force_login(wide["manager"])
    offices = len(wide["offices"])
    assert offices > dash.SUMMARY_ROWS
    html = client.get(reverse("evaluation:dashboard")).content.decode()
    assert _office_rows(html, "office") == dash.SUMMARY_ROWS
    full = reverse("evaluation:dashboard_table", args=["office"])
    assert f'href="{full}"' in html
    assert f"全{offices}件" in html
    # The offices with the most projects come first (three projects each).
    assert "協働推進課2<" in html and "協働推進課0<" not in html
    # Every row on the table's own page, in pages of a hundred.
    response = client.get(full)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == offices
    assert _office_rows(response.content.decode(), "office") == offices
    # And in the export.
    cache.clear()
    csv = b"".join(client.get(reverse("evaluation:dashboard_export", args=["csv"]))).decode(
        "utf-8-sig"
    )
    assert all(f"協働推進課{i}" in csv for i in range(offices))


def test_the_whole_table_keeps_the_filters_and_refuses_unknown_tables(client, wide):
    client.force_login(wide["manager"])
    chiba = wide["chiba"]
    url = reverse("evaluation:dashboard_table", args=["office"])
    response = client.get(url, {"prefecture": chiba.pk})
    assert response.context["page"].paginator.count == CHIBA_CITIES + 1
    assert "千葉県" in response.content.decode()
    assert client.get(reverse("evaluation:dashboard_table", args=["stage"])).status_code == 404


def test_query_count_stays_bounded_for_a_manager_of_many_bodies(
    client, wide, django_assert_max_num_queries
):
    client.force_login(wide["manager"])
    chiba = wide["chiba"]
    for params in ({}, {"prefecture": chiba.pk}, {"body": chiba.pk}):
        cache.clear()
        # Built: the fixed set of aggregates, the filter's choices and what the stored copy is
        # compared with (the memberships' summary, the fingerprint).
        with django_assert_max_num_queries(18):
            client.get(reverse("evaluation:dashboard"), params)
        # Again: the stored copy, after the person, the summary of their memberships and the
        # fingerprint (the session is in the cache); not one of the 65 memberships loaded.
        with django_assert_max_num_queries(3) as again:
            response = client.get(reverse("evaluation:dashboard"), params)
        assert response.context is None
        loaded = '"partners_organization"."name"'
        assert not any(loaded in q["sql"] for q in again.captured_queries)
