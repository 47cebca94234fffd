from django.urls import path, register_converter

from evaluation import views

app_name = "evaluation"


class FormatConverter:
    regex = "csv|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FormatConverter, "evaluation_fmt")

urlpatterns = [
    path("projects/<int:pk>/", views.project_overview, name="project"),
    path("projects/<int:pk>/<str:kind>/sheet/", views.sheet_edit, name="sheet_edit"),
    path(
        "projects/<int:pk>/improvements/<int:item_pk>/acknowledge/",
        views.acknowledge,
        name="acknowledge",
    ),
    path("sheets/<int:pk>/", views.sheet_detail, name="sheet_detail"),
    path("sheets/<int:pk>/print/", views.sheet_print, name="sheet_print"),
    path("sheets/<int:pk>/pdf/", views.sheet_pdf, name="sheet_pdf"),
    path("sheets/<int:pk>/comment/", views.comment_save, name="comment_save"),
    path("rounds/<int:pk>/exchange/", views.exchange, name="exchange"),
    path("rounds/<int:pk>/exchange/print/", views.exchange_print, name="exchange_print"),
    path("rounds/<int:pk>/exchange/pdf/", views.exchange_pdf, name="exchange_pdf"),
    path("rounds/<int:pk>/meeting/", views.meeting_record, name="meeting_record"),
    path("rounds/<int:pk>/third-party/", views.third_party_save, name="third_party"),
    path(
        "rounds/<int:pk>/third-party/request/",
        views.third_party_request,
        name="third_party_request",
    ),
    path("rounds/<int:pk>/improvements/", views.improvement_add, name="improvement_add"),
    path("rounds/<int:pk>/publish/", views.publish, name="publish"),
    path("rounds/<int:pk>/export.<evaluation_fmt:fmt>", views.round_export, name="round_export"),
    path("improvements/<int:pk>/", views.improvement_change, name="improvement_change"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/list/", views.dashboard_list, name="dashboard_list"),
    path("dashboard/print/", views.dashboard_print, name="dashboard_print"),
    path("dashboard/table/<slug:key>/", views.dashboard_table, name="dashboard_table"),
    path(
        "dashboard/list.<evaluation_fmt:fmt>",
        views.dashboard_list_export,
        name="dashboard_list_export",
    ),
    path("dashboard/export.<evaluation_fmt:fmt>", views.dashboard_export, name="dashboard_export"),
    path("dashboard/results.<evaluation_fmt:fmt>", views.results_export, name="results_export"),
    path(
        "dashboard/exports/<int:pk>/",
        views.results_export_download,
        name="results_export_download",
    ),
    path("public/", views.public_list, name="public_list"),
    path("public/<int:pk>/", views.public_detail, name="public_detail"),
]
