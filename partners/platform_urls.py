"""The platform administrator's pages: the deployment's bodies and adding one."""

from django.urls import path

from partners import views

app_name = "platform"

urlpatterns = [
    path("", views.platform_bodies, name="bodies"),
    path("bodies/new/", views.platform_body_create, name="body_create"),
]
