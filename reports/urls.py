from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/preview/", views.report_preview, name="preview"),
    path("<int:pk>/pdf/", views.report_pdf, name="pdf"),
]
