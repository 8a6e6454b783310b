from django.urls import path

from .views import analysis, documents, pages

app_name = "reports"
urlpatterns = [
    path("", pages.report_list, name="list"),
    path("new/", pages.report_create, name="create"),
    path("<int:pk>/", pages.report_detail, name="detail"),
    path("<int:pk>/memo/", pages.report_memo, name="memo"),
    path("<int:pk>/submit/", pages.report_submit, name="submit"),
    path("<int:pk>/review/", pages.report_review, name="review"),
    path("<int:pk>/revise/", pages.report_revise, name="revise"),
    path("analysis/new/", analysis.analysis_new, name="analysis_new"),
    path("<int:pk>/analysis/", analysis.analysis_rows, name="analysis_rows"),
    path("<int:pk>/analysis/measure/", analysis.analysis_measure, name="analysis_measure"),
    path("<int:pk>/analysis/answers/", analysis.analysis_answers, name="analysis_answers"),
    path("<int:pk>/preview/", documents.report_preview, name="preview"),
    path("<int:pk>/pdf/", documents.report_pdf, name="pdf"),
    path("<int:pk>/pdf/retry/", documents.report_pdf_retry, name="pdf_retry"),
    path(
        "<int:pk>/signatures/<int:event_pk>.png",
        documents.report_signature,
        name="signature",
    ),
]
