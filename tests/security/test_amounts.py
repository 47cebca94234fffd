"""Amounts typed the way Japanese users type them are accepted as numbers, in every amount
field of the portal (one shared normaliser: kyodo_portal.forms.YenField)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kyodo_portal.core.forms import MAX_YEN, YenField, normalize_amount
from projects.forms import CostLineForm, ProjectForm, ProposalForm
from selection.forms import ApplicationForm, CallForm

ACCEPTED = [
    ("１，０００", 1000),
    ("¥１,０００", 1000),
    ("￥１，０００", 1000),
    ("\\1,000", 1000),
    ("1,000円", 1000),
    ("１０００円", 1000),
    ("３，０００，０００", 3_000_000),
    (" 1 000 000 ", 1_000_000),
    ("0", 0),
]
REFUSED = ["三万円", "12.5", "1e6", "-1,000", "１０００ドル", "<script>", "1000; DROP TABLE"]


@pytest.mark.parametrize(("typed", "value"), ACCEPTED)
def test_the_shared_field_reads_full_width_and_decorated_amounts(typed, value):
    assert YenField().clean(typed) == value


@pytest.mark.parametrize("typed", REFUSED)
def test_what_is_not_a_whole_yen_amount_is_refused_with_a_japanese_message(typed):
    form_field = YenField()
    with pytest.raises(Exception) as caught:
        form_field.clean(typed)
    assert "金額は" in " ".join(caught.value.messages)


@given(st.integers(min_value=0, max_value=MAX_YEN))
@settings(max_examples=40, deadline=None)
def test_any_whole_amount_in_full_width_with_separators_reads_back(amount):
    full_width = f"{amount:,}".translate(str.maketrans("0123456789,", "０１２３４５６７８９，"))
    assert YenField().clean(full_width) == amount
    assert YenField().clean(f"¥{amount:,}") == amount
    assert YenField().clean(f"{amount:,}円") == amount


def test_normalise_leaves_other_text_for_the_integer_check():
    assert normalize_amount("三万") == "三万"
    assert normalize_amount(None) is None


# Every amount field of the portal's forms, with the other fields it needs to be valid.
AMOUNT_FIELDS = [
    (ProjectForm, "budget"),
    (ProposalForm, "rough_budget"),
    (CostLineForm, "amount"),
    (CallForm, "budget_cap"),
    (ApplicationForm, "requested_amount"),
]


@pytest.mark.parametrize(("form_class", "name"), AMOUNT_FIELDS)
def test_every_amount_field_uses_the_shared_yen_field(form_class, name):
    field = form_class.base_fields[name]
    assert isinstance(field, YenField)
    assert field.clean("１，２３４，５６７円") == 1_234_567
    html = str(field.widget.render(name, "", attrs=field.widget_attrs(field.widget)))
    assert 'inputmode="numeric"' in html
    assert 'type="text"' in html  # type=number would empty full-width input in browsers


@pytest.mark.django_db
def test_the_project_form_saves_a_full_width_budget(office):
    from projects.models import Project

    data = {
        "owner_office": office.pk,
        "title": "子育て広場",
        "background": "背景",
        "purpose": "目的",
        "beneficiaries": "親子",
        "outcome_targets": "延べ5,000組",
        "fiscal_year_start": 2026,
        "fiscal_year_end": 2026,
        "budget": "¥３，０００，０００",
    }
    form = ProjectForm(data, offices=[office], instance=Project(owner_office=office))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["budget"] == 3_000_000
