"""A department editor touches only their department's consultation pages
(the page permission policy hides the rest, see portal.permissions)."""

from portal.permissions import departments_for_user, foreign_page_rule


@foreign_page_rule
def foreign_consultations(user):
    from .models import ConsultationPage

    return ConsultationPage.objects.exclude(department__in=departments_for_user(user)).values("pk")
