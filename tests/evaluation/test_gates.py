"""The closing gate: both final evaluations submitted, comments exchanged, meeting recorded."""

import datetime

import pytest

from evaluation import gates, services
from evaluation.models import EvaluationRound
from projects.choices import Stage
from projects.services import GateClosed, project_advance
from tests.evaluation.helpers import fill
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def _reason(template, organization):
    return str(template) % {"organization": organization.name}


def test_no_partner(office):
    project = ProjectFactory(owner_office=office, stage=Stage.EVALUATION)
    assert gates.evaluation_complete(project) == str(gates.NO_PARTNER)


def test_no_round_yet(project):
    assert gates.evaluation_complete(project) == str(gates.NO_FINAL_ROUND)


def test_each_missing_step_is_named(project, office, npo, staff_user, npo_user):
    fill(project, office, staff_user, submit=False)
    assert gates.evaluation_missing(project) == [
        _reason(gates.GOVERNMENT_NOT_SUBMITTED, office),
        _reason(gates.NPO_NOT_SUBMITTED, npo),
    ]
    fill(project, office, staff_user)
    assert gates.evaluation_missing(project) == [_reason(gates.NPO_NOT_SUBMITTED, npo)]
    fill(project, npo, npo_user)
    round_ = EvaluationRound.objects.select_related("project").get()
    assert gates.evaluation_missing(project) == [
        _reason(gates.COMMENT_MISSING, office),
        _reason(gates.COMMENT_MISSING, npo),
        str(gates.EXCHANGE_NOT_RECORDED),
    ]
    for sheet in round_.sheets.select_related("round__project"):
        user = staff_user if sheet.side == "government" else npo_user
        services.evaluation_comment_on_other(evaluation=sheet, by=user, text="所見")
    assert gates.evaluation_missing(project) == [str(gates.EXCHANGE_NOT_RECORDED)]
    services.exchange_record(
        round_=round_,
        by=staff_user,
        meeting_date=datetime.date(2026, 3, 1),
        attendees="双方",
        conclusions="継続する",
    )
    assert gates.evaluation_complete(project) is None


def test_project_closes_only_through_the_gate(project, office, npo, staff_user, npo_user):
    fill(project, office, staff_user)
    with pytest.raises(GateClosed) as closed:
        project_advance(project=project, to=Stage.CLOSED, by=staff_user)
    assert _reason(gates.NPO_NOT_SUBMITTED, npo) in " ".join(closed.value.reasons)
    fill(project, npo, npo_user)
    round_ = EvaluationRound.objects.select_related("project").get()
    for sheet in round_.sheets.select_related("round__project"):
        user = staff_user if sheet.side == "government" else npo_user
        services.evaluation_comment_on_other(evaluation=sheet, by=user, text="所見")
    services.exchange_record(
        round_=round_,
        by=staff_user,
        meeting_date=datetime.date(2026, 3, 1),
        attendees="双方",
        conclusions="継続する",
    )
    project = project_advance(project=project, to=Stage.CLOSED, by=staff_user)
    assert project.stage == Stage.CLOSED


def test_midterm_round_does_not_open_the_closing_gate(project, office, npo, staff_user, npo_user):
    fill(project, office, staff_user, kind="midterm")
    fill(project, npo, npo_user, kind="midterm")
    assert gates.evaluation_complete(project) == str(gates.NO_FINAL_ROUND)


def test_project_page_reads_the_rounds_once_for_the_gate_and_the_panel(
    client, project, office, npo, staff_user, npo_user
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    fill(project, office, staff_user)
    client.force_login(staff_user)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("projects:project_detail", args=[project.pk])).content.decode()
    assert _reason(gates.NPO_NOT_SUBMITTED, npo) in html  # the gate's reason, on the page
    assert "評価シートを見る" in html  # and the panel's sheets
    rounds = [
        q for q in queries.captured_queries if 'FROM "evaluation_evaluationround"' in q["sql"]
    ]
    assert len(rounds) == 1


def test_project_page_reads_the_partners_once_for_permissions_gate_and_list(
    client, project, office, npo, other_npo, staff_user, npo_user
):
    """The partner list on the page also answers who may see it, whose sheets the gate waits
    for, and in what order the panel names them — from one read of the partners."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from kyodo_portal.core.roles import Role
    from tests.factories import add_partner, member

    add_partner(project, other_npo, status="withdrawn")
    fill(project, office, staff_user)
    client.force_login(npo_user)  # a partner: the page checks that the NPO is one
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("projects:project_detail", args=[project.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert _reason(gates.NPO_NOT_SUBMITTED, npo) in html
    assert other_npo.name not in html.split('id="next-title"')[1]  # withdrawn: not waited for
    sqls = [q["sql"] for q in queries.captured_queries]
    assert len([s for s in sqls if 'FROM "projects_projectpartner"' in s]) == 1
    assert not [s for s in sqls if s.startswith('SELECT "partners_organization"."id"')]

    client.force_login(member(Role.NPO, other_npo))  # a withdrawn partner may not
    assert client.get(reverse("projects:project_detail", args=[project.pk])).status_code == 404
