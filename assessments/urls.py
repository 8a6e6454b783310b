from django.urls import path

from . import views

app_name = "assessments"
urlpatterns = [
    path("", views.results, name="results"),
    path("import/", views.many_import, name="many_import"),
    path("import/confirm/", views.import_confirm, name="import_confirm"),
    path("<int:organisation_pk>/<int:year>/", views.result, name="result"),
    path("<int:organisation_pk>/<int:year>/import/", views.result_import, name="result_import"),
]
