"""Public pages served whole from the cache to anonymous visitors (kyodo_portal/core/page_cache).

What must hold: a repeat visit costs no SQL; each language has its own copy; a write shows at
once; nothing of a signed-in person, a session or a CSRF token is stored or served to others."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db


def public_pages(world) -> list[str]:
    return [
        reverse("landing"),
        reverse("body_index"),
        reverse("casebook:index"),
        reverse("casebook:case_detail", args=[1]),
        reverse("casebook:guide"),
        reverse("selection:public_calls"),
        reverse("selection:public_call_detail", args=[world.call.pk]),
        reverse("selection:public_call_detail", args=[world.open_call.pk]),
        reverse("selection:public_designation_detail", args=[world.designation.pk]),
        reverse("evaluation:public_list"),
        reverse("evaluation:public_detail", args=[world.published_round.pk]),
    ]


def queries_of(client: Client, url: str, **headers) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200, url
    return len(queries), response.content.decode()


def test_a_repeat_anonymous_visit_runs_no_sql_and_gets_the_same_page(world):
    for url in public_pages(world):
        first_queries, first = queries_of(Client(), url)
        assert first_queries > 0 or url == reverse("casebook:guide"), url  # the guide reads none
        again_queries, again = queries_of(Client(), url)
        assert again_queries == 0, url
        assert again == first, url


def test_each_language_is_cached_apart(world):
    url = reverse("casebook:index")
    _, japanese = queries_of(Client(), url, HTTP_ACCEPT_LANGUAGE="ja")
    _, english = queries_of(Client(), url, HTTP_ACCEPT_LANGUAGE="en")
    assert 'lang="en"' in english and 'lang="ja"' in japanese
    assert english != japanese
    assert queries_of(Client(), url, HTTP_ACCEPT_LANGUAGE="en")[1] == english
    en_by_cookie = Client()
    en_by_cookie.cookies["django_language"] = "en"
    assert queries_of(en_by_cookie, url)[1] == english
    assert queries_of(Client(), url, HTTP_ACCEPT_LANGUAGE="ja")[1] == japanese


def test_query_strings_are_pages_of_their_own(world):
    url = reverse("selection:public_calls")
    queries_of(Client(), url)
    filtered = url + "?body=" + world.call.project.owner_office.body.slug
    assert queries_of(Client(), filtered)[0] > 0  # not the unfiltered page's copy
    assert queries_of(Client(), filtered)[0] == 0


def test_a_write_shows_at_once(world):
    url = reverse("selection:public_designation_detail", args=[world.designation.pk])
    queries_of(Client(), url)
    world.designation.justification = "地域の実情に最も詳しい団体であるため（改訂）"
    world.designation.save()
    count, page = queries_of(Client(), url)
    assert count > 0
    assert "（改訂）" in page


def test_a_changed_ranking_input_makes_call_pages_stale(world):
    url = reverse("selection:public_call_detail", args=[world.call.pk])
    queries_of(Client(), url)
    world.call.save()  # any write to a call's ranking inputs bumps the ranking generation
    assert queries_of(Client(), url)[0] > 0


def casebook_pages() -> list[str]:
    return [
        reverse("casebook:index"),
        reverse("casebook:case_detail", args=[1]),
        reverse("casebook:guide"),
        reverse("casebook:guide_section", args=["suitability"]),
    ]


def test_a_project_saved_leaves_the_casebooks_copies_and_refreshes_the_rest(world):
    # The casebook's pages follow only the casebook's generation (and the public records'):
    # the many project writes of a working day must not throw them away.
    for url in [*casebook_pages(), reverse("landing")]:
        queries_of(Client(), url)
    world.active.save()
    for url in casebook_pages():
        assert queries_of(Client(), url)[0] == 0, url
    assert queries_of(Client(), reverse("landing"))[0] > 0


def test_a_casebook_write_still_shows_at_once(world):
    from casebook.models import Case

    for url in casebook_pages():
        queries_of(Client(), url)
    case = Case.objects.get(number=1)
    case.title_ja = "改訂した事例の題名"
    case.save()
    for url in casebook_pages()[:2]:
        count, page = queries_of(Client(), url)
        assert count > 0 and "改訂した事例の題名" in page, url


def test_the_casebooks_pages_read_only_what_their_generation_follows(world):
    # What @public_page(depends_on=...) promises: every table the pages read is one whose writes
    # move the casebook's generation (casebook.signals), so no stale copy can outlive a write.
    from casebook.models import Case, CaseTag

    followed = {Case._meta.db_table, CaseTag._meta.db_table, Case.related.through._meta.db_table}
    for url in casebook_pages():
        with CaptureQueriesContext(connection) as queries:
            assert Client().get(url).status_code == 200
        tables = {
            table
            for query in queries.captured_queries
            for table in re.findall(r'(?:FROM|JOIN) "(\w+)"', query["sql"])
        }
        assert tables <= followed, (url, tables - followed)


def test_signed_in_people_never_get_or_leave_a_copy(world, staff_user):
    url = reverse("landing")
    signed_in = Client()
    signed_in.force_login(staff_user)
    count, page = queries_of(signed_in, url)
    assert count > 0
    assert reverse("logout") in page  # their own navigation
    assert queries_of(signed_in, url)[0] > 0  # and again: never from the cache
    anonymous_count, anonymous_page = queries_of(Client(), url)
    assert anonymous_count > 0  # the signed-in page was not stored for others
    assert reverse("logout") not in anonymous_page
    assert staff_user.username not in anonymous_page


def test_a_browser_with_a_session_or_messages_is_not_served_from_the_cache(world):
    url = reverse("landing")
    queries_of(Client(), url)
    for cookie in ("sessionid", "messages"):
        browser = Client()
        browser.cookies[cookie] = "something-of-its-own"
        assert queries_of(browser, url)[0] > 0, cookie


def test_pages_not_marked_public_are_never_stored(world):
    url = reverse("api:public-call-list")
    first, _ = queries_of(Client(), url)
    assert queries_of(Client(), url)[0] == first > 0


def test_a_page_that_hands_out_a_csrf_token_is_never_stored(world):
    login = reverse("login")
    assert "csrftoken" in Client().get(login).cookies
    assert "csrftoken" in Client().get(login).cookies  # a token of its own each time


def test_cached_pages_hand_out_no_csrf_token_and_the_language_still_switches(world):
    url = reverse("landing")
    Client().get(url)
    cached = Client(enforce_csrf_checks=True).get(url)
    assert "csrftoken" not in cached.cookies
    assert "csrfmiddlewaretoken" not in cached.content.decode()
    browser = Client(enforce_csrf_checks=True)
    switched = browser.post(reverse("set_language"), {"language": "en", "next": url}, follow=True)
    assert switched.status_code == 200
    assert 'lang="en"' in switched.content.decode()


def test_a_refused_host_is_not_served_from_the_cache(world, settings):
    url = reverse("landing")
    queries_of(Client(), url)
    response = Client().get(url, HTTP_HOST="attacker.example")
    assert response.status_code == 400


def test_the_cache_can_be_turned_off(world, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    url = reverse("landing")
    queries_of(Client(), url)
    assert queries_of(Client(), url)[0] > 0
