from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.report_create, name="create"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/memo/", views.report_memo, name="memo"),
    path("<int:pk>/submit/", views.report_submit, name="submit"),
    path("<int:pk>/review/", views.report_review, name="review"),
    path("<int:pk>/revise/", views.report_revise, name="revise"),
    path("<int:pk>/preview/", views.report_preview, name="preview"),
    path("<int:pk>/pdf/", views.report_pdf, name="pdf"),
]
