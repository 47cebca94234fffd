"""people_of: the recipients of a notice addressed to a side."""

import pytest

from kyodo_portal.core.roles import Role
from partners import selectors
from tests.factories import MembershipFactory, NpoFactory

pytestmark = pytest.mark.django_db


def test_people_of_gives_active_holders_of_the_role_once_each():
    npo, other = NpoFactory(), NpoFactory()
    member = MembershipFactory(organization=npo, role=Role.NPO).user
    MembershipFactory(user=member, organization=other, role=Role.NPO)
    retired = MembershipFactory(organization=npo, role=Role.NPO).user
    retired.is_active = False
    retired.save()
    MembershipFactory(organization=npo, role=Role.REVIEWER)
    MembershipFactory(organization=NpoFactory(), role=Role.NPO)

    assert selectors.people_of([npo, other.pk], Role.NPO) == [member]
    assert selectors.people_of([None], Role.NPO) == []
