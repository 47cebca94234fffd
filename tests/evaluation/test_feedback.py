"""Improvement items carried into later projects, acknowledged there, shown on the old project."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from evaluation import gates, services
from evaluation.models import Acknowledgement, EvaluationRound
from evaluation.permissions import NOT_OWNER_STAFF, NOT_PLANNING
from evaluation.selectors import applicable_improvements, open_improvements, project_panel
from evaluation.services import ITEM_NOT_APPLICABLE, NOTE_REQUIRED, PermissionDenied
from projects.choices import Method, Stage
from projects.workflow import closed_gates
from tests.evaluation.helpers import fill
from tests.factories import OfficeFactory, ProjectFactory, add_partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def old(project, office, npo, staff_user, npo_user):
    """The evaluated project with two items carried forward and one not."""
    fill(project, office, staff_user)
    fill(project, npo, npo_user)
    round_ = EvaluationRound.objects.select_related("project").get()
    services.improvement_add(
        round_=round_, by=staff_user, text="概算払いにする", owner="government"
    )
    services.improvement_add(round_=round_, by=npo_user, text="広報を早める", owner="npo")
    services.improvement_add(
        round_=round_, by=staff_user, text="今回限りの事情", owner="both", carry_forward=False
    )
    return project


def _new(office, **kwargs):
    defaults = {"owner_office": office, "stage": Stage.METHOD, "fiscal_year_start": 2026}
    defaults.update(kwargs)
    return ProjectFactory(**defaults)


def test_continuation_gets_the_carried_items(old, office):
    continuation = _new(office, predecessor=old, method=Method.SUBSIDY)
    assert set(applicable_improvements(continuation).values_list("text", flat=True)) == {
        "概算払いにする",
        "広報を早める",
    }


def test_continuation_in_another_office_still_gets_them(old):
    continuation = _new(OfficeFactory(), predecessor=old, method=Method.SUBSIDY)
    assert applicable_improvements(continuation).count() == 2
    assert gates.feedback_acknowledged(continuation) is not None


def test_an_item_reached_by_several_routes_counts_once(old, office, npo):
    later = _new(office, predecessor=old, method=Method.COMMISSION)
    add_partner(later, npo)
    assert applicable_improvements(later).count() == 2
    assert open_improvements(later).count() == 2


def test_same_office_and_same_npo_gets_them(old, office, npo):
    later = _new(office, method=Method.CO_HOSTING)
    assert not applicable_improvements(later).exists()
    add_partner(later, npo, status="prospective")
    assert applicable_improvements(later).count() == 2


def test_same_office_and_same_method_gets_them(old, office):
    assert applicable_improvements(_new(office, method=Method.COMMISSION)).count() == 2


def test_other_office_does_not_get_them(old, npo):
    elsewhere = _new(OfficeFactory(), method=Method.COMMISSION)
    add_partner(elsewhere, npo)
    assert not applicable_improvements(elsewhere).exists()


def test_project_never_gets_its_own_items(old):
    assert not applicable_improvements(old).exists()


def test_withdrawn_partner_does_not_link_projects(old, office, npo):
    later = _new(office, method=Method.CO_HOSTING)
    add_partner(later, npo, status="withdrawn")
    assert not applicable_improvements(later).exists()


def test_acknowledgement_gate(old, office, staff_user):
    new = _new(office, predecessor=old, method=Method.COMMISSION)
    reason = gates.feedback_acknowledged(new)
    assert reason == str(gates.FEEDBACK_NOT_ACKNOWLEDGED) % {"count": 2}
    assert reason in closed_gates(new, Stage.PARTNER_SELECTION)

    first, second = open_improvements(new).order_by("pk")
    services.improvement_acknowledge(
        item=first, project=new, by=staff_user, note="協定に概算払いを明記した"
    )
    assert gates.feedback_acknowledged(new) == str(gates.FEEDBACK_NOT_ACKNOWLEDGED) % {"count": 1}
    services.improvement_acknowledge(
        item=second, project=new, by=staff_user, note="広報を2か月前倒し"
    )
    assert gates.feedback_acknowledged(new) is None
    assert not any("改善点" in r for r in closed_gates(new, Stage.PARTNER_SELECTION))


def test_acknowledging_needs_a_note_and_the_office(old, office, staff_user, npo_user):
    new = _new(office, predecessor=old)
    item = open_improvements(new).first()
    with pytest.raises(ValidationError) as error:
        services.improvement_acknowledge(item=item, project=new, by=staff_user, note=" ")
    assert error.value.message_dict == {"note": [str(NOTE_REQUIRED)]}
    with pytest.raises(PermissionDenied) as denied:
        services.improvement_acknowledge(item=item, project=new, by=npo_user, note="x")
    assert str(denied.value) == str(NOT_OWNER_STAFF)
    new.stage = Stage.AGREEMENT
    new.save()
    with pytest.raises(PermissionDenied) as denied:
        services.improvement_acknowledge(item=item, project=new, by=staff_user, note="x")
    assert str(denied.value) == str(NOT_PLANNING)


def test_item_of_an_unrelated_project_cannot_be_acknowledged(old, staff_user, office):
    unrelated = _new(office, method=Method.SUBSIDY)
    item = old.improvements.first()
    with pytest.raises(ValidationError) as error:
        services.improvement_acknowledge(item=item, project=unrelated, by=staff_user, note="x")
    assert error.value.message_dict == {"__all__": [str(ITEM_NOT_APPLICABLE)]}


def test_item_no_longer_carried_forward_stops_binding(old, office, staff_user):
    new = _new(office, predecessor=old)
    for item in old.improvements.all():
        services.improvement_set_carry_forward(item=item, by=staff_user, carry_forward=False)
    assert gates.feedback_acknowledged(new) is None


def test_panel_while_planning_and_acknowledging_through_it(client, old, office, staff_user):
    new = _new(office, predecessor=old, stage=Stage.DRAFT)
    panel = project_panel(staff_user, new)
    assert panel["template"] == "evaluation/_project_panel.html"
    assert panel["open_count"] == 2 and panel["can_acknowledge"]
    client.force_login(staff_user)
    html = client.get(reverse("evaluation:project", args=[new.pk])).content.decode()
    assert "概算払いにする" in html and "反映を確認する" in html
    item = open_improvements(new).get(text="概算払いにする")
    url = reverse("evaluation:acknowledge", args=[new.pk, item.pk])
    # Bad input: the page comes back with the message; nothing is saved.
    response = client.post(url, {"note": ""})
    assert response.status_code == 400
    assert str(NOTE_REQUIRED) in response.content.decode()
    response = client.post(url, {"note": "協定書に概算払いを明記", "next": "https://evil.example/"})
    assert response.status_code == 302
    assert response.url == reverse("evaluation:project", args=[new.pk])
    assert Acknowledgement.objects.get().note == "協定書に概算払いを明記"


def test_old_project_shows_what_was_reflected(client, old, office, staff_user, npo_user):
    new = _new(office, predecessor=old, title="子育て広場の運営（第2期）")
    item = open_improvements(new).get(text="概算払いにする")
    services.improvement_acknowledge(item=item, project=new, by=staff_user, note="概算払いに変更")
    panel = project_panel(npo_user, old)
    assert [a.note for a in panel["reflections"]] == ["概算払いに変更"]
    client.force_login(npo_user)
    html = client.get(reverse("evaluation:project", args=[old.pk])).content.decode()
    assert "子育て広場の運営（第2期）" in html and "概算払いに変更" in html


def test_acknowledge_page_404_for_items_that_do_not_apply(client, old, office, staff_user):
    unrelated = _new(office, method=Method.SUBSIDY)
    client.force_login(staff_user)
    item = old.improvements.first()
    response = client.get(reverse("evaluation:acknowledge", args=[unrelated.pk, item.pk]))
    assert response.status_code == 404


def test_planning_panel_is_bounded_and_shows_open_items_first(
    client, old, office, staff_user, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from evaluation.selectors import PLANNING_PANEL_ITEMS, improvements_for_planning

    new = _new(office, predecessor=old)
    with CaptureQueriesContext(connection) as few:
        planning = improvements_for_planning(new)
    assert (planning["total"], planning["open"], len(planning["rows"])) == (2, 2, 2)

    round_ = EvaluationRound.objects.get(project=old)
    for number in range(PLANNING_PANEL_ITEMS + 3):
        services.improvement_add(
            round_=round_, by=staff_user, text=f"改善点{number}", owner="government"
        )
    earliest = open_improvements(new).order_by("created_at", "pk").first()
    services.improvement_acknowledge(item=earliest, project=new, by=staff_user, note="反映した")

    with django_assert_num_queries(len(few)):
        planning = improvements_for_planning(new)
    total = PLANNING_PANEL_ITEMS + 5
    assert (planning["total"], planning["open"]) == (total, total - 1)
    rows = planning["rows"]
    assert len(rows) == PLANNING_PANEL_ITEMS
    # The acknowledged item is the oldest, yet it waits behind every open one.
    assert all(row["acknowledgement"] is None for row in rows)
    assert earliest.pk not in {row["item"].pk for row in rows}
    everything = improvements_for_planning(new, limit=total)["rows"]
    last = everything[-1]
    assert last["item"].pk == earliest.pk
    assert last["acknowledgement"].note == "反映した"
    assert str(last["acknowledgement"].acknowledged_by) == str(staff_user)
    assert last["acknowledgement"].acknowledged_at is not None
    assert gates.feedback_acknowledged(new) == str(gates.FEEDBACK_NOT_ACKNOWLEDGED) % {
        "count": total - 1
    }
    client.force_login(staff_user)
    html = client.get(reverse("projects:project_detail", args=[new.pk])).content.decode()
    assert html.count("反映を確認する</button>") == PLANNING_PANEL_ITEMS
    assert f"引き継いだ改善点{total}件のうち、未確認のものから順に{PLANNING_PANEL_ITEMS}件" in html


def test_project_page_reads_the_carried_items_once_for_the_gate_and_the_panel(
    client, old, office, staff_user
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    new = _new(office, method=Method.COMMISSION)
    client.force_login(staff_user)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("projects:project_detail", args=[new.pk])).content.decode()
    # Both the next step's reason and the panel show the two open items ...
    assert "改善点が2件あります" in html and "反映の確認が済んでいない改善点が2件あります" in html
    items = [q for q in queries.captured_queries if 'FROM "evaluation_improvementitem"' in q["sql"]]
    assert len(items) == 1  # ... from one read
    # Outside the page nothing is shared: the gate sees an acknowledgement at once.
    for item in open_improvements(new):
        services.improvement_acknowledge(item=item, project=new, by=staff_user, note="反映した")
    assert gates.feedback_acknowledged(new) is None
