"""The migration that splits a proposal's division of roles by side keeps what was written."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("projects", "0008_agreement_dialogue"), ("partners", "0005_selection_moved_out")]
AFTER = [("projects", "0009_proposal_roles_and_project_content")]


def _state_at(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_existing_proposed_roles_move_to_the_shared_roles():
    try:
        apps = _state_at(BEFORE)
        Organization = apps.get_model("partners", "Organization")
        Proposal = apps.get_model("projects", "Proposal")
        npo = Organization.objects.create(name="ひだまり", kind="npo", legal_form="npo_corporation")
        office = Organization.objects.create(
            name="県民生活課", kind="government", level="municipality", jurisdiction="さいたま市"
        )
        written = Proposal.objects.create(
            organization=npo,
            addressed_office=office,
            title="t",
            issue="i",
            idea="d",
            proposed_roles="団体：運営\n県：会場の確保",
        )
        empty = Proposal.objects.create(
            organization=npo, addressed_office=office, title="u", issue="i", idea="d"
        )

        apps = _state_at(AFTER)
        Proposal = apps.get_model("projects", "Proposal")
        moved = Proposal.objects.get(pk=written.pk)
        assert moved.shared_roles == "団体：運営\n県：会場の確保"
        assert (moved.government_roles, moved.npo_roles, moved.purpose) == ("", "", "")
        assert Proposal.objects.get(pk=empty.pk).shared_roles == ""

        apps = _state_at(BEFORE)
        Proposal = apps.get_model("projects", "Proposal")
        assert Proposal.objects.get(pk=written.pk).proposed_roles == "団体：運営\n県：会場の確保"
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
