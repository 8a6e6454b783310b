"""Trigram indexes (pg_trgm) for the admin's searches on PostgreSQL, where a deployment holds
thousands of organisations: a title, a step, a result or a follow-up direction containing the
words typed, in Thai or not. Django's icontains compares UPPER(column::text) LIKE UPPER('%…%'),
so the indexes are on that expression. SQLite (one organisation) searches without them."""

from django.db import migrations

INDEXES = {
    "measure_title_trgm": ("measures_measure", "title"),
    "measure_step_text_trgm": ("measures_measurestep", "text"),
    "progress_result_trgm": ("measures_progressentry", "result"),
    "progress_follow_up_trgm": ("measures_progressentry", "follow_up"),
    "organisation_name_trgm": ("measures_organisation", "name"),
    "organisation_short_name_trgm": ("measures_organisation", "short_name"),
    "membership_display_name_trgm": ("measures_membership", "display_name"),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm", params=None)
    for name, (table, column) in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
            f'USING gin (UPPER("{column}"::text) gin_trgm_ops)',
            params=None,
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}", params=None)


class Migration(migrations.Migration):
    dependencies = [("measures", "0006_length_validators"), ("organisations", "0003_organisation_slug")]

    operations = [migrations.RunPython(create, drop)]
