"""Each person is offered only the notice kinds that can reach them (by their roles), and the
reminder settings say, per kind, whether the days count before or after the date they count from."""

import re

import pytest
from django.urls import reverse

from kyodo_portal.core import events
from kyodo_portal.core.models import ReminderKind, ReminderPreference
from kyodo_portal.core.reminders import specs
from kyodo_portal.forms import ReminderPolicyForm
from kyodo_portal.services import reminder_policies

pytestmark = pytest.mark.django_db

# member_reminded: the secretary's reminder to a member who still owes declarations or scores.
REVIEWER_KINDS = {
    ReminderKind.SCORING_DUE,
    "committee_appointed",
    "scoring_opened",
    "member_reminded",
}
MANAGER_KINDS = {"results_export", "third_party_requested"}


def offered(client, user) -> set[str]:
    client.force_login(user)
    html = client.get(reverse("reminder_settings")).content.decode()
    return set(re.findall(r'name="kinds" value="([a-z_]+)"', html))


def test_an_npo_member_is_not_offered_committee_reviewer_or_staff_kinds(client, npo_user):
    kinds = offered(client, npo_user)
    assert not kinds & (REVIEWER_KINDS | MANAGER_KINDS)
    assert ReminderKind.PROPOSAL_NO_RESPONSE not in kinds  # the office answers a proposal
    assert {ReminderKind.CALL_DEADLINE, ReminderKind.EVALUATION_DUE, "call_decided"} <= kinds


def test_a_reviewer_is_offered_the_review_kinds_only(client, reviewer_user):
    assert offered(client, reviewer_user) == REVIEWER_KINDS


def test_staff_and_managers_are_offered_their_own_kinds(client, staff_user, manager_user):
    staff = offered(client, staff_user)
    expected = {ReminderKind.PROPOSAL_NO_RESPONSE, "application_received", "proposal_submitted"}
    assert expected <= staff
    assert not staff & (REVIEWER_KINDS | MANAGER_KINDS)
    assert ReminderKind.CALL_DEADLINE not in staff  # an NPO's draft application
    assert offered(client, manager_user) == MANAGER_KINDS


def test_every_kind_says_who_it_reaches():
    assert all(spec.roles for spec in specs().values())
    assert all(kind.roles for kind in events.kinds().values())


def test_saving_the_page_keeps_the_choice_for_kinds_it_did_not_show(client, reviewer_user):
    ReminderPreference.objects.create(user=reviewer_user, kind="proposal_commented", enabled=False)
    client.force_login(reviewer_user)
    client.post(reverse("reminder_settings"), {"kinds": [ReminderKind.SCORING_DUE]})
    prefs = dict(
        ReminderPreference.objects.filter(user=reviewer_user).values_list("kind", "enabled")
    )
    assert prefs["proposal_commented"] is False
    assert prefs[ReminderKind.SCORING_DUE] is True
    assert ReminderKind.EVALUATION_DUE not in prefs


# Where each kind's days count from and in which direction (the sweeps in each app's reminders.py).
HELP = {
    ReminderKind.EVALUATION_DUE: "事業終了日の30日後",
    ReminderKind.EVALUATION_OTHER_SIDE: "相手方が評価シートを提出した日の7日後",
    ReminderKind.FEEDBACK_UNACKNOWLEDGED: "方法選択の段階に入った日の7日後",
    ReminderKind.ANNUAL_REVIEW: "年度末（3月31日）の30日前",
    ReminderKind.AGREEMENT_CONFIRMATION: "一方が協定案を確認した日の3日後",
    ReminderKind.PROPOSAL_NO_RESPONSE: "協働提案が提出された日の14日後",
    ReminderKind.SCORING_DUE: "採点期限の3日前",
    ReminderKind.CALL_DEADLINE: "応募締切の3日前",
}


@pytest.mark.parametrize("kind", sorted(HELP))
def test_each_kinds_help_says_before_or_after_what(kind, office):
    policy = reminder_policies([office.body_id])[office.body_id][kind]
    help_text = str(ReminderPolicyForm(instance=policy, prefix=kind).fields["lead_days"].help_text)
    assert f"（現在：{HELP[kind]}）" in help_text
    direction = "何日後" if HELP[kind].endswith("後") else "何日前"
    assert help_text.startswith(HELP[kind].rsplit("の", 1)[0] + "の" + direction)


def test_the_help_is_covered_for_every_registered_kind():
    assert set(HELP) == set(specs())


def test_the_policies_page_shows_each_kinds_direction(client, manager_user):
    client.force_login(manager_user)
    html = client.get(reverse("reminder_policies")).content.decode()
    assert "採点期限の何日前に通知するか" in html
    assert "事業終了日の何日後に通知するか" in html
    assert "評価・提案への回答は" not in html


def test_the_help_is_in_english_for_english_readers(client, manager_user):
    manager_user.preferred_language = "en"
    manager_user.save()
    client.force_login(manager_user)
    html = client.get(reverse("reminder_policies"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "days before the scoring deadline" in html
