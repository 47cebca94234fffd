"""One table, every URL pattern of the portal × seven kinds of caller.

Each pattern is requested (GET) against objects of office A and NPO A, as: anonymous, staff of
office A, staff of another office, a member of NPO A (the partner), a member of an unrelated NPO,
a reviewer (seated on the call) and a manager. The status must equal the declared expectation.

Office A belongs to 埼玉県 and the other office to another body, 川越市: "other_staff" is the
second body's staff. The second body's manager is walked too (OTHER_BODY_MANAGER): they answer as
the second body's staff everywhere, except on the pages every manager has for their own body.
A pattern added to the portal without a row here fails the test, so nobody can add a page and
forget to decide who may see it.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.authtoken.models import Token

from evaluation.models import ImprovementItem, ResultsExport
from kyodo_portal.core.models import Notification
from projects.models import ProposalAttachment
from selection.models import ApplicationAttachment, PaperScoreSheet

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "staff", "other_staff", "npo", "other_npo", "reviewer", "manager")

# Not walked, and why:
# - admin/: Django's admin is for superusers only and is guarded by Django itself (every admin
#   page redirects a non-superuser to the admin login); its hundreds of generated patterns
#   would say nothing about the portal's own rules.
# - i18n/: Django's set_language view (POST only, no data), not the portal's.
# Static files are served by WhiteNoise/the web server, outside the URL configuration.
SKIPPED_PREFIXES = ("admin/", "i18n/")

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def walk(patterns, prefix="", namespace=""):
    """Every (route, name, pattern) under the root URL configuration, depth first."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = namespace + pattern.name if pattern.name else None
            yield prefix + str(pattern.pattern), name, pattern


def portal_routes():
    return [
        (route, name)
        for route, name, _pattern in walk(get_resolver().url_patterns)
        if not route.startswith(SKIPPED_PREFIXES)
    ]


def _objects(world, npo, npo_user, staff_user, manager):
    """The objects whose primary keys fill the URL parameters."""
    proposal_attachment = ProposalAttachment(
        proposal=world.proposal_submitted,
        original_name="企画書.pdf",
        content_type="application/pdf",
        size=len(PDF),
        uploaded_by=npo_user,
    )
    proposal_attachment.file.save("企画書.pdf", SimpleUploadedFile("企画書.pdf", PDF), save=False)
    proposal_attachment.save()
    application_attachment = ApplicationAttachment(
        application=world.application,
        original_name="計画書.pdf",
        content_type="application/pdf",
        size=len(PDF),
        uploaded_by=npo_user,
    )
    application_attachment.file.save(
        "計画書.pdf", SimpleUploadedFile("計画書.pdf", PDF), save=False
    )
    application_attachment.save()
    improvement = ImprovementItem.objects.create(
        round=world.published_round,
        project=world.closed,
        text="平日夜の回を増やす",
        owner=ImprovementItem.Owner.BOTH,
        created_by=staff_user,
    )
    notification = Notification.objects.create(
        recipient=npo_user, title="協定書の確認のお願い", url="/home/"
    )
    committee_member = world.call.committee.order_by("pk").first()
    paper_sheet = PaperScoreSheet(
        call=world.call,
        member=committee_member.user,
        original_name="採点票.pdf",
        content_type="application/pdf",
        size=len(PDF),
        uploaded_by=staff_user,
    )
    paper_sheet.file.save("採点票.pdf", SimpleUploadedFile("採点票.pdf", PDF), save=False)
    paper_sheet.save()
    results_export = ResultsExport(
        requested_by=manager, status=ResultsExport.Status.DONE, rows=0
    )  # the matrix's manager asked for it
    results_export.file.save("results.xlsx", SimpleUploadedFile("results.xlsx", b"PK"), save=False)
    results_export.save()
    return {
        "results_export": results_export,
        "project": world.active,
        "proposal": world.proposal_submitted,
        "proposal_attachment": proposal_attachment,
        "application_attachment": application_attachment,
        "improvement": improvement,
        "notification": notification,
        "committee_member": committee_member,
        "paper_sheet": paper_sheet,
        "sheet": world.published_round.sheets.get(organization=npo),
    }


