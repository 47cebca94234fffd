from django.urls import path

from partners import selection_views as selection
from partners import views

app_name = "partners"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("organizations/<int:pk>/", views.organization_detail, name="organization_detail"),
    path("organizations/<int:pk>/edit/", views.organization_edit, name="organization_edit"),
    # NPO directory (staff)
    path("directory/", selection.directory, name="directory"),
    # Selection for a project (linked from the project page)
    path(
        "projects/<int:project_pk>/selection/",
        selection.selection_start,
        name="selection_start",
    ),
    path(
        "projects/<int:project_pk>/selection/designate/",
        selection.designate,
        name="designate",
    ),
    path(
        "projects/<int:project_pk>/selection/confirm-proposal/",
        selection.confirm_proposal,
        name="confirm_proposal",
    ),
    path("projects/<int:project_pk>/calls/new/", selection.call_create, name="call_create"),
    # Calls (owner office; managers read)
    path("calls/", selection.call_list, name="call_list"),
    path("calls/<int:pk>/", selection.call_detail, name="call_detail"),
    path("calls/<int:pk>/edit/", selection.call_edit, name="call_edit"),
    path("calls/<int:pk>/publish/", selection.call_publish, name="call_publish"),
    path("calls/<int:pk>/correct/", selection.call_correct, name="call_correct"),
    path("calls/<int:pk>/committee/", selection.committee, name="committee"),
    path(
        "calls/<int:pk>/committee/<int:member_pk>/remove/",
        selection.committee_remove,
        name="committee_remove",
    ),
    path("calls/<int:pk>/start-scoring/", selection.call_start_scoring, name="start_scoring"),
    path("calls/<int:pk>/ranking/", selection.ranking, name="ranking"),
    path("calls/<int:pk>/decide/", selection.decide, name="decide"),
    path(
        "calls/<int:pk>/publish-results/",
        selection.call_publish_results,
        name="publish_results",
    ),
    # Applications (NPOs)
    path("calls/<int:call_pk>/apply/", selection.application_create, name="application_create"),
    path("applications/", selection.my_applications, name="my_applications"),
    path("applications/<int:pk>/", selection.application_detail, name="application_detail"),
    path("applications/<int:pk>/edit/", selection.application_edit, name="application_edit"),
    path("applications/<int:pk>/submit/", selection.application_submit, name="application_submit"),
    path(
        "applications/<int:pk>/withdraw/",
        selection.application_withdraw,
        name="application_withdraw",
    ),
    path("applications/<int:pk>/reopen/", selection.application_reopen, name="application_reopen"),
    path(
        "applications/<int:pk>/attachments/",
        selection.attachment_upload,
        name="attachment_upload",
    ),
    path(
        "attachments/<int:pk>/download/",
        selection.attachment_download,
        name="attachment_download",
    ),
    path("attachments/<int:pk>/delete/", selection.attachment_delete, name="attachment_delete"),
    # Committee (reviewers)
    path("review/", selection.review_queue, name="review_queue"),
    path("review/calls/<int:pk>/", selection.review_call, name="review_call"),
    path("review/calls/<int:pk>/consent/", selection.review_consent, name="review_consent"),
    path(
        "review/applications/<int:pk>/conflict/",
        selection.conflict_declare,
        name="conflict_declare",
    ),
    path("review/applications/<int:pk>/score/", selection.score, name="score"),
    # Public pages (no login)
    path("public/calls/", selection.public_calls, name="public_calls"),
    path("public/calls/<int:pk>/", selection.public_call_detail, name="public_call_detail"),
    path(
        "public/designations/<int:pk>/",
        selection.public_designation_detail,
        name="public_designation_detail",
    ),
]
