from django.urls import path

from . import views

app_name = "measures"
urlpatterns = [
    path("", views.my_measures, name="mine"),
    path("<int:pk>/", views.measure_detail, name="detail"),
    path("<int:pk>/progress/<int:period>/", views.progress_edit, name="progress"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("evidence/<int:pk>/delete/", views.evidence_delete, name="evidence_delete"),
]
