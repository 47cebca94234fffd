"""Public pages per government body (/b/) and the ``?body=<slug>`` filter of the public lists,
the public API and the open-data files: one body's rows only, a clear refusal of an unknown body,
nothing that is not already public, and a bounded number of queries."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kyodo_portal.api.views import NOT_BY_BODY
from kyodo_portal.core import caching
from partners.models import GovernmentBody
from partners.models.bodies import BODIES_GENERATION_KEY, forget_bodies
from partners.selectors import UNKNOWN_BODY, public_bodies
from projects.choices import Stage
from selection.models import Call
from tests.api.conftest import SECRET
from tests.factories import (
    BodyFactory,
    OfficeFactory,
    ProjectFactory,
    body_named,
    with_check_digit,
)
from tests.selection.support import make_call

pytestmark = pytest.mark.django_db

UNKNOWN_SLUG = "atlantis"


def unknown_message() -> str:
    return str(UNKNOWN_BODY) % {"value": UNKNOWN_SLUG}


@pytest.fixture
def city(db):
    """A second body (a municipality of the same prefecture) with one open call of its own."""
    body = BodyFactory(name="テスト市", name_en="Test City", slug="test-city")
    office = OfficeFactory(body=body, name="協働推進課")
    project = ProjectFactory(
        owner_office=office, stage=Stage.PARTNER_SELECTION, title="テスト市の公園づくり"
    )
    call = make_call(project, status=Call.Status.OPEN, title="テスト市の公園づくりの公募")
    return {"body": body, "office": office, "call": call}


def text_of(response) -> str:
    content = response.getvalue() if response.streaming else response.content
    return content.decode("utf-8-sig")


def ids(response, key: str = "id") -> list[int]:
    return [row[key] for row in response.json()["results"]]


# --- the API lists -------------------------------------------------------------------------------


def test_api_lists_filter_by_body(world, city, client_for, office):
    client = client_for("anonymous")
    prefecture = office.body.slug
    calls = reverse("api:public-call-list")
    assert set(ids(client.get(calls))) == {world.call.pk, world.open_call.pk, city["call"].pk}
    assert set(ids(client.get(calls, {"body": prefecture}))) == {world.call.pk, world.open_call.pk}
    assert ids(client.get(calls, {"body": "test-city"})) == [city["call"].pk]
    # The filter combines with the others.
    assert ids(client.get(calls, {"body": "test-city", "state": "results"})) == []

    results = reverse("api:public-result-list")
    assert ids(client.get(results, {"body": prefecture}), "call_id") == [world.call.pk]
    assert ids(client.get(results, {"body": "test-city"}), "call_id") == []

    designations = reverse("api:public-designation-list")
    assert ids(client.get(designations, {"body": prefecture})) == [world.designation.pk]
    assert ids(client.get(designations, {"body": "test-city"})) == []

    evaluations = reverse("api:public-evaluation-list")
    assert ids(client.get(evaluations, {"body": prefecture})) == [world.published_round.pk]
    assert ids(client.get(evaluations, {"body": "test-city"})) == []


@pytest.mark.parametrize(
    "name",
    [
        "api:public-call-list",
        "api:public-result-list",
        "api:public-designation-list",
        "api:public-evaluation-list",
    ],
)
def test_api_lists_refuse_an_unknown_body_with_the_reason(name, world, client_for):
    response = client_for("anonymous").get(reverse(name), {"body": UNKNOWN_SLUG})
    assert response.status_code == 400
    assert response.json()["errors"]["body"] == [unknown_message()]


def test_api_lists_the_bodies_with_the_names_the_filter_takes(world, city, client_for, office):
    response = client_for("anonymous").get(reverse("api:public-body-list"))
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [r["slug"] for r in rows] == [b.slug for b in public_bodies()]
    assert rows[0]["slug"] == office.body.slug  # the prefecture first
    city_row = next(r for r in rows if r["slug"] == "test-city")
    assert city_row["prefecture"] == office.body.slug
    assert city_row["level"]["value"] == "municipality"
    assert city_row["url"].endswith(reverse("body_detail", args=["test-city"]))


def test_schema_documents_the_body_parameter(client):
    schema = client.get(reverse("api:schema"), {"format": "json"}).json()
    for path in (
        "/api/v1/public/calls/",
        "/api/v1/public/results/",
        "/api/v1/public/designations/",
        "/api/v1/public/evaluations/",
        "/api/v1/open-data/{slug}.csv",
    ):
        params = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
        assert params["body"]["schema"]["type"] == "string", path
        assert params["body"]["in"] == "query"


# --- the open-data files -------------------------------------------------------------------------


def csv_column(response, name: str) -> list[str]:
    rows = list(csv.DictReader(io.StringIO(text_of(response))))
    return [row[name] for row in rows]


@pytest.mark.parametrize(
    ("slug", "column"),
    [
        ("calls", "call_id"),
        ("call-criteria", "call_id"),
        ("selection-results", "call_id"),
        ("designations", "designation_id"),
        ("evaluation-summaries", "evaluation_id"),
        ("evaluation-scores", "evaluation_id"),
    ],
)
def test_csv_filters_by_body(slug, column, world, city, client_for, office):
    client = client_for("anonymous")
    url = reverse("api:open_data_csv", args=[slug])
    everything = set(csv_column(client.get(url), column))
    of_prefecture = set(csv_column(client.get(url, {"body": office.body.slug}), column))
    of_city = set(csv_column(client.get(url, {"body": "test-city"}), column))
    assert of_prefecture, slug  # the world publishes something of each kind in the prefecture
    assert of_prefecture | of_city == everything
    assert not of_prefecture & of_city
    if slug in ("calls", "call-criteria"):
        assert of_city == {str(city["call"].pk)}
    else:
        assert of_city == set()


def test_csv_refuses_an_unknown_body_and_a_shared_dataset(world, client_for):
    client = client_for("anonymous")
    unknown = client.get(reverse("api:open_data_csv", args=["calls"]), {"body": UNKNOWN_SLUG})
    assert unknown.status_code == 400
    assert unknown.json()["errors"]["body"] == [unknown_message()]
    shared = client.get(reverse("api:open_data_csv", args=["cases"]), {"body": "test-city"})
    assert shared.status_code == 400
    assert shared.json()["errors"]["body"] == [str(NOT_BY_BODY)]
    # Without the parameter the shared dataset is served as before.
    assert client.get(reverse("api:open_data_csv", args=["cases"])).status_code == 200


# --- the HTML lists and the landing page ------------------------------------------------------


def test_public_call_page_filters_by_body(world, city, client, office):
    url = reverse("selection:public_calls")
    page = client.get(url, {"body": "test-city"})
    assert page.status_code == 200
    text = page.content.decode()
    assert city["call"].title in text
    assert world.open_call.title not in text and world.call.title not in text
    assert '<label class="form-label small" for="body-filter">' in text
    assert '<option value="test-city" selected>' in text

    prefecture_page = client.get(url, {"body": office.body.slug}).content.decode()
    assert world.open_call.title in prefecture_page and world.call.title in prefecture_page
    assert city["call"].title not in prefecture_page


def test_public_evaluation_page_filters_by_body(world, city, client, office):
    url = reverse("evaluation:public_list")
    assert world.closed.title in client.get(url, {"body": office.body.slug}).content.decode()
    city_page = client.get(url, {"body": "test-city"})
    assert city_page.status_code == 200
    assert world.closed.title not in city_page.content.decode()


def test_landing_page_filters_by_body(world, city, client, office):
    url = reverse("landing")
    city_page = client.get(url, {"body": "test-city"}).content.decode()
    assert city["call"].title in city_page
    assert world.open_call.title not in city_page
    assert world.closed.title not in city_page
    everything = client.get(url).content.decode()
    assert city["call"].title in everything and world.open_call.title in everything


@pytest.mark.parametrize("name", ["landing", "selection:public_calls", "evaluation:public_list"])
def test_html_pages_say_when_the_body_is_unknown(name, world, client):
    response = client.get(reverse(name), {"body": UNKNOWN_SLUG})
    assert response.status_code == 400
    text = response.content.decode()
    assert unknown_message() in text
    assert 'role="alert"' in text


# --- the pages of the bodies ---------------------------------------------------------------------


def test_index_lists_the_prefecture_first_then_its_municipalities_by_code(
    world, city, client, office, other_office
):
    second_city = BodyFactory(name="二番目の市", slug="second-city")
    text = client.get(reverse("body_index")).content.decode()
    prefecture = office.body
    positions = [
        text.index(reverse("body_detail", args=[b.slug]))
        for b in sorted(
            [prefecture, other_office.body, city["body"], second_city], key=lambda b: b.code
        )
    ]
    assert positions == sorted(positions)
    assert positions[0] == text.index(reverse("body_detail", args=[prefecture.slug]))
    assert "公募中 1件" in text  # the city's open call


def test_body_page_shows_only_its_published_information(world, city, client, office):
    page = client.get(reverse("body_detail", args=[office.body.slug]))
    assert page.status_code == 200
    text = page.content.decode()
    for shown in (
        world.open_call.title,  # open
        world.call.title,  # results published
        world.designation.project.title,  # designated without a call
        world.closed.title,  # published evaluation
    ):
        assert shown in text
    assert city["call"].title not in text
    assert SECRET not in text  # no draft call, sealed round or private text
    assert world.sealed_project.title not in text
    assert reverse("body_detail", args=["test-city"]) in text  # its municipalities

    # Its open data, cut to the body, and not the files shared by the whole deployment.
    calls_csv = reverse("api:open_data_csv", args=["calls"]) + f"?body={office.body.slug}"
    assert f'href="{calls_csv}"' in text
    assert reverse("api:open_data_csv", args=["cases"]) not in text

    city_page = client.get(reverse("body_detail", args=["test-city"])).content.decode()
    assert city["call"].title in city_page
    assert world.open_call.title not in city_page and world.closed.title not in city_page
    assert reverse("body_detail", args=[office.body.slug]) in city_page  # its prefecture


def test_body_page_hides_decided_but_unpublished_results(world, client, office, npo):
    decided = make_call(
        ProjectFactory(owner_office=office, stage=Stage.PARTNER_SELECTION),
        status=Call.Status.DECIDED,
        title="結果未公表の公募",
        decision_reason="DECIDED-SECRET",
    )
    text = client.get(reverse("body_detail", args=[office.body.slug])).content.decode()
    assert decided.title in text  # listed as in review, like on the public calls page
    assert "DECIDED-SECRET" not in text


def test_unknown_body_page_is_404(client, db):
    assert client.get(reverse("body_detail", args=[UNKNOWN_SLUG])).status_code == 404


def test_public_detail_pages_link_to_the_body(world, client, office):
    body_url = reverse("body_detail", args=[office.body.slug])
    for url in (
        world.call.get_public_url(),
        world.designation.get_public_url(),
        world.published_round.get_public_url(),
    ):
        text = client.get(url).content.decode()
        assert f'<a href="{body_url}">{office.body.name}</a>' in text, url
        assert "自治体" in text


def test_body_names_follow_the_language(world, city, client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = client.get(reverse("body_index"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Test City" in text and "テスト市" not in text
    page = client.get(reverse("body_detail", args=["test-city"]), HTTP_ACCEPT_LANGUAGE="en")
    assert '<h1 class="h3">Test City</h1>' in page.content.decode()


# --- bounded queries -----------------------------------------------------------------------------


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def add_calls(office, n: int) -> None:
    for i in range(n):
        project = ProjectFactory(owner_office=office, stage=Stage.PARTNER_SELECTION)
        make_call(project, status=Call.Status.OPEN, title=f"追加の公募{i}")


@pytest.mark.parametrize(
    "url_of",
    [
        lambda b: reverse("body_index"),
        lambda b: reverse("body_detail", args=[b.slug]),
        lambda b: reverse("selection:public_calls") + f"?body={b.slug}",
        lambda b: reverse("evaluation:public_list") + f"?body={b.slug}",
        lambda b: reverse("landing") + f"?body={b.slug}",
    ],
)
def test_pages_issue_a_bounded_number_of_queries(
    url_of, world, city, client, django_assert_max_num_queries, settings
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # the cost of building the page, not of its copy
    url = url_of(city["body"])
    client.get(url)  # warm the per-process table of bodies
    before = count_queries(client, url)
    add_calls(city["office"], 5)
    BodyFactory.create_batch(3)
    client.get(url)  # new bodies: the list of bodies is loaded again, once
    assert count_queries(client, url) == before
    # At most: the body's page reads the four groups of calls (their newest rows, and two
    # counts) and its evaluations.
    with django_assert_max_num_queries(8):
        client.get(url)


def test_the_body_filter_lists_every_body_marks_the_chosen_one_and_follows_renames(
    world, city, client, settings
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # the filter as built, not a stored page
    url = reverse("selection:public_calls")
    page = client.get(url + "?body=test-city").content.decode()
    assert '<option value="test-city" selected>テスト市</option>' in page
    assert page.split('id="body-filter"')[1].split("</select>")[0].count(" selected>") == 1
    unfiltered = client.get(url).content.decode()
    assert '<option value="test-city">テスト市</option>' in unfiltered
    assert " selected>" not in unfiltered.split('id="body-filter"')[1].split("</select>")[0]
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<option value="test-city">Test City</option>' in english
    city["body"].name = "改名したテスト市"
    city["body"].save()
    assert "改名したテスト市</option>" in client.get(url).content.decode()


def test_a_page_built_afresh_reads_the_bodies_once_per_version(world, city, client, settings):
    # 1,788 bodies nationwide: loading and ordering them on every page cost most of the landing
    # page's time. They are loaded again only when a body has changed, here or in another process.
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # the cost of building the page, not of its copy
    url = reverse("landing")

    def body_queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return sum('FROM "partners_governmentbody"' in q["sql"] for q in context.captured_queries)

    client.get(url)
    assert body_queries() == 0
    assert body_queries() == 0

    BodyFactory(name="新しい市", slug="new-city")  # saved in this process
    assert body_queries() == 1
    assert '<option value="new-city">新しい市</option>' in client.get(url).content.decode()
    assert body_queries() == 0

    caching.bump_generation(BODIES_GENERATION_KEY)  # as a body saved in another process does
    assert body_queries() == 1
    assert body_queries() == 0

    # A write that sends no signal is announced with forget_bodies (as the scale seed does).
    GovernmentBody.objects.filter(slug="new-city").update(name="改名した市")
    forget_bodies()
    assert '<option value="new-city">改名した市</option>' in client.get(url).content.decode()


def test_public_order_groups_each_prefectures_municipalities_whatever_their_codes(world):
    saitama = body_named("埼玉県")
    other = GovernmentBody.objects.create(
        code=with_check_digit("96000"), name="架空県", slug="kaku-ken", level="prefecture"
    )
    # Codes interleave across the two prefectures; the order keeps each one's together.
    for n in range(1, 7):
        GovernmentBody.objects.create(
            code=with_check_digit(f"96{n:03d}"),
            name=f"架空市{n}",
            slug=f"kaku-shi-{n}",
            level="municipality",
            prefecture=saitama if n % 2 else other,
        )
    bodies = list(GovernmentBody.objects.all())
    code_of = {b.pk: b.code for b in bodies}
    expected = sorted(
        bodies,
        key=lambda b: (b.code, "") if b.is_prefecture else (code_of[b.prefecture_id], b.code),
    )
    assert [b.pk for b in public_bodies()] == [b.pk for b in expected]
    assert len(expected) >= 9
