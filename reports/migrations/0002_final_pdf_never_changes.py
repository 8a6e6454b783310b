"""A final rendering (the signed report as filed and published) never changes, whatever path a
change comes by. (Deleting one is refused by the admin; the demo loader may reset the demo.)"""

from django.db import migrations

SQLITE = [
    """
    CREATE TRIGGER final_rendering_no_update BEFORE UPDATE ON reports_renderedpdf
    FOR EACH ROW WHEN OLD.is_final
    BEGIN SELECT RAISE(ABORT, 'final_rendering_never_changes'); END
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS final_rendering_no_update",
]
POSTGRESQL = [
    """
    CREATE FUNCTION reports_final_rendering_never_changes() RETURNS trigger AS $$
    BEGIN
        IF OLD.is_final THEN
            RAISE EXCEPTION 'final_rendering_never_changes'
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER final_rendering_never_changes BEFORE UPDATE ON reports_renderedpdf
    FOR EACH ROW EXECUTE FUNCTION reports_final_rendering_never_changes()
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS final_rendering_never_changes ON reports_renderedpdf",
    "DROP FUNCTION IF EXISTS reports_final_rendering_never_changes()",
]
STATEMENTS = {"sqlite": (SQLITE, SQLITE_REVERSE), "postgresql": (POSTGRESQL, POSTGRESQL_REVERSE)}


def _run(schema_editor, reverse):
    for statement in STATEMENTS[schema_editor.connection.vendor][1 if reverse else 0]:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [
        migrations.RunPython(
            lambda apps, editor: _run(editor, False), lambda apps, editor: _run(editor, True)
        )
    ]
