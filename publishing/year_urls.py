from django.urls import path

from . import year_views

app_name = "ita_year"
urlpatterns = [
    path("", year_views.year_index, name="index"),
    path("<int:organisation_pk>/<int:year>/", year_views.year_page, name="year"),
]
