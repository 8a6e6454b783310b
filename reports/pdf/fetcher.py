"""The only resources WeasyPrint may load: the project's own static files, uploaded emblems, and
the signature images of the document being rendered.

Documents are rendered with BASE_URL as base, so `/static/...` and `/media/...` in templates resolve
to it; this fetcher answers those (static files from disk, emblems from the media storage) and
refuses everything else, network and file:// included. The path is normalised before anything
is decided on it. Refused addresses are kept on the fetcher for whoever wants to know."""

import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from weasyprint.urls import URLFetcher, URLFetcherResponse

from organisations.images import EMBLEM_MAX_BYTES

# A reserved name that never resolves: nothing can be fetched from it by accident.
BASE_URL = "https://ita-portal.invalid/"
_HOST = urlsplit(BASE_URL).netloc
MEDIA_FOLDER = "emblems"


class RefusedResource(ValueError):
    pass


class ProjectFilesFetcher(URLFetcher):
    """`signatures`: the signature images of the document being rendered, by their address;
    nothing else of that kind can be loaded."""

    def __init__(self, signatures: dict[str, bytes] | None = None):
        super().__init__(allowed_protocols=("https",), allow_redirects=False, timeout=1)
        self.signatures = signatures or {}
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        try:
            name, body = self._read(url)
        except RefusedResource:
            self.refused.append(url)
            raise
        content_type, _ = mimetypes.guess_type(name)
        return URLFetcherResponse(
            url, body=body, headers={"Content-Type": content_type or "application/octet-stream"}
        )

    def _read(self, url) -> tuple[str, bytes]:
        parts = urlsplit(url)
        if parts.scheme != "https" or parts.netloc != _HOST or parts.query or parts.fragment:
            raise RefusedResource(f"ไม่อนุญาตให้โหลด {url}")
        path = _normalised(unquote(parts.path))
        static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
        media_prefix = "/" + settings.MEDIA_URL.strip("/") + "/"
        if path in self.signatures:
            return path, self.signatures[path]
        if path and path.startswith(static_prefix):
            found = _static_file(path.removeprefix(static_prefix))
            if found is not None:
                return found.name, found.read_bytes()
        elif path and path.startswith(media_prefix):
            body = _media_file(path.removeprefix(media_prefix))
            if body is not None:
                return path, body
        raise RefusedResource(f"ไม่อนุญาตให้โหลด {url}")


def _normalised(path: str) -> str | None:
    """The path with . and .. resolved, or None when it holds what no project file name does."""
    if "\x00" in path or "\\" in path:
        return None
    normal = posixpath.normpath(path)
    return normal if normal.startswith("/") and ".." not in normal.split("/") else None


def _inside(root: Path, relative: str) -> Path | None:
    root = root.resolve()
    candidate = (root / relative).resolve()
    if candidate.is_file() and candidate.is_relative_to(root):
        return candidate
    return None


def _static_file(relative: str) -> Path | None:
    found = finders.find(relative)
    if found:
        return _inside(Path(found).parent, Path(found).name)
    return _inside(Path(settings.STATIC_ROOT), relative)


def _media_file(relative: str) -> bytes | None:
    """Only emblems, read from the media storage (the disk or object storage)."""
    folder, _, name = relative.partition("/")
    if folder != MEDIA_FOLDER or not name or "/" in name:
        return None
    try:
        with default_storage.open(f"{MEDIA_FOLDER}/{name}", "rb") as emblem:
            body = emblem.read(EMBLEM_MAX_BYTES + 1)
    except (FileNotFoundError, OSError, ValueError):
        return None
    return body if len(body) <= EMBLEM_MAX_BYTES else None
