"""The database refuses writes to a locked reporting period, whatever path they come by.

A period is locked by a row in measures_periodlock (stage 'review' or 'final'). Then:
- a progress entry of the period keeps its status and result, cannot be created with either, or
  moved to another measure or period; its follow-up direction may still change while the stage
  is 'review' (the superiors write it during the review), not once it is 'final';
- evidence of the period's entries is neither added nor changed.
Deleting is refused by the writers (measures/services) and the admin, not here: Django's flush
(test databases) deletes every row of every table, locks included, in no order it can choose.

SQLite and PostgreSQL each get their own dialect. A violation raises IntegrityError
('period_locked').
"""

from django.db import migrations

PROGRESS_STAGE = """(SELECT l.stage FROM measures_periodlock l
    JOIN measures_measure m ON m.fiscal_year_id = l.fiscal_year_id
    WHERE m.id = {row}.measure_id AND l.period = {row}.period)"""
EVIDENCE_STAGE = """(SELECT l.stage FROM measures_progressentry e
    JOIN measures_measure m ON m.id = e.measure_id
    JOIN measures_periodlock l ON l.fiscal_year_id = m.fiscal_year_id AND l.period = e.period
    WHERE e.id = {row}.entry_id)"""
ABORT = "BEGIN SELECT RAISE(ABORT, 'period_locked'); END"


def _stage(template, row):
    return template.format(row=row)


SQLITE = [
    f"""
    CREATE TRIGGER progress_locked_insert BEFORE INSERT ON measures_progressentry FOR EACH ROW
    WHEN {_stage(PROGRESS_STAGE, "NEW")} IS NOT NULL AND (
        NEW.result <> '' OR NEW.status <> 'not_started'
        OR (NEW.follow_up <> '' AND {_stage(PROGRESS_STAGE, "NEW")} = 'final'))
    {ABORT}
    """,
    f"""
    CREATE TRIGGER progress_locked_update BEFORE UPDATE ON measures_progressentry FOR EACH ROW
    WHEN (({_stage(PROGRESS_STAGE, "OLD")} IS NOT NULL OR {_stage(PROGRESS_STAGE, "NEW")} IS NOT NULL)
          AND (NEW.measure_id IS NOT OLD.measure_id OR NEW.period IS NOT OLD.period))
      OR ({_stage(PROGRESS_STAGE, "OLD")} IS NOT NULL
          AND (NEW.result IS NOT OLD.result OR NEW.status IS NOT OLD.status
               OR ({_stage(PROGRESS_STAGE, "OLD")} = 'final' AND NEW.follow_up IS NOT OLD.follow_up)))
    {ABORT}
    """,
    f"""
    CREATE TRIGGER evidence_locked_insert BEFORE INSERT ON measures_evidence FOR EACH ROW
    WHEN {_stage(EVIDENCE_STAGE, "NEW")} IS NOT NULL
    {ABORT}
    """,
    f"""
    CREATE TRIGGER evidence_locked_update BEFORE UPDATE ON measures_evidence FOR EACH ROW
    WHEN {_stage(EVIDENCE_STAGE, "OLD")} IS NOT NULL OR {_stage(EVIDENCE_STAGE, "NEW")} IS NOT NULL
    {ABORT}
    """,
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS {name}"
    for name in [
        "progress_locked_insert", "progress_locked_update",
        "evidence_locked_insert", "evidence_locked_update",
    ]
]

RAISE = "RAISE EXCEPTION 'period_locked' USING ERRCODE = 'integrity_constraint_violation'"
POSTGRESQL = [
    """
    CREATE FUNCTION measures_progress_stage(measure bigint, entry_period integer) RETURNS text AS $$
        SELECT l.stage FROM measures_periodlock l
        JOIN measures_measure m ON m.fiscal_year_id = l.fiscal_year_id
        WHERE m.id = measure AND l.period = entry_period
    $$ LANGUAGE sql STABLE
    """,
    """
    CREATE FUNCTION measures_evidence_stage(entry bigint) RETURNS text AS $$
        SELECT measures_progress_stage(e.measure_id, e.period)
        FROM measures_progressentry e WHERE e.id = entry
    $$ LANGUAGE sql STABLE
    """,
    f"""
    CREATE FUNCTION measures_progress_lock_check() RETURNS trigger AS $$
    DECLARE
        old_stage text;
        new_stage text;
    BEGIN
        IF TG_OP = 'UPDATE' THEN
            old_stage := measures_progress_stage(OLD.measure_id, OLD.period);
        END IF;
        new_stage := measures_progress_stage(NEW.measure_id, NEW.period);
        IF TG_OP = 'INSERT' THEN
            IF new_stage IS NOT NULL AND (NEW.result <> '' OR NEW.status <> 'not_started'
                    OR (new_stage = 'final' AND NEW.follow_up <> '')) THEN
                {RAISE};
            END IF;
            RETURN NEW;
        END IF;
        IF (old_stage IS NOT NULL OR new_stage IS NOT NULL)
                AND (NEW.measure_id IS DISTINCT FROM OLD.measure_id
                     OR NEW.period IS DISTINCT FROM OLD.period) THEN
            {RAISE};
        END IF;
        IF old_stage IS NOT NULL AND (NEW.result IS DISTINCT FROM OLD.result
                OR NEW.status IS DISTINCT FROM OLD.status
                OR (old_stage = 'final' AND NEW.follow_up IS DISTINCT FROM OLD.follow_up)) THEN
            {RAISE};
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    f"""
    CREATE FUNCTION measures_evidence_lock_check() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'UPDATE' AND measures_evidence_stage(OLD.entry_id) IS NOT NULL THEN
            {RAISE};
        END IF;
        IF measures_evidence_stage(NEW.entry_id) IS NOT NULL THEN
            {RAISE};
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER progress_period_lock BEFORE INSERT OR UPDATE
    ON measures_progressentry FOR EACH ROW EXECUTE FUNCTION measures_progress_lock_check()
    """,
    """
    CREATE TRIGGER evidence_period_lock BEFORE INSERT OR UPDATE
    ON measures_evidence FOR EACH ROW EXECUTE FUNCTION measures_evidence_lock_check()
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS progress_period_lock ON measures_progressentry",
    "DROP TRIGGER IF EXISTS evidence_period_lock ON measures_evidence",
    "DROP FUNCTION IF EXISTS measures_progress_lock_check()",
    "DROP FUNCTION IF EXISTS measures_evidence_lock_check()",
    "DROP FUNCTION IF EXISTS measures_evidence_stage(bigint)",
    "DROP FUNCTION IF EXISTS measures_progress_stage(bigint, integer)",
]

STATEMENTS = {"sqlite": (SQLITE, SQLITE_REVERSE), "postgresql": (POSTGRESQL, POSTGRESQL_REVERSE)}


def _run(schema_editor, reverse):
    vendor = schema_editor.connection.vendor
    if vendor not in STATEMENTS:
        raise RuntimeError(f"ita-portal supports SQLite and PostgreSQL, not {vendor}")
    for statement in STATEMENTS[vendor][1 if reverse else 0]:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("measures", "0004_period_lock_and_text_limits")]

    operations = [
        migrations.RunPython(
            lambda apps, editor: _run(editor, False), lambda apps, editor: _run(editor, True)
        )
    ]
