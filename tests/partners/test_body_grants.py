"""A municipality lets its own prefecture read its published results and aggregate figures.

The grant is given and revoked by the municipality's manager; with it the prefecture's manager
reads aggregate figures only on the dashboard, and every internal page of the municipality stays
404 for them, as it does without the grant.
"""

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluation import services as evaluation_services
from evaluation.dashboard.granted import granted_cache_key
from evaluation.models import EvaluationRound
from kyodo_portal.core.models import AuditEntry
from kyodo_portal.core.roles import Role
from partners.local_government_codes import check_digit
from partners.models import BodyGrant, GovernmentBody
from projects.choices import Stage
from tests.evaluation.helpers import fill
from tests.factories import NpoFactory, OfficeFactory, ProjectFactory, add_partner, member

pytestmark = pytest.mark.django_db

SECTION = "閲覧を許可された市町村の集計"


@pytest.fixture
def city_office(db):
    return OfficeFactory(jurisdiction="川越市", name="市民活動支援課")


@pytest.fixture
def city_manager(city_office):
    return member(Role.MANAGER, city_office, username="kawagoe_manager", name="川越 管理")


@pytest.fixture
def prefecture_manager(office):
    return member(Role.MANAGER, office, username="pref_manager", name="埼玉 管理")


@pytest.fixture
def city(city_office):
    """川越市's projects: P1 closed with its final evaluation published (office 4s, NPO 3s),
    P2 in evaluation with only the office's sheet submitted (2s: sealed), P3 a draft."""
    staff = member(Role.STAFF, city_office)
    npo = NpoFactory(name="特定非営利活動法人 小江戸まちづくり")
    npo_member = member(Role.NPO, npo)
    p1 = ProjectFactory(title="川越の内部事業P1", owner_office=city_office, stage=Stage.EVALUATION)
    add_partner(p1, npo)
    fill(p1, city_office, staff, default=4)
    fill(p1, npo, npo_member, default=3)
    round1 = EvaluationRound.objects.select_related("project").get(project=p1)
    round1 = evaluation_services.exchange_record(
        round_=round1,
        by=staff,
        meeting_date=datetime.date(2026, 3, 1),
        attendees="双方",
        conclusions="継続",
    )
    p1.stage = Stage.CLOSED
    p1.save()
    round1.project = p1
    evaluation_services.round_publish(round_=round1, by=staff)
    p2 = ProjectFactory(title="川越の内部事業P2", owner_office=city_office, stage=Stage.EVALUATION)
    add_partner(p2, npo)
    sealed_sheet = fill(p2, city_office, staff, default=2)
    p3 = ProjectFactory(title="川越の下書きP3", owner_office=city_office, stage=Stage.DRAFT)
    return {"p1": p1, "p2": p2, "p3": p3, "round1": round1, "sealed_sheet": sealed_sheet}


def _grant(client, user, body, action="give"):
    client.force_login(user)
    return client.post(reverse("partners:body_grants"), {"body": body.pk, "action": action})


def test_a_municipality_manager_grants_and_revokes_its_prefecture_a_view(
    client, city_manager, city_office
):
    body = city_office.body
    client.force_login(city_manager)
    page = client.get(reverse("partners:body_grants"))
    assert page.status_code == 200
    assert "埼玉県に集計の閲覧を許可する" in page.content.decode()

    response = _grant(client, city_manager, body)
    assert response.status_code == 302
    grant = BodyGrant.objects.get(granting_body=body)
    assert grant.grantee_body == body.prefecture
    assert grant.granted_by == city_manager and grant.in_force
    assert AuditEntry.objects.filter(
        action="partners.body_grant_give", actor=city_manager, target_id=grant.pk
    ).exists()
    # giving it again keeps the one in force
    _grant(client, city_manager, body)
    assert BodyGrant.objects.filter(granting_body=body).count() == 1

    _grant(client, city_manager, body, action="revoke")
    grant.refresh_from_db()
    assert not grant.in_force and grant.revoked_by == city_manager
    assert AuditEntry.objects.filter(action="partners.body_grant_revoke").exists()
    page = client.get(reverse("partners:body_grants")).content.decode()
    assert "許可していません" in page and "これまでの許可" in page


def test_only_a_municipality_grants_and_only_to_its_own_prefecture(city_office, office):
    city = city_office.body
    prefecture = office.body
    assert city.prefecture_id == prefecture.pk
    tokyo = GovernmentBody.objects.create(
        code=f"13000{check_digit('13000')}", name="東京都", slug="tokyo", level="prefecture"
    )
    with pytest.raises(ValidationError) as raised:
        BodyGrant(granting_body=city, grantee_body=tokyo).full_clean()
    assert "grantee_body" in raised.value.message_dict
    with pytest.raises(ValidationError) as raised:
        BodyGrant(granting_body=prefecture, grantee_body=tokyo).full_clean()
    assert "granting_body" in raised.value.message_dict
    BodyGrant(granting_body=city, grantee_body=prefecture).full_clean()


@pytest.mark.parametrize("who", ["prefecture_manager", "staff_user", "npo_user", "city_staff"])
def test_anyone_but_the_municipality_manager_gets_404(client, request, who, city_office, office):
    user = member(Role.STAFF, city_office) if who == "city_staff" else request.getfixturevalue(who)
    client.force_login(user)
    assert client.get(reverse("partners:body_grants")).status_code == 404
    posted = client.post(
        reverse("partners:body_grants"), {"body": city_office.body_id, "action": "give"}
    )
    assert posted.status_code == 404
    assert not BodyGrant.objects.exists()


