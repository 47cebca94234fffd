"""A national deployment's bodies for the scale seed: 47 prefectures and 1,741 municipalities with
valid, unique codes."""

import io

import pytest
from django.core.management import call_command

from devdata.scale.bodies import NATIONAL_BODIES, national_bodies
from partners.local_government_codes import is_valid_code, known_bodies
from partners.models import GovernmentBody, Membership, Organization


def test_national_bodies_have_valid_unique_codes():
    specs = national_bodies()
    assert len(specs) == NATIONAL_BODIES == 1_788
    prefectures = [s for s in specs if s.level == "prefecture"]
    assert len(prefectures) == 47
    codes = [s.code for s in specs]
    assert len(set(codes)) == len(codes)
    assert all(is_valid_code(code) for code in codes)
    assert len({s.slug for s in specs}) == len(specs)
    assert len({s.name for s in specs}) == len(specs)
    # Every municipality names a prefecture of the list, and shares its two leading digits.
    prefecture_codes = {s.code for s in prefectures}
    for spec in specs:
        if spec.level == "municipality":
            assert spec.prefecture_code in prefecture_codes
            assert spec.code[:2] == spec.prefecture_code[:2]
    # 埼玉県 and its municipalities are the real ones; the rest say they are synthetic.
    real = {known["code"] for known in known_bodies().values()}
    assert real <= set(codes)
    assert all("synthetic" in s.name_en for s in specs if s.code not in real)


@pytest.mark.django_db
def test_seed_scale_spreads_offices_over_every_national_body():
    call_command(
        "seed_scale", "--projects", "40", "--bodies", "1788", "--seed", "5", stdout=io.StringIO()
    )
    assert GovernmentBody.objects.count() == 1_788
    assert GovernmentBody.objects.filter(level="prefecture").count() == 47
    offices = Organization.objects.filter(kind=Organization.Kind.GOVERNMENT)
    assert offices.values("body").distinct().count() == 1_788
    # The benchmark's staff sit in 埼玉県 as in the prefectural run, and its manager manages
    # every body.
    assert Membership.objects.get(user__username="bench_staff").organization.body.name == "埼玉県"
    managed = Membership.objects.filter(user__username="bench_manager")
    assert managed.values("organization__body").distinct().count() == 1_788
    for body in GovernmentBody.objects.all():
        body.full_clean()
