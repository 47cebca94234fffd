import pytest
from django.utils import translation

from casebook.models import Case
from casebook.selectors import cases_for_stage, search_cases

pytestmark = pytest.mark.django_db


def numbers(cases):
    return [case.number for case in cases]


def test_cases_for_stage_without_method_is_in_number_order():
    assert numbers(cases_for_stage("agreement")) == [3, 4, 7, 8, 9, 16]
    assert numbers(cases_for_stage("implementation")) == [11]
    assert cases_for_stage("closed") == []


def test_cases_for_stage_are_narrowed_to_the_projects_method():
    assert numbers(cases_for_stage("agreement", "cooperation")) == [8, 9]
    assert numbers(cases_for_stage("agreement", "co_hosting")) == [7, 16]
    assert numbers(cases_for_stage("agreement", "commission")) == [3, 4]
    assert numbers(cases_for_stage("suitability", "cooperation")) == [14]
    assert all(case.method_match for case in cases_for_stage("agreement", "commission"))


def test_cases_for_stage_fall_back_to_the_whole_stage_when_no_case_has_the_method():
    # No agreement case teaches subsidies: the stage's cases rather than an empty list, each
    # marked as not matching so the page can say so.
    cases = cases_for_stage("agreement", "subsidy")
    assert numbers(cases) == [3, 4, 7, 8, 9, 16]
    assert not any(case.method_match for case in cases)


def test_cases_for_stage_is_two_queries_with_tags_prefetched(django_assert_num_queries):
    with django_assert_num_queries(2):
        cases = cases_for_stage("evaluation", "subsidy")
        labels = [(case.title, case.stages, case.methods) for case in cases]
    assert numbers(cases) == [10, 13, 17]
    assert all(isinstance(case, Case) for case in cases)
    assert labels


def test_search_by_tags_combines_filters():
    assert numbers(search_cases(method="commission")) == [3, 4, 5, 12, 15]
    assert numbers(search_cases(method="commission", principle="openness")) == [5, 12, 15]
    assert numbers(search_cases(stage="evaluation", method="subsidy")) == [10, 13, 17]
    assert search_cases(stage="implementation", method="subsidy") == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("保険", [7, 16]),
        ("ﾘｰﾌﾚｯﾄ", [9]),  # half-width katakana
        ("名簿", [8]),
        ("精算払い", [4]),
        ("リーフレット", [9]),
        ("NPO 異動", [11]),  # every term must match, in any field
        ("ＮＰＯ　異動", [11]),  # full-width letters and an ideographic space
        ("ぴよぴよらんど", []),
    ],
)
def test_japanese_substring_search(query, expected):
    assert numbers(search_cases(query=query)) == expected


def test_search_uses_the_active_language():
    with translation.override("en"):
        assert numbers(search_cases(query="insurance")) == [7, 16]
        assert search_cases(query="保険") == []
    assert search_cases(query="insurance") == []


@pytest.mark.parametrize(
    "stage",
    [
        "draft",
        "suitability",
        "method",
        "partner_selection",
        "agreement",
        "implementation",
        "evaluation",
    ],
)
def test_every_stage_of_a_project_page_has_cases_to_show(stage):
    cases = cases_for_stage(stage)
    assert cases
    assert all(stage in [s.value for s in case.stages] for case in cases)


def test_stage_cases_are_cached_and_a_correction_shows_at_once(django_assert_num_queries):
    from casebook.models import Case
    from casebook.selectors import cached_cases_for_stage

    first = cached_cases_for_stage("agreement", "co_hosting")
    with django_assert_num_queries(0):
        assert numbers(cached_cases_for_stage("agreement", "co_hosting")) == numbers(first)
    case = Case.objects.get(number=7)
    case.title_ja = "訂正した題名"
    case.save()
    assert cached_cases_for_stage("agreement", "co_hosting")[0].title_ja == "訂正した題名"
    case.tags.filter(kind="stage", value="agreement").delete()
    assert 7 not in numbers(cached_cases_for_stage("agreement", "co_hosting"))


def test_reloading_the_casebook_clears_the_cached_lists(django_capture_on_commit_callbacks):
    import copy

    from casebook.content.cases import CASES
    from casebook.selectors import cached_cases_for_stage
    from casebook.services import casebook_load

    assert 11 not in numbers(cached_cases_for_stage("closed"))
    corrected = copy.deepcopy(CASES)
    next(entry for entry in corrected if entry["number"] == 11)["stages"].append("closed")
    with django_capture_on_commit_callbacks(execute=True):
        casebook_load(cases=corrected)
    assert 11 in numbers(cached_cases_for_stage("closed"))