def test_a_manager_cannot_grant_for_another_municipality(client, city_manager):
    other = OfficeFactory(jurisdiction="所沢市").body
    client.force_login(city_manager)
    response = client.post(reverse("partners:body_grants"), {"body": other.pk, "action": "give"})
    assert response.status_code == 404
    assert not BodyGrant.objects.exists()


def test_the_prefecture_reads_the_aggregate_only_while_the_grant_is_in_force(
    client, city, city_manager, prefecture_manager
):
    body = city["p1"].owner_office.body
    client.force_login(prefecture_manager)
    before = client.get(reverse("evaluation:dashboard")).content.decode()
    assert SECTION not in before

    _grant(client, city_manager, body)
    client.force_login(prefecture_manager)
    page = client.get(reverse("evaluation:dashboard")).content.decode()
    assert SECTION in page
    section = page[page.index(SECTION) :]
    assert "川越市" in section
    # three projects; one published final evaluation; the government side's mean is the
    # published round's 4 — the sealed sheet's 2s of P2 do not count
    row = section[section.index("川越市") :]
    assert ">3<" in row and ">1<" in row
    assert "4.0" in row and "2.0" not in row and "3.0" in row
    # no titles, no links into the municipality's pages
    for title in ("川越の内部事業P1", "川越の内部事業P2", "川越の下書きP3"):
        assert title not in page
    assert reverse("projects:project_detail", args=[city["p1"].pk]) not in page

    _grant(client, city_manager, body, action="revoke")
    client.force_login(prefecture_manager)
    after = client.get(reverse("evaluation:dashboard")).content.decode()
    assert SECTION not in after


def test_internal_pages_stay_404_for_the_prefecture_with_the_grant(
    client, city, city_manager, prefecture_manager
):
    _grant(client, city_manager, city["p1"].owner_office.body)
    client.force_login(prefecture_manager)
    published_sheet = city["round1"].sheets.first()
    for url in (
        reverse("projects:project_detail", args=[city["p1"].pk]),
        reverse("projects:project_detail", args=[city["p3"].pk]),
        reverse("evaluation:project", args=[city["p1"].pk]),
        reverse("evaluation:project", args=[city["p2"].pk]),
        reverse("evaluation:sheet_detail", args=[published_sheet.pk]),
        reverse("evaluation:sheet_detail", args=[city["sealed_sheet"].pk]),
        reverse("evaluation:round_export", args=[city["round1"].pk, "csv"]),
    ):
        assert client.get(url).status_code == 404, url
    # the dashboard's lists and exports stay within the prefecture's own body
    listing = client.get(
        reverse("evaluation:dashboard_list"), {"office": city["p1"].owner_office_id}
    ).content.decode()
    assert "川越の内部事業P1" not in listing
    # the published summary is public, as it is for everyone
    public = client.get(reverse("evaluation:public_detail", args=[city["round1"].pk]))
    assert public.status_code == 200


def test_the_cache_key_holds_the_grants(client, city, city_manager, prefecture_manager):
    body = city["p1"].owner_office.body
    assert granted_cache_key([body.pk]) != granted_cache_key([])
    assert granted_cache_key([body.pk]) != granted_cache_key([body.pk, body.pk + 1])
    # a page cached before the grant does not hide it after
    client.force_login(prefecture_manager)
    assert SECTION not in client.get(reverse("evaluation:dashboard")).content.decode()
    _grant(client, city_manager, body)
    client.force_login(prefecture_manager)
    assert SECTION in client.get(reverse("evaluation:dashboard")).content.decode()


def test_the_dashboard_reads_any_number_of_grants_in_the_same_queries(
    client, city, city_manager, prefecture_manager
):
    def queries() -> int:
        client.force_login(prefecture_manager)
        from django.core.cache import cache

        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("evaluation:dashboard")).status_code == 200
        return len(captured)

    _grant(client, city_manager, city["p1"].owner_office.body)
    one = queries()
    for name in ("所沢市", "越谷市", "さいたま市"):
        other_office = OfficeFactory(jurisdiction=name)
        ProjectFactory(owner_office=other_office)
        _grant(client, member(Role.MANAGER, other_office), other_office.body)
    four = queries()
    assert four == one
    assert BodyGrant.objects.filter(revoked_at__isnull=True).count() == 4


def test_the_grant_pages_read_in_english(client, city, city_manager, prefecture_manager):
    from tests.security.test_english_pages import JAPANESE, readable

    body = city["p1"].owner_office.body
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    _grant(client, city_manager, body)
    names = ("川越市", "埼玉県", "県民生活課", "市民活動支援課", "川越 管理", "埼玉 管理")
    for user, url in (
        (city_manager, reverse("partners:body_grants")),
        (prefecture_manager, reverse("evaluation:dashboard")),
    ):
        client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        text = readable(client.get(url, HTTP_ACCEPT_LANGUAGE="en"))
        for name in names:
            text = text.replace(name, " ")
        assert not JAPANESE.findall(text), (url, JAPANESE.findall(text))
