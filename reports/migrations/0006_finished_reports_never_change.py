"""What the database itself refuses about reports, whatever path a change comes by:

- an acknowledged report (the finished, signed document) never changes, nor do its superiors'
  blocks; (deleting is left to the demo loader: the admin refuses it);
- the record of review events is append-only.

It also locks the reporting periods of reports already submitted (measures.PeriodLock), which
the review workflow does from now on.
"""

from django.db import migrations

SQLITE = [
    """
    CREATE TRIGGER final_report_no_update BEFORE UPDATE ON reports_report
    FOR EACH ROW WHEN OLD.state = 'acknowledged'
    BEGIN SELECT RAISE(ABORT, 'final_report_never_changes'); END
    """,
    """
    CREATE TRIGGER final_report_steps_no_update BEFORE UPDATE ON reports_reviewstep
    FOR EACH ROW WHEN (SELECT state FROM reports_report WHERE id = OLD.report_id) = 'acknowledged'
    BEGIN SELECT RAISE(ABORT, 'final_report_never_changes'); END
    """,
    """
    CREATE TRIGGER review_event_no_update BEFORE UPDATE ON reports_reviewevent
    FOR EACH ROW BEGIN SELECT RAISE(ABORT, 'review_events_are_append_only'); END
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS final_report_no_update",
    "DROP TRIGGER IF EXISTS final_report_steps_no_update",
    "DROP TRIGGER IF EXISTS review_event_no_update",
]
POSTGRESQL = [
    """
    CREATE FUNCTION reports_final_report_never_changes() RETURNS trigger AS $$
    BEGIN
        IF OLD.state = 'acknowledged' THEN
            RAISE EXCEPTION 'final_report_never_changes'
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE FUNCTION reports_final_report_steps_never_change() RETURNS trigger AS $$
    BEGIN
        IF (SELECT state FROM reports_report WHERE id = OLD.report_id) = 'acknowledged' THEN
            RAISE EXCEPTION 'final_report_never_changes'
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE FUNCTION reports_review_events_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'review_events_are_append_only'
            USING ERRCODE = 'integrity_constraint_violation';
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER final_report_never_changes BEFORE UPDATE ON reports_report
    FOR EACH ROW EXECUTE FUNCTION reports_final_report_never_changes()
    """,
    """
    CREATE TRIGGER final_report_steps_never_change BEFORE UPDATE ON reports_reviewstep
    FOR EACH ROW EXECUTE FUNCTION reports_final_report_steps_never_change()
    """,
    """
    CREATE TRIGGER review_events_append_only BEFORE UPDATE ON reports_reviewevent
    FOR EACH ROW EXECUTE FUNCTION reports_review_events_append_only()
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS final_report_never_changes ON reports_report",
    "DROP TRIGGER IF EXISTS final_report_steps_never_change ON reports_reviewstep",
    "DROP TRIGGER IF EXISTS review_events_append_only ON reports_reviewevent",
    "DROP FUNCTION IF EXISTS reports_final_report_never_changes()",
    "DROP FUNCTION IF EXISTS reports_final_report_steps_never_change()",
    "DROP FUNCTION IF EXISTS reports_review_events_append_only()",
]
STATEMENTS = {"sqlite": (SQLITE, SQLITE_REVERSE), "postgresql": (POSTGRESQL, POSTGRESQL_REVERSE)}
STAGE_OF_STATE = {"in_review": "review", "approved": "final", "acknowledged": "final"}


def _run(schema_editor, reverse):
    for statement in STATEMENTS[schema_editor.connection.vendor][1 if reverse else 0]:
        schema_editor.execute(statement, params=None)


def lock_submitted_periods(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    PeriodLock = apps.get_model("measures", "PeriodLock")
    latest = {}
    for report in Report.objects.order_by("revision"):
        latest[(report.fiscal_year_id, report.period)] = report
    for (fiscal_year_id, period), report in latest.items():
        if report.state in STAGE_OF_STATE:
            PeriodLock.objects.update_or_create(
                fiscal_year_id=fiscal_year_id,
                period=period,
                defaults={"stage": STAGE_OF_STATE[report.state]},
            )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0005_text_limits"),
        ("measures", "0005_period_lock_triggers"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, editor: _run(editor, False), lambda apps, editor: _run(editor, True)
        ),
        migrations.RunPython(lock_submitted_periods, migrations.RunPython.noop),
    ]
