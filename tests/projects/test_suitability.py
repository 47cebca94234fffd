"""The suitability check: the recommendation for representative answers, the record, the gate."""

import pytest
from django.core.exceptions import ValidationError

from projects import services
from projects import suitability as questionnaire
from projects.choices import Stage, SuitabilityOutcome
from projects.models import SuitabilityAnswer
from projects.workflow import (
    IS_COLLABORATE,
    NO_JUSTIFICATION,
    NO_OUTCOME,
    NOT_COLLABORATE,
    SUITABILITY_UNANSWERED,
    closed_gates,
)
from tests.factories import ProjectFactory
from tests.projects.conftest import COLLABORATE_ANSWERS, answer_suitability


def with_answers(**changes):
    return {**COLLABORATE_ANSWERS, **changes}


@pytest.mark.parametrize(
    ("answers", "outcome", "rule", "because"),
    [
        (COLLABORATE_ANSWERS, "collaborate", "collaborate", None),
        (
            with_answers(government_responsibility="yes"),
            "government_alone",
            "government_alone",
            ["government_responsibility"],
        ),
        (
            with_answers(npo_own_activity="yes"),
            "npo_alone",
            "npo_alone",
            ["npo_own_activity"],
        ),
        (
            with_answers(collaboration_needed="no"),
            "reconsider",
            "not_needed",
            ["collaboration_needed"],
        ),
        (
            with_answers(synergy="no", npo_strengths="no"),
            "reconsider",
            "no_added_value",
            ["synergy", "npo_strengths"],
        ),
        (
            with_answers(equal_partner="no"),
            "reconsider",
            "not_equal",
            ["equal_partner"],
        ),
        (with_answers(autonomy="unsure"), "reconsider", "unsure", ["autonomy"]),
        # Saving costs as the main aim argues against collaboration (not cheap labour).
        (with_answers(cost_saving="yes"), "reconsider", "cost_saving", ["cost_saving"]),
        # Who should act is asked first: a government-only task stays so even if all else is yes.
        (
            with_answers(government_responsibility="yes", npo_own_activity="yes"),
            "government_alone",
            "government_alone",
            ["government_responsibility"],
        ),
    ],
)
def test_recommendation_for_representative_answers(answers, outcome, rule, because):
    recommendation = questionnaire.recommend(answers)
    assert recommendation.outcome == outcome
    assert recommendation.rule == rule
    if because is not None:
        assert recommendation.because == because
    else:
        assert set(recommendation.because) >= {"collaboration_needed", "synergy", "equal_partner"}
    assert recommendation.explanation("ja")
    assert recommendation.explanation("en")


def test_every_answer_against_collaboration_is_listed_not_only_the_deciding_one():
    answers = with_answers(
        government_responsibility="yes",
        synergy="no",
        cost_saving="yes",
        autonomy="no",
        npo_voice="unsure",
    )
    recommendation = questionnaire.recommend(answers)
    assert recommendation.outcome == "government_alone"
    assert recommendation.because == ["government_responsibility"]
    assert recommendation.against == [
        "government_responsibility",
        "synergy",
        "cost_saving",
        "autonomy",
    ]
    assert questionnaire.recommend(COLLABORATE_ANSWERS).against == []


def test_cost_saving_is_asked_and_its_yes_argues_against():
    assert questionnaire.QUESTIONS["cost_saving"]["against"] == questionnaire.YES
    assert "コスト削減" in questionnaire.question_text("cost_saving", "ja")
    assert questionnaire.unanswered({**COLLABORATE_ANSWERS, "cost_saving": ""}) == ["cost_saving"]
    assert questionnaire.recommend(with_answers(cost_saving="no")).outcome == "collaborate"


def test_the_page_lists_every_answer_against_and_marks_the_deciding_one(client, staff_user, office):
    from django.urls import reverse

    project = ProjectFactory(owner_office=office, stage=Stage.SUITABILITY)
    answer_suitability(
        project,
        staff_user,
        answers=with_answers(equal_partner="no", cost_saving="yes", npo_strengths="no"),
        outcome="",
    )
    client.force_login(staff_user)
    page = client.get(reverse("projects:suitability", args=[project.pk])).content.decode()
    listed = page.split('id="against-answers"')[1].split("</ul>")[0]
    assert listed.count("<li>") == 3
    for key in ("npo_strengths", "cost_saving", "equal_partner"):
        assert questionnaire.question_text(key, "ja") in listed
    assert listed.count("この結論の決め手") == 1  # npo_strengths decides (viewpoint 2 first)
    assert "協働に否定的な回答（3件）" in page