def url_for(route: str, name: str | None, world, objects) -> str:
    """A real URL for the pattern, its parameters filled from the world's objects."""
    if name is None:
        # The API's catch-all answers unknown addresses with a JSON 404.
        assert route == "api/^[\\s\\S]*\\Z", route
        return "/api/no-such-endpoint/"
    kwargs = {}
    if "<int:pk>" in route or "(?P<pk>" in route:
        kwargs["pk"] = _pk_for(route, world, objects)
    if "<str:side>" in route:
        kwargs["side"] = "government"
    if "<int:number>" in route and route.startswith("projects/"):
        kwargs["number"] = 1
    elif "<int:number>" in route or "(?P<number>" in route:
        kwargs["number"] = 7  # casebook case 7 (seeded by migration)
    if "<int:member_pk>" in route:
        kwargs["member_pk"] = objects["committee_member"].pk
    if "<int:project_pk>" in route:
        kwargs["project_pk"] = world.selection_project.pk
    if "<int:call_pk>" in route:
        kwargs["call_pk"] = world.open_call.pk
    if "<str:kind>" in route:
        kwargs["kind"] = "final"
    if "<int:item_pk>" in route:
        kwargs["item_pk"] = objects["improvement"].pk
    if "<evaluation_fmt:fmt>" in route or "<export_fmt:fmt>" in route:
        kwargs["fmt"] = "csv"
    if "<slug:slug>" in route:
        kwargs["slug"] = "npo" if route.startswith("casebook/") else "calls"
        if route.startswith("b/"):
            kwargs["slug"] = world.call.project.owner_office.body.slug
    if "<slug:group>" in route:
        kwargs["group"] = "results"  # a group of the public calls page, whole
    if "<slug:key>" in route:
        kwargs["key"] = "gap_by_office"  # the dashboard's tables by office, each whole
    if "<uidb64>" in route:
        kwargs.update(uidb64="MQ", token="invalid-token")
    if "(?P<format>" in route:
        kwargs["format"] = "json"
    return reverse(name, kwargs=kwargs)


def _pk_for(route: str, world, objects) -> int:
    table = [
        ("notifications/", objects["notification"]),
        ("organizations/", world.proposal_submitted.organization),
        ("projects/proposals/", objects["proposal"]),
        ("projects/attachments/", objects["proposal_attachment"]),
        ("projects/", objects["project"]),
        ("partners/organizations/", world.proposal_submitted.organization),
        ("partners/calls/", world.call),
        ("partners/applications/", world.application),
        ("partners/attachments/", objects["application_attachment"]),
        ("partners/paper-sheets/", objects["paper_sheet"]),
        ("partners/review/calls/", world.call),
        ("partners/review/applications/", world.application),
        ("partners/public/calls/", world.call),
        ("partners/public/designations/", world.designation),
        ("evaluation/dashboard/exports/", objects["results_export"]),
        ("evaluation/projects/", world.closed),
        ("evaluation/sheets/", objects["sheet"]),
        ("evaluation/rounds/", world.published_round),
        ("evaluation/improvements/", objects["improvement"]),
        ("evaluation/public/", world.published_round),
        ("api/v1/^public/calls/", world.call),
        ("api/v1/^public/results/", world.call),
        ("api/v1/^public/designations/", world.designation),
        ("api/v1/^public/evaluations/", world.published_round),
        ("api/v1/^projects/", objects["project"]),
        ("api/v1/^proposals/", objects["proposal"]),
        ("api/v1/^applications/", world.application),
        ("api/v1/^evaluations/", world.closed),
        ("api/v1/^evaluation-sheets/", objects["sheet"]),
    ]
    for prefix, obj in table:
        if route.startswith(prefix):
            return obj.pk
    raise AssertionError(f"no object for {route}: add one to _pk_for")


# The world's NPO A has these contact details (personal data of its contact person). They may
# be shown only to its members and to staff, managers and reviewers
# (partners.permissions.can_view_contact_details): never to the public or another NPO, on any
# page, API answer, CSV or Excel export.
CONTACT_MARKERS = ("SECRET太郎", "contact-secret@example.org", "048-000-SECRET", "SECRET町")
NO_CONTACT_DETAILS = ("anonymous", "other_npo")


