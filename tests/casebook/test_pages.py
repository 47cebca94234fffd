import itertools
import re

import pytest
from django.urls import reverse
from django.utils import translation

from casebook.models import Case
from projects.choices import Method

pytestmark = pytest.mark.django_db

PAGES = [
    reverse("casebook:index"),
    reverse("casebook:index")
    + "?stage=agreement&method=co_hosting&principle=dialogue_agreement&q=保険",
    reverse("casebook:case_detail", args=[7]),
    reverse("casebook:case_print", args=[7]),
    reverse("casebook:guide"),
    *[
        reverse("casebook:guide_section", args=[slug])
        for slug in ("npo", "why", "suitability", "methods", "principles", "allocation")
    ],
    reverse("casebook:guide_section", args=["partner-selection"]),
    reverse("casebook:guide_section", args=["evaluation"]),
]


@pytest.mark.parametrize("url", PAGES)
def test_public_pages_open_without_login_with_one_h1_and_bounded_queries(
    client, url, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert '<main id="main"' in html


def test_index_lists_all_cases_with_labelled_filters(client):
    html = client.get(reverse("casebook:index")).content.decode()
    for case in Case.objects.all():
        assert case.title_ja in html
    for name in ("stage", "method", "principle", "kind", "q"):
        match = re.search(rf'<(select|input)[^>]*name="{name}"[^>]*id="([^"]+)"', html)
        assert match, name
        assert f'<label class="form-label" for="{match.group(2)}">' in html
    assert "17件の事例" in html


def test_index_filters_by_method(client):
    response = client.get(reverse("casebook:index"), {"method": Method.SUBSIDY})
    assert [c.number for c in response.context["cases"]] == [10, 13, 17]
    assert '<option value="subsidy" selected>' in response.content.decode()


def test_index_search_for_insurance_finds_the_accident_case(client):
    response = client.get(reverse("casebook:index"), {"q": "保険"})
    # The accident case, and the good practice whose agreement settled the insurance beforehand.
    assert [c.number for c in response.context["cases"]] == [7, 16]
    assert Case.objects.get(number=7).title_ja in response.content.decode()


def test_index_search_for_nonsense_finds_nothing(client):
    response = client.get(reverse("casebook:index"), {"q": "ぴよぴよらんど"})
    assert response.context["cases"] == []
    assert "0件の事例" in response.content.decode()


def test_invalid_filter_values_are_ignored(client):
    response = client.get(reverse("casebook:index"), {"method": "bribery"})
    assert response.status_code == 200
    assert len(response.context["cases"]) == 17


def test_case_detail_shows_story_hints_questions_and_related_cases(client):
    response = client.get(reverse("casebook:case_detail", args=[7]))
    html = response.content.decode()
    case = Case.objects.get(number=7)
    assert "<h1" in html and case.title_ja in html
    for question in case.questions_ja.splitlines():
        assert question in html
    for related in (8, 9):
        assert reverse("casebook:case_detail", args=[related]) in html
    assert reverse("casebook:case_print", args=[7]) in html
    # Headings in order without skipping a level.
    levels = [int(level) for level in re.findall(r"<h([1-6])", html)]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))


def test_unknown_case_is_404(client):
    assert client.get(reverse("casebook:case_detail", args=[99])).status_code == 404
    assert client.get(reverse("casebook:guide_section", args=["nothing"])).status_code == 404


def test_print_view_has_questions_notes_space_and_print_css(client):
    html = client.get(reverse("casebook:case_print", args=[4])).content.decode()
    case = Case.objects.get(number=4)
    for question in case.questions_ja.splitlines():
        assert question in html
    assert html.count('class="notes-space"') == len(case.questions_ja.splitlines())
    assert "notes-space large" in html
    assert 'media="print"' in html and "print.css" in html
    assert "@media print" in html


