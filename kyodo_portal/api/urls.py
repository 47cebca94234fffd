"""/api/…: the versioned API, its schema and documentation, and the token page."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from casebook import api as casebook_api
from evaluation import api as evaluation_api
from kyodo_portal.api import errors, views
from partners import api as partners_api
from projects import api as projects_api
from selection import api as selection_api

app_name = "api"


class Router(DefaultRouter):
    include_root_view = False
    # No ".json" twins of every address: the API answers JSON only, and several actions did
    # not accept the format argument (500 on /api/v1/projects/1/agreement.json).
    include_format_suffixes = False

    def get_lookup_regex(self, viewset, lookup_prefix=""):
        # Python's \d also matches other scripts' digits (١, １), which int() accepts, so a row
        # had a second address. IDs in addresses are ASCII digits.
        return super().get_lookup_regex(viewset, lookup_prefix).replace("\\d", "[0-9]")


router = Router(trailing_slash="/")
# Public, read-only, no login (関係と過程の公開)
router.register("public/calls", selection_api.PublicCallViewSet, basename="public-call")
router.register("public/results", selection_api.PublicResultViewSet, basename="public-result")
router.register(
    "public/designations", selection_api.PublicDesignationViewSet, basename="public-designation"
)
router.register(
    "public/evaluations", evaluation_api.PublicEvaluationViewSet, basename="public-evaluation"
)
router.register("public/cases", casebook_api.CaseViewSet, basename="public-case")
router.register("public/bodies", partners_api.PublicBodyViewSet, basename="public-body")
# Signed in (token): the same access rules and services as the pages
router.register("projects", projects_api.ProjectViewSet, basename="project")
router.register("proposals", projects_api.ProposalViewSet, basename="proposal")
router.register("applications", selection_api.ApplicationViewSet, basename="application")
router.register("evaluations", evaluation_api.ProjectEvaluationViewSet, basename="evaluation")
router.register(
    "evaluation-sheets", evaluation_api.EvaluationSheetViewSet, basename="evaluation-sheet"
)

v1 = [
    path("", include(router.urls)),
    path(
        "public/statistics/",
        projects_api.StatisticsView.as_view(),
        name="public-statistics",
    ),
    path("me/", views.MeView.as_view(), name="me"),
    path("open-data/", views.CatalogueView.as_view(), name="open_data"),
    path("open-data/<slug:slug>.csv", views.DatasetCSVView.as_view(), name="open_data_csv"),
    path(
        "open-data/<slug:slug>/columns.csv",
        views.DatasetColumnsView.as_view(),
        name="open_data_columns",
    ),
]

urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.docs, name="docs"),
    path("tokens/", views.tokens, name="tokens"),
    # Everything else under /api/, a line break included: "." stops at one, and such an
    # address fell through to the site's HTML 404 page.
    re_path(r"^[\s\S]*\Z", errors.not_found_view),
]
