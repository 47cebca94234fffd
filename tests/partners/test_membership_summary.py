"""membership_summary: a person's roles and a digest of their memberships, read in one row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kyodo_portal.core.roles import Role
from partners import selectors
from partners.models import Membership, User
from tests.factories import MembershipFactory, NpoFactory, OfficeFactory, UserFactory

pytestmark = pytest.mark.django_db


def fresh(user: User) -> User:
    """The person as the next request reads them: nothing loaded yet."""
    return User.objects.get(pk=user.pk)


def summary_from_the_loaded_memberships(user: User) -> selectors.MembershipSummary:
    user = fresh(user)
    selectors.memberships_of(user)
    return selectors.membership_summary(user)


def test_one_query_gives_the_roles_and_the_same_digest_as_the_loaded_memberships():
    user = UserFactory()
    # Many organisations and two roles in one of them: the database and Python must order the
    # pairs alike (by organisation, then role) for the two digests to agree.
    offices = [OfficeFactory() for _ in range(11)]
    for office in offices:
        MembershipFactory(user=user, organization=office, role=Role.MANAGER)
    MembershipFactory(user=user, organization=offices[3], role=Role.STAFF)
    MembershipFactory(user=user, organization=NpoFactory(), role=Role.NPO)

    reader = fresh(user)
    with CaptureQueriesContext(connection) as queries:
        summary = selectors.membership_summary(reader)
        assert selectors.membership_summary(reader) is summary  # kept for the request
    assert len(queries) == 1
    assert summary.roles == {Role.MANAGER, Role.STAFF, Role.NPO}
    assert summary == summary_from_the_loaded_memberships(user)


def test_the_digest_moves_with_any_change_of_membership_made_in_or_outside_the_portal():
    user = UserFactory()
    office, other = OfficeFactory(), OfficeFactory()
    kept = MembershipFactory(user=user, organization=office, role=Role.STAFF)
    digests = [selectors.membership_summary(fresh(user)).digest]

    added = MembershipFactory(user=user, organization=other, role=Role.STAFF)
    digests.append(selectors.membership_summary(fresh(user)).digest)
    # Raw updates, as a script or the database console would make them: no signal is sent.
    Membership.objects.filter(pk=kept.pk).update(role=Role.MANAGER)
    digests.append(selectors.membership_summary(fresh(user)).digest)
    Membership.objects.filter(pk=added.pk).update(organization=OfficeFactory())
    digests.append(selectors.membership_summary(fresh(user)).digest)
    Membership.objects.filter(pk=added.pk).delete()
    digests.append(selectors.membership_summary(fresh(user)).digest)

    assert len(set(digests)) == len(digests)
    assert selectors.membership_summary(fresh(user)).roles == {Role.MANAGER}
    assert selectors.membership_summary(fresh(user)) == summary_from_the_loaded_memberships(user)


def test_someone_without_memberships_has_no_roles():
    user = UserFactory()
    summary = selectors.membership_summary(fresh(user))
    assert summary.roles == frozenset()
    assert summary == summary_from_the_loaded_memberships(user)


def test_forgetting_the_memberships_reads_the_summary_again():
    user = fresh(MembershipFactory(role=Role.STAFF).user)
    assert selectors.membership_summary(user).roles == {Role.STAFF}
    MembershipFactory(user=user, organization=OfficeFactory(), role=Role.MANAGER)
    selectors.forget_memberships(user)
    assert selectors.membership_summary(user).roles == {Role.STAFF, Role.MANAGER}


def test_other_databases_read_the_pairs_and_reach_the_same_summary(monkeypatch):
    user = MembershipFactory(role=Role.MANAGER).user
    MembershipFactory(user=user, organization=OfficeFactory(), role=Role.STAFF)
    expected = selectors.membership_summary(fresh(user))
    # SQLite, the zero-setup default, has no md5() or string_agg(): the pairs are read instead.
    monkeypatch.setattr(connection, "vendor", "sqlite")
    assert selectors.membership_summary(fresh(user)) == expected
