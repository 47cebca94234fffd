"""The casebook content as loaded by the migrations: thirteen cases covering the whole handbook."""

import pytest
from django.core.management import call_command

from casebook.content.cases import CASES
from casebook.guide_content import GUIDE_SECTIONS, METHOD_PARTS, METHODS, PRINCIPLES, method_guide
from casebook.models import Case, CaseTag
from projects.choices import Method, Principle, Stage

pytestmark = pytest.mark.django_db

TAUGHT_STAGES = [
    Stage.DRAFT,
    Stage.SUITABILITY,
    Stage.METHOD,
    Stage.PARTNER_SELECTION,
    Stage.AGREEMENT,
    Stage.IMPLEMENTATION,
    Stage.EVALUATION,
]


def test_thirteen_failure_cases_and_the_good_practice_after_a_fresh_migrate():
    # The test database is built by running the migrations, so this is the fresh-install state.
    failures = Case.objects.filter(kind=Case.Kind.FAILURE)
    assert list(failures.values_list("number", flat=True)) == list(range(1, 14))
    good = Case.objects.filter(kind=Case.Kind.GOOD_PRACTICE)
    assert list(good.values_list("number", flat=True)) == [14, 15, 16, 17]


def test_a_fresh_migrate_fills_the_search_keys():
    # 0004 reloads the cases through the loader, which computes the keys with historical models.
    assert not Case.objects.filter(search_ja="").exists()
    assert "引継" in Case.objects.get(number=11).search_ja


def test_good_practice_cases_each_point_back_to_failures_they_answer():
    for case in Case.objects.filter(kind=Case.Kind.GOOD_PRACTICE).prefetch_related("related"):
        related = list(case.related.all())
        assert related and all(other.kind == Case.Kind.FAILURE for other in related), case.number
    # The link is symmetric: the failure story leads to its good practice too.
    assert Case.objects.get(number=3).related.filter(number=14).exists()


def test_every_case_is_complete_in_both_languages():
    for case in Case.objects.prefetch_related("tags"):
        for field in ("title", "summary", "story", "problem", "hints", "questions"):
            assert getattr(case, f"{field}_ja").strip(), (case.number, field)
            assert getattr(case, f"{field}_en").strip(), (case.number, field)
        assert 2 <= len(case.questions_ja.splitlines()) <= 3, case.number
        assert len(case.questions_ja.splitlines()) == len(case.questions_en.splitlines())
        assert case.stages and case.methods and case.principles, case.number


@pytest.mark.parametrize("stage", TAUGHT_STAGES)
def test_every_stage_is_taught_by_some_case(stage):
    assert CaseTag.objects.filter(kind="stage", value=stage).exists()


@pytest.mark.parametrize("method", list(Method))
def test_every_method_is_taught_by_some_case(method):
    assert CaseTag.objects.filter(kind="method", value=method).exists()


@pytest.mark.parametrize("principle", list(Principle))
def test_every_principle_is_taught_by_some_case(principle):
    assert CaseTag.objects.filter(kind="principle", value=principle).exists()


def test_tags_follow_the_themes():
    def tags(number, kind):
        return set(
            CaseTag.objects.filter(case__number=number, kind=kind).values_list("value", flat=True)
        )

    assert tags(7, "method") == {Method.CO_HOSTING}
    assert tags(7, "stage") == {Stage.AGREEMENT}
    assert tags(10, "method") == {Method.SUBSIDY}
    assert tags(10, "principle") == {Principle.OPENNESS}
    assert tags(11, "stage") == {Stage.IMPLEMENTATION}
    assert tags(1, "method") == {Method.PLANNING_PARTICIPATION}


def test_accident_case_talks_about_insurance():
    assert "保険" in Case.objects.get(number=7).story_ja


def test_related_cases_are_linked_both_ways():
    seven = Case.objects.get(number=7)
    assert set(seven.related.values_list("number", flat=True)) == {8, 9}
    assert Case.objects.get(number=8).related.filter(number=7).exists()


def test_load_casebook_twice_is_idempotent():
    call_command("load_casebook")
    counts = (Case.objects.count(), CaseTag.objects.count(), Case.related.through.objects.count())
    Case.objects.filter(number=3).update(title_ja="書き換えられた題名")
    CaseTag.objects.create(case=Case.objects.get(number=3), kind="stage", value="closed")
    call_command("load_casebook")
    call_command("load_casebook")
    assert (
        Case.objects.count(),
        CaseTag.objects.count(),
        Case.related.through.objects.count(),
    ) == counts
    assert Case.objects.get(number=3).title_ja == CASES[2]["title"]["ja"]


def test_guide_content_covers_every_method_and_principle():
    assert set(METHODS) == set(Method.values)
    assert set(PRINCIPLES) == set(Principle.values)
    for method in Method:
        for part in METHOD_PARTS:
            assert len(METHODS[method][part]["ja"]) > 60, (method, part)
            assert METHODS[method][part]["en"], (method, part)
    assert method_guide("co_hosting", "en")["cautions"].startswith("Once an event")
    assert set(method_guide("commission")) == set(METHOD_PARTS)
    assert method_guide("unknown") == {}
    slugs = {section["slug"] for section in GUIDE_SECTIONS}
    assert {"npo", "why", "suitability", "methods", "principles", "partner-selection"} <= slugs
    assert "evaluation" in slugs
