"""Words patients read that are set in code rather than in templates: the "At a glance" labels
and the labels on callouts and care cards. Kept apart from the editors' texts so that the patient
interface catalogue (locale/es, ``make messages``) holds only what patients see."""

from django.utils.translation import gettext_lazy as _

#: The "At a glance" box's labels (the same words as the editor's field names).
AT_A_GLANCE_LABELS = {
    "session_time": _("time per session"),
    "sessions_needed": _("number of sessions"),
    "recovery_time": _("recovery time"),
    "numbing": _("numbing"),
    "results_timeline": _("when results show"),
}

#: The word a callout starts with, by its tone.
CALLOUT_LABELS = {
    "info": _("Good to know"),
    "tip": _("Tip"),
    "important": _("Important"),
}

#: The words at the top of a "when to get help" care card, by its urgency.
URGENCY_LABELS = {
    "non_urgent": _("Non-urgent advice"),
    "urgent": _("Urgent advice"),
    "emergency": _("Emergency"),
}
