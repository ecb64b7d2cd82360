"""What Vivier itself answered for a message it did not hand to a mail server, in the reader's language
(a real server's reply is shown as the server wrote it).

    {% load outbox_labels %}{{ message.smtp_response|server_response }}
"""

from django import template
from django.utils.translation import gettext_lazy

register = template.Library()

OWN_RESPONSES = {
    "stored in the outbox": gettext_lazy("stored in the outbox"),
    "kept in memory": gettext_lazy("kept in memory"),
    "accepted by the email service": gettext_lazy("accepted by the email service"),
}


@register.filter
def server_response(text: str) -> str:
    return str(OWN_RESPONSES.get(text, text))
