"""What the portal records in a project's history is worded for whoever reads it."""

from django.utils import translation

from projects.models import ProjectEvent
from projects.services import ADOPTED_NOTE, event_note
from tests.factories import ProjectFactory


def test_a_note_reads_in_the_readers_language_with_the_persons_comment_after_it(db, staff_user):
    project = ProjectFactory(owner_office=staff_user.memberships.first().organization)
    event = ProjectEvent.objects.create(
        project=project,
        actor=staff_user,
        from_stage="draft",
        to_stage="suitability",
        comment="来年度も継続したい",
        note=event_note(ADOPTED_NOTE, title="見守り", organization="ひだまり"),
    )
    with translation.override("ja"):
        assert event.text == (
            "協働提案「見守り」（ひだまり）を採択し、適否検討から始めます。\n来年度も継続したい"
        )
    with translation.override("en"):
        assert event.note_text.startswith("Adopted the collaboration proposal")
        assert "見守り" in event.note_text
        assert event.text.endswith("\n来年度も継続したい")


def test_an_event_without_a_note_reads_its_comment_alone(db, staff_user):
    project = ProjectFactory(owner_office=staff_user.memberships.first().organization)
    event = ProjectEvent.objects.create(
        project=project, actor=staff_user, from_stage="draft", to_stage="suitability", comment="x"
    )
    assert event.note_text == ""
    assert event.text == "x"
