"""ETag and Last-Modified on the public lists and CSV files: 304 when nothing changed."""

import pytest
from django.urls import reverse

from selection.models import Designation

pytestmark = pytest.mark.django_db

CONDITIONAL_URLS = [
    ("api:public-call-list", []),
    ("api:public-result-list", []),
    ("api:public-designation-list", []),
    ("api:public-evaluation-list", []),
    ("api:public-case-list", []),
    ("api:public-statistics", []),
    ("api:open_data_csv", ["calls"]),
    ("api:open_data_csv", ["evaluation-scores"]),
]


@pytest.mark.parametrize(("name", "args"), CONDITIONAL_URLS)
def test_unchanged_list_answers_304(name, args, world, client_for):
    client = client_for("anonymous")
    url = reverse(name, args=args)
    first = client.get(url)
    assert first.status_code == 200
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and modified.endswith("GMT")
    assert "must-revalidate" in first["Cache-Control"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag and not again.content
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_a_change_gives_a_new_etag(world, client_for):
    client = client_for("anonymous")
    url = reverse("api:public-designation-list")
    etag = client.get(url)["ETag"]
    Designation.objects.create(
        project=world.active,
        organization=world.application.organization,
        route=Designation.Route.PROPOSAL,
        justification="協働提案をした団体のため。",
    )
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response["ETag"] != etag
    assert response.json()["count"] == 2


def test_a_renamed_office_changes_the_calls_etag(world, client_for, office):
    client = client_for("anonymous")
    url = reverse("api:public-call-list")
    etag = client.get(url)["ETag"]
    office.name = "県民協働課"
    office.save()
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_query_and_language_are_part_of_the_etag(world, client_for):
    client = client_for("anonymous")
    url = reverse("api:public-case-list")
    base = client.get(url)["ETag"]
    assert client.get(url, {"stage": "agreement"})["ETag"] != base
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert english["ETag"] != base
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="en", HTTP_IF_NONE_MATCH=base).status_code == 200


@pytest.mark.parametrize(
    ("query", "status"),
    [({"page_size": "null"}, 400), ({"page_size": "0"}, 400), ({"page": "abc"}, 404)],
)
def test_bad_paging_is_refused_even_when_the_copy_is_current(world, client_for, query, status):
    # "If-None-Match: *" matches any list: without the check the caller would be told their
    # copy of a page that cannot exist is current.
    client = client_for("anonymous")
    url = reverse("api:public-case-list")
    assert client.get(url, query, HTTP_IF_NONE_MATCH="*").status_code == status
    assert client.get(url, {**query, "page": "99"}, HTTP_IF_NONE_MATCH="*").status_code in (
        400,
        404,
    )


def test_good_paging_is_still_answered_304(world, client_for):
    client = client_for("anonymous")
    url = reverse("api:public-case-list")
    for query in ({"page_size": "5", "page": "2"}, {"page": "last"}, {}):
        assert client.get(url, query, HTTP_IF_NONE_MATCH="*").status_code == 304
