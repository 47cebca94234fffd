"""The NPO directory for staff, and the track record on an NPO's page."""

import pytest
from django.urls import reverse

from kyodo_portal.core.roles import Role
from partners import registry
from partners.models import ActivityField, Organization
from partners.selectors import directory_search
from projects.choices import Stage
from tests.factories import NpoFactory, ProjectFactory, add_partner, member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def npos(db):
    children, environment = (
        ActivityField.objects.get(number=13),
        ActivityField.objects.get(number=7),
    )
    hidamari = NpoFactory(
        name="特定非営利活動法人 ひだまり子育てネット",
        name_kana="ひだまりこそだてねっと",
        area="さいたま市全域",
        description="乳幼児の親子の広場を運営",
        track_record="子育て講座を受託",
    )
    hidamari.fields.set([children])
    river = NpoFactory(
        name="荒川みどりの会",
        name_kana="あらかわみどりのかい",
        legal_form=Organization.LegalForm.CITIZEN_GROUP,
        area="県東部",
        description="河川敷の清掃と環境学習",
    )
    river.fields.set([environment])
    volunteers = NpoFactory(
        name="見沼たんぼ応援隊",
        legal_form=Organization.LegalForm.VOLUNTEER_GROUP,
        area="さいたま市東部",
        description="田んぼの保全と子ども向け環境学習",
    )
    volunteers.fields.set([environment, children])
    return hidamari, river, volunteers


def names(queryset):
    return sorted(o.name for o in queryset)


def test_filters_by_field_area_legal_form_and_keywords(npos):
    hidamari, river, volunteers = npos
    assert names(directory_search(field_ids=[7])) == names([river, volunteers])
    assert names(directory_search(area="さいたま市")) == names([hidamari, volunteers])
    assert names(directory_search(legal_forms=["volunteer_group", "citizen_group"])) == names(
        [river, volunteers]
    )
    assert names(directory_search(keywords="環境学習　子ども")) == [volunteers.name]
    assert names(directory_search(keywords="講座")) == [hidamari.name]  # track record
    assert names(directory_search(keywords="あらかわ")) == [river.name]  # kana
    assert names(directory_search(field_ids=[7, 13])) == names(npos)  # any of the fields, once


def test_directory_never_lists_government_offices(npos, office):
    assert office not in directory_search()


def test_directory_page_filters_and_keeps_the_query(client, npos, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("partners:directory"), {"fields": ["7"], "area": "県東部"})
    page = response.content.decode()
    assert "荒川みどりの会" in page and "見沼たんぼ応援隊" not in page
    assert 'value="県東部"' in page


@pytest.mark.parametrize("count", [3, 30])
def test_directory_page_queries_are_bounded(
    client, staff_user, django_assert_max_num_queries, count
):
    field = ActivityField.objects.get(number=3)
    for npo in NpoFactory.create_batch(count):
        npo.fields.set([field])
    client.force_login(staff_user)
    with django_assert_max_num_queries(10):
        assert (
            client.get(reverse("partners:directory"), {"fields": [str(field.pk)]}).status_code
            == 200
        )


def test_track_record_lists_portal_collaborations(client, npos, office, staff_user):
    hidamari = npos[0]
    project = ProjectFactory(
        owner_office=office,
        title="子育て広場の協働運営",
        method="commission",
        stage=Stage.IMPLEMENTATION,
        fiscal_year_start=2025,
        fiscal_year_end=2026,
    )
    add_partner(project, hidamari, status="partner", via="open_call")
    other = ProjectFactory(owner_office=office, title="候補だけの事業")
    add_partner(other, hidamari, status="prospective", via="proposal")
    record = registry.track_record(hidamari)
    assert [r["project"] for r in record] == [project]
    assert record[0]["method"] == "委託" and record[0]["via"] == "公募"
    viewer = member(Role.NPO, npos[1])
    client.force_login(viewer)
    page = client.get(hidamari.get_absolute_url()).content.decode()
    assert "子育て広場の協働運営" in page and "候補だけの事業" not in page
    assert "委託" in page and "令和7年度〜令和8年度" in page
    assert "子育て講座を受託" in page  # the self-declared record too


def test_track_record_links_a_published_evaluation_summary(npos, office):
    from django.utils import timezone

    from evaluation.models import EvaluationRound, RoundKind

    project = ProjectFactory(owner_office=office, stage=Stage.CLOSED)
    add_partner(project, npos[0])
    assert registry.track_record(npos[0])[0]["evaluation"] is None
    round_ = EvaluationRound.objects.create(
        project=project,
        kind=RoundKind.FINAL,
        unsealed_at=timezone.now(),
        exchange_recorded_at=timezone.now(),
        published_at=timezone.now(),
    )
    summary = registry.track_record(npos[0])[0]["evaluation"]
    assert summary == {"url": round_.get_public_url(), "text": "評価の概要（公表）"}
