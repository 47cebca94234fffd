"""Method choice: one of six, a rationale, a statement per principle, handbook warnings."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from projects import advice, services
from projects.choices import Principle, Stage
from projects.models import MethodPlan
from tests.projects.conftest import STATEMENTS, choose_method, project_at


@pytest.fixture
def method_project(office):
    return project_at(Stage.METHOD, office)


def test_choosing_a_method_records_the_plan(method_project, staff_user):
    plan = choose_method(method_project, staff_user, method="commission")
    method_project.refresh_from_db()
    assert method_project.method == "commission"
    assert plan.openness == STATEMENTS["openness"]


@pytest.mark.parametrize("principle", list(Principle))
def test_each_principle_statement_is_required(method_project, staff_user, principle):
    statements = {**STATEMENTS, principle.value: "  "}
    with pytest.raises(ValidationError) as refused:
        services.method_choose(
            project=method_project,
            by=staff_user,
            method="cooperation",
            rationale="理由",
            statements=statements,
        )
    assert refused.value.error_dict[principle.value][0].message == str(
        services.PRINCIPLE_REQUIRED
    ) % {"principle": principle.label}
    assert not MethodPlan.objects.exists()


def test_an_unknown_method_is_refused(method_project, staff_user):
    with pytest.raises(ValidationError) as refused:
        services.method_choose(
            project=method_project,
            by=staff_user,
            method="outsourcing",
            rationale="理由",
            statements=STATEMENTS,
        )
    assert "method" in refused.value.error_dict


@pytest.mark.parametrize("word", ["安上がり", "無償", "安く", "下請け"])
def test_cheap_labour_wording_in_the_rationale_is_warned(word):
    warnings = advice.plan_warnings(method="cooperation", rationale=f"NPOなら{word}で済むため")
    assert warnings == [str(advice.CHEAP_LABOUR_IN_RATIONALE) % {"word": word}]


def test_ordinary_wording_is_not_warned():
    assert advice.plan_warnings(method="cooperation", rationale="専門性を生かすため") == []


def test_commission_without_npo_personnel_cost_is_warned():
    lines = [{"item": "会場費", "category": "activity", "amount": 10000, "note": ""}]
    assert str(advice.COMMISSION_WITHOUT_PERSONNEL) in advice.plan_warnings(
        method="commission", cost_lines=lines
    )
    lines.append({"item": "人件費", "category": "personnel", "amount": 500000, "note": ""})
    assert advice.plan_warnings(method="commission", cost_lines=lines) == []
    # Other methods do not require a personnel line.
    assert advice.plan_warnings(method="co_hosting", cost_lines=lines[:1]) == []


def test_cost_line_wording_is_warned():
    lines = [{"item": "運営協力", "category": "other", "amount": 0, "note": "無償ボランティア"}]
    assert advice.plan_warnings(method="cooperation", cost_lines=lines) == [
        str(advice.CHEAP_LABOUR_IN_COSTS) % {"item": "運営協力", "word": "無償"}
    ]


def test_method_page_shows_six_methods_side_by_side(client, method_project, staff_user):
    client.force_login(staff_user)
    body = client.get(reverse("projects:method", args=[method_project.pk])).content.decode()
    from casebook.guide_content import METHODS

    for value in METHODS:
        assert f'id="method-{value}"' in body
        assert METHODS[value]["overview"]["ja"][:20] in body
    assert body.count('class="col"') >= 6


def test_method_page_missing_statement_keeps_what_was_typed(client, method_project, staff_user):
    client.force_login(staff_user)
    data = {
        "version": 0,
        "method": "commission",
        "rationale": "団体の専門性を生かすための独自の理由",
        **STATEMENTS,
        "openness": "",
    }
    response = client.post(reverse("projects:method", args=[method_project.pk]), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "「関係と過程の公開」をどう確保するかを記入してください。" in body
    assert "団体の専門性を生かすための独自の理由" in body
    assert not MethodPlan.objects.exists()


def test_method_page_warns_after_saving(client, method_project, staff_user):
    client.force_login(staff_user)
    data = {"version": 0, "method": "commission", "rationale": "安上がりだから", **STATEMENTS}
    response = client.post(reverse("projects:method", args=[method_project.pk]), data, follow=True)
    assert "「安上がり」とあります" in response.content.decode()
    assert MethodPlan.objects.get().rationale == "安上がりだから"
