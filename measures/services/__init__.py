"""The writers of what is tracked: one module per kind of record, and nothing else in the project
writes these rows (tests/test_one_writer.py fails if something does).

- `plan`: measures, their steps and responsible divisions, copying a plan to a new year;
- `progress`: progress entries (status, result, the follow-up direction);
- `evidence`: evidence files and links;
- `recording`: the progress page's save, entry and evidence in one act (calls the two above).

Every writer takes the person as `by` (organisations.access.SYSTEM for commands and the demo),
checks their permission (measures.permissions) and whether the period is open
(measures.period_lock), validates with full_clean, and raises NotAllowed with a Thai message.
"""

from organisations.access import NotAllowed

__all__ = ["NotAllowed"]
