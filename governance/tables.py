"""Report columns."""

from wagtail.admin.ui.tables import Column


class CalendarDateColumn(Column):
    """A date as a date ("January 5, 2027"), for past and future alike. Wagtail's DateColumn says
    how long ago it was, which reads "Just now" for a date still to come."""

    cell_template_name = "governance/tables/calendar_date_cell.html"
