from django.urls import path

from partners import views

app_name = "partners"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("organizations/<int:pk>/", views.organization_detail, name="organization_detail"),
    path("organizations/<int:pk>/edit/", views.organization_edit, name="organization_edit"),
    # NPO directory (staff)
    path("directory/", views.directory, name="directory"),
    # A municipality lets its prefecture read its aggregate figures (managers)
    path("body-grants/", views.body_grants, name="body_grants"),
]
