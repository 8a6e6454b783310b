"""The only resources WeasyPrint may load: the project's own static files and uploaded emblems.

Documents are rendered with BASE_URL as base, so `/static/...` and `/media/...` in templates resolve
to it; this fetcher answers those from disk and refuses everything else, network and file://
included. Refused addresses are kept on the fetcher for whoever wants to know."""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse

# A reserved name that never resolves: nothing can be fetched from it by accident.
BASE_URL = "https://ita-portal.invalid/"
_HOST = urlsplit(BASE_URL).netloc
MEDIA_PREFIXES = ("emblems/",)


class RefusedResource(ValueError):
    pass


class ProjectFilesFetcher(URLFetcher):
    def __init__(self):
        super().__init__(allowed_protocols=("https",), allow_redirects=False, timeout=1)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        try:
            path = self._local_path(url)
        except RefusedResource:
            self.refused.append(url)
            raise
        content_type, _ = mimetypes.guess_type(path.name)
        return URLFetcherResponse(
            url,
            body=path.read_bytes(),
            headers={"Content-Type": content_type or "application/octet-stream"},
        )

    def _local_path(self, url) -> Path:
        parts = urlsplit(url)
        if parts.scheme != "https" or parts.netloc != _HOST or parts.query:
            raise RefusedResource(f"ไม่อนุญาตให้โหลด {url}")
        path = unquote(parts.path)
        static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
        media_prefix = "/" + settings.MEDIA_URL.strip("/") + "/"
        if path.startswith(static_prefix):
            found = _static_file(path.removeprefix(static_prefix))
        elif path.startswith(media_prefix):
            found = _media_file(path.removeprefix(media_prefix))
        else:
            found = None
        if found is None:
            raise RefusedResource(f"ไม่อนุญาตให้โหลด {url}")
        return found


def _inside(root: Path, relative: str) -> Path | None:
    root = root.resolve()
    candidate = (root / relative).resolve()
    if candidate.is_file() and candidate.is_relative_to(root):
        return candidate
    return None


def _static_file(relative: str) -> Path | None:
    if ".." in Path(relative).parts:
        return None
    found = finders.find(relative)
    if found:
        return _inside(Path(found).parent, Path(found).name)
    return _inside(Path(settings.STATIC_ROOT), relative)


def _media_file(relative: str) -> Path | None:
    if not relative.startswith(MEDIA_PREFIXES):
        return None
    return _inside(Path(settings.MEDIA_ROOT), relative)
