"""The public calls page stays one size whatever the number of calls: each group (公募中・審査中・
選定結果・特命と協働提案) shows its newest rows and links to its own page, which lists every row a
page at a time, with the body filter kept."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from selection import selectors
from selection.models import Call
from tests.selection.support import make_call, selection_project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _small_groups(monkeypatch):
    monkeypatch.setattr(selectors, "PUBLIC_GROUP_SHOWN", 3)
    monkeypatch.setattr(selectors, "PUBLIC_GROUP_PAGE", 2)


def published_results(office, count: int, first: int = 0) -> list[Call]:
    """``count`` calls with published results, the later the number the newer."""
    calls = []
    start = timezone.now() - datetime.timedelta(days=100)
    for number in range(first, first + count):
        call = make_call(
            selection_project(office, title=f"事業{number:02d}"),
            status=Call.Status.PUBLISHED,
            title=f"結果公表済みの公募{number:02d}",
            deadline=start - datetime.timedelta(days=30),
        )
        Call.objects.filter(pk=call.pk).update(
            published_at=start + datetime.timedelta(days=number),
            results_published_at=start + datetime.timedelta(days=number + 30),
        )
        calls.append(call)
    return calls


def group_url(group: str, **query) -> str:
    url = reverse("selection:public_call_group", args=[group])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_page_shows_the_newest_of_each_group_and_links_to_all_of_them(client, office):
    published_results(office, 5)
    make_call(selection_project(office, title="防災訓練事業"), status=Call.Status.OPEN)
    make_call(selection_project(office, title="下書きの事業"), title="下書きの公募")
    page = client.get(reverse("selection:public_calls")).content.decode()
    assert [f"結果公表済みの公募{n:02d}" in page for n in range(5)] == [
        False,
        False,
        True,
        True,
        True,
    ]
    assert "新しいものから3件を表示しています。" in page
    assert f'href="{group_url("results")}">選定結果（公募）の全5件を見る</a>' in page
    # A group with no more rows than it shows has no such link; a draft is nowhere.
    assert group_url("open") not in page and "下書きの公募" not in page


def test_a_group_page_lists_every_row_a_page_at_a_time_newest_first(client, office):
    published_results(office, 5)
    make_call(selection_project(office, title="下書きの事業"), title="下書きの公募")
    seen = []
    for number in (1, 2, 3):
        response = client.get(group_url("results", page=number))
        assert response.status_code == 200
        seen += [call.title for call in response.context["page"].object_list]
        html = response.content.decode()
        assert "<caption>新しい順（全5件）</caption>" in html
        assert "<h1" in html and "選定結果（公募）" in html
    assert seen == [f"結果公表済みの公募{n:02d}" for n in (4, 3, 2, 1, 0)]
    assert 'aria-label="ページ送り"' in html and "下書きの公募" not in html


def test_the_body_filter_follows_the_reader_to_the_group_page(client, office, other_office):
    published_results(office, 4)
    published_results(other_office, 2, first=10)
    slug = office.body.slug
    page = client.get(reverse("selection:public_calls"), {"body": slug}).content.decode()
    assert f'href="{group_url("results", body=slug)}"' in page
    body_page = client.get(reverse("body_detail", args=[slug])).content.decode()
    assert f'href="{group_url("results", body=slug)}"' in body_page
    response = client.get(group_url("results", body=slug))
    titles = [call.title for call in response.context["page"].object_list]
    assert titles == ["結果公表済みの公募03", "結果公表済みの公募02"]
    assert response.context["page"].paginator.count == 4
    # The next page keeps the body.
    assert f"?body={slug}&amp;page=2" in response.content.decode()


def test_an_unknown_group_or_body_is_refused(client, office):
    assert client.get(group_url("drafts")).status_code == 404
    assert client.get(group_url("results", body="no-such-body")).status_code == 400


def test_queries_do_not_grow_with_the_number_of_calls(client, office, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # each page built, not served from its copy

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    published_results(office, 4)
    queries(reverse("selection:public_calls"))  # what a process reads once (the list of bodies)
    few = (queries(reverse("selection:public_calls")), queries(group_url("results")))
    published_results(office, 8, first=4)
    assert (queries(reverse("selection:public_calls")), queries(group_url("results"))) == few
    html = client.get(reverse("selection:public_calls")).content.decode()
    assert html.count("結果公表済みの公募") == 3


def test_every_group_has_its_page_with_its_own_rows(client, office, npo):
    from selection.models import Designation

    past = timezone.now() - datetime.timedelta(days=1)
    rows = {
        "open": make_call(
            selection_project(office, title="受付中の事業"),
            status=Call.Status.OPEN,
            title="受付中の公募",
        ).title,
        "in-review": make_call(
            selection_project(office, title="締切後の事業"),
            status=Call.Status.OPEN,
            title="締切を過ぎた公募",
            deadline=past,
        ).title,
        "results": published_results(office, 1)[0].title,
        "designations": Designation.objects.create(
            project=selection_project(office, title="特命で決めた事業"),
            organization=npo,
            route=Designation.Route.PROPOSAL,
            justification="協働提案をした団体のため。",
        ).project.title,
    }
    for group, title in rows.items():
        response = client.get(group_url(group))
        assert response.status_code == 200, group
        listed = [
            row.project.title if group == "designations" else row.title
            for row in response.context["page"].object_list
        ]
        assert listed == [title], group
        assert "<caption>新しい順（全1件）</caption>" in response.content.decode()
