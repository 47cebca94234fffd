"""Government bodies: the national code's check digit, the constraints tying offices to bodies and
municipalities to prefectures, and the move of existing offices' jurisdictions into bodies."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from partners.local_government_codes import check_digit, is_valid_code, known_bodies
from partners.models import GovernmentBody, Organization
from tests.factories import BodyFactory, NpoFactory, OfficeFactory, body_named

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("110001", True),  # 埼玉県: remainder 0 gives 1
        ("111007", True),  # さいたま市
        ("112011", True),  # 川越市: remainder 10 gives 1
        ("131016", True),  # 千代田区
        ("011002", True),  # 札幌市
        ("110000", False),
        ("111008", False),
        ("11200", False),
        ("1120111", False),
        ("11201a", False),
        ("１１２０１１", False),  # full-width digits
    ],
)
def test_the_check_digit_of_the_national_code(code, valid):
    assert is_valid_code(code) is valid


def test_the_remainder_decides_the_check_digit():
    assert check_digit("10002") == 1  # 1×6 + 2×2 = 10 → 11 − 10 = 1
    assert check_digit("11010") == 8  # 6 + 5 + 3 = 14 → remainder 3 → 8
    assert check_digit("00006") == 0  # 6×2 = 12 → remainder 1 → 10, whose last digit is 0
    assert check_digit("11000") == 1  # 6 + 5 = 11 → remainder 0 → 11, last digit 1 (埼玉県)


def test_every_body_in_the_code_table_has_a_valid_code_and_a_unique_slug():
    table = known_bodies()
    assert len(table) == 64  # 埼玉県 and its 63 municipalities
    assert all(is_valid_code(body["code"]) for body in table.values())
    assert len({body["slug"] for body in table.values()}) == 64
    assert table["三郷市"]["slug"] != table["美里町"]["slug"]


def test_a_wrong_check_digit_is_refused_by_validation():
    body = GovernmentBody(
        code="112012",
        name="川越市",
        slug="kawagoe",
        level="municipality",
        prefecture=body_named("埼玉県"),
    )
    with pytest.raises(ValidationError) as raised:
        body.full_clean()
    assert "code" in raised.value.message_dict


def test_a_municipality_needs_its_prefecture_and_a_prefecture_has_none():
    prefecture = body_named("埼玉県")
    with pytest.raises(IntegrityError), transaction.atomic():
        GovernmentBody.objects.create(
            code="112011", name="川越市", slug="kawagoe", level="municipality"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        GovernmentBody.objects.create(
            code="120006",
            name="千葉県",
            slug="chiba-pref",
            level="prefecture",
            prefecture=prefecture,
        )
    with pytest.raises(ValidationError):
        GovernmentBody(
            code="112011", name="川越市", slug="kawagoe", level="municipality"
        ).full_clean()


def test_a_government_office_needs_a_body_and_an_npo_has_none():
    body = BodyFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.create(kind="government", name="市民協働課")
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.create(kind="npo", name="NPO", legal_form="npo_corporation", body=body)
    assert OfficeFactory(body=body).body == body


def test_an_office_keeps_its_jurisdiction_and_level_read_from_its_body(django_assert_num_queries):
    kawagoe = body_named("川越市")
    office = OfficeFactory(body=kawagoe, name="市民活動支援課")
    fresh = Organization.objects.get(pk=office.pk)
    with django_assert_num_queries(0):
        assert fresh.jurisdiction == "川越市"
        assert fresh.level == "municipality"
        assert fresh.display_name == "川越市 市民活動支援課"
    assert kawagoe.prefecture.name == "埼玉県"
    assert NpoFactory().jurisdiction == ""


def test_a_renamed_body_names_its_offices_anew():
    body = BodyFactory(name="旧町")
    office = OfficeFactory(body=body, name="総務課")
    body.name = "新市"
    body.save()
    assert Organization.objects.get(pk=office.pk).display_name == "新市 総務課"


BEFORE = [("partners", "0005_selection_moved_out")]
AFTER = [("partners", "0006_government_bodies")]


def _state_at(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_existing_offices_move_into_one_body_per_jurisdiction_without_loss():
    try:
        apps = _state_at(BEFORE)
        Old = apps.get_model("partners", "Organization")
        offices = {
            ("埼玉県", "県民生活課"): "prefecture",
            ("埼玉県", "少子政策課"): "prefecture",
            ("さいたま市", "市民協働推進課"): "municipality",
            ("川越市", "市民活動支援課"): "municipality",
            ("架空町", "総務課"): "municipality",
        }
        ids = {
            key: Old.objects.create(
                kind="government", jurisdiction=key[0], name=key[1], level=level
            ).pk
            for key, level in offices.items()
        }
        npo = Old.objects.create(kind="npo", name="ひだまり", legal_form="npo_corporation")

        apps = _state_at(AFTER)
        Body = apps.get_model("partners", "GovernmentBody")
        New = apps.get_model("partners", "Organization")
        bodies = {body.name: body for body in Body.objects.all()}
        assert sorted(bodies) == sorted(["埼玉県", "さいたま市", "川越市", "架空町"])
        assert (bodies["埼玉県"].code, bodies["埼玉県"].level) == ("110001", "prefecture")
        assert bodies["埼玉県"].prefecture_id is None
        assert (bodies["さいたま市"].code, bodies["さいたま市"].slug) == ("111007", "saitama-city")
        assert bodies["川越市"].code == "112011"
        assert bodies["川越市"].prefecture_id == bodies["埼玉県"].pk
        assert not bodies["川越市"].needs_review
        unknown = bodies["架空町"]
        assert unknown.needs_review and is_valid_code(unknown.code) and unknown.code[:2] == "99"
        assert unknown.prefecture_id == bodies["埼玉県"].pk
        for (jurisdiction, name), pk in ids.items():
            office = New.objects.get(pk=pk)
            assert (office.name, office.body_id) == (name, bodies[jurisdiction].pk)
        assert New.objects.get(pk=npo.pk).body_id is None
        assert New.objects.count() == len(offices) + 1

        apps = _state_at(BEFORE)
        Old = apps.get_model("partners", "Organization")
        back = Old.objects.get(pk=ids[("川越市", "市民活動支援課")])
        assert (back.jurisdiction, back.level) == ("川越市", "municipality")
        assert Old.objects.get(pk=ids[("埼玉県", "県民生活課")]).level == "prefecture"
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
