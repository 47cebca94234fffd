from django.urls import path

from casebook import views

app_name = "casebook"

urlpatterns = [
    path("", views.index, name="index"),
    path("guide/", views.guide, name="guide"),
    path("guide/<slug:slug>/", views.guide_section, name="guide_section"),
    path("<int:number>/", views.case_detail, name="case_detail"),
    path("<int:number>/print/", views.case_print, name="case_print"),
]
