"""What Vivier itself answered for a message it did not hand to a mail server, in the reader's language
(a real server's reply is shown as the server wrote it), and a launch review's problems.

    {% load outbox_labels %}{{ message.smtp_response|server_response }} {{ problem|render_problem }}
"""

import re

from django import template
from django.utils.translation import gettext, gettext_lazy

register = template.Library()

OWN_RESPONSES = {
    "stored in the outbox": gettext_lazy("stored in the outbox"),
    "kept in memory": gettext_lazy("kept in memory"),
    "accepted by the email service": gettext_lazy("accepted by the email service"),
}


@register.filter
def server_response(text: str) -> str:
    return str(OWN_RESPONSES.get(text, text))


_MISSING = re.compile(r"^step (?P<n>\d+): missing (?P<name>.+)$")
_ERROR = re.compile(r"^step (?P<n>\d+): (?P<error>.+)$", re.S)


@register.filter
def render_problem(problem: str) -> str:
    """A launch review's problem ("step 2: missing hook", as the API and the CLI say it) in the reader's
    language; the value's name stays as the template writes it."""
    found = _MISSING.match(problem or "")
    if found:
        return gettext("step %(n)s: missing value %(name)s") % found.groupdict()
    found = _ERROR.match(problem or "")
    if found:
        return gettext("step %(n)s: %(error)s") % found.groupdict()
    return problem