def test_npo_alone_explains_how_the_government_supports_it(client, staff_user, office):
    from django.urls import reverse

    project = ProjectFactory(owner_office=office, stage=Stage.SUITABILITY)
    answer_suitability(
        project, staff_user, answers=with_answers(npo_own_activity="yes"), outcome=""
    )
    client.force_login(staff_user)
    page = client.get(reverse("projects:suitability", args=[project.pk])).content.decode()
    support = page.split('id="npo-support-forms"')[1].split("</div>")[0]
    for words in ("補助・助成", "後援", "ロゴ", "情報提供", "場の提供"):
        assert words in support
    assert "補助・助成" in " ".join(questionnaire.npo_support_forms("ja"))
    assert all(questionnaire.npo_support_forms("en"))

    other = ProjectFactory(owner_office=office, stage=Stage.SUITABILITY)
    answer_suitability(other, staff_user, outcome="")
    page = client.get(reverse("projects:suitability", args=[other.pk])).content.decode()
    assert 'id="npo-support-forms"' not in page


def test_no_recommendation_until_every_question_is_answered():
    partial = dict(COLLABORATE_ANSWERS)
    partial.pop("autonomy")
    assert questionnaire.recommend(partial) is None
    assert questionnaire.unanswered(partial) == ["autonomy"]


def test_every_question_has_japanese_and_english_text():
    assert len(questionnaire.VIEWPOINTS) == 3
    for question in questionnaire.QUESTIONS.values():
        assert question["ja"] and question["en"]


def test_saving_records_answers_notes_and_the_recommendation(staff_user, office):
    project = ProjectFactory(owner_office=office, stage=Stage.SUITABILITY)
    decision = services.suitability_save(
        project=project,
        by=staff_user,
        answers=COLLABORATE_ANSWERS,
        notes={"synergy": "子育て広場の運営ノウハウは団体にしかない"},
        outcome="collaborate",
    )
    assert decision.recommended_outcome == "collaborate"
    assert decision.outcome == "collaborate"
    assert SuitabilityAnswer.objects.get(project=project, question="synergy").note.startswith(
        "子育て広場"
    )


def test_choosing_otherwise_needs_a_justification(staff_user, office):
    project = ProjectFactory(owner_office=office, stage=Stage.SUITABILITY)
    answers = with_answers(equal_partner="no")
    with pytest.raises(ValidationError) as refused:
        answer_suitability(project, staff_user, answers=answers, outcome="collaborate")
    assert "justification" in refused.value.error_dict
    decision = answer_suitability(
        project,
        staff_user,
        answers=answers,
        outcome="collaborate",
        justification="協定で対等な関係を担保する手当てを済ませたため。",
    )
    assert decision.outcome == "collaborate"
    assert decision.recommended_outcome == "reconsider"
    assert closed_gates(project, Stage.METHOD) == []


def test_a_conclusion_needs_every_answer(staff_user, office):
    project = ProjectFactory(owner_office=office, stage=Stage.SUITABILITY)
    partial = dict(COLLABORATE_ANSWERS)
    partial.pop("synergy")
    with pytest.raises(ValidationError) as refused:
        answer_suitability(project, staff_user, answers=partial, outcome="collaborate")
    assert str(services.OUTCOME_NEEDS_ANSWERS) in refused.value.messages
    # Answers without a conclusion may be saved as work in progress.
    answer_suitability(project, staff_user, answers=partial, outcome="")


def test_a_stale_save_is_refused(staff_user, office):
    project = ProjectFactory(owner_office=office, stage=Stage.SUITABILITY)
    answer_suitability(project, staff_user, version=0)
    with pytest.raises(services.StaleEdit):
        answer_suitability(project, staff_user, version=0)


