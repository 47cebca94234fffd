"""The NPO's voice on the agreement: comments on each article, change requests the office
answers with a new version, the payment terms, and what the pages show of them."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kyodo_portal.core import events
from kyodo_portal.core.models import AuditEntry, Notification
from projects import permissions, services
from projects.choices import ConfirmingSide, Stage
from projects.models import AgreementChangeRequest, AgreementComment, AgreementVersion
from projects.reminders import _agreement_confirmation_message
from projects.selectors import agreement_version
from tests.projects.conftest import COSTS, ROLES, confirm, project_at, save_agreement
from tests.projects.test_agreement import agreement_post


@pytest.fixture
def agreement_project(office, npo, staff_user):
    project = project_at(Stage.AGREEMENT, office, npo=npo)
    save_agreement(project, staff_user)
    return project


@pytest.fixture
def current(agreement_project):
    return agreement_version(agreement_project)


def comment(version, by, article="costs", body="人件費の単価を確認させてください。"):
    return services.agreement_comment_add(version=version, by=by, article=article, body=body)


def request_change(version, by, article="costs", reason="人件費が最低賃金を下回っています。"):
    return services.agreement_change_request(version=version, by=by, article=article, reason=reason)


# --- Services ----------------------------------------------------------------------------


def test_both_sides_comment_and_the_other_side_is_told(current, staff_user, npo_user, npo, office):
    from_npo = comment(current, npo_user)
    from_office = comment(current, staff_user, article="roles", body="会場は県が手配します。")
    assert (from_npo.organization, from_npo.author) == (npo, npo_user)
    assert from_office.organization == office
    notices = Notification.objects.filter(kind="agreement_commented")
    assert sorted(notices.values_list("recipient__username", flat=True)) == ["npo", "staff"]
    told_staff = notices.get(recipient=staff_user)
    assert "費用分担" in told_staff.body and "人件費の単価" in told_staff.body
    assert told_staff.url.endswith("#thread-costs")
    assert AuditEntry.objects.filter(action="project.agreement_comment").count() == 2


def test_a_comment_needs_text_within_the_limit_and_a_known_article(current, npo_user):
    with pytest.raises(ValidationError) as empty:
        comment(current, npo_user, body="   ")
    assert empty.value.messages == [str(services.AGREEMENT_COMMENT_REQUIRED)]
    with pytest.raises(ValidationError) as long:
        comment(current, npo_user, body="あ" * 4001)
    assert long.value.messages == [
        str(services.AGREEMENT_TEXT_TOO_LONG) % {"max": "4,000", "length": 4001}
    ]
    with pytest.raises(ValidationError) as unknown:
        comment(current, npo_user, article="budget")
    assert unknown.value.messages == [str(services.ARTICLE_UNKNOWN)]
    comment(current, npo_user, body="あ" * 4000)
    assert AgreementComment.objects.count() == 1


def test_an_older_version_takes_no_more_comments_or_requests(
    agreement_project, current, staff_user, npo_user
):
    confirm(agreement_project, npo_user, ConfirmingSide.NPO)
    save_agreement(agreement_project, staff_user, roles=ROLES[:1])  # now version 2
    with pytest.raises(services.StaleEdit) as refused:
        comment(current, npo_user)
    assert refused.value.messages == [str(services.VERSION_NOT_CURRENT) % {"number": 1}]
    with pytest.raises(services.StaleEdit):
        request_change(current, npo_user)


def test_an_npo_not_party_to_the_project_cannot_comment_or_request(current, other_npo_user):
    with pytest.raises(services.PermissionDenied) as refused:
        comment(current, other_npo_user)
    assert str(refused.value) == str(permissions.NOT_PARTY_TO_AGREEMENT)
    with pytest.raises(services.PermissionDenied) as refused:
        request_change(current, other_npo_user)
    assert str(refused.value) == str(permissions.NOT_PARTNER_FOR_CHANGE)
    assert not AgreementComment.objects.exists() and not AgreementChangeRequest.objects.exists()


def test_the_office_answers_with_a_version_rather_than_requesting(current, staff_user):
    with pytest.raises(services.PermissionDenied) as refused:
        request_change(current, staff_user)
    assert str(refused.value) == str(permissions.NOT_PARTNER_FOR_CHANGE)


def test_after_the_agreement_stage_nobody_comments_or_requests(
    agreement_project, current, npo_user, staff_user
):
    agreement_project.stage = Stage.IMPLEMENTATION
    agreement_project.save()
    for call, by in ((comment, staff_user), (comment, npo_user), (request_change, npo_user)):
        with pytest.raises(services.PermissionDenied) as refused:
            call(current, by)
        assert str(refused.value) == str(permissions.AGREEMENT_STAGE_PASSED)


def test_a_change_request_needs_a_reason(current, npo_user):
    with pytest.raises(ValidationError) as refused:
        request_change(current, npo_user, reason=" \n ")
    assert refused.value.messages == [str(services.CHANGE_REASON_REQUIRED)]
    assert not AgreementChangeRequest.objects.exists()


def test_a_change_request_is_recorded_and_the_office_is_told(current, npo_user, npo, staff_user):
    change = request_change(current, npo_user)
    assert (change.organization, change.requested_by, change.version) == (npo, npo_user, current)
    assert change.is_open
    notice = Notification.objects.get(kind="agreement_change_requested")
    assert notice.recipient == staff_user
    assert "最低賃金" in notice.body and notice.url.endswith("#change-requests")
    assert AuditEntry.objects.filter(action="project.agreement_change_request").exists()


def test_a_stopped_comment_notice_stays_stopped_but_a_change_request_still_arrives(
    current, staff_user, npo_user
):
    from kyodo_portal.core.models import ReminderPreference

    for kind in ("agreement_commented", "agreement_change_requested"):
        ReminderPreference.objects.create(user=staff_user, kind=kind, enabled=False)
    comment(current, npo_user)
    request_change(current, npo_user)
    assert list(Notification.objects.values_list("kind", flat=True)) == [
        "agreement_change_requested"
    ]


def test_the_office_comment_goes_to_the_npo_only(current, staff_user, npo_user):
    comment(current, staff_user)
    notice = Notification.objects.get(kind="agreement_commented")
    assert notice.recipient == npo_user


def test_the_notice_kinds_are_registered():
    assert events.kind_for("agreement_change_requested").mandatory is True
    assert events.kind_for("agreement_commented").mandatory is False


def test_saving_after_a_request_makes_a_new_version_that_settles_it(
    agreement_project, current, staff_user, npo_user
):
    change = request_change(current, npo_user)
    # An identical save changes nothing and answers nothing.
    assert save_agreement(agreement_project, staff_user).number == 1
    change.refresh_from_db()
    assert change.is_open
    new = save_agreement(agreement_project, staff_user, costs=[dict(COSTS[0], amount=1_500_000)])
    assert new.number == 2
    change.refresh_from_db()
    assert change.settled_by_version == new and change.settled_at is not None
    # The first version keeps its text; the request stays with the version it was about.
    assert [line.amount for line in agreement_version(agreement_project, 1).costs.all()] == [
        1_200_000,
        300_000,
    ]
    assert change.version == current
    # Confirmations still apply per version: both now confirm version 2.
    confirm(agreement_project, staff_user, ConfirmingSide.GOVERNMENT)
    confirm(agreement_project, npo_user, ConfirmingSide.NPO)
    assert new.confirmations.count() == 2 and not current.confirmations.exists()


def test_saving_after_a_comment_keeps_the_commented_text(agreement_project, current, staff_user):
    comment(current, staff_user)
    new = save_agreement(agreement_project, staff_user, roles=ROLES[:1])
    assert new.number == 2
    assert AgreementComment.objects.get().version == current
    assert current.roles.count() == 2


def test_payment_terms_are_saved_and_change_in_place_before_anyone_speaks(
    agreement_project, staff_user
):
    version = services.agreement_save(
        project=agreement_project,
        by=staff_user,
        roles=ROLES,
        costs=COSTS,
        responsibilities=_responsibilities(),
        revision=1,
        payment_method="estimated",
        payment_schedule="4月に概算額の半額、10月に残額を支払う。",
    )
    assert version.number == 1
    version.refresh_from_db()
    assert version.get_payment_method_display() == "概算払"
    with pytest.raises(ValidationError) as refused:
        services.agreement_save(
            project=agreement_project,
            by=staff_user,
            roles=ROLES,
            costs=COSTS,
            responsibilities=_responsibilities(),
            revision=2,
            payment_method="cash",
        )
    assert refused.value.messages == [str(services.INVALID_PAYMENT_METHOD)]


def _responsibilities():
    from tests.projects.conftest import RESPONSIBILITIES

    return RESPONSIBILITIES


# --- Reminder ----------------------------------------------------------------------------


def test_the_npo_reminder_asks_to_confirm_or_request_a_change_not_to_edit(
    agreement_project, current, staff_user, npo_user
):
    confirm(agreement_project, staff_user, ConfirmingSide.GOVERNMENT)
    _title, body = _agreement_confirmation_message(SimpleNamespace(subject_id=current.pk))
    assert "修正を依頼する" in body
    assert "編集" not in body


def test_the_office_reminder_still_tells_it_to_edit(agreement_project, current, npo_user):
    confirm(agreement_project, npo_user, ConfirmingSide.NPO)
    _title, body = _agreement_confirmation_message(SimpleNamespace(subject_id=current.pk))
    assert "編集" in body and "修正を依頼する" not in body


# --- Pages -------------------------------------------------------------------------------


def page(client, project):
    return client.get(reverse("projects:agreement", args=[project.pk])).content.decode()


def test_the_npo_sees_threads_and_the_request_form_the_office_only_threads(
    client, agreement_project, current, staff_user, npo_user
):
    comment(current, npo_user, article="responsibilities", body="保険の加入はどちらですか。")
    client.force_login(npo_user)
    body = page(client, agreement_project)
    assert 'id="thread-roles"' in body and 'id="thread-payment"' in body
    assert 'id="thread-other"' in body
    assert "保険の加入はどちらですか。" in body
    assert "修正を依頼する" in body
    assert reverse("projects:agreement_change_request", args=[agreement_project.pk]) in body
    client.force_login(staff_user)
    body = page(client, agreement_project)
    assert reverse("projects:agreement_comment", args=[agreement_project.pk]) in body
    assert reverse("projects:agreement_change_request", args=[agreement_project.pk]) not in body


def test_commenting_from_the_page(client, agreement_project, current, npo_user):
    client.force_login(npo_user)
    response = client.post(
        reverse("projects:agreement_comment", args=[agreement_project.pk]),
        {"number": 1, "article": "payment", "body": "支払は前金払にしてください。"},
    )
    assert response.status_code == 302 and response.url.endswith("#thread-payment")
    assert AgreementComment.objects.get().article == "payment"


def test_a_refused_comment_is_explained_and_the_typing_kept(
    client, agreement_project, current, npo_user
):
    client.force_login(npo_user)
    typed = "長すぎる" * 1001
    response = client.post(
        reverse("projects:agreement_comment", args=[agreement_project.pk]),
        {"number": 1, "article": "roles", "body": typed},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "4,000文字以内で入力してください" in body
    assert typed in body
    assert not AgreementComment.objects.exists()


def test_a_comment_on_a_version_replaced_meanwhile_is_explained_and_kept(
    client, agreement_project, current, staff_user, npo_user
):
    confirm(agreement_project, staff_user, ConfirmingSide.GOVERNMENT)
    save_agreement(agreement_project, staff_user, roles=ROLES[:1])  # version 2 while reading 1
    client.force_login(npo_user)
    response = client.post(
        reverse("projects:agreement_change_request", args=[agreement_project.pk]),
        {"number": 1, "article": "roles", "reason": "広報の担当を書き加えてください。"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert str(services.VERSION_NOT_CURRENT) % {"number": 1} in body
    assert "広報の担当を書き加えてください。" in body
    assert not AgreementChangeRequest.objects.exists()


def test_requesting_a_change_without_a_reason_is_explained_and_kept(
    client, agreement_project, current, npo_user
):
    client.force_login(npo_user)
    response = client.post(
        reverse("projects:agreement_change_request", args=[agreement_project.pk]),
        {"number": 1, "article": "costs", "reason": "  "},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert str(services.CHANGE_REASON_REQUIRED) in body
    assert '<option value="costs" selected>' in body
    assert not AgreementChangeRequest.objects.exists()


def test_a_request_on_the_page_settled_by_the_office_new_version(
    client, agreement_project, current, staff_user, npo_user
):
    client.force_login(npo_user)
    response = client.post(
        reverse("projects:agreement_change_request", args=[agreement_project.pk]),
        {"number": 1, "article": "costs", "reason": "会場費を県の負担にしてください。"},
    )
    assert response.status_code == 302
    body = page(client, agreement_project)
    assert 'data-change-request="open"' in body and "未対応" in body
    client.force_login(staff_user)
    edit_url = reverse("projects:agreement_edit", args=[agreement_project.pk])
    assert "会場費を県の負担にしてください。" in client.get(edit_url).content.decode()
    costs = [COSTS[0], dict(COSTS[1], amount=250_000)]
    data = agreement_post(revision=1, costs=costs)
    data.update(payment_method="settlement", payment_schedule="事業完了後に精算")
    response = client.post(edit_url, data, follow=True)
    body = response.content.decode()
    assert "第2版として保存しました" in body
    assert "修正依頼1件を、第2版で対応済みにしました。" in body
    assert 'data-change-request="settled"' in body and "第2版で対応済み" in body
    assert "第1版からの変更点を見る" in body
    assert "精算払" in body and "事業完了後に精算" in body
    version_page = client.get(
        reverse("projects:agreement_version", args=[agreement_project.pk, 2])
    ).content.decode()
    assert "金額：<del>300,000円</del> → <ins>250,000円</ins>" in version_page
    assert "<del>会場費" not in version_page


def test_an_earlier_version_keeps_what_was_said_about_it(
    client, agreement_project, current, staff_user, npo_user
):
    comment(current, npo_user, article="roles", body="広報はNPOも担えます。")
    save_agreement(agreement_project, staff_user, roles=ROLES[:1])
    client.force_login(npo_user)
    old = client.get(
        reverse("projects:agreement_version", args=[agreement_project.pk, 1])
    ).content.decode()
    assert "広報はNPOも担えます。" in old
    assert reverse("projects:agreement_comment", args=[agreement_project.pk]) not in old
    assert "広報はNPOも担えます。" not in page(client, agreement_project)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("staff", 302),
        ("npo", 302),
        ("other_staff", 404),
        ("other_npo", 404),
        ("reviewer", 404),
        ("manager", 403),
    ],
)
def test_who_may_comment_from_the_page(client, request, agreement_project, current, role, status):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(f"{role}_user"))
    response = client.post(
        reverse("projects:agreement_comment", args=[agreement_project.pk]),
        {"number": 1, "article": "other", "body": "よろしくお願いします。"},
    )
    assert response.status_code == status
    assert AgreementComment.objects.exists() == (role in ("staff", "npo"))


@pytest.mark.parametrize(
    ("role", "status"), [("npo", 302), ("staff", 403), ("other_npo", 404), ("manager", 403)]
)
def test_who_may_request_a_change_from_the_page(
    client, request, agreement_project, current, role, status
):
    client.force_login(request.getfixturevalue(f"{role}_user"))
    response = client.post(
        reverse("projects:agreement_change_request", args=[agreement_project.pk]),
        {"number": 1, "article": "other", "reason": "期間を延ばしてください。"},
    )
    assert response.status_code == status
    assert AgreementChangeRequest.objects.exists() == (role == "npo")


def test_editing_after_the_agreement_stage_says_why(client, agreement_project, staff_user):
    agreement_project.stage = Stage.IMPLEMENTATION
    agreement_project.save()
    client.force_login(staff_user)
    url = reverse("projects:agreement_edit", args=[agreement_project.pk])
    for response in (client.get(url), client.post(url, agreement_post(revision=1))):
        assert response.status_code == 403
        assert "projects/refused.html" in [t.name for t in response.templates]
        body = response.content.decode()
        assert str(permissions.AGREEMENT_STAGE_PASSED) in body
        assert f'href="{agreement_project.get_absolute_url()}"' in body
    assert AgreementVersion.objects.count() == 1


def test_editing_is_still_404_for_an_outsider(client, agreement_project, other_staff_user):
    agreement_project.stage = Stage.IMPLEMENTATION
    agreement_project.save()
    client.force_login(other_staff_user)
    url = reverse("projects:agreement_edit", args=[agreement_project.pk])
    assert client.get(url).status_code == 404


def _page_queries(client, project, user) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(user)
    client.get(reverse("projects:agreement", args=[project.pk]))  # session and caches settle
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("projects:agreement", args=[project.pk])).status_code == 200
    return len(queries)


def test_a_long_dialogue_costs_the_page_no_more_queries(
    client, agreement_project, current, staff_user, npo_user
):
    quiet = {
        user: _page_queries(client, agreement_project, user) for user in (staff_user, npo_user)
    }
    for index in range(15):
        comment(current, npo_user, article="roles", body=f"質問{index}")
        comment(current, staff_user, article="costs", body=f"回答{index}")
        request_change(current, npo_user, reason=f"理由{index}")
    for user in (staff_user, npo_user):
        assert _page_queries(client, agreement_project, user) == quiet[user]
    assert "質問14" in page(client, agreement_project)


def test_the_agreement_page_reads_at_most_two_queries_more_than_before(
    client, django_assert_max_num_queries, office, npo, staff_user, npo_user
):
    """The page read 14 queries (staff) and 13 (NPO) before the dialogue; threads and the
    request history add one query each."""
    from tests.projects.test_lists_and_queries import rich_project

    project = rich_project(office, npo, staff_user, npo_user, 12)
    for user, before in ((staff_user, 14), (npo_user, 13)):
        client.force_login(user)
        with django_assert_max_num_queries(before + 2):
            assert client.get(reverse("projects:agreement", args=[project.pk])).status_code == 200
