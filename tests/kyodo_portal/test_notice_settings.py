"""The notification settings page lists the event kinds by app; a person stops any kind that is
not mandatory, and a stopped kind is no longer sent to them."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from kyodo_portal.core import events
from kyodo_portal.core.models import Notification
from projects import notices
from projects import services as project_services

pytestmark = pytest.mark.django_db


def test_the_page_lists_the_event_kinds_of_the_roles_by_app_mandatory_ones_disabled_and_checked(
    client, staff_user, django_assert_max_num_queries
):
    client.force_login(staff_user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("reminder_settings"))
    html = response.content.decode()
    groups = {group["app"]: group for group in response.context["event_groups"]}
    assert {"projects", "selection", "evaluation"} <= set(groups)
    assert "協働事業" in html and "協働相手の選定" in html and "協働の評価" in html
    listed = {row["kind"] for group in groups.values() for row in group["rows"]}
    assert listed == {kind for kind, event in events.kinds().items() if "staff" in event.roles}
    for kind in (events.kind_for(kind) for kind in listed):
        box = re.search(rf'<input[^>]*id="kind-{kind.kind}"[^>]*>', html).group(0)
        assert ("disabled" in box) == kind.mandatory
        if kind.mandatory:
            assert "checked" in box
            assert f'id="mandatory-{kind.kind}">必須（停止できません）<' in html


def test_a_stopped_kind_is_no_longer_sent_but_a_mandatory_one_still_is(
    client, npo, npo_user, staff_user, office, django_capture_on_commit_callbacks
):
    client.force_login(npo_user)
    # Everything unticked: only what cannot be stopped stays on.
    client.post(reverse("reminder_settings"), {"kinds": []})
    rows = {
        row["kind"]: row
        for group in client.get(reverse("reminder_settings")).context["event_groups"]
        for row in group["rows"]
    }
    assert rows[notices.PROPOSAL_COMMENTED]["enabled"] is False
    assert rows[notices.PROPOSAL_DECLINED]["enabled"] is True
    proposal, other = (
        project_services.proposal_submit(
            proposal=project_services.proposal_create(
                by=npo_user,
                organization=npo,
                values={"addressed_office": office, "title": title, "issue": "i", "idea": "i"},
            ),
            by=npo_user,
        )
        for title in ("居場所", "学習支援")
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        project_services.proposal_comment(proposal=proposal, by=staff_user, body="質問です")
        project_services.proposal_decline(proposal=proposal, by=staff_user, reason="予算がない")
    kinds = set(Notification.objects.filter(recipient=npo_user).values_list("kind", flat=True))
    assert kinds == {notices.PROPOSAL_DECLINED}
    assert len(mail.outbox) == 1
    # Ticking the kind again brings it back.
    client.post(reverse("reminder_settings"), {"kinds": [notices.PROPOSAL_COMMENTED]})
    project_services.proposal_comment(proposal=other, by=staff_user, body="もう一つ")
    assert Notification.objects.filter(recipient=npo_user, kind=notices.PROPOSAL_COMMENTED).exists()
