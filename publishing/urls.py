from django.urls import path

from . import views, website_views

app_name = "publishing"
urlpatterns = [
    path("", views.index, name="index"),
    path("manage/<int:pk>/", views.manage, name="manage"),
    path(
        "manage/<int:organisation>/table/",
        website_views.website_table_latest,
        name="website_table_latest",
    ),
    path(
        "manage/<int:organisation>/table/<int:year>/",
        website_views.website_table,
        name="website_table",
    ),
    path(
        "manage/<int:organisation>/table/<int:year>/xlsx/",
        website_views.website_table_xlsx,
        name="website_table_xlsx",
    ),
    path("<slug:slug>/", views.organisation_page, name="organisation"),
    path("<slug:slug>/ita-<int:year>/", website_views.year_table_page, name="year_table"),
    path("<slug:slug>/ita-<int:year>/<int:item>/", website_views.item_page, name="item"),
    path("<slug:slug>/<int:year>/<slug:name>/", views.document_page, name="document"),
    path("<slug:slug>/<int:year>/<slug:name>/pdf/", views.document_pdf, name="document_pdf"),
]
