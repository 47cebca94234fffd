"""Partner selection's pages, under /partners/ as they have always been."""

from django.urls import path, register_converter

from selection.views import applications, calls, progress, results, review

app_name = "selection"


class ExportFormat:
    """The formats of the minutes download: anything else is an unknown address (404)."""

    regex = "csv|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ExportFormat, "export_fmt")

urlpatterns = [
    # Selection for a project (linked from the project page)
    path(
        "projects/<int:project_pk>/selection/",
        results.selection_start,
        name="selection_start",
    ),
    path(
        "projects/<int:project_pk>/selection/designate/",
        results.designate,
        name="designate",
    ),
    path(
        "projects/<int:project_pk>/selection/confirm-proposal/",
        results.confirm_proposal,
        name="confirm_proposal",
    ),
    path("projects/<int:project_pk>/calls/new/", calls.call_create, name="call_create"),
    # Calls (owner office; managers read)
    path("calls/", calls.call_list, name="call_list"),
    path("calls/<int:pk>/", calls.call_detail, name="call_detail"),
    path("calls/<int:pk>/edit/", calls.call_edit, name="call_edit"),
    path("calls/<int:pk>/publish/", calls.call_publish, name="call_publish"),
    path("calls/<int:pk>/correct/", calls.call_correct, name="call_correct"),
    path("calls/<int:pk>/committee/", calls.committee, name="committee"),
    path(
        "calls/<int:pk>/committee/<int:member_pk>/remove/",
        calls.committee_remove,
        name="committee_remove",
    ),
    path("calls/<int:pk>/start-scoring/", calls.call_start_scoring, name="start_scoring"),
    path("calls/<int:pk>/ranking/", results.ranking, name="ranking"),
    # The secretary's desk: who has declared and scored, reminders, paper sheets typed in
    path("calls/<int:pk>/progress/", progress.progress, name="progress"),
    path(
        "calls/<int:pk>/progress/members/<int:member_pk>/remind/",
        progress.member_remind,
        name="member_remind",
    ),
    path(
        "calls/<int:pk>/progress/members/<int:member_pk>/paper-sheet/",
        progress.proxy_entry,
        name="proxy_entry",
    ),
    path("calls/<int:pk>/progress/score-sheet.csv", progress.score_sheet_csv, name="score_csv"),
    path("calls/<int:pk>/progress/import/", progress.score_import, name="score_import"),
    path(
        "paper-sheets/<int:pk>/download/",
        progress.paper_sheet_download,
        name="paper_sheet_download",
    ),
    path(
        "calls/<int:pk>/minutes.<export_fmt:fmt>",
        results.minutes_export,
        name="minutes_export",
    ),
    path("calls/<int:pk>/decide/", results.decide, name="decide"),
    path(
        "calls/<int:pk>/publish-results/",
        results.call_publish_results,
        name="publish_results",
    ),
    # Applications (NPOs)
    path("calls/<int:call_pk>/apply/", applications.application_create, name="application_create"),
    path("applications/", applications.my_applications, name="my_applications"),
    path("applications/<int:pk>/", applications.application_detail, name="application_detail"),
    path(
        "applications/<int:pk>/result-notice/",
        results.result_notice_pdf,
        name="result_notice_pdf",
    ),
    path("applications/<int:pk>/edit/", applications.application_edit, name="application_edit"),
    path(
        "applications/<int:pk>/submit/", applications.application_submit, name="application_submit"
    ),
    path(
        "applications/<int:pk>/withdraw/",
        applications.application_withdraw,
        name="application_withdraw",
    ),
    path(
        "applications/<int:pk>/reopen/", applications.application_reopen, name="application_reopen"
    ),
    path(
        "applications/<int:pk>/attachments/",
        applications.attachment_upload,
        name="attachment_upload",
    ),
    path(
        "attachments/<int:pk>/download/",
        applications.attachment_download,
        name="attachment_download",
    ),
    path("attachments/<int:pk>/delete/", applications.attachment_delete, name="attachment_delete"),
    # Committee (reviewers)
    path("review/", review.review_queue, name="review_queue"),
    path("review/calls/<int:pk>/", review.review_call, name="review_call"),
    path("review/calls/<int:pk>/consent/", review.review_consent, name="review_consent"),
    path(
        "review/calls/<int:pk>/declaration/",
        review.conflict_declare_for_call,
        name="conflict_declare_for_call",
    ),
    path("review/calls/<int:pk>/sign-off/", review.results_sign_off, name="results_sign_off"),
    path(
        "review/applications/<int:pk>/conflict/",
        review.conflict_declare,
        name="conflict_declare",
    ),
    path("review/applications/<int:pk>/score/", review.score, name="score"),
    # Public pages (no login)
    path("public/calls/", results.public_calls, name="public_calls"),
    path("public/calls/<int:pk>/", results.public_call_detail, name="public_call_detail"),
    path("public/calls/<slug:group>/", results.public_call_group, name="public_call_group"),
    path(
        "public/designations/<int:pk>/",
        results.public_designation_detail,
        name="public_designation_detail",
    ),
]
