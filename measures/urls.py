from django.urls import path

from . import period_views, plan_views, views

app_name = "measures"
urlpatterns = [
    path("", period_views.my_measures, name="mine"),
    path("<int:pk>/", views.measure_detail, name="detail"),
    path("<int:pk>/progress/<int:period>/", views.progress_edit, name="progress"),
    path(
        "<int:pk>/progress/<int:period>/recompose/",
        period_views.progress_recompose_view,
        name="recompose",
    ),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("evidence/<int:pk>/delete/", views.evidence_delete, name="evidence_delete"),
    path("plans/", plan_views.plans, name="plans"),
    path("plans/<int:pk>/export/", plan_views.plan_export_view, name="plan_export"),
    path("plans/<int:pk>/copy/", plan_views.plan_copy_view, name="plan_copy"),
    path("plans/import/<int:organisation_pk>/", plan_views.plan_import_view, name="plan_import"),
    path(
        "plans/import/<int:organisation_pk>/confirm/",
        plan_views.plan_import_confirm,
        name="plan_import_confirm",
    ),
]