def test_english_version_shows_english_titles(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/casebook/"})
    html = client.get(reverse("casebook:index")).content.decode()
    assert '<html lang="en">' in html
    assert Case.objects.get(number=7).title_en in html
    assert Case.objects.get(number=7).title_ja not in html
    detail = client.get(reverse("casebook:case_detail", args=[7])).content.decode()
    assert "Whose insurance" in detail or "insurance" in detail


def test_language_aware_accessors():
    case = Case.objects.get(number=1)
    with translation.override("en"):
        assert case.title == case.title_en
        assert case.questions[0].startswith("Do you")
    with translation.override("ja"):
        assert case.title == case.title_ja
    case.title_en = ""
    with translation.override("en"):
        assert case.title == case.title_ja  # falls back to the original


def test_guide_sections_link_cases_and_name_stages(client):
    html = client.get(reverse("casebook:guide_section", args=["allocation"])).content.decode()
    for number in (3, 4, 7, 8, 9):
        assert reverse("casebook:case_detail", args=[number]) in html
    assert "分担合意" in html
    methods = client.get(reverse("casebook:guide_section", args=["methods"])).content.decode()
    for method in Method:
        assert str(method.label) in methods
    assert "期待できる成果" in methods and "留意点" in methods
    assert reverse("casebook:case_detail", args=[10]) in methods  # the subsidy case


def test_guide_credits_the_source_and_notes_what_it_predates(client):
    html = client.get(reverse("casebook:guide")).content.decode()
    assert "NPOとの協働・始めの一歩" in html.replace("ＮＰＯ", "NPO")
    assert "平成15年3月" in html
    assert "協働契約" in html
    assert "20分野" in html
    for part in ("第1部", "第2部", "第3部"):
        assert part in html


def test_stage_cases_partial_renders_short_cards():
    from django.template.loader import render_to_string

    from casebook.selectors import cases_for_stage

    html = render_to_string(
        "casebook/_stage_cases.html", {"stage_cases": cases_for_stage("agreement", "co_hosting")}
    )
    # Narrowed to co-hosting: the accident story and the agreement that planned for one.
    assert "/casebook/7/" in html and "/casebook/16/" in html
    assert "/casebook/3/" not in html
    assert Case.objects.get(number=7).summary_ja in html
    assert "良い実践例" in html and "失敗事例" in html
    assert "この段階の事例をすべて示しています" not in html


def test_stage_cases_partial_says_when_no_case_has_the_projects_method():
    from django.template.loader import render_to_string

    from casebook.selectors import cases_for_stage

    html = render_to_string(
        "casebook/_stage_cases.html", {"stage_cases": cases_for_stage("agreement", "subsidy")}
    )
    assert "/casebook/3/" in html
    assert "この段階の事例をすべて示しています" in html
    # Before a method is chosen the whole stage is the intended list: no such note.
    context = {"stage_cases": cases_for_stage("agreement")}
    html = render_to_string("casebook/_stage_cases.html", context)
    assert "この段階の事例をすべて示しています" not in html
    assert render_to_string("casebook/_stage_cases.html", {"stage_cases": []}).strip() == ""


def test_pages_stay_bounded_for_a_signed_in_user(client, staff_user, django_assert_max_num_queries):
    client.force_login(staff_user)
    for url in PAGES:
        # Session, user and role lookups of the shared layout come on top of the casebook's own.
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200


def test_index_list_is_cached_per_language_and_a_correction_shows_at_once(client):
    from django.core.cache import cache

    cache.clear()
    index = reverse("casebook:index")
    assert "事例7：共催イベントで参加者がけがをした" in client.get(index).content.decode()
    assert "Case 7:" in client.get(index, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "事例7：" in client.get(index).content.decode()  # each language has its own entry

    case = Case.objects.get(number=7)
    case.title_ja = "訂正した題名"
    case.save()
    assert "事例7：訂正した題名" in client.get(index).content.decode()
    filtered = client.get(index, {"method": Method.CO_HOSTING}).content.decode()
    assert "事例7：訂正した題名" in filtered and "事例1：" not in filtered
