"""Who may read and write an organisation's ITA results.

Everyone of the organisation reads them (they are the ground of the year's analysis and
measures); those who keep its plan and documents (the planning analyst, the site admin) type or
import them; the deployment's operator does so for every organisation, and alone loads a table
of many organisations at once (supervisors' roles come later and stand on the same functions).
Each rule that refuses says why (`…_refusal`, None when the person may); `can_…` derives from it.
"""

from organisations import access


def can_view_results(user, organisation) -> bool:
    return access.is_member(user, organisation)


def results_refusal(user, organisation) -> str | None:
    """Typing or importing the organisation's results."""
    if access.manages(user, organisation):
        return None
    return (
        f"ผลการประเมินของ{organisation.name} บันทึกได้เฉพาะนักวิเคราะห์นโยบายและแผนและผู้ดูแลระบบของหน่วยงาน"
    )


def can_edit_results(user, organisation) -> bool:
    return results_refusal(user, organisation) is None


def import_many_refusal(user) -> str | None:
    """Load one table holding the results of many organisations (an organisation column)."""
    if access.is_operator(user):
        return None
    return "นำเข้าผลการประเมินหลายหน่วยงานในไฟล์เดียวได้เฉพาะผู้ดูแลระบบของระบบ"


def can_import_many(user) -> bool:
    return import_many_refusal(user) is None
