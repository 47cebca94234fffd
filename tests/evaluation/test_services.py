"""Filling in, submitting and unsealing the sheets; bad input refused clearly."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from evaluation import services
from evaluation.models import Answer, Evaluation, EvaluationRound
from evaluation.permissions import (
    ALREADY_SUBMITTED,
    FINAL_NOT_OPEN,
    MIDTERM_AFTER_FINAL,
    MIDTERM_NOT_OPEN,
    NOT_YOUR_SHEET,
)
from evaluation.services import (
    LOW_SCORE_NEEDS_REASON,
    SCORE_OUT_OF_RANGE,
    SCORE_REQUIRED_TO_SUBMIT,
    AnswerInput,
    PermissionDenied,
    StaleEdit,
    evaluation_save,
)
from projects.choices import Stage
from tests.evaluation.helpers import answers, fill

pytestmark = pytest.mark.django_db


def test_draft_is_saved_and_can_be_incomplete(project, office, staff_user):
    partial = {"outcome_targets": AnswerInput(score=4), "progress": AnswerInput(score=None)}
    sheet = evaluation_save(
        project=project, kind="final", organization=office, by=staff_user, answers=partial
    )
    assert sheet.status == Evaluation.Status.DRAFT
    assert sheet.side == "government"
    assert dict(sheet.answers.values_list("item", "score")) == {
        "outcome_targets": 4,
        "progress": None,
    }
    assert sheet.round.unsealed_at is None


def test_low_score_needs_a_reason_even_in_a_draft(project, office, staff_user):
    with pytest.raises(ValidationError) as error:
        evaluation_save(
            project=project,
            kind="final",
            organization=office,
            by=staff_user,
            answers={"costs": AnswerInput(score=2, reason="  ")},
        )
    assert error.value.message_dict == {"reason_costs": [str(LOW_SCORE_NEEDS_REASON)]}
    assert not Evaluation.objects.exists()
    assert not EvaluationRound.objects.exists()  # rolled back with the refused save


@pytest.mark.parametrize("score", [0, 6, -1, 10])
def test_scores_outside_one_to_five_are_refused(project, office, staff_user, score):
    with pytest.raises(ValidationError) as error:
        evaluation_save(
            project=project,
            kind="final",
            organization=office,
            by=staff_user,
            answers={"roles": AnswerInput(score=score, reason="x")},
        )
    assert error.value.message_dict == {"score_roles": [str(SCORE_OUT_OF_RANGE)]}


def test_submitting_needs_every_item_scored(project, office, staff_user):
    incomplete = answers()
    incomplete["synergy"] = AnswerInput(score=None)
    with pytest.raises(ValidationError) as error:
        evaluation_save(
            project=project,
            kind="final",
            organization=office,
            by=staff_user,
            answers=incomplete,
            submit=True,
        )
    assert error.value.message_dict == {"score_synergy": [str(SCORE_REQUIRED_TO_SUBMIT)]}


def test_database_refuses_a_low_score_without_reason(project, office, staff_user):
    from django.db import IntegrityError, transaction

    sheet = fill(project, office, staff_user, submit=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.filter(evaluation=sheet, item="roles").update(score=1, reason="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.filter(evaluation=sheet, item="roles").update(score=7)


def test_submitted_sheet_cannot_be_changed(project, office, staff_user):
    fill(project, office, staff_user)
    with pytest.raises(PermissionDenied) as error:
        fill(project, office, staff_user, default=5)
    assert str(error.value) == str(ALREADY_SUBMITTED)
    assert set(Answer.objects.values_list("score", flat=True)) == {4}


def test_each_side_fills_in_only_its_own_sheet(project, office, npo, staff_user, npo_user):
    with pytest.raises(PermissionDenied) as error:
        fill(project, npo, staff_user)
    assert str(error.value) == str(NOT_YOUR_SHEET)
    with pytest.raises(PermissionDenied):
        fill(project, office, npo_user)


def test_other_npo_and_manager_cannot_fill_in(project, npo, other_npo_user, manager_user):
    for user in (other_npo_user, manager_user):
        with pytest.raises(PermissionDenied):
            fill(project, npo, user)


def test_stage_windows(project, office, staff_user):
    project.stage = Stage.IMPLEMENTATION
    project.save()
    with pytest.raises(PermissionDenied) as error:
        fill(project, office, staff_user)
    assert str(error.value) == str(FINAL_NOT_OPEN)
    assert fill(project, office, staff_user, kind="midterm", submit=False).round.kind == "midterm"
    project.stage = Stage.AGREEMENT
    project.save()
    with pytest.raises(PermissionDenied) as error:
        fill(project, office, staff_user, kind="midterm", submit=False)
    assert str(error.value) == str(MIDTERM_NOT_OPEN)


def test_no_interim_once_the_final_round_exists(client, project, office, staff_user):
    fill(project, office, staff_user, kind="midterm", submit=False)
    client.force_login(staff_user)
    overview = reverse("evaluation:project", args=[project.pk])
    midterm_url = reverse("evaluation:sheet_edit", args=[project.pk, "midterm"])
    assert midterm_url in client.get(overview).content.decode()
    fill(project, office, staff_user, submit=False)  # the final round starts
    with pytest.raises(PermissionDenied) as error:
        fill(project, office, staff_user, kind="midterm", submit=False)
    assert str(error.value) == str(MIDTERM_AFTER_FINAL)
    page = client.get(overview).content.decode()
    assert midterm_url not in page
    assert reverse("evaluation:sheet_edit", args=[project.pk, "final"]) in page
    response = client.get(midterm_url)
    assert str(MIDTERM_AFTER_FINAL) in response.content.decode()


def test_stale_edit_is_refused(project, office, staff_user):
    first = fill(project, office, staff_user, submit=False)
    fill(project, office, staff_user, submit=False)  # someone else saved meanwhile (version 2)
    with pytest.raises(StaleEdit):
        evaluation_save(
            project=project,
            kind="final",
            organization=office,
            by=staff_user,
            answers=answers(),
            version=first.version,
        )
    # A form opened before the sheet existed (version 0) is stale once someone created it.
    with pytest.raises(StaleEdit):
        evaluation_save(
            project=project,
            kind="final",
            organization=office,
            by=staff_user,
            answers=answers(),
            version=0,
        )


def test_round_unseals_when_both_sides_have_submitted(project, office, npo, staff_user, npo_user):
    fill(project, office, staff_user)
    round_ = EvaluationRound.objects.get()
    assert round_.unsealed_at is None
    fill(project, npo, npo_user, submit=False)
    round_.refresh_from_db()
    assert round_.unsealed_at is None
    fill(project, npo, npo_user)
    round_.refresh_from_db()
    assert round_.unsealed_at is not None


def test_round_with_two_partners_waits_for_both(
    project, office, npo, other_npo, staff_user, npo_user
):
    from kyodo_portal.core.roles import Role
    from tests.factories import add_partner, member

    add_partner(project, other_npo)
    second = member(Role.NPO, other_npo)
    fill(project, office, staff_user)
    fill(project, npo, npo_user)
    round_ = EvaluationRound.objects.get()
    assert round_.unsealed_at is None
    fill(project, other_npo, second)
    round_.refresh_from_db()
    assert round_.is_unsealed


def test_comment_on_other_only_after_unsealing(project, office, npo, staff_user, npo_user):
    mine = fill(project, office, staff_user)
    with pytest.raises(PermissionDenied):
        services.evaluation_comment_on_other(evaluation=mine, by=staff_user, text="x")
    theirs = fill(project, npo, npo_user)
    mine.round.refresh_from_db()
    mine = Evaluation.objects.select_related("round__project").get(pk=mine.pk)
    with pytest.raises(PermissionDenied):  # not one's own sheet
        services.evaluation_comment_on_other(evaluation=theirs, by=staff_user, text="x")
    with pytest.raises(ValidationError):
        services.evaluation_comment_on_other(evaluation=mine, by=staff_user, text="  ")
    services.evaluation_comment_on_other(evaluation=mine, by=staff_user, text="費用の認識に差")
    mine.refresh_from_db()
    assert mine.comment_on_other == "費用の認識に差"


# --- the dashboard's rollups, written with the submission ---------------------------------------


def _paired(project, organization) -> dict:
    return dict(
        Answer.objects.filter(
            evaluation__round__project=project, evaluation__organization=organization
        ).values_list("item", "government_score")
    )


def test_submission_writes_the_sheet_total_and_unsealing_pairs_the_scores(
    project, office, npo, staff_user, npo_user
):
    draft = fill(project, npo, npo_user, submit=False, default=3)
    draft.refresh_from_db()
    assert (draft.score_total, draft.scored_items) == (None, None)  # a draft may still change

    office_sheet = fill(project, office, staff_user, default=4, synergy=5)
    office_sheet.refresh_from_db()
    assert (office_sheet.score_total, office_sheet.scored_items) == (4 * 15 + 5, 16)
    # Sealed: the NPO's answers carry nothing of the office's yet.
    assert set(_paired(project, npo).values()) == {None}

    npo_sheet = fill(project, npo, npo_user, default=3, roles=2)
    npo_sheet.refresh_from_db()
    assert (npo_sheet.score_total, npo_sheet.scored_items) == (3 * 15 + 2, 16)
    paired = _paired(project, npo)
    assert paired["synergy"] == 5 and paired["roles"] == 4
    assert set(paired.values()) == {4, 5}
    assert set(_paired(project, office).values()) == {None}  # only NPO answers are paired


def test_every_partner_is_paired_with_the_office_once_the_round_unseals(
    project, office, npo, other_npo, staff_user, npo_user
):
    from kyodo_portal.core.roles import Role
    from tests.factories import add_partner, member

    add_partner(project, other_npo)
    fill(project, npo, npo_user, default=3)
    fill(project, office, staff_user, default=2)
    assert set(_paired(project, npo).values()) == {None}  # still waiting for the second NPO
    fill(project, other_npo, member(Role.NPO, other_npo), default=5)
    assert set(_paired(project, npo).values()) == {2}
    assert set(_paired(project, other_npo).values()) == {2}


def test_rollups_can_be_rebuilt_and_a_second_run_changes_nothing(
    project, office, npo, staff_user, npo_user
):
    """Bulk loaders (and the migration that added the rollups) fill them for existing sheets."""
    import importlib

    from django.apps import apps

    fill(project, office, staff_user, default=4)
    fill(project, npo, npo_user, default=3, synergy=1)

    def rollups():
        return (
            list(Evaluation.objects.order_by("pk").values_list("score_total", "scored_items")),
            sorted(Answer.objects.values_list("pk", "government_score")),
        )

    written = rollups()
    assert written[0] == [(64, 16), (48 - 2, 16)]
    migration = importlib.import_module("evaluation.migrations.0004_score_rollups")
    for rebuild in (services.score_rollups_fill, lambda: migration.fill_rollups(apps, None)):
        Evaluation.objects.update(score_total=None, scored_items=None)
        Answer.objects.update(government_score=None)
        rebuild()
        assert rollups() == written
    services.score_rollups_fill()
    assert rollups() == written


def test_pairing_reads_the_office_score_without_joining_projects_or_organisations(
    project, office, npo, staff_user, npo_user
):
    """The pairing runs once per NPO answer; the models' default ordering, left in its subquery,
    joined each answer's project and organisation and took minutes over a large database."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fill(project, office, staff_user, default=4)
    fill(project, npo, npo_user, default=3)
    Answer.objects.update(government_score=None)
    with CaptureQueriesContext(connection) as queries:
        services.score_rollups_fill()
    pairing = [q["sql"] for q in queries if "government_score" in q["sql"]]
    assert len(pairing) == 1
    assert "projects_project" not in pairing[0] and "partners_organization" not in pairing[0]
    assert set(_paired(project, npo).values()) == {4}
