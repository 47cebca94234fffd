"""One length limit for what is written on an evaluation sheet — a score's reason, an item's
comment and the overall comment — whether it comes through the page, the API or straight to the
database."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from evaluation.models import (
    ANSWER_TEXT_MAX_LENGTH,
    OVERALL_COMMENT_MAX_LENGTH,
    TEXT_TOO_LONG,
    Answer,
    Evaluation,
)
from evaluation.sheet import ITEM_KEYS
from tests.evaluation.helpers import fill

pytestmark = pytest.mark.django_db

FIRST = ITEM_KEYS[0]


def too_long(limit: int) -> str:
    return str(TEXT_TOO_LONG) % {"limit_value": limit, "show_value": limit + 1}


def _form_data(**overrides):
    data = {"overall_comment": "総評", "version": "0", "save": "1"}
    for key in ITEM_KEYS:
        data[f"score_{key}"] = "4"
        data[f"reason_{key}"] = ""
        data[f"comment_{key}"] = ""
    data.update(overrides)
    return data


def test_the_message_names_the_limit_and_the_length():
    with translation.override("ja"):
        assert too_long(4000) == "4000文字以内で入力してください（現在4001文字です）。"
    assert ANSWER_TEXT_MAX_LENGTH == 4000 and OVERALL_COMMENT_MAX_LENGTH == 8000


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        (f"reason_{FIRST}", ANSWER_TEXT_MAX_LENGTH),
        (f"comment_{FIRST}", ANSWER_TEXT_MAX_LENGTH),
        ("overall_comment", OVERALL_COMMENT_MAX_LENGTH),
    ],
)
def test_the_page_refuses_a_longer_text_and_keeps_what_was_typed(
    client, project, staff_user, field, limit
):
    client.force_login(staff_user)
    url = reverse("evaluation:sheet_edit", args=[project.pk, "final"])
    text = "あ" * (limit + 1)
    response = client.post(url, _form_data(**{field: text, f"comment_{ITEM_KEYS[1]}": "残す"}))
    assert response.status_code == 400
    page = response.content.decode()
    assert too_long(limit) in page
    # The error stands beside the field, and everything typed is still in the form.
    assert f'id="id_{field}-error"' in page
    assert text in page and "残す" in page
    assert not Evaluation.objects.exists()


def test_the_page_accepts_a_text_of_exactly_the_limit(client, project, staff_user):
    client.force_login(staff_user)
    url = reverse("evaluation:sheet_edit", args=[project.pk, "final"])
    text = "い" * ANSWER_TEXT_MAX_LENGTH
    response = client.post(url, _form_data(**{f"reason_{FIRST}": text}))
    assert response.status_code == 302
    assert Answer.objects.get(item=FIRST).reason == text


def test_the_api_uses_the_same_limit_and_message(project, office, staff_user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=staff_user).key}")
    response = client.post(
        reverse("api:evaluation-sheet", args=[project.pk]),
        {
            "kind": "final",
            "organization": office.pk,
            "answers": {FIRST: {"score": 4, "reason": "う" * (ANSWER_TEXT_MAX_LENGTH + 1)}},
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        f"answers.{FIRST}.reason": [too_long(ANSWER_TEXT_MAX_LENGTH)]
    }


def test_the_schema_states_the_limit(client):
    schemas = client.get(reverse("api:schema"), {"format": "json"}).json()["components"]["schemas"]
    answer = schemas["AnswerInputRequest"]["properties"]
    assert answer["reason"]["maxLength"] == ANSWER_TEXT_MAX_LENGTH
    assert answer["comment"]["maxLength"] == ANSWER_TEXT_MAX_LENGTH
    sheet = schemas["SheetInputRequest"]["properties"]
    assert sheet["overall_comment"]["maxLength"] == OVERALL_COMMENT_MAX_LENGTH


@pytest.mark.parametrize(
    ("model", "field", "limit"),
    [
        (Answer, "reason", ANSWER_TEXT_MAX_LENGTH),
        (Answer, "comment", ANSWER_TEXT_MAX_LENGTH),
        (Evaluation, "overall_comment", OVERALL_COMMENT_MAX_LENGTH),
    ],
)
def test_the_model_and_the_database_hold_the_limit(
    project, office, staff_user, model, field, limit
):
    sheet = fill(project, office, staff_user, submit=False)
    row = sheet if model is Evaluation else sheet.answers.first()
    setattr(row, field, "え" * (limit + 1))
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert error.value.message_dict[field] == [too_long(limit)]
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="drops a constraint inside the test's transaction"
)
def test_the_migration_lists_older_texts_over_the_limit_instead_of_cutting_them(
    project, office, staff_user
):
    migration = importlib.import_module("evaluation.migrations.0005_sheet_text_limits")
    sheet = fill(project, office, staff_user, submit=False)
    migration.refuse_longer_texts(django_apps, None)  # nothing too long: passes
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks block the ALTER
        cursor.execute("ALTER TABLE evaluation_answer DROP CONSTRAINT reason_within_limit")
    answer = sheet.answers.first()
    Answer.objects.filter(pk=answer.pk).update(reason="お" * 4001)
    with pytest.raises(RuntimeError, match=f"Answer {answer.pk}: reason has 4001 characters"):
        migration.refuse_longer_texts(django_apps, None)
    assert Answer.objects.get(pk=answer.pk).reason == "お" * 4001
