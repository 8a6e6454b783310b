from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from operations import views as operation_views
from organisations import people
from organisations import views as organisation_views
from organisations.password_reset import ThrottledPasswordResetView
from organisations.passwords import OwnPasswordChangeView, OwnPasswordResetConfirmView
from publishing import views as publishing_views
from publishing.sitemaps import SITEMAPS
from reports.views import start

admin.site.site_header = "ระบบติดตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส"
admin.site.site_title = "ระบบติดตามมาตรการ ITA"
admin.site.index_title = "ผู้ดูแลระบบ"

urlpatterns = [
    path("", start.home, name="home"),
    path("measures/", include("measures.urls")),
    path("ita-results/", include("assessments.urls")),
    path("media/emblems/<str:name>", organisation_views.emblem, name="emblem"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password-reset/", ThrottledPasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password-reset/<uidb64>/<token>/",
        OwnPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("accounts/password/", OwnPasswordChangeView.as_view(), name="password_change"),
    path("accounts/signature/", organisation_views.my_signature, name="signature"),
    path(
        "accounts/signature/image.png",
        organisation_views.my_signature_image,
        name="signature_image",
    ),
    path("people/<int:organisation>/add/", people.person_add, name="person_add"),
    path("reports/", include("reports.urls")),
    path("ita/", include("publishing.urls")),
    path("ita-year/", include("publishing.year_urls")),
    path("oversight/", include("oversight.urls")),
    path("verify/<slug:code>/", publishing_views.verify, name="verify"),
    path("verify/<slug:code>/qr.svg", publishing_views.verify_qr, name="verify_qr"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("admin/", admin.site.urls),
    path("healthz", operation_views.healthz, name="healthz"),
]
