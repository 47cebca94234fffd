"""Services of partner selection: locking and versions, deadlines in Asia/Tokyo, applications,
attachments, conflicts of interest, scores, the decision and designations."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kyodo_portal.core import attachments
from kyodo_portal.core.errors import PermissionDenied
from kyodo_portal.core.roles import Role
from projects.choices import Stage
from projects.models import ProjectPartner
from selection import permissions as perms
from selection import services
from selection.models import (
    Application,
    ApplicationAttachment,
    Call,
    CallRevision,
    ConflictDeclaration,
    Designation,
    Score,
)
from tests.factories import add_partner, member
from tests.selection.support import (
    CRITERIA,
    apply,
    declare,
    jst,
    make_call,
    score_all,
    seat,
    selection_project,
)
from tests.uploads import PDF, PNG, docx_bytes, plain_zip

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Dozens of people per test: a fast hasher keeps the suite quick (tests only)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def project(office):
    return selection_project(office, title="子育て広場運営事業")


def call_values(**overrides):
    deadline = overrides.pop("application_deadline", timezone.now() + datetime.timedelta(days=20))
    values = {
        "title": "子育て広場の協働相手の公募",
        "purpose": "親子の居場所づくり",
        "eligibility": "県内で活動する団体（法人格の有無は問わない）",
        "budget_cap": 3_000_000,
        "application_deadline": deadline,
        "scoring_deadline": deadline + datetime.timedelta(days=10),
        "announcement_date": (deadline + datetime.timedelta(days=20)).date(),
        "method": Call.Method.DOCUMENTS,
        "method_notes": "",
        "total_points": 100,
        "scale_min": 1,
        "scale_max": 5,
    }
    values.update(overrides)
    return values


def criteria_dicts(pairs=CRITERIA, **flags):
    return [
        {"name": name, "description": "", "weight": weight, "concerns_legal_status": False}
        for name, weight in pairs
    ]


# --- creating, locking and correcting calls --------------------------------------------------
def test_staff_drafts_and_publishes_a_call(project, staff_user):
    call = services.call_create(
        project=project, by=staff_user, values=call_values(), criteria=criteria_dicts()
    )
    assert call.status == Call.Status.DRAFT
    assert [c.weight for c in call.criteria.all()] == [20, 25, 15, 25, 15]
    revision = services.call_publish(call=call, by=staff_user)
    call.refresh_from_db()
    assert call.status == Call.Status.OPEN and call.revision == 1
    assert revision.number == 1 and revision.notice == ""
    assert revision.snapshot["criteria"][0]["name"] == "公益性"
    assert revision.snapshot["total_points"] == 100


def test_weights_must_sum_to_the_declared_total(project, staff_user):
    heavy = criteria_dicts([("公益性", 60), ("実現性", 50)])
    with pytest.raises(ValidationError) as caught:
        services.call_create(project=project, by=staff_user, values=call_values(), criteria=heavy)
    assert str(services.WEIGHTS_MISMATCH) % {"sum": 110, "total": 100} in caught.value.messages
    assert not Call.objects.exists()


def test_a_call_needs_criteria_and_a_sane_scale(project, staff_user):
    with pytest.raises(ValidationError) as caught:
        services.call_create(
            project=project, by=staff_user, values=call_values(scale_min=5), criteria=[]
        )
    assert str(services.NO_CRITERIA) in caught.value.messages
    assert str(services.SCALE_INVALID) in caught.value.messages


def test_publish_refuses_a_past_deadline_and_dates_out_of_order(project, staff_user):
    call = make_call(project, deadline=timezone.now() - datetime.timedelta(hours=1))
    with pytest.raises(ValidationError) as caught:
        services.call_publish(call=call, by=staff_user)
    assert str(services.DEADLINE_IN_PAST) in caught.value.messages
    call.refresh_from_db()
    assert call.status == Call.Status.DRAFT


def test_a_short_application_period_needs_a_reason_published_with_the_call(
    project, staff_user, settings
):
    settings.CALL_MIN_APPLICATION_DAYS = 14
    now = jst(2026, 6, 1, 9, 0)
    call = make_call(project, deadline=jst(2026, 6, 11, 17, 0))  # 10 days to apply
    with pytest.raises(ValidationError) as caught:
        services.call_publish(call=call, by=staff_user, short_period_reason="  ", now=now)
    assert caught.value.messages == [
        str(services.SHORT_PERIOD_REASON_REQUIRED) % {"days": 10, "minimum": 14}
    ]
    call.refresh_from_db()
    assert call.status == Call.Status.DRAFT
    services.call_publish(
        call=call, by=staff_user, short_period_reason=" 年度内に事業を終えるため。 ", now=now
    )
    call.refresh_from_db()
    assert call.status == Call.Status.OPEN
    assert call.short_period_reason == "年度内に事業を終えるため。"


def test_the_minimum_period_counts_calendar_days_and_follows_the_setting(
    project, staff_user, settings
):
    now = jst(2026, 6, 1, 23, 30)
    settings.CALL_MIN_APPLICATION_DAYS = 14
    enough = make_call(project, deadline=jst(2026, 6, 15, 0, 30))  # 14 calendar days
    assert services.short_period(enough, now) is None
    services.call_publish(call=enough, by=staff_user, short_period_reason="不要な理由", now=now)
    enough.refresh_from_db()
    assert enough.short_period_reason == ""  # no reason is published for a long enough period

    settings.CALL_MIN_APPLICATION_DAYS = 30
    other = make_call(selection_project(project.owner_office), deadline=jst(2026, 6, 21, 17))
    assert services.short_period(other, now) == 20
    with pytest.raises(ValidationError) as caught:
        services.call_publish(call=other, by=staff_user, now=now)
    assert caught.value.messages == [
        str(services.SHORT_PERIOD_REASON_REQUIRED) % {"days": 20, "minimum": 30}
    ]


def test_only_the_owner_office_manages_a_call(project, other_staff_user, npo_user):
    call = make_call(project)
    for person in (other_staff_user, npo_user):
        with pytest.raises(PermissionDenied) as caught:
            services.call_publish(call=call, by=person)
        assert str(caught.value) == str(perms.NOT_CALL_OWNER)


def test_a_call_is_only_created_at_the_partner_selection_stage(office, staff_user):
    early = selection_project(office, stage=Stage.METHOD)
    with pytest.raises(PermissionDenied) as caught:
        services.call_create(
            project=early, by=staff_user, values=call_values(), criteria=criteria_dicts()
        )
    assert str(caught.value) == str(perms.WRONG_STAGE_FOR_SELECTION)


def test_published_call_is_locked_against_plain_edits(project, staff_user):
    call = make_call(project, status=Call.Status.OPEN)
    with pytest.raises(PermissionDenied) as caught:
        services.call_update(
            call=call,
            by=staff_user,
            values=call_values(),
            criteria=criteria_dicts([("公益性", 100)]),
            version=call.version,
        )
    assert str(caught.value) == str(perms.CALL_LOCKED)
    assert [c.name for c in call.criteria.all()] == [name for name, _w in CRITERIA]


def test_a_correction_publishes_a_new_version_with_notice_and_change_log(project, staff_user):
    call = make_call(project, status=Call.Status.OPEN)
    values = call_values(application_deadline=call.application_deadline)
    new_criteria = criteria_dicts(
        [("公益性", 30), ("実現性", 25), ("独自性", 5), ("相乗効果", 25), ("継続性", 15)]
    )
    revision = services.call_correct(
        call=call,
        by=staff_user,
        values=values,
        criteria=new_criteria,
        notice="配点を見直しました。公益性を重視します。",
        version=call.version,
    )
    call.refresh_from_db()
    assert call.revision == 2 and revision.number == 2
    assert revision.notice == "配点を見直しました。公益性を重視します。"
    labels = {change["label"]: change for change in revision.changes}
    assert labels["評価項目1"] == {
        "label": "評価項目1",
        "before": "公益性（20点）",
        "after": "公益性（30点）",
    }
    assert labels["評価項目3"]["after"] == "独自性（5点）"
    assert "選定方法" in labels  # BOTH → DOCUMENTS
    assert revision.snapshot["criteria"][0]["weight"] == 30
    assert [c.weight for c in call.criteria.all()] == [30, 25, 5, 25, 15]
    assert CallRevision.objects.filter(call=call).count() == 2


def test_a_correction_needs_a_notice_and_a_change(project, staff_user):
    call = make_call(project, status=Call.Status.OPEN, method=Call.Method.DOCUMENTS)
    values = call_values(
        application_deadline=call.application_deadline,
        scoring_deadline=call.scoring_deadline,
        announcement_date=call.announcement_date,
        title=call.title,
        purpose=call.purpose,
        eligibility=call.eligibility,
    )
    with pytest.raises(ValidationError) as caught:
        services.call_correct(
            call=call,
            by=staff_user,
            values=values,
            criteria=criteria_dicts(),
            notice=" ",
            version=call.version,
        )
    assert caught.value.messages == [str(services.NOTICE_REQUIRED)]
    with pytest.raises(ValidationError) as caught:
        services.call_correct(
            call=call,
            by=staff_user,
            values=values,
            criteria=criteria_dicts(),
            notice="訂正",
            version=call.version,
        )
    assert caught.value.messages == [str(services.NOTHING_CORRECTED)]
    call.refresh_from_db()
    assert call.revision == 1


def test_a_correction_cannot_shorten_the_deadline(project, staff_user):
    call = make_call(project, status=Call.Status.OPEN)
    values = call_values(
        application_deadline=call.application_deadline - datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError) as caught:
        services.call_correct(
            call=call,
            by=staff_user,
            values=values,
            criteria=criteria_dicts(),
            notice="締切変更",
            version=call.version,
        )
    assert str(services.DEADLINE_SHORTENED) in caught.value.messages


def test_a_correction_is_refused_once_scoring_has_started(project, staff_user):
    call = make_call(project, status=Call.Status.SCORING)
    with pytest.raises(PermissionDenied) as caught:
        services.call_correct(
            call=call,
            by=staff_user,
            values=call_values(),
            criteria=criteria_dicts(),
            notice="訂正",
            version=call.version,
        )
    assert str(caught.value) == str(perms.CORRECTION_CLOSED)


def test_a_stale_edit_is_refused(project, staff_user):
    call = make_call(project)
    with pytest.raises(ValidationError) as caught:
        services.call_update(
            call=call,
            by=staff_user,
            values=call_values(),
            criteria=criteria_dicts(),
            version=call.version - 1,
        )
    assert caught.value.messages == [str(services.STALE_EDIT)]


# --- legal status (法人格) -------------------------------------------------------------------
def test_no_warning_without_a_legal_status_criterion():
    assert services.legal_status_warnings(criteria_dicts(), 100) == []


def test_warning_when_legal_status_is_a_criterion():
    criteria = criteria_dicts([("NPO法人であること", 10), ("実現性", 90)])
    assert services.legal_status_warnings(criteria, 100) == [str(services.LEGAL_STATUS_CRITERION)]


def test_stronger_warning_when_legal_status_carries_most_of_the_weight():
    criteria = criteria_dicts([("組織の信頼性", 60), ("実現性", 40)])
    criteria[0]["concerns_legal_status"] = True
    warnings = services.legal_status_warnings(criteria, 100)
    assert str(services.LEGAL_STATUS_MAJORITY) % {"weight": 60, "total": 100} in warnings


def test_publishing_with_a_legal_status_criterion_needs_acknowledgement(project, staff_user):
    call = make_call(project, criteria=[("法人格の有無", 10), ("実現性", 90)])
    with pytest.raises(ValidationError) as caught:
        services.call_publish(call=call, by=staff_user)
    assert caught.value.messages == [str(services.LEGAL_STATUS_NOT_ACKNOWLEDGED)]
    services.call_publish(call=call, by=staff_user, acknowledge_legal_status=True)
    call.refresh_from_db()
    assert call.status == Call.Status.OPEN
    assert call.criteria.get(position=1).concerns_legal_status is True


# --- deadlines in Asia/Tokyo -----------------------------------------------------------------
@pytest.fixture
def midnight_call(project):
    """Deadline at 00:00 on 1 June in Tokyo, which is still 31 May (15:00) in UTC."""
    return make_call(project, status=Call.Status.OPEN, deadline=jst(2026, 6, 1, 0, 0, 0))


def test_submission_one_second_before_the_deadline_is_accepted(midnight_call, npo, npo_user):
    application = apply(midnight_call, npo, status=Application.Status.DRAFT)
    services.application_submit(
        application=application, by=npo_user, now=jst(2026, 5, 31, 23, 59, 59)
    )
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert application.submitted_at == jst(2026, 5, 31, 23, 59, 59)


def test_submission_exactly_at_the_deadline_is_accepted(midnight_call, npo, npo_user):
    application = apply(midnight_call, npo, status=Application.Status.DRAFT)
    services.application_submit(application=application, by=npo_user, now=jst(2026, 6, 1, 0, 0))
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_submission_one_second_late_is_refused_with_the_deadline_in_tokyo_time(
    midnight_call, npo, npo_user
):
    application = apply(midnight_call, npo, status=Application.Status.DRAFT, plan="大切な計画")
    with pytest.raises(PermissionDenied) as caught:
        services.application_submit(
            application=application, by=npo_user, now=jst(2026, 6, 1, 0, 0, 1)
        )
    assert str(caught.value) == perms.deadline_passed_message(midnight_call)
    assert "令和8年6月1日 00:00" in str(caught.value)
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT
    assert application.plan == "大切な計画"


def test_late_in_tokyo_although_still_the_same_day_in_utc(midnight_call, npo, npo_user):
    utc_same_day = datetime.datetime(2026, 5, 31, 15, 0, 1, tzinfo=datetime.UTC)
    assert utc_same_day.date() == datetime.date(2026, 5, 31)
    application = apply(midnight_call, npo, status=Application.Status.DRAFT)
    with pytest.raises(PermissionDenied):
        services.application_submit(application=application, by=npo_user, now=utc_same_day)


def test_on_time_in_tokyo_although_already_the_next_day_in_utc(project, npo, npo_user):
    """A 09:30 JST deadline is 00:30 UTC: a submission at 09:00 JST (00:00 UTC) is on time."""
    call = make_call(project, status=Call.Status.OPEN, deadline=jst(2026, 6, 2, 9, 30))
    application = apply(call, npo, status=Application.Status.DRAFT)
    services.application_submit(
        application=application,
        by=npo_user,
        now=datetime.datetime(2026, 6, 2, 0, 0, tzinfo=datetime.UTC),
    )
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_edits_and_new_applications_are_refused_after_the_deadline(midnight_call, npo, npo_user):
    late = jst(2026, 6, 1, 0, 0, 1)
    application = apply(midnight_call, npo, status=Application.Status.DRAFT)
    with pytest.raises(PermissionDenied):
        services.application_update(
            application=application,
            by=npo_user,
            values={"title": "x"},
            version=application.version,
            now=late,
        )
    with pytest.raises(PermissionDenied):
        services.application_create(
            call=midnight_call, organization=npo, by=npo_user, values={}, now=late
        )


def test_withdraw_only_before_the_deadline(midnight_call, npo, npo_user):
    application = apply(midnight_call, npo)
    with pytest.raises(PermissionDenied):
        services.application_withdraw(
            application=application, by=npo_user, now=jst(2026, 6, 1, 0, 0, 1)
        )
    services.application_withdraw(application=application, by=npo_user, now=jst(2026, 5, 31, 12, 0))
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
    services.application_reopen(application=application, by=npo_user, now=jst(2026, 5, 31, 13, 0))
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT and application.submitted_at is None


def test_scoring_starts_only_after_the_deadline(midnight_call, staff_user):
    seat(midnight_call)
    with pytest.raises(PermissionDenied) as caught:
        services.call_start_scoring(call=midnight_call, by=staff_user, now=jst(2026, 6, 1, 0, 0))
    assert "令和8年6月1日 00:00" in str(caught.value)
    services.call_start_scoring(call=midnight_call, by=staff_user, now=jst(2026, 6, 1, 0, 0, 1))
    midnight_call.refresh_from_db()
    assert midnight_call.status == Call.Status.SCORING


def test_scoring_needs_a_committee(project, staff_user):
    call = make_call(
        project, status=Call.Status.OPEN, deadline=timezone.now() - datetime.timedelta(seconds=1)
    )
    with pytest.raises(ValidationError) as caught:
        services.call_start_scoring(call=call, by=staff_user)
    assert caught.value.messages == [str(services.NO_COMMITTEE)]


# --- applications ----------------------------------------------------------------------------
def test_npo_member_applies_for_its_own_npo_only(project, npo, other_npo, npo_user):
    call = make_call(project, status=Call.Status.OPEN)
    application = services.application_create(
        call=call, organization=npo, by=npo_user, values={"title": "広場", "plan": "計画"}
    )
    assert application.status == Application.Status.DRAFT
    with pytest.raises(PermissionDenied):
        services.application_create(
            call=call, organization=other_npo, by=npo_user, values={"title": "t", "plan": "p"}
        )
    with pytest.raises(ValidationError) as caught:
        services.application_create(
            call=call, organization=npo, by=npo_user, values={"title": "t", "plan": "p"}
        )
    assert caught.value.messages == [str(services.ALREADY_APPLIED)]


def test_staff_cannot_apply(project, staff_user, npo):
    call = make_call(project, status=Call.Status.OPEN)
    with pytest.raises(PermissionDenied) as caught:
        services.application_create(call=call, organization=npo, by=staff_user, values={})
    assert str(caught.value) == str(perms.NOT_NPO_MEMBER_TO_APPLY)


def test_requested_amount_over_the_cap_is_refused(project, npo, npo_user):
    call = make_call(project, status=Call.Status.OPEN, budget_cap=1_000_000)
    with pytest.raises(ValidationError) as caught:
        services.application_create(
            call=call,
            organization=npo,
            by=npo_user,
            values={"title": "t", "plan": "p", "requested_amount": 1_000_001},
        )
    assert caught.value.messages == [str(services.OVER_BUDGET_CAP) % {"cap": "1,000,000"}]


def test_another_npo_cannot_touch_an_application(project, npo, other_npo_user):
    call = make_call(project, status=Call.Status.OPEN)
    application = apply(call, npo, status=Application.Status.DRAFT)
    with pytest.raises(PermissionDenied) as caught:
        services.application_submit(application=application, by=other_npo_user)
    assert str(caught.value) == str(perms.NOT_APPLICANT)


# --- attachments -----------------------------------------------------------------------------
@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def draft(project, npo):
    return apply(make_call(project, status=Call.Status.OPEN), npo, status=Application.Status.DRAFT)


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("事業計画書.pdf", PDF, "application/pdf"),
        ("写真.PNG", PNG, "image/png"),
        ("収支予算書.docx", docx_bytes(), None),
    ],
)
def test_allowed_files_are_stored_under_media_root(
    media, draft, npo_user, name, content, content_type
):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    attachment = services.attachment_add(application=draft, by=npo_user, upload=upload)
    # The extension is kept in lower case; the rest of the name as typed.
    assert attachment.original_name == name.replace(".PNG", ".png")
    path = media / attachment.file.name
    assert path.read_bytes() == content
    assert name not in attachment.file.name  # stored under a random name
    if content_type:
        assert attachment.content_type == content_type


def test_a_renamed_executable_is_refused(media, draft, npo_user):
    upload = SimpleUploadedFile("計画書.pdf", b"MZ\x90\x00" + b"\x00" * 60)
    with pytest.raises(ValidationError) as caught:
        services.attachment_add(application=draft, by=npo_user, upload=upload)
    assert caught.value.messages == [str(attachments.FILE_CONTENT_MISMATCH) % {"ext": ".pdf"}]
    assert not ApplicationAttachment.objects.exists()


def test_a_zip_called_docx_is_refused(media, draft, npo_user):
    upload = SimpleUploadedFile("計画.docx", plain_zip())
    with pytest.raises(ValidationError):
        services.attachment_add(application=draft, by=npo_user, upload=upload)


def test_wrong_type_and_oversized_files_are_refused(media, draft, npo_user):
    with pytest.raises(ValidationError) as caught:
        services.attachment_add(
            application=draft, by=npo_user, upload=SimpleUploadedFile("run.exe", b"MZ")
        )
    assert caught.value.messages == [str(attachments.FILE_TYPE_NOT_ALLOWED)]
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * attachments.MAX_ATTACHMENT_BYTES)
    with pytest.raises(ValidationError) as caught:
        services.attachment_add(application=draft, by=npo_user, upload=big)
    assert caught.value.messages == [str(attachments.FILE_TOO_LARGE) % {"limit": 10}]


def test_path_tricks_in_the_file_name_are_removed(media, draft, npo_user):
    upload = SimpleUploadedFile("../../etc/計画\r\n書.pdf", PDF)
    attachment = services.attachment_add(application=draft, by=npo_user, upload=upload)
    assert attachment.original_name == "計画書.pdf"
    assert str(media) in str((media / attachment.file.name).resolve())


def test_no_more_than_the_limit_of_files(media, draft, npo_user):
    for index in range(attachments.MAX_ATTACHMENTS):
        services.attachment_add(
            application=draft, by=npo_user, upload=SimpleUploadedFile(f"{index}.pdf", PDF)
        )
    with pytest.raises(ValidationError) as caught:
        services.attachment_add(
            application=draft, by=npo_user, upload=SimpleUploadedFile("x.pdf", PDF)
        )
    assert caught.value.messages == [str(attachments.TOO_MANY_FILES) % {"limit": 10}]


# --- committee: conflicts and scores ---------------------------------------------------------
@pytest.fixture
def scoring_call(project):
    return make_call(
        project, status=Call.Status.SCORING, deadline=timezone.now() - datetime.timedelta(days=1)
    )


def test_only_reviewers_can_be_appointed(project, staff_user, npo_user, reviewer_user):
    call = make_call(project)
    with pytest.raises(ValidationError) as caught:
        services.committee_appoint(call=call, by=staff_user, user=npo_user, category="academic")
    assert caught.value.messages == [str(services.NOT_A_REVIEWER)]
    services.committee_appoint(
        call=call, by=staff_user, user=reviewer_user, category="academic", is_chair=True
    )
    assert call.committee.get().is_chair


def test_a_reviewer_who_has_scored_cannot_be_removed(scoring_call, staff_user, npo):
    reviewer = seat(scoring_call)
    application = apply(scoring_call, npo)
    score_all(application, reviewer, [3, 3, 3, 3, 3])
    with pytest.raises(ValidationError) as caught:
        services.committee_remove(member=scoring_call.committee.get(), by=staff_user)
    assert caught.value.messages == [str(services.MEMBER_HAS_SCORED)]


def test_a_reviewer_must_declare_before_scoring(scoring_call, npo):
    reviewer = seat(scoring_call)
    application = apply(scoring_call, npo)
    assert perms.can_view_application(reviewer, application) == (False, str(perms.DECLARE_FIRST))
    with pytest.raises(PermissionDenied) as caught:
        services.scores_save(application=application, by=reviewer, scores={})
    assert str(caught.value) == str(perms.DECLARE_FIRST)


def test_a_declared_conflict_hides_the_application_and_blocks_scoring(scoring_call, npo):
    reviewer = seat(scoring_call)
    application = apply(scoring_call, npo)
    with pytest.raises(ValidationError) as caught:
        services.conflict_declare(application=application, by=reviewer, has_conflict=True)
    assert caught.value.messages == [str(services.CONFLICT_REASON_REQUIRED)]
    services.conflict_declare(
        application=application, by=reviewer, has_conflict=True, reason="理事を務めている"
    )
    application = Application.objects.get(pk=application.pk)
    assert perms.can_view_application(reviewer, application) == (False, str(perms.CONFLICTED))
    assert perms.can_score_application(reviewer, application) == (False, str(perms.CONFLICTED))
    with pytest.raises(PermissionDenied):
        services.scores_save(application=application, by=reviewer, scores={})


def test_a_declared_conflict_cannot_be_withdrawn(scoring_call, npo):
    reviewer = seat(scoring_call)
    application = apply(scoring_call, npo)
    services.conflict_declare(
        application=application, by=reviewer, has_conflict=True, reason="親族が職員"
    )
    application = Application.objects.get(pk=application.pk)
    with pytest.raises(PermissionDenied) as caught:
        services.conflict_declare(application=application, by=reviewer, has_conflict=False)
    assert str(caught.value) == str(perms.CONFLICT_FINAL)
    assert ConflictDeclaration.objects.get().has_conflict


def test_a_late_conflict_removes_the_reviewers_scores(scoring_call, npo):
    reviewer = seat(scoring_call)
    application = apply(scoring_call, npo)
    score_all(application, reviewer, [4, 4, 4, 4, 4])
    services.conflict_declare(
        application=application, by=reviewer, has_conflict=True, reason="気づいた関係"
    )
    assert not Score.objects.filter(reviewer=reviewer).exists()


def _inputs(call, values, comments=None):
    comments = comments or [""] * len(values)
    return {
        c.pk: services.ScoreInput(value=v, comment=m)
        for c, v, m in zip(call.criteria.all(), values, comments, strict=True)
    }


def test_scores_are_saved_on_the_declared_scale(scoring_call, npo):
    reviewer = seat(scoring_call)
    application = apply(scoring_call, npo)
    declare(application, reviewer)
    services.scores_save(
        application=application, by=reviewer, scores=_inputs(scoring_call, [5, 4, 3, 2, 2])
    )
    assert sorted(Score.objects.values_list("value", flat=True)) == [2, 2, 3, 4, 5]
    # A second save replaces the sheet, it does not add to it.
    services.scores_save(
        application=application, by=reviewer, scores=_inputs(scoring_call, [3, 3, 3, 3, 3])
    )
    assert Score.objects.count() == 5


def test_scores_outside_the_scale_are_refused(scoring_call, npo):
    reviewer = seat(scoring_call)
    application = apply(scoring_call, npo)
    declare(application, reviewer)
    with pytest.raises(ValidationError) as caught:
        services.scores_save(
            application=application, by=reviewer, scores=_inputs(scoring_call, [6, 3, 3, 3, 0])
        )
    assert str(services.SCORE_OUT_OF_SCALE) % {"criterion": "公益性", "min": 1, "max": 5} in (
        caught.value.messages
    )
    assert len(caught.value.messages) == 2
    assert not Score.objects.exists()


def test_the_bottom_of_the_scale_needs_a_reason(scoring_call, npo):
    reviewer = seat(scoring_call)
    application = apply(scoring_call, npo)
    declare(application, reviewer)
    with pytest.raises(ValidationError) as caught:
        services.scores_save(
            application=application, by=reviewer, scores=_inputs(scoring_call, [1, 3, 3, 3, 3])
        )
    assert caught.value.messages == [
        str(services.BOTTOM_SCORE_NEEDS_REASON) % {"criterion": "公益性", "min": 1, "max": 5}
    ]
    services.scores_save(
        application=application,
        by=reviewer,
        scores=_inputs(scoring_call, [1, 3, 3, 3, 3], ["地域課題との関係が不明確", "", "", "", ""]),
    )
    assert Score.objects.get(value=1).comment == "地域課題との関係が不明確"


def test_a_reviewer_not_on_the_committee_cannot_score(scoring_call, npo, reviewer_user):
    application = apply(scoring_call, npo)
    with pytest.raises(PermissionDenied) as caught:
        services.conflict_declare(application=application, by=reviewer_user, has_conflict=False)
    assert str(caught.value) == str(perms.NOT_ON_COMMITTEE)


# --- decision --------------------------------------------------------------------------------
@pytest.fixture
def scored(scoring_call, npo, other_npo):
    """Two applications, two reviewers: the first NPO ahead."""
    r1, r2 = seat(scoring_call), seat(scoring_call)
    first, second = apply(scoring_call, npo), apply(scoring_call, other_npo)
    score_all(first, r1, [5, 5, 4, 4, 4])
    score_all(first, r2, [4, 5, 4, 5, 4])
    score_all(second, r1, [3, 3, 3, 3, 3])
    score_all(second, r2, [3, 4, 3, 3, 3])
    return scoring_call, first, second


def test_decision_with_reasons_makes_the_partner_and_moves_the_project_on(scored, staff_user):
    call, first, _second = scored
    services.call_decide(
        call=call, by=staff_user, application=first, reason="計画の実現性と実績を評価した。"
    )
    call.refresh_from_db()
    assert call.status == Call.Status.DECIDED
    assert call.chosen_application == first and call.decided_by == staff_user
    partner = ProjectPartner.objects.get(project=call.project)
    assert (partner.organization, partner.status, partner.via) == (
        first.organization,
        ProjectPartner.Status.PARTNER,
        "open_call",
    )
    call.project.refresh_from_db()
    assert call.project.stage == Stage.AGREEMENT
    event = call.project.events.get()
    assert event.comment == ""  # the portal's own record, worded for each reader:
    assert "計画の実現性と実績を評価した。" in event.note_text
    assert event.note_text.startswith(f"公募「{call.title}」の選定結果：")


def test_decision_needs_a_reason(scored, staff_user):
    call, first, _second = scored
    with pytest.raises(ValidationError) as caught:
        services.call_decide(call=call, by=staff_user, application=first, reason="  ")
    assert caught.value.messages == [str(services.DECISION_REASON_REQUIRED)]


def test_choosing_other_than_the_top_needs_its_own_reason(scored, staff_user):
    call, _first, second = scored
    with pytest.raises(ValidationError) as caught:
        services.call_decide(call=call, by=staff_user, application=second, reason="地域性")
    assert caught.value.messages == [str(services.NOT_TOP_REASON_REQUIRED)]
    services.call_decide(
        call=call,
        by=staff_user,
        application=second,
        reason="地域性",
        not_top_reason="1位の団体が辞退の意向を示したため",
    )
    call.refresh_from_db()
    assert call.chosen_application == second
    assert call.not_top_reason == "1位の団体が辞退の意向を示したため"


def test_a_single_applicant_needs_its_own_reason(scoring_call, staff_user, npo):
    reviewer = seat(scoring_call)
    only = apply(scoring_call, npo)
    score_all(only, reviewer, [4, 4, 4, 4, 4])
    with pytest.raises(ValidationError) as caught:
        services.call_decide(call=scoring_call, by=staff_user, application=only, reason="実績")
    assert caught.value.messages == [str(services.SINGLE_APPLICANT_REASON_REQUIRED)]
    scoring_call.refresh_from_db()
    assert scoring_call.status == Call.Status.SCORING
    services.call_decide(
        call=scoring_call,
        by=staff_user,
        application=only,
        reason="実績",
        single_applicant_reason=" 説明会に3団体が参加したが、応募は1団体だった。 ",
    )
    scoring_call.refresh_from_db()
    assert scoring_call.status == Call.Status.DECIDED
    assert scoring_call.single_applicant_reason == "説明会に3団体が参加したが、応募は1団体だった。"


def test_a_single_applicant_not_chosen_needs_the_reason_too(scoring_call, staff_user, npo):
    reviewer = seat(scoring_call)
    only = apply(scoring_call, npo)
    score_all(only, reviewer, [2, 2, 2, 2, 2])
    with pytest.raises(ValidationError) as caught:
        services.call_decide(
            call=scoring_call,
            by=staff_user,
            application=None,
            reason="水準に達しない",
            not_top_reason="水準に達しない",
        )
    assert caught.value.messages == [str(services.SINGLE_APPLICANT_REASON_REQUIRED)]


def test_several_applicants_need_no_single_applicant_reason(scored, staff_user):
    call, first, _second = scored
    services.call_decide(
        call=call, by=staff_user, application=first, reason="r", single_applicant_reason="x"
    )
    call.refresh_from_db()
    assert call.single_applicant_reason == ""


def test_decision_waits_for_every_sheet(scoring_call, staff_user, npo):
    r1, r2 = seat(scoring_call), seat(scoring_call)
    application = apply(scoring_call, npo)
    score_all(application, r1, [3, 3, 3, 3, 3])
    with pytest.raises(ValidationError) as caught:
        services.call_decide(
            call=scoring_call,
            by=staff_user,
            application=application,
            reason="r",
            single_applicant_reason="説明会には3団体が参加した",
        )
    expected = str(services.SCORING_INCOMPLETE) % {"pending": f"{r2.get_full_name()}（1件）"}
    assert caught.value.messages == [expected]
    assert scoring_call.project.stage == Stage.PARTNER_SELECTION


def test_decision_refused_when_everyone_recused(scoring_call, staff_user, npo):
    reviewer = seat(scoring_call)
    application = apply(scoring_call, npo)
    declare(application, reviewer, conflict=True)
    with pytest.raises(ValidationError) as caught:
        services.call_decide(call=scoring_call, by=staff_user, application=application, reason="r")
    assert str(services.APPLICATION_UNSCORED) % {"applicant": npo} in caught.value.messages


def test_no_award_keeps_the_project_at_selection(scored, staff_user):
    call, _first, _second = scored
    services.call_decide(
        call=call,
        by=staff_user,
        application=None,
        reason="目的に合う提案がなかった",
        not_top_reason="いずれも実現性に課題",
    )
    call.refresh_from_db()
    assert call.status == Call.Status.DECIDED and call.chosen_application is None
    call.project.refresh_from_db()
    assert call.project.stage == Stage.PARTNER_SELECTION
    assert not ProjectPartner.objects.filter(project=call.project).exists()


def test_results_are_published_after_the_decision(scored, staff_user):
    call, first, _second = scored
    with pytest.raises(PermissionDenied):
        services.call_publish_results(call=call, by=staff_user)
    services.call_decide(call=call, by=staff_user, application=first, reason="理由")
    services.call_publish_results(call=call, by=staff_user)
    call.refresh_from_db()
    assert call.status == Call.Status.PUBLISHED and call.results_published_at


def test_decision_only_by_the_owner_office(scored, other_staff_user, manager_user):
    call, first, _second = scored
    for person in (other_staff_user, manager_user):
        with pytest.raises(PermissionDenied):
            services.call_decide(call=call, by=person, application=first, reason="r")


# --- designation and proposals -----------------------------------------------------------------
def test_designation_needs_a_justification_and_is_recorded(project, staff_user, npo):
    with pytest.raises(ValidationError) as caught:
        services.designation_create(
            project=project,
            by=staff_user,
            organization=npo,
            route=Designation.Route.DESIGNATED,
            justification=" ",
        )
    assert caught.value.messages == [str(services.JUSTIFICATION_REQUIRED)]
    designation = services.designation_create(
        project=project,
        by=staff_user,
        organization=npo,
        route=Designation.Route.DESIGNATED,
        justification="災害時の避難所運営の訓練を受けた団体が県内に他にないため",
    )
    partner = ProjectPartner.objects.get(project=project)
    assert (partner.status, partner.via) == (ProjectPartner.Status.PARTNER, "designated")
    project.refresh_from_db()
    assert project.stage == Stage.AGREEMENT
    assert designation.justification.startswith("災害時")


def test_designation_refused_while_a_call_runs(project, staff_user, npo):
    make_call(project, status=Call.Status.OPEN)
    with pytest.raises(PermissionDenied) as caught:
        services.designation_create(
            project=project,
            by=staff_user,
            organization=npo,
            route=Designation.Route.DESIGNATED,
            justification="理由",
        )
    assert str(caught.value) == str(perms.SELECTION_IN_PROGRESS)


def test_the_proposing_npo_is_confirmed_with_a_reason(project, staff_user, npo, other_npo):
    add_partner(project, npo, status="prospective", via="proposal")
    with pytest.raises(ValidationError) as caught:
        services.designation_create(
            project=project,
            by=staff_user,
            organization=other_npo,
            route=Designation.Route.PROPOSAL,
            justification="理由",
        )
    assert caught.value.messages == [str(services.NOT_PROSPECTIVE_PROPOSER)]
    services.designation_create(
        project=project,
        by=staff_user,
        organization=npo,
        route=Designation.Route.PROPOSAL,
        justification="提案内容が事業の目的と一致し、事前協議で役割分担を確認できたため",
    )
    partner = ProjectPartner.objects.get(project=project, organization=npo)
    assert (partner.status, partner.via) == (ProjectPartner.Status.PARTNER, "proposal")


def test_staff_of_another_office_cannot_designate(project, other_staff_user, npo):
    with pytest.raises(PermissionDenied):
        services.designation_create(
            project=project,
            by=other_staff_user,
            organization=npo,
            route=Designation.Route.DESIGNATED,
            justification="理由",
        )


def test_reviewer_consent_is_the_reviewers_own(project, staff_user):
    call = make_call(project)
    reviewer = seat(call)
    seat_row = call.committee.get()
    with pytest.raises(PermissionDenied):
        services.committee_set_consent(member=seat_row, by=staff_user, publish_name=True)
    services.committee_set_consent(member=seat_row, by=reviewer, publish_name=True)
    seat_row.refresh_from_db()
    assert seat_row.publish_name


def test_member_helper_gives_roles():
    person = member(Role.REVIEWER)
    assert person.memberships.get().role == Role.REVIEWER