def test_gate_reasons_for_suitability(staff_user, office):
    project = ProjectFactory(owner_office=office, stage=Stage.SUITABILITY)
    assert closed_gates(project, Stage.METHOD) == [
        str(SUITABILITY_UNANSWERED) % {"count": len(questionnaire.QUESTION_KEYS)}
    ]
    answer_suitability(project, staff_user, outcome="")
    assert closed_gates(project, Stage.METHOD) == [str(NO_OUTCOME)]
    answer_suitability(project, staff_user, outcome=SuitabilityOutcome.COLLABORATE)
    assert closed_gates(project, Stage.METHOD) == []
    assert closed_gates(project, Stage.ENDED) == [str(IS_COLLABORATE)]


def test_ending_early_records_the_outcome(staff_user, office):
    project = ProjectFactory(owner_office=office, stage=Stage.SUITABILITY)
    answer_suitability(
        project,
        staff_user,
        answers=with_answers(npo_own_activity="yes"),
        outcome=SuitabilityOutcome.NPO_ALONE,
    )
    assert closed_gates(project, Stage.METHOD) == [str(NOT_COLLABORATE)]
    services.project_advance(project=project, to=Stage.ENDED, by=staff_user, comment="補助で支援")
    project.refresh_from_db()
    assert project.stage == Stage.ENDED
    assert project.end_outcome == SuitabilityOutcome.NPO_ALONE


def test_a_project_the_government_carries_out_alone_is_not_called_shelved(
    client, staff_user, office, django_assert_num_queries
):
    from django.urls import reverse

    project = ProjectFactory(owner_office=office, stage=Stage.SUITABILITY)
    answer_suitability(
        project,
        staff_user,
        answers=with_answers(government_responsibility="yes"),
        outcome=SuitabilityOutcome.GOVERNMENT_ALONE,
    )
    client.force_login(staff_user)
    page = client.get(reverse("projects:project_detail", args=[project.pk])).content.decode()
    assert "協働では実施しないことで終える" in page and "見送りにする" not in page
    services.project_advance(project=project, to=Stage.ENDED, by=staff_user, comment="")
    project.refresh_from_db()
    wording = "協働では実施しない（行政が単独で実施します）"
    assert project.get_stage_display() == wording
    page = client.get(reverse("projects:project_detail", args=[project.pk])).content.decode()
    bar = page.split('class="stage-bar')[1].split("</ol>")[0]
    assert wording in bar and "見送り" not in bar
    listing = client.get(reverse("projects:project_list")).content.decode()
    assert wording in listing
    # A project shelved for reconsideration is still 見送り.
    shelved = ProjectFactory(owner_office=office, stage=Stage.ENDED, end_outcome="reconsider")
    assert shelved.get_stage_display() == "見送り"
    # A list that reads only some columns does not fetch the outcome per row.
    from projects.models import Project

    partial = Project.objects.only("pk", "stage").get(pk=project.pk)
    with django_assert_num_queries(0):
        partial.get_stage_display()


def test_a_changed_answer_reopens_the_justification_question(staff_user, office):
    """If answers change after the conclusion so that it no longer matches, the gate asks why."""
    project = ProjectFactory(owner_office=office, stage=Stage.SUITABILITY)
    answer_suitability(project, staff_user)
    SuitabilityAnswer.objects.filter(project=project, question="equal_partner").update(answer="no")
    project.refresh_from_db()
    assert closed_gates(project, Stage.METHOD) == [str(NO_JUSTIFICATION)]


def test_hearing_record(staff_user, office, npo_user):
    import datetime

    project = ProjectFactory(owner_office=office, stage=Stage.SUITABILITY)
    hearing = services.hearing_add(
        project=project,
        by=staff_user,
        whom="子育て支援NPO 3団体",
        held_on=datetime.date(2026, 5, 10),
        summary="平日夕方の開設を求める声が多い。",
    )
    assert hearing.recorded_by == staff_user
    with pytest.raises(services.PermissionDenied):
        services.hearing_add(
            project=project,
            by=npo_user,
            whom="x",
            held_on=datetime.date(2026, 5, 10),
            summary="y",
        )
