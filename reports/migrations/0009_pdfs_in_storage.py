"""Rendered PDFs move out of database rows into the "documents" storage (the disk or object
storage); each row keeps its hashes and the file's name.

The final rendering's trigger refuses any update, so it is set aside while the rows get their
file names: on SQLite it is dropped and made again (removing the column rebuilds the table,
which loses it anyway); PostgreSQL disables it for the copy."""

import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import migrations, models

SQLITE_TRIGGER = """
    CREATE TRIGGER final_rendering_no_update BEFORE UPDATE ON reports_renderedpdf
    FOR EACH ROW WHEN OLD.is_final
    BEGIN SELECT RAISE(ABORT, 'final_rendering_never_changes'); END
"""
PG_TRIGGER = "final_rendering_never_changes"


def set_trigger_aside(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS final_rendering_no_update", params=None)
    else:
        schema_editor.execute(
            f"ALTER TABLE reports_renderedpdf DISABLE TRIGGER {PG_TRIGGER}", params=None
        )


def put_trigger_back(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS final_rendering_no_update", params=None)
        schema_editor.execute(SQLITE_TRIGGER, params=None)
    else:
        schema_editor.execute(
            f"ALTER TABLE reports_renderedpdf ENABLE TRIGGER {PG_TRIGGER}", params=None
        )


def rows_to_files(apps, schema_editor):
    RenderedPdf = apps.get_model("reports", "RenderedPdf")
    storage = storages["documents"]
    for rendering in RenderedPdf.objects.select_related("report__fiscal_year").iterator():
        pdf = bytes(rendering.pdf)
        digest = hashlib.sha256(pdf).hexdigest()
        organisation = rendering.report.fiscal_year.organisation_id
        name = storage.save(f"{organisation}/{rendering.report_id}/{digest}.pdf", ContentFile(pdf))
        RenderedPdf.objects.filter(pk=rendering.pk).update(file_name=name)


def files_to_rows(apps, schema_editor):
    RenderedPdf = apps.get_model("reports", "RenderedPdf")
    storage = storages["documents"]
    for rendering in RenderedPdf.objects.iterator():
        with storage.open(rendering.file_name, "rb") as stored:
            RenderedPdf.objects.filter(pk=rendering.pk).update(pdf=stored.read())


class Migration(migrations.Migration):
    dependencies = [("reports", "0008_plan_documents_and_verification_codes")]

    operations = [
        migrations.RunPython(set_trigger_aside, put_trigger_back),
        migrations.AddField(
            model_name="renderedpdf",
            name="file_name",
            field=models.CharField(default="", editable=False, max_length=300, verbose_name="ไฟล์"),
            preserve_default=False,
        ),
        migrations.RunPython(rows_to_files, files_to_rows),
        migrations.RemoveField(model_name="renderedpdf", name="pdf"),
        migrations.RunPython(put_trigger_back, set_trigger_aside),
    ]
