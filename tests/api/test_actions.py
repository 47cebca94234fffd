"""The main actions through the API follow the workflow and its guards exactly as the pages do:
same services, same refusals, same reasons."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation import sheet as sheet_data
from evaluation.models import Evaluation
from evaluation.services import LOW_SCORE_NEEDS_REASON
from projects import services as project_services
from projects.choices import ProposalStatus, Stage
from projects.models import Proposal
from projects.permissions import PROPOSAL_NOT_DRAFT
from projects.services import (
    ALREADY_CONFIRMED,
    CONFIRM_NOT_CURRENT,
    NOT_YOUR_NPO,
    REASON_REQUIRED_TO_GO_BACK,
    STALE_PROPOSAL,
)
from projects.workflow import closed_gates
from selection.models import Application
from selection.permissions import deadline_passed_message
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def advance(client, project, to, comment=""):
    return client.post(
        reverse("api:project-advance", args=[project.pk]),
        {"to": to, "comment": comment},
        format="json",
    )


def confirm(client, project, side, number=1):
    return client.post(
        reverse("api:project-agreement", args=[project.pk]),
        {"side": side, "number": number},
        format="json",
    )


def test_closed_gates_refuse_with_the_same_reasons_as_the_page(world, client_for):
    project = world.active
    expected = closed_gates(project, Stage.IMPLEMENTATION)
    assert expected  # neither side has confirmed yet
    response = advance(client_for("staff"), project, "implementation")
    assert response.status_code == 409
    assert response.json()["code"] == "gate_closed"
    assert response.json()["reasons"] == expected
    project.refresh_from_db()
    assert project.stage == Stage.AGREEMENT


def test_moves_listed_on_the_project_say_what_is_missing(world, client_for):
    data = client_for("staff").get(reverse("api:project-detail", args=[world.active.pk])).json()
    forward = next(m for m in data["moves"] if m["to"]["value"] == "implementation")
    assert forward["reasons"] == closed_gates(world.active, Stage.IMPLEMENTATION)
    back = next(m for m in data["moves"] if m["backward"])
    assert back["to"]["value"] == "partner_selection"
    partner_view = client_for("npo").get(reverse("api:project-detail", args=[world.active.pk]))
    assert partner_view.json()["moves"] == []


def test_agreement_confirmed_by_both_then_the_stage_advances(world, client_for, staff_user):
    project = world.active
    staff, npo = client_for("staff"), client_for("npo")
    assert confirm(staff, project, "government").status_code == 200
    again = confirm(staff, project, "government")
    assert again.status_code == 400 and again.json()["message"] == str(ALREADY_CONFIRMED)
    stale = confirm(npo, project, "npo", number=2)
    assert stale.status_code == 409 and stale.json()["code"] == "stale"
    assert stale.json()["message"] == str(CONFIRM_NOT_CURRENT) % {"number": 2}
    confirmed = confirm(npo, project, "npo")
    assert {c["side"]["value"] for c in confirmed.json()["confirmations"]} == {"government", "npo"}

    response = advance(staff, project, "implementation", "双方の確認が済んだため")
    assert response.status_code == 200
    data = response.json()
    assert data["stage"]["value"] == "implementation"
    last = data["timeline"][-1]
    assert (last["from_stage"]["value"], last["to_stage"]["value"]) == (
        "agreement",
        "implementation",
    )
    assert last["actor"] == staff_user.get_full_name()
    assert last["comment"] == "双方の確認が済んだため"


def test_going_back_needs_a_reason(world, client_for):
    staff = client_for("staff")
    refused = advance(staff, world.active, "partner_selection")
    assert refused.status_code == 409
    assert refused.json()["reasons"] == [str(REASON_REQUIRED_TO_GO_BACK)]
    done = advance(staff, world.active, "partner_selection", "協働相手が辞退したため")
    assert done.status_code == 200 and done.json()["stage"]["value"] == "partner_selection"


def test_unknown_stage_is_a_validation_error(world, client_for):
    response = advance(client_for("staff"), world.active, "somewhere")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["to"]


def test_a_jump_the_table_does_not_allow_is_refused(world, client_for):
    response = advance(client_for("staff"), world.draft, "closed")
    assert response.status_code == 409
    assert response.json()["reasons"] == closed_gates(world.draft, Stage.CLOSED)


# --- proposals -------------------------------------------------------------------------------


def proposal_body(world, **overrides) -> dict:
    return {
        "organization": world.proposal_draft.organization_id,
        "addressed_office": world.proposal_draft.addressed_office_id,
        "title": "空き家を使った子ども食堂",
        "issue": "放課後に一人で過ごす子どもが多い。",
        "idea": "空き家を活用し、週2回の食堂を開く。",
        "proposed_method": "cooperation",
        "rough_budget": 800000,
        **overrides,
    }


def test_proposal_drafted_edited_and_submitted(world, client_for):
    npo = client_for("npo")
    created = npo.post(reverse("api:proposal-list"), proposal_body(world), format="json")
    assert created.status_code == 201
    data = created.json()
    assert data["status"]["value"] == "draft" and data["version"] == 1
    url = reverse("api:proposal-detail", args=[data["id"]])
    # Nobody at the office sees a draft.
    assert client_for("staff").get(url).status_code == 404

    edited = npo.patch(
        url, {"title": "空き家を使った子ども食堂（改）", "version": 1}, format="json"
    )
    assert edited.status_code == 200 and edited.json()["version"] == 2
    stale = npo.patch(url, {"title": "古い版からの修正", "version": 1}, format="json")
    assert stale.status_code == 409
    assert stale.json() == {"code": "stale", "message": str(STALE_PROPOSAL)}
    no_version = npo.patch(url, {"title": "版なし"}, format="json")
    assert no_version.status_code == 400 and "version" in no_version.json()["errors"]

    submitted = npo.post(reverse("api:proposal-submit", args=[data["id"]]))
    assert submitted.status_code == 200
    assert submitted.json()["status"]["value"] == ProposalStatus.SUBMITTED
    assert client_for("staff").get(url).status_code == 200
    again = npo.post(reverse("api:proposal-submit", args=[data["id"]]))
    assert again.status_code == 403 and again.json()["message"] == str(PROPOSAL_NOT_DRAFT)
    late_edit = npo.patch(url, {"title": "提出後の修正", "version": 3}, format="json")
    assert late_edit.status_code == 403


def test_proposal_for_someone_elses_npo_is_refused(world, client_for):
    response = client_for("other_npo").post(
        reverse("api:proposal-list"), proposal_body(world), format="json"
    )
    assert response.status_code == 403
    assert response.json()["message"] == str(NOT_YOUR_NPO)
    assert not Proposal.objects.filter(title="空き家を使った子ども食堂").exists()


def test_proposal_bad_input_names_the_fields(world, client_for):
    response = client_for("npo").post(
        reverse("api:proposal-list"),
        proposal_body(world, title="", rough_budget=-5, addressed_office=999999),
        format="json",
    )
    assert response.status_code == 400
    assert {"title", "rough_budget", "addressed_office"} <= set(response.json()["errors"])


def test_submitting_an_incomplete_proposal_names_what_is_missing(world, client_for):
    world.proposal_draft.issue = ""
    world.proposal_draft.save()
    response = client_for("npo").post(
        reverse("api:proposal-submit", args=[world.proposal_draft.pk])
    )
    assert response.status_code == 400
    assert "issue" in response.json()["errors"]


# --- applications ----------------------------------------------------------------------------


def test_application_submitted_before_the_deadline_only(world, client_for):
    url = reverse("api:application-submit", args=[world.draft_application.pk])
    call = world.open_call
    call.application_deadline = timezone.now() - datetime.timedelta(minutes=1)
    call.scoring_deadline = timezone.now() + datetime.timedelta(days=1)
    call.save()
    late = client_for("npo").post(url)
    assert late.status_code == 403
    call.refresh_from_db()
    assert late.json()["message"] == deadline_passed_message(call)
    call.application_deadline = timezone.now() + datetime.timedelta(days=1)
    call.scoring_deadline = timezone.now() + datetime.timedelta(days=2)
    call.save()
    done = client_for("npo").post(url)
    assert done.status_code == 200 and done.json()["status"]["value"] == "submitted"
    assert Application.objects.get(pk=world.draft_application.pk).submitted_at is not None


# --- evaluations -----------------------------------------------------------------------------


def sheet(world, organization, score=4, **answers) -> dict:
    return {
        "kind": "final",
        "organization": organization.pk,
        "answers": {key: {"score": score, **answers} for key in sheet_data.ITEM_KEYS},
        "overall_comment": "双方で振り返った総評",
        "submit": True,
    }


def test_npo_submission_unseals_the_round(world, client_for, npo):
    sealed_url = reverse("api:evaluation-sheet-detail", args=[world.sealed_sheet.pk])
    client = client_for("npo")
    assert client.get(sealed_url).status_code == 403
    low = client.post(
        reverse("api:evaluation-sheet", args=[world.sealed_project.pk]),
        sheet(world, npo, score=2),
        format="json",
    )
    assert low.status_code == 400
    assert str(LOW_SCORE_NEEDS_REASON) in low.json()["errors"]["reason_outcome_targets"]
    done = client.post(
        reverse("api:evaluation-sheet", args=[world.sealed_project.pk]),
        sheet(world, npo, score=2, reason="利用者が目標に届かなかった"),
        format="json",
    )
    assert done.status_code == 200
    assert done.json()["status"]["value"] == Evaluation.Status.SUBMITTED
    # Both sides are in: the office's sheet is no longer sealed for the NPO.
    assert client.get(sealed_url).status_code == 200
    overview = client.get(reverse("api:evaluation-detail", args=[world.sealed_project.pk]))
    final = next(r for r in overview.json()["rounds"] if r["kind"]["value"] == "final")
    assert final["unsealed"] is True


def test_a_draft_sheet_stays_editable_and_stale_saves_are_refused(world, client_for, npo):
    client = client_for("npo")
    url = reverse("api:evaluation-sheet", args=[world.sealed_project.pk])
    body = {**sheet(world, npo), "submit": False}
    first = client.post(url, body, format="json")
    assert first.status_code == 200 and first.json()["status"]["value"] == "draft"
    stale = client.post(url, {**body, "version": 0}, format="json")
    assert stale.status_code == 409 and stale.json()["code"] == "stale"
    second = client.post(url, {**body, "version": first.json()["version"]}, format="json")
    assert second.status_code == 200


def test_evaluation_outside_its_window_is_refused(office, staff_user, npo, client_for):
    from evaluation.permissions import FINAL_NOT_OPEN
    from tests.factories import add_partner

    project = ProjectFactory(owner_office=office, stage=Stage.IMPLEMENTATION)
    add_partner(project, npo)
    response = client_for("staff").post(
        reverse("api:evaluation-sheet", args=[project.pk]), sheet(None, office), format="json"
    )
    assert response.status_code == 403
    assert response.json()["message"] == str(FINAL_NOT_OPEN)


def test_services_are_the_only_writers(world, client_for, monkeypatch):
    """The API calls the service the page calls (so audit, locking and checks are shared)."""
    calls = []
    original = project_services.project_advance

    def spy(**kwargs):
        calls.append(kwargs)
        return original(**kwargs)

    monkeypatch.setattr(project_services, "project_advance", spy)
    advance(client_for("staff"), world.active, "partner_selection", "やり直し")
    assert calls and calls[0]["to"] == "partner_selection"


def test_the_agreement_carries_its_payment_terms(world, client_for, staff_user):
    from projects.models import AgreementVersion

    AgreementVersion.objects.filter(agreement__project=world.active).update(
        payment_method="partial", payment_schedule="四半期ごとに出来高で支払う。"
    )
    data = client_for("npo").get(reverse("api:project-agreement", args=[world.active.pk])).json()
    assert data["payment_method"] == {"value": "partial", "label": "部分払"}
    assert data["payment_schedule"] == "四半期ごとに出来高で支払う。"