def _body(response) -> str:
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    return content.decode("utf-8", errors="replace")


def clients(people) -> dict[str, Client]:
    result = {}
    for role, person in people.items():
        client = Client()
        if person is not None:
            client.force_login(person)
            token = Token.objects.get_or_create(user=person)[0].key
            client.defaults["HTTP_AUTHORIZATION"] = f"Token {token}"
        result[role] = client
    return result


def test_every_url_pattern_answers_each_role_as_declared(
    world, people, npo, npo_user, staff_user, settings
):
    objects = _objects(world, npo, npo_user, staff_user, people["manager"])
    by_role = clients(people)
    routes = portal_routes()
    missing = [route for route, _name in routes if route not in EXPECTED]
    stale = sorted(set(EXPECTED) - {route for route, _name in routes})
    assert not missing, "URL patterns without an expectation row:\n" + "\n".join(missing)
    assert not stale, "expectation rows for patterns that no longer exist:\n" + "\n".join(stale)

    wrong, leaks = [], []
    for route, name in routes:
        url = url_for(route, name, world, objects)
        statuses = []
        for role in ROLES:
            response = by_role[role].get(url)
            statuses.append(response.status_code)
            if role in NO_CONTACT_DETAILS:
                body = _body(response)
                leaks += [f"{role} sees {m} at {url}" for m in CONTACT_MARKERS if m in body]
        actual = " ".join(str(s) for s in statuses)
        if actual != EXPECTED[route]:
            wrong.append(f"{route!r}: {actual!r},  # expected {EXPECTED[route]!r} ({url})")
    pairs = len(routes) * len(ROLES)
    print(f"access matrix: {len(routes)} URL patterns × {len(ROLES)} roles = {pairs} pairs")
    assert not leaks, "NPO contact details shown to people who do not need them:\n" + "\n".join(
        leaks
    )
    assert not wrong, "statuses differ (roles: " + " ".join(ROLES) + "):\n" + "\n".join(wrong)


# A manager of the second body (川越市) against the first body's objects: the answers of that
# body's staff, except on the managers' own pages (their body's dashboard, reminders and audit
# trail), where they answer as managers, and where staff may act and managers not.
OTHER_BODY_MANAGER_EXCEPTIONS = {
    "reminders/history/": "200",
    "reminders/policies/": "200",
    "audit/": "200",
    "projects/new/": "404",
    "evaluation/dashboard/": "200",
    # 川越市 is a municipality: its manager sets its prefecture's read view
    "partners/body-grants/": "200",
    "evaluation/dashboard/list/": "200",
    "evaluation/dashboard/list.<evaluation_fmt:fmt>": "200",
    "evaluation/dashboard/print/": "200",
    "evaluation/dashboard/table/<slug:key>/": "200",
    "evaluation/dashboard/export.<evaluation_fmt:fmt>": "200",
    "evaluation/dashboard/results.<evaluation_fmt:fmt>": "200",
    # the first body's manager's workbook: hidden like a missing one
    "evaluation/dashboard/exports/<int:pk>/": "404",
}


def test_a_manager_of_another_body_answers_as_declared(
    world, people, npo, npo_user, staff_user, other_office
):
    from kyodo_portal.core.roles import Role
    from tests.factories import member

    objects = _objects(world, npo, npo_user, staff_user, people["manager"])
    other_manager = member(Role.MANAGER, other_office, username="other_body_manager")
    assert other_office.body_id != world.active.owner_office.body_id
    client = clients({"other_manager": other_manager})["other_manager"]
    wrong = []
    for route, name in portal_routes():
        url = url_for(route, name, world, objects)
        expected = OTHER_BODY_MANAGER_EXCEPTIONS.get(
            route, EXPECTED[route].split()[ROLES.index("other_staff")]
        )
        status = str(client.get(url).status_code)
        if status != expected:
            wrong.append(f"{route!r}: {status} (expected {expected}, {url})")
    assert not wrong, "another body's manager:\n" + "\n".join(wrong)


