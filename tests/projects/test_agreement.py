"""The allocation agreement: versions, confirmations, stale edits, money, the NPO's own account."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kyodo_portal.core.forms import IRREVERSIBLE_REQUIRED
from projects import services, workflow
from projects.choices import ConfirmingSide, Stage
from projects.facts import project_facts
from projects.models import Agreement, AgreementConfirmation, AgreementVersion
from projects.selectors import agreement_diff, agreement_version, cost_totals
from tests.projects.conftest import (
    COSTS,
    RESPONSIBILITIES,
    ROLES,
    confirm,
    project_at,
    save_agreement,
)


@pytest.fixture
def agreement_project(office, npo):
    return project_at(Stage.AGREEMENT, office, npo=npo)


def test_edits_before_any_confirmation_stay_in_the_same_version(agreement_project, staff_user):
    save_agreement(agreement_project, staff_user)
    save_agreement(agreement_project, staff_user, roles=ROLES[:1])
    agreement = Agreement.objects.get(project=agreement_project)
    assert agreement.current_number == 1
    assert AgreementVersion.objects.filter(agreement=agreement).count() == 1
    assert agreement_version(agreement_project).roles.count() == 1


def test_an_edit_after_a_confirmation_makes_a_new_version_and_clears_confirmations(
    agreement_project, staff_user, npo_user
):
    save_agreement(agreement_project, staff_user)
    confirm(agreement_project, npo_user, ConfirmingSide.NPO)
    changed = [dict(COSTS[0], amount=1_500_000), COSTS[1]]
    version = save_agreement(agreement_project, staff_user, costs=changed)
    assert version.number == 2
    assert not version.confirmations.exists()
    # The earlier version keeps its text and the confirmation given for it.
    first = agreement_version(agreement_project, 1)
    assert [c.amount for c in first.costs.all()] == [1_200_000, 300_000]
    assert first.confirmations.get().side == ConfirmingSide.NPO
    # The gate now asks both sides to confirm version 2.
    assert workflow.agreement_confirmed_by_both(project_facts(agreement_project)) == str(
        workflow.NOT_CONFIRMED
    ) % {"side": "行政（担当課）・NPO", "number": 2}


def test_saving_identical_content_after_confirmation_keeps_the_version(
    agreement_project, staff_user
):
    save_agreement(agreement_project, staff_user)
    confirm(agreement_project, staff_user, ConfirmingSide.GOVERNMENT)
    version = save_agreement(agreement_project, staff_user)
    assert version.number == 1
    assert version.confirmations.count() == 1


def test_both_sides_confirm_the_same_version(agreement_project, staff_user, npo_user, npo):
    save_agreement(agreement_project, staff_user)
    government = confirm(agreement_project, staff_user, ConfirmingSide.GOVERNMENT)
    partner = confirm(agreement_project, npo_user, ConfirmingSide.NPO)
    assert government.organization == agreement_project.owner_office
    assert partner.organization == npo
    assert partner.confirmed_by == npo_user
    assert workflow.closed_gates(agreement_project, Stage.IMPLEMENTATION) == []


def test_confirming_an_outdated_version_is_refused(agreement_project, staff_user, npo_user):
    save_agreement(agreement_project, staff_user)
    confirm(agreement_project, staff_user, ConfirmingSide.GOVERNMENT)
    save_agreement(agreement_project, staff_user, roles=ROLES[:1])  # now version 2
    with pytest.raises(services.StaleEdit) as refused:
        confirm(agreement_project, npo_user, ConfirmingSide.NPO, number=1)
    assert str(services.CONFIRM_NOT_CURRENT) % {"number": 1} in refused.value.messages


def test_confirming_twice_is_refused(agreement_project, staff_user):
    save_agreement(agreement_project, staff_user)
    confirm(agreement_project, staff_user, ConfirmingSide.GOVERNMENT)
    with pytest.raises(ValidationError) as refused:
        confirm(agreement_project, staff_user, ConfirmingSide.GOVERNMENT)
    assert str(services.ALREADY_CONFIRMED) in refused.value.messages


def test_an_incomplete_agreement_cannot_be_confirmed(agreement_project, staff_user):
    save_agreement(agreement_project, staff_user, costs=[])
    with pytest.raises(ValidationError) as refused:
        confirm(agreement_project, staff_user, ConfirmingSide.GOVERNMENT)
    assert str(workflow.NO_COST_LINES) in refused.value.messages


@pytest.mark.parametrize(
    ("who", "side", "reason"),
    [
        ("npo_user", "government", "NOT_OWNER_STAFF"),
        ("other_staff_user", "government", "NOT_OWNER_STAFF"),
        ("staff_user", "npo", "NOT_CONFIRMED_PARTNER"),
        ("other_npo_user", "npo", "NOT_CONFIRMED_PARTNER"),
        ("manager_user", "government", "NOT_OWNER_STAFF"),
    ],
)
def test_each_side_confirms_only_from_its_own_account(
    agreement_project, staff_user, who, side, reason, request
):
    from projects import permissions

    save_agreement(agreement_project, staff_user)
    person = request.getfixturevalue(who)
    with pytest.raises(services.PermissionDenied) as refused:
        confirm(agreement_project, person, side)
    assert str(refused.value) == str(getattr(permissions, reason))


def test_a_prospective_partner_cannot_confirm(office, npo, staff_user, npo_user):
    from projects.permissions import NOT_CONFIRMED_PARTNER

    project = project_at(Stage.AGREEMENT, office)
    from tests.factories import add_partner

    add_partner(project, npo, status="prospective", via="proposal")
    save_agreement(project, staff_user)
    with pytest.raises(services.PermissionDenied) as refused:
        confirm(project, npo_user, ConfirmingSide.NPO)
    assert str(refused.value) == str(NOT_CONFIRMED_PARTNER)


@pytest.mark.parametrize(
    ("stage", "reason"),
    [
        (Stage.PARTNER_SELECTION, "WRONG_STAGE_FOR_AGREEMENT"),
        (Stage.IMPLEMENTATION, "AGREEMENT_STAGE_PASSED"),
        (Stage.CLOSED, "AGREEMENT_STAGE_PASSED"),
    ],
)
def test_the_agreement_is_drafted_only_at_the_agreement_stage(
    office, npo, staff_user, stage, reason
):
    from projects import permissions
    from projects.workflow import WRONG_STAGE_FOR_AGREEMENT

    messages = {
        "WRONG_STAGE_FOR_AGREEMENT": WRONG_STAGE_FOR_AGREEMENT,
        "AGREEMENT_STAGE_PASSED": permissions.AGREEMENT_STAGE_PASSED,
    }
    project = project_at(stage, office, npo=npo)
    with pytest.raises(services.PermissionDenied) as refused:
        save_agreement(project, staff_user)
    assert str(refused.value) == str(messages[reason])


def test_a_stale_edit_is_refused_not_silently_applied(agreement_project, staff_user):
    save_agreement(agreement_project, staff_user)  # revision 0 -> 1
    # Two people open the form at revision 1; the first saves, the second is refused.
    save_agreement(agreement_project, staff_user, roles=ROLES[:1], revision=1)
    with pytest.raises(services.StaleEdit) as refused:
        save_agreement(agreement_project, staff_user, roles=[], revision=1)
    assert str(services.STALE_AGREEMENT) in refused.value.messages
    assert agreement_version(agreement_project).roles.count() == 1


def test_cost_totals_above_the_budget_are_refused(agreement_project, staff_user):
    agreement_project.budget = 1_000_000
    agreement_project.save()
    with pytest.raises(ValidationError) as refused:
        save_agreement(agreement_project, staff_user)
    assert refused.value.messages == [
        str(services.COSTS_OVER_BUDGET) % {"total": "1,500,000", "budget": "1,000,000"}
    ]
    assert not AgreementVersion.objects.exists()


def test_negative_amounts_are_refused_by_the_service(agreement_project, staff_user):
    with pytest.raises(ValidationError) as refused:
        save_agreement(agreement_project, staff_user, costs=[dict(COSTS[0], amount=-1)])
    assert str(services.NEGATIVE_AMOUNT) in refused.value.messages


def test_cost_totals_per_side():
    from types import SimpleNamespace as Line

    totals = cost_totals(
        [
            Line(amount=100, borne_by="government"),
            Line(amount=30, borne_by="npo"),
            Line(amount=20, borne_by="joint"),
        ],
        budget=120,
    )
    assert (totals.government, totals.npo, totals.joint, totals.total) == (100, 30, 20, 150)
    assert totals.over_budget
    assert totals.remaining == -30


def test_diff_between_versions(agreement_project, staff_user, npo_user):
    save_agreement(agreement_project, staff_user)
    confirm(agreement_project, npo_user, ConfirmingSide.NPO)
    save_agreement(
        agreement_project,
        staff_user,
        costs=[dict(COSTS[0], amount=1_500_000), COSTS[1]],
    )
    diff = agreement_diff(
        agreement_version(agreement_project, 1), agreement_version(agreement_project, 2)
    )
    roles, costs, responsibilities, payment = diff
    assert not roles["changed"] and not responsibilities["changed"] and not payment["changed"]
    # The changed amount is one line, old → new under its key, not a removal plus an addition.
    changed = [row for row in costs["rows"] if row["op"] != "same"]
    assert [row["op"] for row in changed] == ["changed"]
    assert changed[0]["key"] == "スタッフ人件費"
    assert changed[0]["changes"] == [{"label": "金額", "old": "1,200,000円", "new": "1,500,000円"}]
    assert "1,200,000円" in changed[0]["old"] and "1,500,000円" in changed[0]["new"]


def test_diff_pairs_lines_by_key_even_when_moved(agreement_project, staff_user, npo_user):
    save_agreement(agreement_project, staff_user)
    confirm(agreement_project, npo_user, ConfirmingSide.NPO)
    moved = [dict(COSTS[1], amount=350_000), {**COSTS[0], "item": "講師謝金", "amount": 50_000}]
    save_agreement(agreement_project, staff_user, costs=moved)
    costs = agreement_diff(
        agreement_version(agreement_project, 1), agreement_version(agreement_project, 2)
    )[1]
    ops = sorted((row["op"], row["text"].split("｜")[0]) for row in costs["rows"])
    assert ops == [("added", "講師謝金"), ("changed", "会場費"), ("removed", "スタッフ人件費")]


def test_diff_shows_payment_terms_old_to_new(agreement_project, staff_user, npo_user):
    services.agreement_save(
        project=agreement_project,
        by=staff_user,
        roles=ROLES,
        costs=COSTS,
        responsibilities=RESPONSIBILITIES,
        revision=0,
        payment_method="settlement",
    )
    confirm(agreement_project, npo_user, ConfirmingSide.NPO)
    services.agreement_save(
        project=agreement_project,
        by=staff_user,
        roles=ROLES,
        costs=COSTS,
        responsibilities=RESPONSIBILITIES,
        revision=1,
        payment_method="advance",
        payment_schedule="4月に全額",
    )
    payment = agreement_diff(
        agreement_version(agreement_project, 1), agreement_version(agreement_project, 2)
    )[3]
    assert [
        (row["op"], row["changes"][0]["old"], row["changes"][0]["new"]) for row in payment["rows"]
    ] == [
        ("changed", "精算払", "前金払"),
        ("changed", "—", "4月に全額"),
    ]


# --- Through the pages -------------------------------------------------------------------


def _formset_data(prefix, rows, total=None):
    data = {
        f"{prefix}-TOTAL_FORMS": str(total or len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = "" if value is None else value
    return data


def agreement_post(revision=0, roles=ROLES, costs=COSTS, responsibilities=None):
    from tests.projects.conftest import RESPONSIBILITIES

    data = {"revision": revision}
    data.update(_formset_data("roles", roles))
    data.update(_formset_data("costs", costs))
    data.update(
        _formset_data("resp", RESPONSIBILITIES if responsibilities is None else responsibilities)
    )
    return data


def test_edit_page_saves_and_the_npo_confirms_from_its_account(
    client, agreement_project, staff_user, npo_user
):
    client.force_login(staff_user)
    url = reverse("projects:agreement_edit", args=[agreement_project.pk])
    response = client.post(url, agreement_post())
    assert response.status_code == 302
    assert agreement_version(agreement_project).costs.count() == 2
    client.force_login(npo_user)
    page = client.get(reverse("projects:agreement", args=[agreement_project.pk]))
    assert "第1版の内容を確認しました" in page.content.decode()
    client.post(
        reverse("projects:agreement_confirm", args=[agreement_project.pk, "npo"]),
        {"number": 1, "confirm": "on"},
    )
    assert AgreementConfirmation.objects.filter(side="npo", confirmed_by=npo_user).exists()


def test_confirming_without_the_tick_is_refused_beside_the_box(
    client, agreement_project, staff_user, npo_user
):
    save_agreement(agreement_project, staff_user)
    client.force_login(npo_user)
    url = reverse("projects:agreement_confirm", args=[agreement_project.pk, "npo"])
    response = client.post(url, {"number": 1})
    assert response.status_code == 400
    html = response.content.decode()
    assert str(IRREVERSIBLE_REQUIRED) in html and 'id="id_confirm_npo_confirm-error"' in html
    assert not AgreementConfirmation.objects.exists()


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-5000", "金額は0円以上で入力してください。"),
        ("三万円", "金額は円単位の整数"),
        ("12.5", "金額は円単位の整数"),
        ("99999999999999999999999", "金額が大きすぎます。"),
    ],
)
def test_bad_amounts_are_explained_and_the_typing_is_kept(
    client, agreement_project, staff_user, amount, message
):
    client.force_login(staff_user)
    costs = [dict(COSTS[0], amount=amount, item="講師謝金（入力途中）")]
    response = client.post(
        reverse("projects:agreement_edit", args=[agreement_project.pk]),
        agreement_post(costs=costs),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert "講師謝金（入力途中）" in body
    assert not AgreementVersion.objects.exists()


def test_over_budget_is_explained_on_the_page(client, agreement_project, staff_user):
    agreement_project.budget = 100_000
    agreement_project.save()
    client.force_login(staff_user)
    response = client.post(
        reverse("projects:agreement_edit", args=[agreement_project.pk]), agreement_post()
    )
    assert "予算額（100,000円）を超えています" in response.content.decode()
    assert "スタッフ人件費" in response.content.decode()


def test_second_save_from_an_old_form_is_refused_on_the_page(client, agreement_project, staff_user):
    client.force_login(staff_user)
    url = reverse("projects:agreement_edit", args=[agreement_project.pk])
    client.post(url, agreement_post(revision=0))
    response = client.post(url, agreement_post(revision=0, roles=ROLES[:1]))
    assert response.status_code == 200
    assert "別の人が保存しました" in response.content.decode()
    assert agreement_version(agreement_project).roles.count() == 2


def test_version_page_shows_the_diff(client, agreement_project, staff_user, npo_user):
    save_agreement(agreement_project, staff_user)
    confirm(agreement_project, npo_user, ConfirmingSide.NPO)
    save_agreement(agreement_project, staff_user, roles=ROLES[:1])
    client.force_login(npo_user)
    page = client.get(reverse("projects:agreement_version", args=[agreement_project.pk, 2]))
    body = page.content.decode()
    assert "第1版からの変更点" in body
    assert "<del>会場の確保と広報" in body
    old = client.get(reverse("projects:agreement_version", args=[agreement_project.pk, 1]))
    assert "これは以前の版です。" in old.content.decode()


def test_print_sheet(client, agreement_project, staff_user):
    save_agreement(agreement_project, staff_user)
    client.force_login(staff_user)
    page = client.get(reverse("projects:agreement_print", args=[agreement_project.pk]))
    body = page.content.decode()
    assert "協定書（案）" in body
    assert "甲（行政）" in body and "乙（NPO）" in body
    assert "print.css" in body and 'media="print"' in body
    # The print button works under the CSP (no inline handler) and the PDF is offered beside it.
    assert "onclick" not in body and "js/print.js" in body and "data-print" in body
    assert reverse("projects:agreement_pdf", args=[agreement_project.pk]) in body
    assert "PDFをダウンロード" in body
