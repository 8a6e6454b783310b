from django.urls import path

from . import views

app_name = "oversight"
urlpatterns = [
    path("", views.overview_page, name="overview"),
    path("export.xlsx", views.overview_export, name="export"),
    path("organisations/<int:pk>/", views.organisation_page, name="organisation"),
    path("documents/<int:pk>/pdf/", views.final_pdf, name="final_pdf"),
]
