"""Running a service from a page: refusals become messages or form errors, stale edits stay on
the form, success redirects, and a fault is never swallowed."""

import pytest
from django import forms
from django.contrib import messages
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.test import RequestFactory

from evaluation.services import StaleEdit as EvaluationStaleEdit
from kyodo_portal.api.errors import exception_handler
from kyodo_portal.core.errors import PermissionDenied, StaleEdit
from kyodo_portal.core.web import refusal, service_call
from projects.services import StaleEdit as ProjectStaleEdit
from selection.services import STALE_EDIT as SELECTION_STALE_EDIT
from selection.services.base import _check_version as selection_check_version

STALE = "ほかの人が先に更新しました。もう一度保存してください。"
NOT_YOURS = "この公募を編集できるのは担当課の職員だけです。"


class TitleForm(forms.Form):
    title = forms.CharField()


@pytest.fixture
def request_():
    request = RequestFactory().post("/calls/1/edit/", {"title": "入力した題名"})
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def sent(request) -> list[tuple[int, str]]:
    return [(m.level, str(m)) for m in get_messages(request)]


def raises(error: Exception):
    def call():
        raise error

    return call


def test_success_shows_the_message_and_redirects(request_):
    response = service_call(request_, lambda: 7, success="保存しました。", redirect_to="/calls/7/")
    assert response.status_code == 302 and response["Location"] == "/calls/7/"
    assert sent(request_) == [(messages.SUCCESS, "保存しました。")]


def test_success_message_and_target_may_depend_on_what_the_service_returned(request_):
    response = service_call(
        request_,
        lambda: 12,
        success=lambda number: f"第{number}版を公表しました。",
        redirect_to=lambda number: f"/calls/{number}/",
        form=TitleForm(request_.POST),
    )
    assert response["Location"] == "/calls/12/"
    assert sent(request_) == [(messages.SUCCESS, "第12版を公表しました。")]


def test_a_permission_refusal_without_a_form_is_a_message_and_a_redirect(request_):
    response = service_call(
        request_,
        raises(PermissionDenied(NOT_YOURS)),
        success="保存しました。",
        redirect_to="/calls/1/public/",
        failed_to="/calls/1/",
    )
    assert response.status_code == 302 and response["Location"] == "/calls/1/"
    assert sent(request_) == [(messages.ERROR, NOT_YOURS)]


def test_each_reason_of_a_validation_refusal_is_its_own_message(request_):
    response = service_call(
        request_,
        raises(ValidationError(["締切が過ぎています。", "基準がありません。"])),
        redirect_to="/calls/1/",
    )
    assert response["Location"] == "/calls/1/"
    assert sent(request_) == [
        (messages.ERROR, "締切が過ぎています。"),
        (messages.ERROR, "基準がありません。"),
    ]


def test_a_page_may_answer_a_permission_refusal_with_its_own_page(request_):
    response = service_call(
        request_,
        raises(PermissionDenied(NOT_YOURS)),
        success="保存しました。",
        redirect_to="/x/",
        form=TitleForm(request_.POST),
        refused=lambda reason: HttpResponse(reason, status=403),
    )
    assert response.status_code == 403 and response.content.decode() == NOT_YOURS
    assert sent(request_) == []


def test_a_stale_edit_goes_on_the_form_and_keeps_what_was_entered(request_):
    form = TitleForm(request_.POST)
    assert form.is_valid()
    response = service_call(
        request_,
        raises(StaleEdit(STALE, code="stale")),
        success="保存しました。",
        redirect_to="/calls/1/",
        form=form,
    )
    assert response is None  # the view shows the form again
    assert form.non_field_errors() == [STALE]
    assert form["title"].value() == "入力した題名"
    assert sent(request_) == []


def test_a_refusal_about_a_field_is_shown_beside_it(request_):
    form = TitleForm(request_.POST)
    assert form.is_valid()
    error = ValidationError({"title": ["題名が長すぎます。"], "__all__": ["保存できません。"]})
    assert service_call(request_, raises(error), redirect_to="/x/", form=form) is None
    assert form.errors["title"] == ["題名が長すぎます。"]
    assert form.non_field_errors() == ["保存できません。"]


def test_a_permission_refusal_with_a_form_goes_on_the_form(request_):
    form = TitleForm(request_.POST)
    assert form.is_valid()
    assert (
        service_call(request_, raises(PermissionDenied(NOT_YOURS)), redirect_to="/x/", form=form)
        is None
    )
    assert form.non_field_errors() == [NOT_YOURS]


@pytest.mark.parametrize("fault", [RuntimeError("bug"), KeyError("title"), ValueError("kind")])
def test_an_unexpected_error_is_not_swallowed(request_, fault):
    form = TitleForm(request_.POST)
    assert form.is_valid()
    with pytest.raises(type(fault)):
        service_call(
            request_, raises(fault), success="保存しました。", redirect_to="/x/", form=form
        )
    assert form.errors == {}
    assert sent(request_) == []


def test_a_redirect_that_depends_on_the_result_needs_a_target_for_a_refusal(request_):
    with pytest.raises(TypeError):
        service_call(request_, lambda: 1, redirect_to=lambda number: f"/calls/{number}/")


def test_refusal_redirects_with_the_reason_only_when_the_permission_refuses(request_):
    assert refusal(request_, (True, ""), redirect_to="/calls/1/") is None
    assert sent(request_) == []
    response = refusal(request_, (False, NOT_YOURS), redirect_to="/calls/1/")
    assert response["Location"] == "/calls/1/"
    assert sent(request_) == [(messages.ERROR, NOT_YOURS)]


class Versioned:
    version = 3


def _selection_stale():
    try:
        selection_check_version(Versioned(), 2)
    except StaleEdit as error:
        return error
    raise AssertionError("a stale version was accepted")


@pytest.mark.parametrize(
    "stale, message",
    [
        (lambda: EvaluationStaleEdit(), None),
        (lambda: ProjectStaleEdit("この事業は別の人が更新しました。", code="stale"), None),
        (_selection_stale, str(SELECTION_STALE_EDIT)),
    ],
    ids=["evaluation", "projects", "selection"],
)
def test_every_apps_stale_edit_is_the_one_base_and_the_api_answers_409(stale, message):
    error = stale()
    assert isinstance(error, StaleEdit)
    response = exception_handler(error, {})
    assert response.status_code == 409
    assert response.data == {"code": "stale", "message": message or error.messages[0]}
