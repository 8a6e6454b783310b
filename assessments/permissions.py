"""Who may read and write an organisation's ITA results.

Everyone of the organisation reads them (they are the ground of the year's analysis and
measures); those who keep its plan and documents (the planning analyst, the site admin) type or
import them; the deployment's operator does so for every organisation, and alone loads a table
of many organisations at once. The supervisors of the organisation's area read them (and write
nothing: their roles are read-only).
Each rule that refuses says why (`…_refusal`, None when the person may); `can_…` derives from it.
"""

from organisations import access


def can_view_results(user, organisation) -> bool:
    return access.is_member(user, organisation) or access.supervises(user, organisation)


def can_see_who_recorded(user, organisation) -> bool:
    """Who typed or imported the results is the organisation's own business (supervisors read
    the figures, never people's details)."""
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
