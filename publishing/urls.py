from django.urls import path

from . import views

app_name = "publishing"
urlpatterns = [
    path("", views.index, name="index"),
    path("manage/<int:pk>/", views.manage, name="manage"),
    path("<slug:slug>/", views.organisation_page, name="organisation"),
    path("<slug:slug>/<int:year>/<slug:name>/", views.document_page, name="document"),
    path("<slug:slug>/<int:year>/<slug:name>/pdf/", views.document_pdf, name="document_pdf"),
]
