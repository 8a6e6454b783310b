from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Publication
from .selectors import organisations_with_publications


class PublicPagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["index", *organisations_with_publications().values_list("slug", flat=True)]

    def location(self, item):
        if item == "index":
            return reverse("publishing:index")
        return reverse("publishing:organisation", args=[item])


class DocumentsSitemap(Sitemap):
    changefreq = "never"

    def items(self):
        return Publication.objects.filter(withdrawn_at__isnull=True).order_by("path")

    def location(self, publication):
        return publication.get_absolute_url()

    def lastmod(self, publication):
        return publication.published_at


SITEMAPS = {"pages": PublicPagesSitemap, "documents": DocumentsSitemap}
