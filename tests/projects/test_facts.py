"""The facts snapshot: read once for a page, never kept on the project, fresh in services."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects import services, workflow
from projects.choices import ConfirmingSide, Stage
from projects.facts import project_facts
from projects.permissions import can_add_note, can_confirm_agreement, can_view_project
from projects.selectors import project_page
from tests.projects.conftest import confirm, project_at, save_agreement

pytestmark = pytest.mark.django_db


def _reads(queries, table):
    return [q for q in queries.captured_queries if f'FROM "{table}"' in q["sql"]]


def test_one_snapshot_reads_each_part_once_for_every_rule(office, npo, staff_user, npo_user):
    project = project_at(Stage.AGREEMENT, office, npo=npo)
    save_agreement(project, staff_user)
    facts = project_facts(project)
    with CaptureQueriesContext(connection) as queries:
        for _ in range(2):
            assert can_view_project(npo_user, facts)[0]
            assert can_add_note(npo_user, facts)[0]
            assert can_confirm_agreement(npo_user, facts, ConfirmingSide.NPO)[0]
            assert workflow.closed_gates(facts, Stage.IMPLEMENTATION)
    assert len(_reads(queries, "projects_projectpartner")) == 1
    assert len(_reads(queries, "projects_agreementversion")) == 1


def test_the_project_keeps_no_reads_of_its_own(office, npo, staff_user, npo_user):
    project = project_at(Stage.AGREEMENT, office, npo=npo)
    save_agreement(project, staff_user)
    facts = project_page(npo_user, project.pk)
    workflow.closed_gates(facts, Stage.IMPLEMENTATION)
    can_confirm_agreement(npo_user, facts.project, ConfirmingSide.NPO)
    kept = {name for name in vars(facts.project) if name.startswith("_") and name != "_state"}
    assert kept == set()


def test_a_service_reads_afresh_what_a_page_read_before(office, npo, staff_user, npo_user):
    project = project_at(Stage.AGREEMENT, office, npo=npo)
    save_agreement(project, staff_user)
    facts = project_page(staff_user, project.pk)
    assert workflow.closed_gates(facts, Stage.IMPLEMENTATION)  # nobody has confirmed yet
    confirm(project, staff_user, ConfirmingSide.GOVERNMENT)
    confirm(project, npo_user, ConfirmingSide.NPO)
    assert workflow.closed_gates(facts, Stage.IMPLEMENTATION)  # the page's snapshot stays as read
    services.project_advance(project=facts.project, to=Stage.IMPLEMENTATION, by=staff_user)
    assert facts.project.stage == Stage.IMPLEMENTATION


def test_project_page_reads_the_agreement_once_for_the_gate_and_the_summary(
    client, office, npo, staff_user
):
    project = project_at(Stage.AGREEMENT, office, npo=npo)
    save_agreement(project, staff_user)
    client.force_login(staff_user)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("projects:project_detail", args=[project.pk])).content.decode()
    waiting = str(workflow.NOT_CONFIRMED) % {"side": "行政（担当課）・NPO", "number": 1}
    assert waiting in html  # the gate's reason, from the version the summary shows
    assert len(_reads(queries, "projects_agreementversion")) == 1
