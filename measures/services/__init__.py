"""The writers of what is tracked: one module per kind of record, and nothing else in the project
writes these rows (tests/test_one_writer.py fails if something does).

- `plan`: measures, their steps and responsible divisions, copying a plan to a new year;
- `progress`: progress entries (status, result, the follow-up direction) and each division's part
  of a shared measure's result, from which the entry's result is composed;
- `evidence`: evidence files and links;
- `progress_and_evidence`: the progress page's save, text and evidence in one act (calls the
  writers above).

Every writer takes the person as `by` (organisations.access.SYSTEM for commands and the demo),
asks measures.permissions once why the person may not (whose measure it is, then whether the
period is open: measures.period_lock), validates, and raises organisations.refusals.Refusal with
that one Thai reason.
"""
