from django.urls import path

from projects import proposal_views, views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="project_list"),
    path("new/", views.project_create, name="project_create"),
    path("mine/", views.my_projects, name="my_projects"),
    path("<int:pk>/", views.project_detail, name="project_detail"),
    path("<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("<int:pk>/advance/", views.project_advance, name="project_advance"),
    path("<int:pk>/continue/", views.project_continue, name="project_continue"),
    path("<int:pk>/suitability/", views.suitability, name="suitability"),
    path("<int:pk>/hearings/new/", views.hearing_add, name="hearing_add"),
    path("<int:pk>/method/", views.method, name="method"),
    path("<int:pk>/agreement/", views.agreement, name="agreement"),
    path("<int:pk>/agreement/edit/", views.agreement_edit, name="agreement_edit"),
    path("<int:pk>/agreement/print/", views.agreement_print, name="agreement_print"),
    path("<int:pk>/agreement/pdf/", views.agreement_pdf, name="agreement_pdf"),
    path("<int:pk>/agreement/comments/", views.agreement_comment, name="agreement_comment"),
    path(
        "<int:pk>/agreement/change-requests/",
        views.agreement_change_request,
        name="agreement_change_request",
    ),
    path(
        "<int:pk>/agreement/confirm/<str:side>/",
        views.agreement_confirm,
        name="agreement_confirm",
    ),
    path(
        "<int:pk>/agreement/versions/<int:number>/",
        views.agreement_version,
        name="agreement_version",
    ),
    path("<int:pk>/notes/", views.notes, name="notes"),
    path("proposals/", proposal_views.proposal_list, name="proposal_list"),
    path("proposals/new/", proposal_views.proposal_create, name="proposal_create"),
    path("proposals/<int:pk>/", proposal_views.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/edit/", proposal_views.proposal_edit, name="proposal_edit"),
    path("proposals/<int:pk>/submit/", proposal_views.proposal_submit, name="proposal_submit"),
    path("proposals/<int:pk>/comment/", proposal_views.proposal_comment, name="proposal_comment"),
    path("proposals/<int:pk>/adopt/", proposal_views.proposal_adopt, name="proposal_adopt"),
    path("proposals/<int:pk>/decline/", proposal_views.proposal_decline, name="proposal_decline"),
    path(
        "proposals/<int:pk>/attachments/",
        proposal_views.attachment_upload,
        name="attachment_upload",
    ),
    path(
        "attachments/<int:pk>/",
        proposal_views.attachment_download,
        name="attachment_download",
    ),
    path(
        "attachments/<int:pk>/delete/",
        proposal_views.attachment_delete,
        name="attachment_delete",
    ),
]
