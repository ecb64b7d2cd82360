"""Outgoing MIME: plain-text emails built with the standard library's header registry, no header injection."""

from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid


class HeaderInjection(ValueError):
    pass


def clean_header(value: str, what: str) -> str:
    if "\r" in value or "\n" in value or "\x00" in value:
        raise HeaderInjection(f"{what} contains a line break")
    return value


def new_message_id(from_email: str) -> str:
    domain = from_email.rpartition("@")[2] or "vivier.localhost"
    return make_msgid(idstring="viv", domain=clean_header(domain, "domain"))


def address(name: str, email: str, what: str) -> Address:
    clean_header(name or "", what)
    clean_header(email, what)
    local, _, domain = email.rpartition("@")
    if not local or not domain:
        raise HeaderInjection(f"{what} is not an email address: {email!r}")
    try:
        return Address(display_name=name or "", username=local, domain=domain)
    except (ValueError, IndexError) as exc:
        raise HeaderInjection(f"{what} is not a valid address: {exc}") from exc


def build(*, from_name: str, from_email: str, to_name: str, to_email: str, subject: str, body: str,
          message_id: str, date, in_reply_to: str = "", references: str = "",
          unsubscribe_url: str = "", unsubscribe_mailto: str = "") -> EmailMessage:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = address(from_name, from_email, "From")
    msg["To"] = address(to_name, to_email, "To")
    msg["Subject"] = clean_header(subject, "Subject")
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = clean_header(message_id, "Message-ID")
    if in_reply_to:
        msg["In-Reply-To"] = clean_header(in_reply_to, "In-Reply-To")
        msg["References"] = clean_header(references or in_reply_to, "References")
    links = []
    if unsubscribe_mailto:
        links.append(f"<mailto:{clean_header(unsubscribe_mailto, 'List-Unsubscribe')}?subject=unsubscribe>")
    if unsubscribe_url:
        links.append(f"<{clean_header(unsubscribe_url, 'List-Unsubscribe')}>")
    if links:
        msg["List-Unsubscribe"] = ", ".join(links)
        if unsubscribe_url:
            # RFC 8058: mail providers POST "List-Unsubscribe=One-Click" to the https link.
            msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg.set_content(body if body.endswith("\n") else body + "\n", subtype="plain", charset="utf-8")
    return msg