def test_every_role_of_the_matrix_is_a_distinct_person(people):
    assert list(people) == list(ROLES)
    assert len({p.pk for p in people.values() if p}) == len(ROLES) - 1


# Expected status per role, in the order of ROLES:
#   anonymous, staff (office A), other_staff, npo (NPO A, the partner), other_npo, reviewer,
#   manager.
# 302 = sent to the login page; 404 = hidden alike whether missing or forbidden; 403 = a page
# that exists for everyone but this role may not use; 405 = a POST-only action.
EXPECTED: dict[str, str] = {
    "": "200 200 200 200 200 200 200",
    "home/": "302 200 200 200 200 200 200",
    "healthz": "200 200 200 200 200 200 200",
    "healthz/live": "200 200 200 200 200 200 200",
    # the browsers' default address of the icon, sent on to the static SVG
    "favicon.ico": "301 301 301 301 301 301 301",
    "accessibility/": "200 200 200 200 200 200 200",
    # the government bodies' public pages (a body's page: office A's body)
    "b/": "200 200 200 200 200 200 200",
    "b/<slug:slug>/": "200 200 200 200 200 200 200",
    "accounts/login/": "200 302 302 302 302 302 302",
    # Django 5: logging out is a POST
    "accounts/logout/": "405 405 405 405 405 405 405",
    "accounts/password/change/": "302 200 200 200 200 200 200",
    "accounts/password/change/done/": "302 200 200 200 200 200 200",
    "accounts/password/reset/": "200 200 200 200 200 200 200",
    "accounts/password/reset/done/": "200 200 200 200 200 200 200",
    "accounts/password/reset/<uidb64>/<token>/": "200 200 200 200 200 200 200",
    "accounts/password/reset/complete/": "200 200 200 200 200 200 200",
    "notifications/": "302 200 200 200 200 200 200",
    "notifications/<int:pk>/read/": "302 405 405 405 405 405 405",
    "notifications/read-all/": "302 405 405 405 405 405 405",
    "notifications/settings/": "302 200 200 200 200 200 200",
    "reminders/history/": "302 404 404 404 404 404 200",
    "reminders/policies/": "302 404 404 404 404 404 200",
    "audit/": "302 404 404 404 404 404 200",
    # one's own data, for everyone signed in; an organisation's data for its members only
    "my-data.json": "302 200 200 200 200 200 200",
    "organizations/<int:pk>/data.json": "302 404 404 200 404 404 404",
    "partners/profile/": "302 200 200 200 200 200 200",
    # the platform administrator's pages: no role of the matrix holds it
    "platform/": "302 404 404 404 404 404 404",
    "platform/bodies/new/": "302 404 404 404 404 404 404",
    # an organisation's profile; contacts only for roles that need them
    "partners/organizations/<int:pk>/": "302 200 200 200 200 200 200",
    "partners/organizations/<int:pk>/edit/": "302 404 404 200 404 404 404",
    "partners/directory/": "302 200 200 404 404 404 200",
    # a municipality's managers only (the matrix's manager is the prefecture's)
    "partners/body-grants/": "302 404 404 404 404 404 404",
    "partners/projects/<int:project_pk>/selection/": "302 200 404 404 404 404 200",
    "partners/projects/<int:project_pk>/selection/designate/": "302 405 405 405 405 405 405",
    "partners/projects/<int:project_pk>/selection/confirm-proposal/": "302 405 405 405 405 405 405",
    "partners/projects/<int:project_pk>/calls/new/": "302 200 404 404 404 404 302",
    "partners/calls/": "302 200 200 404 404 404 200",
    "partners/calls/<int:pk>/": "302 200 404 404 404 200 200",
    # a published call is corrected, not edited: sent to the call
    "partners/calls/<int:pk>/edit/": "302 302 404 404 404 404 404",
    "partners/calls/<int:pk>/publish/": "302 405 405 405 405 405 405",
    # correction is for a call after its deadline only: sent back
    "partners/calls/<int:pk>/correct/": "302 302 404 404 404 404 404",
    "partners/calls/<int:pk>/committee/": "302 200 404 404 404 404 404",
    "partners/calls/<int:pk>/committee/<int:member_pk>/remove/": "302 405 405 405 405 405 405",
    "partners/calls/<int:pk>/start-scoring/": "302 405 405 405 405 405 405",
    "partners/calls/<int:pk>/ranking/": "302 200 404 404 404 404 200",
    # the secretary's desk is the office's; typing in paper sheets ends with the decision
    "partners/calls/<int:pk>/progress/": "302 200 404 404 404 404 404",
    "partners/calls/<int:pk>/progress/members/<int:member_pk>/remind/": (
        "302 405 405 405 405 405 405"
    ),
    "partners/calls/<int:pk>/progress/members/<int:member_pk>/paper-sheet/": (
        "302 302 404 404 404 404 404"
    ),
    "partners/calls/<int:pk>/progress/score-sheet.csv": "302 200 404 404 404 404 404",
    "partners/calls/<int:pk>/progress/import/": "302 405 405 405 405 405 405",
    # the scan of a signed sheet: the office, the body's managers and the member who signed it
    "partners/paper-sheets/<int:pk>/download/": "302 200 404 404 404 200 200",
    "partners/calls/<int:pk>/minutes.<export_fmt:fmt>": "302 200 404 404 404 404 200",
    # decision needs scoring to be over: sent back
    "partners/calls/<int:pk>/decide/": "302 302 404 404 404 404 404",
    "partners/calls/<int:pk>/publish-results/": "302 405 405 405 405 405 405",
    # only NPOs apply; others are sent to the public call
    "partners/calls/<int:call_pk>/apply/": "302 302 302 200 200 302 302",
    "partners/applications/": "302 404 404 200 200 404 404",
    "partners/applications/<int:pk>/": "302 200 404 200 404 200 200",
    "partners/applications/<int:pk>/result-notice/": "302 200 404 200 404 404 200",
    # a submitted application is not edited: sent back
    "partners/applications/<int:pk>/edit/": "302 404 404 302 404 404 404",
    "partners/applications/<int:pk>/submit/": "302 405 405 405 405 405 405",
    "partners/applications/<int:pk>/withdraw/": "302 405 405 405 405 405 405",
    "partners/applications/<int:pk>/reopen/": "302 405 405 405 405 405 405",
    "partners/applications/<int:pk>/attachments/": "302 405 405 405 405 405 405",
    "partners/attachments/<int:pk>/download/": "302 200 404 200 404 200 200",
    "partners/attachments/<int:pk>/delete/": "302 405 405 405 405 405 405",
    "partners/review/": "302 404 404 404 404 200 404",
    "partners/review/calls/<int:pk>/": "302 404 404 404 404 200 404",
    "partners/review/calls/<int:pk>/consent/": "302 405 405 405 405 405 405",
    # one declaration for the whole call: the member's own page
    "partners/review/calls/<int:pk>/declaration/": "302 404 404 404 404 200 404",
    # the chair's sign-off is a POST of the chair's
    "partners/review/calls/<int:pk>/sign-off/": "302 405 405 405 405 405 405",
    "partners/review/applications/<int:pk>/conflict/": "302 404 404 404 404 200 404",
    # scoring closed for the decided call: sent back
    "partners/review/applications/<int:pk>/score/": "302 404 404 404 404 302 404",
    "partners/public/calls/": "200 200 200 200 200 200 200",
    "partners/public/calls/<int:pk>/": "200 200 200 200 200 200 200",
    "partners/public/calls/<slug:group>/": "200 200 200 200 200 200 200",
    "partners/public/designations/<int:pk>/": "200 200 200 200 200 200 200",
    "projects/": "302 200 200 404 404 404 200",
    "projects/new/": "302 200 200 404 404 404 404",
    "projects/mine/": "302 404 404 200 200 404 404",
    "projects/<int:pk>/": "302 200 404 200 404 404 200",
    "projects/<int:pk>/edit/": "302 200 404 404 404 404 404",
    "projects/<int:pk>/advance/": "302 405 405 405 405 405 405",
    "projects/<int:pk>/continue/": "302 405 405 405 405 405 405",
    "projects/<int:pk>/suitability/": "302 200 404 200 404 404 200",
    "projects/<int:pk>/hearings/new/": "302 200 404 404 404 404 404",
    "projects/<int:pk>/method/": "302 200 404 200 404 404 200",
    "projects/<int:pk>/agreement/": "302 200 404 200 404 404 200",
    "projects/<int:pk>/agreement/edit/": "302 200 404 404 404 404 404",
    "projects/<int:pk>/agreement/print/": "302 200 404 200 404 404 200",
    "projects/<int:pk>/agreement/pdf/": "302 200 404 200 404 404 200",
    "projects/<int:pk>/agreement/comments/": "302 405 405 405 405 405 405",
    "projects/<int:pk>/agreement/change-requests/": "302 405 405 405 405 405 405",
    "projects/<int:pk>/agreement/confirm/<str:side>/": "302 405 405 405 405 405 405",
    "projects/<int:pk>/agreement/versions/<int:number>/": "302 200 404 200 404 404 200",
    "projects/<int:pk>/notes/": "302 200 404 200 404 404 200",
    "projects/proposals/": "302 200 200 200 200 404 200",
    "projects/proposals/new/": "302 404 404 200 200 404 404",
    "projects/proposals/<int:pk>/": "302 200 404 200 404 404 200",
    # a submitted proposal is no longer edited
    "projects/proposals/<int:pk>/edit/": "302 404 404 404 404 404 404",
    "projects/proposals/<int:pk>/submit/": "302 405 405 405 405 405 405",
    "projects/proposals/<int:pk>/comment/": "302 405 405 405 405 405 405",
    "projects/proposals/<int:pk>/adopt/": "302 405 405 405 405 405 405",
    "projects/proposals/<int:pk>/decline/": "302 405 405 405 405 405 405",
    "projects/proposals/<int:pk>/attachments/": "302 405 405 405 405 405 405",
    "projects/attachments/<int:pk>/": "302 200 404 200 404 404 200",
    "projects/attachments/<int:pk>/delete/": "302 405 405 405 405 405 405",
    "evaluation/projects/<int:pk>/": "302 200 404 200 404 404 200",
    # the final sheets are submitted: sent to the sheet
    "evaluation/projects/<int:pk>/<str:kind>/sheet/": "302 302 404 302 404 404 403",
    "evaluation/projects/<int:pk>/improvements/<int:item_pk>/acknowledge/": "302 404 404 404 404 404 404",  # noqa: E501
    "evaluation/sheets/<int:pk>/": "302 200 404 200 404 404 200",
    "evaluation/sheets/<int:pk>/print/": "302 200 404 200 404 404 200",
    "evaluation/sheets/<int:pk>/pdf/": "302 200 404 200 404 404 200",
    "evaluation/sheets/<int:pk>/comment/": "302 405 405 405 405 405 405",
    "evaluation/rounds/<int:pk>/exchange/": "302 200 404 200 404 404 200",
    "evaluation/rounds/<int:pk>/exchange/print/": "302 200 404 200 404 404 200",
    "evaluation/rounds/<int:pk>/exchange/pdf/": "302 200 404 200 404 404 200",
    "evaluation/rounds/<int:pk>/meeting/": "302 405 405 405 405 405 405",
    "evaluation/rounds/<int:pk>/third-party/": "302 405 405 405 405 405 405",
    "evaluation/rounds/<int:pk>/third-party/request/": "302 405 405 405 405 405 405",
    "evaluation/rounds/<int:pk>/improvements/": "302 405 405 405 405 405 405",
    "evaluation/rounds/<int:pk>/publish/": "302 405 405 405 405 405 405",
    "evaluation/rounds/<int:pk>/export.<evaluation_fmt:fmt>": "302 200 404 200 404 404 200",
    "evaluation/improvements/<int:pk>/": "302 405 405 405 405 405 405",
    "evaluation/dashboard/": "302 403 403 403 403 403 200",
    "evaluation/dashboard/list/": "302 403 403 403 403 403 200",
    "evaluation/dashboard/list.<evaluation_fmt:fmt>": "302 403 403 403 403 403 200",
    "evaluation/dashboard/print/": "302 403 403 403 403 403 200",
    "evaluation/dashboard/table/<slug:key>/": "302 403 403 403 403 403 200",
    "evaluation/dashboard/export.<evaluation_fmt:fmt>": "302 403 403 403 403 403 200",
    "evaluation/dashboard/results.<evaluation_fmt:fmt>": "302 403 403 403 403 403 200",
    "evaluation/dashboard/exports/<int:pk>/": "302 403 403 403 403 403 200",
    "evaluation/public/": "200 200 200 200 200 200 200",
    "evaluation/public/<int:pk>/": "200 200 200 200 200 200 200",
    "casebook/": "200 200 200 200 200 200 200",
    "casebook/guide/": "200 200 200 200 200 200 200",
    "casebook/guide/<slug:slug>/": "200 200 200 200 200 200 200",
    "casebook/<int:number>/": "200 200 200 200 200 200 200",
    "casebook/<int:number>/print/": "200 200 200 200 200 200 200",
    "api/v1/^public/calls/$": "200 200 200 200 200 200 200",
    "api/v1/^public/calls/(?P<pk>[0-9]+)/$": "200 200 200 200 200 200 200",
    "api/v1/^public/results/$": "200 200 200 200 200 200 200",
    "api/v1/^public/results/(?P<pk>[0-9]+)/$": "200 200 200 200 200 200 200",
    "api/v1/^public/designations/$": "200 200 200 200 200 200 200",
    "api/v1/^public/designations/(?P<pk>[0-9]+)/$": "200 200 200 200 200 200 200",
    "api/v1/^public/evaluations/$": "200 200 200 200 200 200 200",
    "api/v1/^public/evaluations/(?P<pk>[0-9]+)/$": "200 200 200 200 200 200 200",
    "api/v1/^public/cases/$": "200 200 200 200 200 200 200",
    "api/v1/^public/bodies/$": "200 200 200 200 200 200 200",
    "api/v1/^public/cases/(?P<number>[0-9]+)/$": "200 200 200 200 200 200 200",
    "api/v1/^projects/$": "401 200 200 200 200 403 200",
    "api/v1/^projects/(?P<pk>[0-9]+)/$": "401 200 404 200 404 404 200",
    "api/v1/^projects/(?P<pk>[0-9]+)/advance/$": "401 405 405 405 405 405 405",
    "api/v1/^projects/(?P<pk>[0-9]+)/agreement/$": "401 200 404 200 404 404 200",
    "api/v1/^proposals/$": "401 200 200 200 200 403 200",
    "api/v1/^proposals/(?P<pk>[0-9]+)/$": "401 200 404 200 404 404 200",
    "api/v1/^proposals/(?P<pk>[0-9]+)/submit/$": "401 405 405 405 405 405 405",
    "api/v1/^applications/$": "401 403 403 200 200 403 403",
    "api/v1/^applications/(?P<pk>[0-9]+)/$": "401 200 404 200 404 200 200",
    "api/v1/^applications/(?P<pk>[0-9]+)/submit/$": "401 405 405 405 405 405 405",
    "api/v1/^evaluations/(?P<pk>[0-9]+)/$": "401 200 404 200 404 404 200",
    "api/v1/^evaluations/(?P<pk>[0-9]+)/sheet/$": "401 405 405 405 405 405 405",
    "api/v1/^evaluation-sheets/(?P<pk>[0-9]+)/$": "401 200 404 200 404 404 200",
    "api/v1/public/statistics/": "200 200 200 200 200 200 200",
    "api/v1/me/": "401 200 200 200 200 200 200",
    "api/v1/open-data/": "200 200 200 200 200 200 200",
    "api/v1/open-data/<slug:slug>.csv": "200 200 200 200 200 200 200",
    "api/v1/open-data/<slug:slug>/columns.csv": "200 200 200 200 200 200 200",
    "api/schema/": "200 200 200 200 200 200 200",
    "api/docs/": "200 200 200 200 200 200 200",
    "api/tokens/": "302 200 200 200 200 200 200",
    # the API's JSON 404 for unknown addresses
    "api/^[\\s\\S]*\\Z": "404 404 404 404 404 404 404",
}
