from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView
from django.views.i18n import set_language

from kyodo_portal import body_pages, views

auth_patterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("password/reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("", views.landing, name="landing"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("home/", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("healthz/live", views.healthz_live, name="healthz_live"),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="accessibility.html"),
        name="accessibility",
    ),
    # Government bodies on the deployment and what each publishes (公開情報)
    path("b/", body_pages.body_index, name="body_index"),
    path("b/<slug:slug>/", body_pages.body_detail, name="body_detail"),
    path("accounts/", include(auth_patterns)),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/<int:pk>/read/", views.notification_read, name="notification_read"),
    path("notifications/read-all/", views.notification_read_all, name="notification_read_all"),
    path("notifications/settings/", views.reminder_settings, name="reminder_settings"),
    path("reminders/history/", views.reminder_history_view, name="reminder_history"),
    path("reminders/policies/", views.reminder_policies_view, name="reminder_policies"),
    path("audit/", views.audit_trail, name="audit_trail"),
    path("my-data.json", views.personal_data_download, name="personal_data"),
    path(
        "organizations/<int:pk>/data.json",
        views.organization_data_download,
        name="organization_data",
    ),
    # The language switcher is on every page, the cached public ones included, which are the
    # same for every visitor and so carry no CSRF token. Choosing a language changes nothing but
    # the page's language, so a forged request could do no more than that.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("partners/", include("partners.urls")),
    path("platform/", include("partners.platform_urls")),
    path("partners/", include("selection.urls")),
    path("projects/", include("projects.urls")),
    path("evaluation/", include("evaluation.urls")),
    path("casebook/", include("casebook.urls")),
    path("api/", include("kyodo_portal.api.urls")),
    path("admin/", admin.site.urls),
]
