"""Pages of partner selection: who may open what (the permission matrix), the public page's
contents, bad input through the forms, downloads, and bounded queries per page."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from kyodo_portal.core import attachments
from kyodo_portal.core.forms import IRREVERSIBLE_REQUIRED
from kyodo_portal.core.roles import Role
from projects.choices import Stage
from selection import permissions as perms
from selection import services
from selection.models import Application, ApplicationAttachment, Call, Criterion
from tests.factories import NpoFactory, member
from tests.selection.support import (
    apply,
    declare,
    make_call,
    score_all,
    seat,
    selection_project,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Dozens of people per test: a fast hasher keeps the suite quick (tests only)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


PDF = b"%PDF-1.4\n%%EOF\n"
PRIVATE_COMMENT = "非公開コメント：代表者の説明が曖昧"


@pytest.fixture
def project(office):
    return selection_project(office, title="子育て広場運営事業")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def people(users_by_role, other_staff_user):
    return {**users_by_role, "other_staff": other_staff_user}


@pytest.fixture
def world(project, npo, other_npo, reviewer_user, media, npo_user):
    """A call under review: the NPO's application submitted with a file; the seated reviewer
    declared no conflict with it; another submitted application by another NPO."""
    call = make_call(
        project, status=Call.Status.SCORING, deadline=timezone.now() - datetime.timedelta(days=1)
    )
    seat(call, reviewer_user)
    mine = apply(call, npo)
    theirs = apply(call, other_npo)
    declare(mine, reviewer_user)
    attachment = ApplicationAttachment(
        application=mine,
        original_name="計画書.pdf",
        content_type="application/pdf",
        size=len(PDF),
        uploaded_by=npo_user,
    )
    attachment.file.save("計画書.pdf", SimpleUploadedFile("計画書.pdf", PDF), save=False)
    attachment.save()
    return {"call": call, "mine": mine, "theirs": theirs, "attachment": attachment}


def status_for(client, person, url):
    client.logout()
    if person is not None:
        client.force_login(person)
    response = client.get(url)
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return "login"
    return response.status_code


MATRIX = {
    # page: {role: expected}
    "call_detail": {
        "anonymous": "login",
        "staff": 200,
        "other_staff": 404,
        "npo": 404,
        "other_npo": 404,
        "reviewer": 200,
        "manager": 200,
    },
    "ranking": {
        "anonymous": "login",
        "staff": 200,
        "other_staff": 404,
        "npo": 404,
        "other_npo": 404,
        "reviewer": 404,
        "manager": 200,
    },
    "application": {
        "anonymous": "login",
        "staff": 200,
        "other_staff": 404,
        "npo": 200,
        "other_npo": 404,
        "reviewer": 200,
        "manager": 200,
    },
    "score": {
        "anonymous": "login",
        "staff": 404,
        "other_staff": 404,
        "npo": 404,
        "other_npo": 404,
        "reviewer": 200,
        "manager": 404,
    },
    "download": {
        "anonymous": "login",
        "staff": 200,
        "other_staff": 404,
        "npo": 200,
        "other_npo": 404,
        "reviewer": 200,
        "manager": 200,
    },
    "public": {
        "anonymous": 200,
        "staff": 200,
        "other_staff": 200,
        "npo": 200,
        "other_npo": 200,
        "reviewer": 200,
        "manager": 200,
    },
    "selection": {
        "anonymous": "login",
        "staff": 200,
        "other_staff": 404,
        "npo": 404,
        "other_npo": 404,
        "reviewer": 404,
        "manager": 200,
    },
    "directory": {
        "anonymous": "login",
        "staff": 200,
        "other_staff": 200,
        "npo": 404,
        "other_npo": 404,
        "reviewer": 404,
        "manager": 200,
    },
    "call_list": {
        "anonymous": "login",
        "staff": 200,
        "other_staff": 200,
        "npo": 404,
        "other_npo": 404,
        "reviewer": 404,
        "manager": 200,
    },
    "my_applications": {
        "anonymous": "login",
        "staff": 404,
        "other_staff": 404,
        "npo": 200,
        "other_npo": 200,
        "reviewer": 404,
        "manager": 404,
    },
    "review_queue": {
        "anonymous": "login",
        "staff": 404,
        "other_staff": 404,
        "npo": 404,
        "other_npo": 404,
        "reviewer": 200,
        "manager": 404,
    },
    "review_call": {
        "anonymous": "login",
        "staff": 404,
        "other_staff": 404,
        "npo": 404,
        "other_npo": 404,
        "reviewer": 200,
        "manager": 404,
    },
}


def url_for(page, world):
    call, mine = world["call"], world["mine"]
    return {
        "call_detail": reverse("selection:call_detail", args=[call.pk]),
        "ranking": reverse("selection:ranking", args=[call.pk]),
        "application": reverse("selection:application_detail", args=[mine.pk]),
        "score": reverse("selection:score", args=[mine.pk]),
        "download": reverse("selection:attachment_download", args=[world["attachment"].pk]),
        "public": reverse("selection:public_call_detail", args=[call.pk]),
        "selection": reverse("selection:selection_start", args=[call.project.pk]),
        "directory": reverse("partners:directory"),
        "call_list": reverse("selection:call_list"),
        "my_applications": reverse("selection:my_applications"),
        "review_queue": reverse("selection:review_queue"),
        "review_call": reverse("selection:review_call", args=[call.pk]),
    }[page]


@pytest.mark.parametrize(
    ("page", "role"), [(page, role) for page, roles in MATRIX.items() for role in roles]
)
def test_permission_matrix(client, world, people, page, role):
    assert status_for(client, people[role], url_for(page, world)) == MATRIX[page][role]


def test_a_reviewer_with_a_conflict_sees_neither_the_application_nor_its_files(
    client, world, reviewer_user
):
    other_reviewer = member(Role.REVIEWER)
    seat(world["call"], other_reviewer)
    declare(world["mine"], other_reviewer, conflict=True)
    for url in (
        reverse("selection:application_detail", args=[world["mine"].pk]),
        reverse("selection:attachment_download", args=[world["attachment"].pk]),
    ):
        assert status_for(client, other_reviewer, url) == 404
    response = client.get(reverse("selection:score", args=[world["mine"].pk]))
    assert response.status_code == 302  # back to the call page, with the reason
    response = client.get(response["Location"])
    assert str(perms.CONFLICTED) in response.content.decode()
    assert world["mine"].plan not in response.content.decode()


def test_an_undeclared_reviewer_is_sent_to_declare_first(client, world):
    newcomer = member(Role.REVIEWER)
    seat(world["call"], newcomer)
    client.force_login(newcomer)
    response = client.get(reverse("selection:score", args=[world["theirs"].pk]))
    # One declaration covers every applicant of the call, so that is where the member goes.
    assert response["Location"] == reverse(
        "selection:conflict_declare_for_call", args=[world["call"].pk]
    )
    page = client.get(response["Location"]).content.decode()
    assert str(world["theirs"].organization) in page
    assert world["theirs"].plan not in page


def test_drafts_are_private_to_the_npo(client, project, npo, npo_user, staff_user, manager_user):
    call = make_call(project, status=Call.Status.OPEN)
    draft = apply(call, npo, status=Application.Status.DRAFT)
    url = reverse("selection:application_detail", args=[draft.pk])
    assert status_for(client, npo_user, url) == 200
    assert status_for(client, staff_user, url) == 404
    assert status_for(client, manager_user, url) == 404


def test_a_draft_call_is_not_public(client, project, people):
    call = make_call(project)
    url = reverse("selection:public_call_detail", args=[call.pk])
    for role in ("anonymous", "npo", "staff"):
        assert status_for(client, people[role], url) == 404


def test_download_is_an_attachment_with_a_safe_name(client, world, npo_user):
    client.force_login(npo_user)
    response = client.get(url_for("download", world))
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%E8%A8%88%E7%94%BB%E6%9B%B8.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_uploads_are_not_under_static(settings):
    assert not str(settings.MEDIA_ROOT).startswith(str(settings.STATIC_ROOT))
    assert all(not str(settings.MEDIA_ROOT).startswith(str(d)) for d in settings.STATICFILES_DIRS)


# --- the public page -------------------------------------------------------------------------
@pytest.fixture
def published(project, npo, other_npo, staff_user):
    call = make_call(
        project, status=Call.Status.SCORING, deadline=timezone.now() - datetime.timedelta(days=1)
    )
    chair = member(Role.REVIEWER, name="公表 同意子")
    quiet = member(Role.REVIEWER, name="非公表 委員男")
    recused = member(Role.REVIEWER, name="回避 委員")
    seat(call, chair, category="academic", is_chair=True, publish_name=True)
    seat(call, quiet, category="intermediary")
    seat(call, recused, category="government")
    winner, runner = apply(call, npo), apply(call, other_npo)
    score_all(winner, chair, [5, 5, 4, 4, 4], comment="winner-comment-A")
    score_all(winner, quiet, [4, 5, 4, 5, 4], comment="winner-comment-B")
    declare(winner, recused, conflict=True)
    score_all(runner, chair, [3, 3, 3, 3, 3], comment=PRIVATE_COMMENT)
    score_all(runner, quiet, [3, 4, 3, 3, 3], comment=PRIVATE_COMMENT)
    score_all(runner, recused, [2, 2, 2, 2, 2], comment=PRIVATE_COMMENT)
    services.call_decide(
        call=call,
        by=staff_user,
        application=winner,
        reason="地域での実績と、協働による相乗効果の高さを評価した。",
        committee_summary="いずれも熱意ある提案だった。",
    )
    services.call_publish_results(call=call, by=staff_user)
    return call, winner, runner


def test_public_page_shows_criteria_method_committee_results_and_reasons(client, published):
    call, winner, runner = published
    page = client.get(reverse("selection:public_call_detail", args=[call.pk])).content.decode()
    for name, weight in (("公益性", 20), ("実現性", 25), ("継続性", 15)):
        assert name in page and f">{weight}<" in page
    assert "書類審査及びプレゼンテーション審査" in page
    assert "配点 × 平均点 ÷ 評点の上限" in page
    assert "学識経験者　1人" in page and "中間支援組織・NPO関係者　1人" in page
    assert "行政職員　1人" in page
    assert "公表 同意子" in page  # consented
    assert "非公表 委員男" not in page and "回避 委員" not in page
    assert "地域での実績と、協働による相乗効果の高さを評価した。" in page
    assert "いずれも熱意ある提案だった。" in page
    assert str(winner.organization) in page and str(runner.organization) in page
    assert page.index(str(winner.organization)) < page.index(str(runner.organization))
    assert PRIVATE_COMMENT not in page and "winner-comment" not in page


def test_published_ranking_is_cached_and_a_later_write_shows_at_once(
    client, published, django_assert_max_num_queries
):
    from selection.models import Score

    call, winner, runner = published
    url = reverse("selection:public_call_detail", args=[call.pk])

    def ranking_of(page: str) -> str:
        return page[page.index('<th scope="row">') :]

    first = client.get(url).content.decode()
    # The call, its criteria, revisions, committee and the committee's changes.
    with django_assert_max_num_queries(6):
        assert ranking_of(client.get(url).content.decode()) == ranking_of(first)
    # Any write to the ranking's inputs (here a score, as an administrator's correction would
    # make) is seen on the next request.
    for score in Score.objects.filter(application=runner):
        score.value = call.scale_max
        score.save()
    ranking = ranking_of(client.get(url).content.decode())
    assert ranking.index(str(runner.organization)) < ranking.index(str(winner.organization))
    assert ranking_of(first).index(str(winner.organization)) < ranking_of(first).index(
        str(runner.organization)
    )


def test_results_are_not_public_before_publication(client, project, npo, staff_user):
    call = make_call(project, status=Call.Status.SCORING)
    reviewer = seat(call)
    application = apply(call, npo)
    score_all(application, reviewer, [3, 3, 3, 3, 3])
    services.call_decide(
        call=call,
        by=staff_user,
        application=application,
        reason="非公表の理由",
        single_applicant_reason="非公表の1団体の理由",
    )
    page = client.get(reverse("selection:public_call_detail", args=[call.pk])).content.decode()
    assert "非公表の理由" not in page and "非公表の1団体の理由" not in page


def test_applicant_sees_its_own_scores_and_comments_but_never_anothers(
    client, published, npo_user, other_npo_user
):
    _call, winner, runner = published
    client.force_login(npo_user)
    page = client.get(reverse("selection:application_detail", args=[winner.pk])).content.decode()
    assert "winner-comment-A" in page and "winner-comment-B" in page
    assert "委員A" in page and "委員B" in page
    assert "公表 同意子" not in page  # reviewers appear as letters, not names
    assert PRIVATE_COMMENT not in page
    assert (
        status_for(client, npo_user, reverse("selection:application_detail", args=[runner.pk]))
        == 404
    )
    client.force_login(other_npo_user)
    page = client.get(reverse("selection:application_detail", args=[runner.pk])).content.decode()
    assert PRIVATE_COMMENT in page and "winner-comment" not in page


def test_applicant_sees_no_scores_before_publication(client, project, npo, npo_user):
    call = make_call(project, status=Call.Status.SCORING)
    reviewer = seat(call)
    application = apply(call, npo)
    score_all(application, reviewer, [3, 3, 3, 3, 3], comment="まだ見せない")
    client.force_login(npo_user)
    page = client.get(
        reverse("selection:application_detail", args=[application.pk])
    ).content.decode()
    assert "まだ見せない" not in page


def test_public_list_and_landing_show_open_calls(client, project, published):
    open_call = make_call(
        selection_project(project.owner_office, title="防災訓練事業"),
        status=Call.Status.OPEN,
        title="防災訓練の協働相手の公募",
    )
    page = client.get(reverse("selection:public_calls")).content.decode()
    assert open_call.title in page and published[0].title in page
    landing = client.get(reverse("landing")).content.decode()
    assert open_call.title in landing


# --- bad input through the pages (nothing typed is lost) -------------------------------------
def call_post(project, **overrides):
    deadline = (timezone.localtime() + datetime.timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")
    scoring = (timezone.localtime() + datetime.timedelta(days=20)).strftime("%Y-%m-%dT%H:%M")
    data = {
        "title": "公募の題名（入力途中）",
        "purpose": "目的の長い文章",
        "eligibility": "資格",
        "budget_cap": "2000000",
        "application_deadline": deadline,
        "scoring_deadline": scoring,
        "announcement_date": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        "method": "documents",
        "method_notes": "",
        "total_points": "100",
        "scale_min": "1",
        "scale_max": "5",
        "criteria-TOTAL_FORMS": "2",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "20",
        "criteria-0-name": "公益性",
        "criteria-0-weight": "70",
        "criteria-1-name": "実現性",
        "criteria-1-weight": "50",
    }
    data.update(overrides)
    return data


def test_overweight_criteria_are_refused_and_the_form_keeps_the_input(client, project, staff_user):
    client.force_login(staff_user)
    url = reverse("selection:call_create", args=[project.pk])
    response = client.post(url, call_post(project))
    assert response.status_code == 200
    page = response.content.decode()
    assert str(services.WEIGHTS_MISMATCH) % {"sum": 120, "total": 100} in page
    assert "公募の題名（入力途中）" in page and 'value="70"' in page
    assert not Call.objects.exists()
    response = client.post(url, call_post(project, **{"criteria-1-weight": "30"}))
    call = Call.objects.get()
    assert response["Location"] == call.get_absolute_url()
    assert list(call.criteria.values_list("name", "weight")) == [("公益性", 70), ("実現性", 30)]
    assert call.application_deadline.tzinfo is not None


def test_dates_and_scale_out_of_order_are_explained(client, project, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("selection:call_create", args=[project.pk]),
        call_post(
            project,
            application_deadline="2030-06-10T17:00",
            scoring_deadline="2030-06-01T17:00",
            scale_min="5",
            scale_max="3",
            **{"criteria-1-weight": "30"},
        ),
    )
    page = response.content.decode()
    assert str(services.DEADLINES_OUT_OF_ORDER) in page
    assert str(services.SCALE_INVALID) in page
    assert "violated" not in page and not Call.objects.exists()


def test_a_deadline_typed_in_the_form_is_tokyo_time(client, project, staff_user):
    client.force_login(staff_user)
    client.post(
        reverse("selection:call_create", args=[project.pk]),
        call_post(
            project,
            application_deadline="2030-06-01T00:00",
            scoring_deadline="2030-06-10T17:00",
            announcement_date="2030-06-20",
            **{"criteria-1-weight": "30"},
        ),
    )
    call = Call.objects.get()
    assert call.application_deadline == datetime.datetime(2030, 5, 31, 15, 0, tzinfo=datetime.UTC)


def test_editing_a_published_call_is_refused(client, project, staff_user):
    call = make_call(project, status=Call.Status.OPEN)
    client.force_login(staff_user)
    response = client.post(
        reverse("selection:call_edit", args=[call.pk]),
        call_post(project, **{"criteria-0-weight": "100", "criteria-1-name": ""}),
        follow=True,
    )
    assert str(perms.CALL_LOCKED) in response.content.decode()
    assert list(call.criteria.values_list("weight", flat=True)) == [20, 25, 15, 25, 15]


def test_a_correction_through_the_page_shows_the_notice_publicly(client, project, staff_user):
    call = make_call(project, status=Call.Status.OPEN)
    client.force_login(staff_user)
    data = call_post(
        project,
        title=call.title,
        purpose=call.purpose,
        eligibility=call.eligibility,
        budget_cap=str(call.budget_cap),
        application_deadline=timezone.localtime(
            call.application_deadline + datetime.timedelta(days=2)
        ).strftime("%Y-%m-%dT%H:%M"),
        scoring_deadline=timezone.localtime(
            call.scoring_deadline + datetime.timedelta(days=2)
        ).strftime("%Y-%m-%dT%H:%M"),
        announcement_date=(call.announcement_date + datetime.timedelta(days=2)).isoformat(),
        method="both",
        version=str(call.version),
        notice="応募締切を2日延長しました。",
        **{
            "criteria-TOTAL_FORMS": "5",
            **{f"criteria-{i}-name": c.name for i, c in enumerate(call.criteria.all())},
            **{f"criteria-{i}-weight": str(c.weight) for i, c in enumerate(call.criteria.all())},
        },
    )
    response = client.post(reverse("selection:call_correct", args=[call.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = client.get(reverse("selection:public_call_detail", args=[call.pk])).content.decode()
    assert "応募締切を2日延長しました。" in page and "第2版" in page
    assert "訂正前" in page and "応募締切" in page


def test_late_submission_through_the_page_keeps_the_draft(client, project, npo, npo_user):
    call = make_call(project, status=Call.Status.OPEN)
    draft = apply(call, npo, status=Application.Status.DRAFT, plan="大事な計画の下書き")
    Call.objects.filter(pk=call.pk).update(
        application_deadline=timezone.now() - datetime.timedelta(seconds=1)
    )
    client.force_login(npo_user)
    response = client.post(
        reverse("selection:application_submit", args=[draft.pk]), {"confirm": "on"}, follow=True
    )
    call.refresh_from_db()
    assert perms.deadline_passed_message(call) in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Application.Status.DRAFT and draft.plan == "大事な計画の下書き"


def test_submitting_without_the_tick_keeps_the_draft(client, project, npo, npo_user):
    call = make_call(project, status=Call.Status.OPEN)
    draft = apply(call, npo, status=Application.Status.DRAFT, plan="大事な計画の下書き")
    client.force_login(npo_user)
    url = reverse("selection:application_submit", args=[draft.pk])
    response = client.post(url)
    assert response.status_code == 400
    html = response.content.decode()
    assert str(IRREVERSIBLE_REQUIRED) in html and 'id="id_confirm-error"' in html
    draft.refresh_from_db()
    assert draft.status == Application.Status.DRAFT and draft.plan == "大事な計画の下書き"
    assert client.post(url, {"confirm": "on"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == Application.Status.SUBMITTED


def test_wrong_type_upload_through_the_page(client, project, npo, npo_user, media):
    call = make_call(project, status=Call.Status.OPEN)
    draft = apply(call, npo, status=Application.Status.DRAFT)
    client.force_login(npo_user)
    response = client.post(
        reverse("selection:attachment_upload", args=[draft.pk]),
        {"file": SimpleUploadedFile("申請書.pdf", b"<html>not a pdf</html>")},
        follow=True,
    )
    assert str(attachments.FILE_CONTENT_MISMATCH) % {"ext": ".pdf"} in response.content.decode()
    assert not ApplicationAttachment.objects.exists()


def test_score_out_of_scale_through_the_page_keeps_the_comments(client, world, reviewer_user):
    client.force_login(reviewer_user)
    criteria = list(world["call"].criteria.all())
    data = {f"score_{c.pk}": "3" for c in criteria}
    data |= {f"comment_{c.pk}": f"所見{c.pk}" for c in criteria}
    data[f"score_{criteria[0].pk}"] = "9"
    response = client.post(reverse("selection:score", args=[world["mine"].pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert str(services.SCORE_OUT_OF_SCALE) % {"criterion": "公益性", "min": 1, "max": 5} in page
    assert f"所見{criteria[1].pk}" in page


def test_decision_page_asks_why_when_not_choosing_the_top(client, published, staff_user):
    call, _winner, _runner = published
    fresh = make_call(call.project, status=Call.Status.SCORING)
    reviewer = seat(fresh)
    top = apply(fresh, NpoFactory())
    second = apply(fresh, NpoFactory())
    score_all(top, reviewer, [5, 5, 5, 5, 5])
    score_all(second, reviewer, [3, 3, 3, 3, 3])
    type(call.project).objects.filter(pk=call.project.pk).update(stage=Stage.PARTNER_SELECTION)
    client.force_login(staff_user)
    response = client.post(
        reverse("selection:decide", args=[fresh.pk]),
        {"application": str(second.pk), "reason": "地元での実績を重視", "not_top_reason": ""},
    )
    page = response.content.decode()
    assert str(services.NOT_TOP_REASON_REQUIRED) in page
    assert "地元での実績を重視" in page
    fresh.refresh_from_db()
    assert fresh.status == Call.Status.SCORING


def test_a_short_call_is_published_from_its_page_only_with_a_reason(
    client, project, staff_user, settings
):
    settings.CALL_MIN_APPLICATION_DAYS = 14
    call = make_call(project, deadline=timezone.now() + datetime.timedelta(days=5))
    client.force_login(staff_user)
    page = client.get(reverse("selection:call_detail", args=[call.pk])).content.decode()
    assert 'id="short-period"' in page and "応募期間が短い理由（公表されます）" in page
    url = reverse("selection:call_publish", args=[call.pk])

    response = client.post(url, {"short_period_reason": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert str(services.SHORT_PERIOD_REASON_REQUIRED) % {"days": 5, "minimum": 14} in page
    call.refresh_from_db()
    assert call.status == Call.Status.DRAFT

    response = client.post(url, {"short_period_reason": "国の交付決定が遅れたため。"})
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.status == Call.Status.OPEN
    assert call.short_period_reason == "国の交付決定が遅れたため。"
    client.logout()
    page = client.get(reverse("selection:public_call_detail", args=[call.pk])).content.decode()
    assert 'id="short-period-reason">国の交付決定が遅れたため。</dd>' in page


def test_a_refused_publication_keeps_what_was_typed(client, project, staff_user, settings):
    settings.CALL_MIN_APPLICATION_DAYS = 14
    call = make_call(
        project,
        deadline=timezone.now() + datetime.timedelta(days=5),
        criteria=[("法人格の有無", 20), ("実現性", 80)],
    )
    client.force_login(staff_user)
    response = client.post(
        reverse("selection:call_publish", args=[call.pk]),
        {"short_period_reason": "年度内に終えるため。"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert str(services.LEGAL_STATUS_NOT_ACKNOWLEDGED) in page
    assert "年度内に終えるため。</textarea>" in page


def test_a_long_enough_call_page_does_not_ask_for_a_reason(client, project, staff_user):
    call = make_call(project, deadline=timezone.now() + datetime.timedelta(days=30))
    client.force_login(staff_user)
    page = client.get(reverse("selection:call_detail", args=[call.pk])).content.decode()
    assert 'id="short-period"' not in page and "short_period_reason" not in page


def test_deciding_a_single_applicant_on_the_page_needs_the_reason(client, project, npo, staff_user):
    call = make_call(project, status=Call.Status.SCORING)
    reviewer = seat(call)
    only = apply(call, npo)
    score_all(only, reviewer, [4, 4, 4, 4, 4])
    client.force_login(staff_user)
    url = reverse("selection:decide", args=[call.pk])
    page = client.get(url).content.decode()
    assert 'id="single-applicant"' in page and "応募が1団体だけで選定した理由" in page
    response = client.post(url, {"application": str(only.pk), "reason": "活動実績を評価"})
    page = response.content.decode()
    assert str(services.SINGLE_APPLICANT_REASON_REQUIRED) in page
    assert "活動実績を評価" in page
    call.refresh_from_db()
    assert call.status == Call.Status.SCORING

    reason = "説明会には3団体が参加したが、応募は1団体だった。基準による審査で水準を満たした。"
    response = client.post(
        url,
        {
            "application": str(only.pk),
            "reason": "活動実績を評価",
            "single_applicant_reason": reason,
        },
    )
    assert response.status_code == 302
    services.call_publish_results(call=call, by=staff_user)
    client.logout()
    page = client.get(reverse("selection:public_call_detail", args=[call.pk])).content.decode()
    assert f'id="single-applicant-reason">{reason}</dd>' in page


def test_the_decision_page_with_several_applicants_asks_no_single_reason(
    client, published, staff_user
):
    call, _winner, _runner = published
    fresh = make_call(call.project, status=Call.Status.SCORING)
    reviewer = seat(fresh)
    for npo in (NpoFactory(), NpoFactory()):
        score_all(apply(fresh, npo), reviewer, [3, 3, 3, 3, 3])
    client.force_login(staff_user)
    page = client.get(reverse("selection:decide", args=[fresh.pk])).content.decode()
    assert "single_applicant_reason" not in page and 'id="single-applicant"' not in page


# --- bounded queries -------------------------------------------------------------------------
def _grow(call, applications, reviewers):
    people = [member(Role.REVIEWER) for _ in range(reviewers)]
    for person in people:
        seat(call, person)
    for _ in range(applications):
        application = apply(call, NpoFactory())
        for person in people:
            score_all(application, person, [3] * call.criteria.count())


@pytest.mark.parametrize("size", [(2, 2), (12, 4)])
def test_staff_pages_have_bounded_queries(
    client, project, staff_user, django_assert_max_num_queries, size
):
    call = make_call(project, status=Call.Status.SCORING)
    _grow(call, *size)
    client.force_login(staff_user)
    for name in ("ranking", "call_detail", "decide"):
        with django_assert_max_num_queries(20):
            assert client.get(reverse(f"selection:{name}", args=[call.pk])).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("selection:call_list")).status_code == 200


def test_the_call_list_shows_a_page_of_calls_at_a_time(client, office, staff_user, monkeypatch):
    from selection.views import calls as call_views

    monkeypatch.setattr(call_views, "CALL_LIST_PAGE", 2)
    titles = [
        make_call(selection_project(office, title=f"事業{n}"), title=f"公募{n}").title
        for n in range(5)
    ]
    client.force_login(staff_user)
    seen = []
    for number in (1, 2, 3):
        response = client.get(reverse("selection:call_list"), {"page": number})
        seen += [call.title for call in response.context["page"].object_list]
        assert "担当課の公募（新しい順、全5件）" in response.content.decode()
    assert seen == titles[::-1]


@pytest.mark.parametrize("size", [(2, 2), (12, 4)])
def test_public_and_review_pages_have_bounded_queries(
    client, project, staff_user, django_assert_max_num_queries, size
):
    call = make_call(project, status=Call.Status.SCORING)
    _grow(call, *size)
    reviewer = call.committee.first().user
    first = call.applications.first()
    services.call_decide(call=call, by=staff_user, application=first, reason="理由")
    services.call_publish_results(call=call, by=staff_user)
    with django_assert_max_num_queries(12):
        assert (
            client.get(reverse("selection:public_call_detail", args=[call.pk])).status_code == 200
        )
    with django_assert_max_num_queries(10):
        assert client.get(reverse("selection:public_calls")).status_code == 200
    client.force_login(reviewer)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("selection:review_call", args=[call.pk])).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("selection:review_queue")).status_code == 200


def test_criterion_rows_are_ordered(project):
    call = make_call(project)
    assert list(Criterion.objects.filter(call=call).values_list("position", flat=True)) == [
        1,
        2,
        3,
        4,
        5,
    ]


# --- contracts with the home page and the project page ---------------------------------------
def test_home_context_for_npos_and_reviewers(world, npo_user, reviewer_user):
    from selection.selectors import home_context

    context = home_context(npo_user, {Role.NPO})
    assert context["npo_applications"] == [world["mine"]]
    assert world["mine"].get_absolute_url() and world["mine"].get_status_display() == "提出済み"
    queue = home_context(reviewer_user, {Role.REVIEWER})["review_queue"]
    # Declared no conflict with one (still to score), not yet declared on the other.
    assert queue == [
        {
            "url": reverse("selection:review_call", args=[world["call"].pk]),
            "text": f"{world['call'].title}：利害関係の申告待ち 1件、採点待ち 1件",
        }
    ]


def test_home_page_renders_the_selection_keys(client, world, npo_user, reviewer_user):
    client.force_login(npo_user)
    assert world["call"].title in client.get(reverse("home")).content.decode()
    client.force_login(reviewer_user)
    assert "利害関係の申告待ち 1件" in client.get(reverse("home")).content.decode()


def test_public_home_context_lists_only_calls_accepting_applications(project):
    from selection.selectors import public_home_context

    open_call = make_call(project, status=Call.Status.OPEN)
    make_call(
        project,
        status=Call.Status.OPEN,
        title="締切済み",
        deadline=timezone.now() - datetime.timedelta(minutes=1),
    )
    make_call(project, title="準備中")
    calls = public_home_context()["open_calls"]
    assert calls == [open_call]
    assert calls[0].get_public_url() == reverse("selection:public_call_detail", args=[open_call.pk])


def test_project_panel(project, staff_user, other_staff_user, npo_user, manager_user, client):
    from django.template.loader import render_to_string

    from selection.selectors import project_panel

    assert project_panel(other_staff_user, project) is None
    assert project_panel(npo_user, project) is None
    panel = project_panel(staff_user, project)
    assert panel["template"] == "selection/_project_panel.html" and panel["can_select"]
    assert project_panel(manager_user, project)["can_select"] is False
    call = make_call(project, status=Call.Status.SCORING)
    html = render_to_string(panel["template"], {"panel": project_panel(staff_user, project)})
    assert call.title in html and reverse("selection:ranking", args=[call.pk]) in html
    assert reverse("selection:selection_start", args=[project.pk]) in html


def test_a_project_before_selection_has_no_panel(office, staff_user):
    from selection.selectors import project_panel

    early = selection_project(office, stage=Stage.METHOD)
    assert project_panel(staff_user, early) is None


# --- the pages themselves --------------------------------------------------------------------
def test_every_selection_page_has_one_h1_and_labelled_tables(client, world, people):
    import re

    pages = [
        (people["staff"], url_for(name, world))
        for name in ("call_detail", "ranking", "application", "selection", "directory", "call_list")
    ] + [
        (people["reviewer"], url_for("review_call", world)),
        (people["reviewer"], url_for("score", world)),
        (people["npo"], url_for("my_applications", world)),
        (None, url_for("public", world)),
        (None, reverse("selection:public_calls")),
    ]
    for person, url in pages:
        client.logout()
        if person:
            client.force_login(person)
        html = client.get(url).content.decode()
        assert len(re.findall(r"<h1[ >]", html)) == 1, url
        assert html.count("<table") == html.count("<caption"), url


def test_selection_start_offers_the_three_routes(client, project, npo, staff_user):
    from tests.factories import add_partner

    add_partner(project, npo, status="prospective", via="proposal")
    client.force_login(staff_user)
    page = client.get(reverse("selection:selection_start", args=[project.pk])).content.decode()
    assert "公募を作成する" in page and "特命で協働相手に決定する" in page
    assert "提案団体を協働相手に決定する" in page


def test_designation_through_the_page_publishes_the_justification(client, project, npo, staff_user):
    client.force_login(staff_user)
    url = reverse("selection:designate", args=[project.pk])
    response = client.post(
        url, {"designate-organization": str(npo.pk), "designate-justification": ""}
    )
    assert response.status_code == 200 and "designate-justification" in response.content.decode()
    from selection.models import Designation

    assert not Designation.objects.exists()
    response = client.post(
        url,
        {"designate-organization": str(npo.pk), "designate-justification": "県内で唯一の実施経験"},
        follow=True,
    )
    assert "県内で唯一の実施経験" in response.content.decode()
    client.logout()
    page = client.get(reverse("selection:public_calls")).content.decode()
    assert project.title in page and "特命（指名）" in page


def test_published_results_lead_the_owner_office_back_to_its_project(
    client, project, staff_user, npo_user
):
    call = make_call(project, status=Call.Status.SCORING)
    _grow(call, 2, 1)
    services.call_decide(
        call=call,
        by=staff_user,
        application=call.applications.first(),
        reason="理由",
    )
    services.call_publish_results(call=call, by=staff_user)
    url = reverse("selection:public_call_detail", args=[call.pk])
    back = f'href="{project.get_absolute_url()}"'

    client.force_login(staff_user)
    assert back in client.get(url).content.decode()
    client.force_login(npo_user)
    assert back not in client.get(url).content.decode()
    client.logout()
    assert back not in client.get(url).content.decode()
