"""Where files live: on the local disk (the default) or in S3-compatible object storage
(STORAGE=s3), for uploads ("default") and for rendered documents ("documents")."""

from pathlib import Path

from botocore.config import Config
from django.core.exceptions import ImproperlyConfigured

LOCAL = "django.core.files.storage.FileSystemStorage"
S3 = "storages.backends.s3.S3Storage"


def storages_from_environment(env_str, var_dir: Path) -> dict:
    kind = env_str("STORAGE", "local")
    if kind == "local":
        return {
            "default": {"BACKEND": LOCAL},  # MEDIA_ROOT
            "documents": {
                "BACKEND": LOCAL,
                "OPTIONS": {"location": env_str("DOCUMENTS_ROOT", str(var_dir / "documents"))},
            },
        }
    if kind != "s3":
        raise ImproperlyConfigured(f"STORAGE must be 'local' or 's3', not {kind!r}")
    bucket = env_str("S3_BUCKET")
    if not bucket:
        raise ImproperlyConfigured("STORAGE=s3 needs S3_BUCKET")
    options = {
        "bucket_name": bucket,
        "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
        "region_name": env_str("S3_REGION", "ap-southeast-1"),
        "access_key": env_str("S3_ACCESS_KEY_ID") or None,
        "secret_key": env_str("S3_SECRET_ACCESS_KEY") or None,
        # Private objects, never overwritten: every name is new (uuid or content hash).
        "default_acl": "private",
        "file_overwrite": False,
        "querystring_auth": True,
        # A storage that does not answer is said so within seconds (a save then saves nothing,
        # measures/services/evidence.py), never after a request has timed out.
        "client_config": Config(
            connect_timeout=3, read_timeout=20, retries={"max_attempts": 2, "mode": "standard"}
        ),
    }
    return {
        "default": {"BACKEND": S3, "OPTIONS": {**options, "location": "media"}},
        "documents": {"BACKEND": S3, "OPTIONS": {**options, "location": "documents"}},
    }
