"""The database keeps a division's part of a shared measure's result as it keeps the entry it
belongs to (migrations/0005 and 0002):

- while the entry's period is locked (measures_periodlock, stage 'review' or 'final'), a part
  is neither added nor changed, whatever path the write comes by; a violation raises
  IntegrityError ('period_locked');
- a part's division belongs to the organisation of the measure's plan
  ('division_result_same_organisation').

Deleting is refused by the writers, not here (see 0005). SQLite and PostgreSQL each get their
own dialect."""

from django.db import migrations

# The lock stage of a part's entry: NULL while the period is open.
STAGE = """(SELECT l.stage FROM measures_progressentry e
    JOIN measures_measure m ON m.id = e.measure_id
    JOIN measures_periodlock l ON l.fiscal_year_id = m.fiscal_year_id AND l.period = e.period
    WHERE e.id = {row}.entry_id)"""
ENTRY_ORGANISATION = """(SELECT fy.organisation_id FROM measures_progressentry e
    JOIN measures_measure m ON m.id = e.measure_id
    JOIN measures_fiscalyear fy ON fy.id = m.fiscal_year_id
    WHERE e.id = {row}.entry_id)"""
DIVISION_ORGANISATION = "(SELECT organisation_id FROM measures_division WHERE id = {row}.division_id)"


def _sqlite_trigger(name, event, when, message):
    return f"""
    CREATE TRIGGER {name} BEFORE {event} ON measures_divisionresult FOR EACH ROW
    WHEN {when}
    BEGIN SELECT RAISE(ABORT, '{message}'); END
    """


SQLITE = [
    _sqlite_trigger(
        "division_result_locked_insert", "INSERT", f"{STAGE.format(row='NEW')} IS NOT NULL",
        "period_locked",
    ),
    _sqlite_trigger(
        "division_result_locked_update", "UPDATE",
        f"{STAGE.format(row='OLD')} IS NOT NULL OR {STAGE.format(row='NEW')} IS NOT NULL",
        "period_locked",
    ),
    _sqlite_trigger(
        "division_result_same_organisation_insert", "INSERT",
        f"{ENTRY_ORGANISATION.format(row='NEW')} IS NOT {DIVISION_ORGANISATION.format(row='NEW')}",
        "division_result_same_organisation",
    ),
    _sqlite_trigger(
        "division_result_same_organisation_update", "UPDATE",
        f"{ENTRY_ORGANISATION.format(row='NEW')} IS NOT {DIVISION_ORGANISATION.format(row='NEW')}",
        "division_result_same_organisation",
    ),
]  # fmt: skip
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS {name}"
    for name in [
        "division_result_locked_insert", "division_result_locked_update",
        "division_result_same_organisation_insert", "division_result_same_organisation_update",
    ]
]  # fmt: skip

RAISE = "RAISE EXCEPTION '%', {message} USING ERRCODE = 'integrity_constraint_violation'"
POSTGRESQL = [
    f"""
    CREATE FUNCTION measures_division_result_check() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'UPDATE' AND measures_evidence_stage(OLD.entry_id) IS NOT NULL THEN
            {RAISE.format(message="'period_locked'")};
        END IF;
        IF measures_evidence_stage(NEW.entry_id) IS NOT NULL THEN
            {RAISE.format(message="'period_locked'")};
        END IF;
        IF {ENTRY_ORGANISATION.format(row="NEW")}
           IS DISTINCT FROM {DIVISION_ORGANISATION.format(row="NEW")} THEN
            {RAISE.format(message="'division_result_same_organisation'")};
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER division_result_period_lock BEFORE INSERT OR UPDATE
    ON measures_divisionresult FOR EACH ROW EXECUTE FUNCTION measures_division_result_check()
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS division_result_period_lock ON measures_divisionresult",
    "DROP FUNCTION IF EXISTS measures_division_result_check()",
]

STATEMENTS = {"sqlite": (SQLITE, SQLITE_REVERSE), "postgresql": (POSTGRESQL, POSTGRESQL_REVERSE)}


def _run(schema_editor, reverse):
    vendor = schema_editor.connection.vendor
    if vendor not in STATEMENTS:
        raise RuntimeError(f"ita-portal supports SQLite and PostgreSQL, not {vendor}")
    for statement in STATEMENTS[vendor][1 if reverse else 0]:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    # measures_evidence_stage(entry) (0005) gives the lock stage of an entry's period.
    dependencies = [("measures", "0010_division_results")]

    operations = [
        migrations.RunPython(
            lambda apps, editor: _run(editor, False), lambda apps, editor: _run(editor, True)
        )
    ]
