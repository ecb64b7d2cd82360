"""Raw messages as candidates' clients write them, for the handling, inbox and full-loop tests."""

from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from vivier.lib import clock


def reply_to(
    outbound,
    text: str,
    *,
    sender: str | None = None,
    in_reply_to: bool = True,
    references: list[str] | None = None,
    subject: str | None = None,
    headers: dict | None = None,
    quote: bool = True,
) -> bytes:
    """A reply to ``outbound`` (an OutboundMessage), Gmail style: text, then the quoted original."""
    msg = EmailMessage()
    msg["From"] = f"{outbound.to_name} <{sender or outbound.to_email}>"
    msg["To"] = outbound.from_email
    msg["Subject"] = subject if subject is not None else f"Re: {outbound.subject}"
    msg["Date"] = format_datetime(clock.now())
    msg["Message-ID"] = make_msgid(domain="mail.gmail.com")
    if in_reply_to:
        msg["In-Reply-To"] = outbound.message_id
    refs = references if references is not None else ([outbound.message_id] if in_reply_to else [])
    if refs:
        msg["References"] = " ".join(refs)
    for name, value in (headers or {}).items():
        msg[name] = value
    body = text
    if quote:
        quoted = "\n".join("> " + line for line in outbound.body.splitlines())
        body += (
            f"\n\nLe lun. 9 mars 2026 à 10:00, {outbound.from_name or outbound.from_email} "
            f"<{outbound.from_email}> a écrit :\n{quoted}\n"
        )
    msg.set_content(body)
    return bytes(msg)


def plain(sender: str, subject: str, text: str, **headers) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "alice@alvea-rh.fr"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(clock.now())
    msg["Message-ID"] = make_msgid(domain="example.net")
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    msg.set_content(text)
    return bytes(msg)


def bounce_for(outbound) -> bytes:
    """A Postfix delivery status notification for ``outbound``'s recipient."""
    boundary = "DSN-boundary"
    return (
        f"From: MAILER-DAEMON@mx.example.org (Mail Delivery System)\r\n"
        f"To: {outbound.from_email}\r\n"
        f"Subject: Undelivered Mail Returned to Sender\r\n"
        f"Date: {format_datetime(clock.now())}\r\n"
        f"Message-ID: {make_msgid(domain='mx.example.org')}\r\n"
        f"Auto-Submitted: auto-replied\r\n"
        f"MIME-Version: 1.0\r\n"
        f'Content-Type: multipart/report; report-type=delivery-status; boundary="{boundary}"\r\n\r\n'
        f"--{boundary}\r\nContent-Type: text/plain\r\n\r\n"
        f"I'm sorry to have to inform you that your message could not be delivered.\r\n"
        f"<{outbound.to_email}>: host mx.example.org said: 550 5.1.1 user unknown\r\n\r\n"
        f"--{boundary}\r\nContent-Type: message/delivery-status\r\n\r\n"
        f"Reporting-MTA: dns; mx.example.org\r\n\r\n"
        f"Final-Recipient: rfc822; {outbound.to_email}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        f"Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n\r\n"
        f"--{boundary}\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        f"Message-ID: {outbound.message_id}\r\nSubject: {outbound.subject}\r\n\r\n"
        f"--{boundary}--\r\n"
    ).encode()


YES = "Oui, avec plaisir ! Je suis disponible pour un appel jeudi."
MORE = "Bonjour, quel est le salaire proposé ? Et le télétravail est-il possible ?"
NO_SALARY = "Non merci, le salaire est trop bas pour moi."
AWAY = "Je suis absente du bureau jusqu'au 20 mars inclus."


def receive(raw: bytes, team=None):
    """Store a message as the IMAP poller would, run the worker's reply step, return its Reply."""
    from vivier.replies import services
    from vivier.replies.capture import inbound_store
    from vivier.replies.models import Reply

    message, _ = inbound_store(raw=raw, source="imap", team=team)
    while services.handle_one_inbound():
        pass
    return Reply.objects.filter(inbound=message).first()


def replied_world(*, campaign, make_candidate, team, texts: dict) -> dict:
    """Candidates named after ``texts``' keys get the campaign's first step on Monday 9 March 2026, then
    answer with the texts (None: no answer; AWAY: an automatic reply). Returns name -> candidate."""
    from vivier.sequences.models import OutboundMessage
    from vivier.sequences.services import campaign_start
    from vivier.sequences.tests.conftest import at, drain

    clock.set_now(at("2026-03-09 10:00 Europe/Paris"))
    people = {
        name: make_candidate(first_name=name, last_name="Test", email=f"{name.lower()}@example.org")
        for name in texts
    }
    campaign_start(campaign=campaign, candidates=list(people.values()))
    drain(until=at("2026-03-10 00:00 Europe/Paris"))
    clock.set_now(at("2026-03-10 09:30 Europe/Paris"))
    for name, text in texts.items():
        if text is None:
            continue
        outbound = OutboundMessage.objects.get(candidate=people[name])
        if text == AWAY:
            raw = plain(
                f"{name} <{outbound.to_email}>",
                f"Réponse automatique : {outbound.subject}",
                text,
                Auto_Submitted="auto-replied",
                In_Reply_To=outbound.message_id,
            )
        else:
            raw = reply_to(outbound, text)
        receive(raw, team=team)
    return people
