"""Is this message a delivery failure, an automatic reply, or a person's reply?

Delivery failures are decided first: mailer daemons often send ``Auto-Submitted: auto-replied`` too, and
a bounce treated as an out-of-office would keep writing to a dead address.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from email.message import Message
from email.utils import getaddresses

from .mime import header, msg_ids, part_text, raw_header

STATUS = re.compile(r"(?<![\w.])([45])\.(\d{1,3})\.(\d{1,3})(?![\w.])")
SMTP_CODE = re.compile(r"(?<![\w.])([45][0-5]\d)[\s-]")
# Local parts start with a letter or digit: "'jean@x.fr", "SMTP=jean@x.fr" and "|/usr/bin/procmail" are not
# addresses as written, and the address inside them is the one meant.
EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][\w.+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])"
)

DAEMON_LOCALPARTS = {
    "mailer-daemon",
    "mailerdaemon",
    "mailer_daemon",
    "mail-daemon",
    "maildaemon",
    "postmaster",
    "post_master",
    "post-master",
    "bounce",
    "bounces",
    "mdaemon",
    "ndr",
    "mail-delivery",
    "mailerdeamon",
}
DAEMON_NAMES = re.compile(
    r"mail delivery (subsystem|system|service)|mailer.?daemon|post.?master|"
    r"microsoft outlook|syst[eè]me de (remise|messagerie)|service de remise|delivery status|"
    r"mail administrator|mail system",
    re.I,
)
BOUNCE_SUBJECT = re.compile(
    r"undeliver(ed|able)|returned mail|delivery status notification|delivery (has )?failed|"
    r"mail delivery fail|failure notice|non remis|non distribu|[ée]chec de (la )?(remise|livraison|distribution)|"
    r"message not delivered|could not be delivered|delivery failure|r[ée]ponse d'[ée]chec|"
    r"remise (du message )?impossible|address not found|adresse introuvable|retour de courrier|"
    r"non.?delivery|delivery report|delivery notification|mail error|failed mail|mail failed|mail failure|"
    r"processing error|rejected mail|mail delivery problem|nicht zustellbar|unzustellbar|nicht zugestellt|"
    r"no entregad|non consegnat|не доставлен|配信|delivery (status notification \()?(delay|warning)|"
    r"delayed mail|mail delivery warning|warning: message .*delayed|has not (yet )?been delivered|"
    r"could not send (mail|message)",
    re.I,
)
BOUNCE_BODY = re.compile(
    r"(user unknown|unknown user|no such user|mailbox (unavailable|not found|full|does not exist)|"
    r"address (couldn't|could not|can't|cannot) be found|does not exist|recipient (address )?rejected|"
    r"n'existe pas|introuvable|delivery has failed|(could|can)(not| not|n't) be delivered|wasn't delivered|"
    r"was not delivered|n'a pas pu [êe]tre (remis|distribu)|impossible de remettre|permanent (error|failure)|"
    r"the following address(es)? failed|550[ -]5\.\d\.\d|le message n'a pas [ée]t[ée] remis|"
    r"did not reach the following recipient|unable to deliver (the )?(message )?to|message not delivered|"
    r"could not send (mail|message) for (the )?past|failed addresses follow|intended recipient|"
    r"not a valid user|returned because|delivery to the following recipients? (failed|has been delayed)|"
    r"has not (yet )?been delivered|has been postponed|nicht zugestellt|unzustellbar|"
    r"no se (ha )?pud(o|ieron) entregar|non (è|e') stato possibile (recapitare|consegnare)|"
    r"не (может быть )?доставлен|配信(でき|出来)ません|宛先不明|存在しないか|届きませんでした|送信(でき|出来)ませんでした|送信に失敗)",
    re.I,
)
# A delay warning: the server keeps trying, the address is not known to be dead.
DELAY = re.compile(
    r"warning: message .{0,40}delayed|delayed mail|still being retried|will (continue to |keep )?(retry|try)|"
    r"has not yet been delivered|could not send (mail|message) for (the )?past|delivery (status notification "
    r"\()?(delay|warning)|mail delivery warning|has been postponed|temporar(il)?y? (deferred|failure|failed)|"
    r"delivery to the following recipients? has been delayed|message (has been |was )?delayed|"
    r"nouvelle tentative|remise (du message )?retard[ée]e|verz[öo]gert|attempts will continue",
    re.I,
)
# The server stopped retrying: a failure after a series of temporary errors is final.
GAVE_UP = re.compile(
    r"not going to try again|giving up|gave up|has given up|after \d+ attempt|been in the queue too long|"
    r"retry (timeout|time) exceeded|maximum delivery attempts",
    re.I,
)
# Where the copy of the original message starts in a plain-text bounce: addresses below are its headers.
ORIGINAL_MARK = re.compile(
    r"^\s*(-{2,}|\|-+)?\s*(original message|returned message|start of returned message|returned mail follows|"
    r"message text follows|unsent message below|below this line is a copy|this is a copy of|"
    r"(the )?(first \d+ lines of your )?original message (follows|was received)|header of the source mail|"
    r"message d'origine|ursprüngliche nachricht|old message)",
    re.I | re.M,
)
FAILURE_CUE = re.compile(
    r"did not reach the following|following (address(es)?|recipients?)|(could|can)(not| not|n't) be delivered|"
    r"delivery (to|of email to)|unable to deliver|failed addresses|intended recipient|addressed|"
    r"not delivered to|recipient address|delivery has failed|user unknown|<[^<>@\s]+@[^<>\s]+>:|"
    r"non remis|n'a pas pu|destinataires?|empf[äa]nger|recipients? name",
    re.I,
)
CONTACT_LINE = re.compile(r"contact|help ?desk|support|assistance|please (send|write)|administrat", re.I)

AUTO_SUBJECT = re.compile(
    r"^\s*(r[ée]ponse automatique|automatic reply|auto(matic)?[- ]?(reply|response|antwort)|auto\s*:|"
    r"out of (the )?office|absence du bureau|absent du bureau|message d'absence|absence\b|absent\b|ooo\b|"
    r"on vacation|en cong[ée]s?|away from|autoreply|abwesenheit|r[ée]pondeur)",
    re.I,
)
OOO_BODY = [
    r"je suis (actuellement |pr[ée]sentement )?absente?s?\b",
    r"je serai absente?\b",
    r"je suis (actuellement )?en (cong[ée]s?|vacances|d[ée]placement|formation|arr[êe]t|repos|rtt)",
    r"(absente?|absence) (du bureau )?(du|jusqu|depuis|pour)",
    r"(de retour|je serai de retour|je reviendrai) (le|au bureau|lundi|mardi|mercredi|jeudi|vendredi|\d)",
    r"(je ne|ne) (consulte|consulterai|lirai) (pas|plus) (mes|ma)",
    r"(sans|avec un) acc[èe]s (limit[ée] )?[àa] (mes|ma) (e-?mails?|mails?|messagerie|courriels?)",
    r"votre message ne sera pas transf[ée]r[ée]",
    r"pendant mon absence",
    r"en cas d'urgence",
    r"(i am|i'm|i will be) (currently )?(out of (the )?office|ooo|away|on (annual |parental |maternity |paternity |sick |extended )?(leave|vacation|holiday))",
    r"out of (the )?office (until|till|from|and|with|on)",
    r"(with|have) (limited|no) access to (my )?(e-?mail|messages)",
    r"will (be )?(back|return|respond|reply) (on|upon|when)",
    r"(i will|i'll) (respond|reply|get back to you) (to your (e-?mail|message) )?(upon|on|when|as soon as)",
    r"for (urgent|immediate) (matters|assistance|requests|enquiries|inquiries)",
    r"(in case of|if your matter is|if this is) urgen",
    r"this is an automat(ic|ed) (reply|response|message)",
    r"ceci est une r[ée]ponse automatique|message automatique|r[ée]ponse automatique",
    r"thank you for your (e-?mail|message)\.? i am (currently )?(out|away)",
]
OOO_PATTERNS = [re.compile(p, re.I) for p in OOO_BODY]
STRONG_AUTO_RE = re.compile(
    r"this is an automat(ic|ed) (reply|response|message)|ceci est une? (r[ée]ponse|message) automatique|"
    r"votre message ne sera pas transf[ée]r[ée]|(your )?(e-?mail|message) will not be forwarded|"
    r"je suis (actuellement )?absente? du bureau|i am (currently )?out of the office",
    re.I,
)


@dataclass
class Bounce:
    recipient: str | None
    status: str | None
    permanent: bool
    diagnostic: str = ""

    def as_dict(self) -> dict:
        return {"recipient": self.recipient, "status": self.status, "permanent": self.permanent}


def _address_localpart(address: str) -> str:
    return address.split("@", 1)[0].lower() if address else ""


def _is_daemon(address: str) -> bool:
    local = _address_localpart(address).replace("\\", "")
    return local in DAEMON_LOCALPARTS or local.startswith(("mailer-daemon", "postmaster"))


def _dsn_fields(msg: Message) -> list[dict[str, str]]:
    """Field groups of a message/delivery-status part: per-message first, then one per recipient."""
    for part in msg.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        payload = part.get_payload()
        groups: list[dict[str, str]] = []
        if isinstance(payload, list):
            for block in payload:
                if isinstance(block, Message):
                    groups.append({k.lower(): " ".join(str(v).split()) for k, v in block.raw_items()})
        else:
            text = payload if isinstance(payload, str) else part_text(part)
            for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
                fields = {}
                for line in re.sub(r"\n[ \t]+", " ", chunk).split("\n"):
                    if ":" in line:
                        key, _, value = line.partition(":")
                        fields[key.strip().lower()] = value.strip()
                if fields:
                    groups.append(fields)
        return groups
    return []


def _first_address(value: str) -> str | None:
    """The address in a DSN field ('rfc822; jean@x.fr'), or None for X.400 and unqualified names."""
    value = value.split(";", 1)[1] if ";" in value else value
    found = EMAIL.search(value)
    return found.group(0) if found else None


def _original_recipient(msg: Message) -> str | None:
    for part in msg.walk():
        ctype = part.get_content_type()
        if ctype == "message/rfc822":
            inner = part.get_payload()
            inner = inner[0] if isinstance(inner, list) and inner else None
            if isinstance(inner, Message):
                found = EMAIL.findall(header(inner, "To"))
                if found:
                    return found[0]
        if ctype == "text/rfc822-headers":
            match = re.search(r"^To:\s*(.+)$", part_text(part), re.M | re.I)
            if match:
                found = EMAIL.findall(match.group(1))
                if found:
                    return found[0]
    return None


def _provider_json(text: str) -> tuple[str | None, bool | None] | None:
    """A provider's JSON bounce notification (Amazon SES through SNS, SendGrid-like events) in the body:
    (recipient, permanent), or None when the body holds no such notification."""
    if '"bounce' not in text.lower() and "'bounce" not in text.lower():
        return None
    start = text.find("{")
    end = text.rfind("}")
    if start < 0 or end <= start:
        return None
    try:
        data = json.loads(text[start : end + 1])
    except ValueError:
        # SNS wraps long lines; rejoin continuation lines and try once more.
        try:
            data = json.loads(re.sub(r"\n\s?", "", text[start : end + 1]))
        except ValueError:
            return None
    if isinstance(data, dict) and isinstance(data.get("Message"), str):
        try:
            data = json.loads(data["Message"])
        except ValueError:
            return None
    events = data if isinstance(data, list) else [data]
    for event in events:
        if not isinstance(event, dict):
            continue
        kind = str(
            event.get("notificationType") or event.get("eventType") or event.get("event") or ""
        ).lower()
        if kind not in {"bounce", "bounced", "dropped"}:
            continue
        nested = event.get("bounce")
        bounce: dict = nested if isinstance(nested, dict) else event
        recipients = bounce.get("bouncedRecipients") or []
        recipient = None
        if recipients and isinstance(recipients[0], dict):
            recipient = recipients[0].get("emailAddress")
        recipient = recipient or event.get("email")
        bounce_type = str(bounce.get("bounceType") or event.get("type") or "").lower()
        permanent = None if not bounce_type else bounce_type not in {"transient", "blocked", "soft"}
        return recipient, permanent
    return None


def _notification_part(text: str) -> str:
    """The bounce's own words: the text above the copy of the original message."""
    mark = ORIGINAL_MARK.search(text)
    head = text[: mark.start()] if mark else text
    # A copied header block ("Received: ... / From: ...") also starts the original message.
    headers = re.search(r"^(Received|Return-Path|Message-I[dD]|X-[\w-]+): ", head, re.M)
    return head[: headers.start()] if headers else head


def _recipient_from_text(text: str, excluded: set[str]) -> str | None:
    """The failed address in the notification text: the first one after a failure phrase, else the first one,
    never a sender, a daemon, a message id or a help-desk address."""

    def usable(address: str, line: str) -> bool:
        low = address.lower()
        return low not in excluded and not _is_daemon(low) and not CONTACT_LINE.search(line)

    candidates: list[tuple[int, str]] = []
    for line_match in re.finditer(r"[^\n]*", text):
        line = line_match.group(0)
        if re.match(r"\s*(message-id|in-reply-to|references|from|reply-to|sender)\s*:", line, re.I):
            continue
        for m in EMAIL.finditer(line):
            if re.search(r"\b(?:mail|messages?|sender|sent)\s+from\s+<?$", line[: m.start()], re.I):
                continue  # "not accepting mail from <sender>"
            if usable(m.group(0), line):
                candidates.append((line_match.start() + m.start(), m.group(0)))
    if not candidates:
        return None
    cue = FAILURE_CUE.search(text)
    if cue:
        after = [a for pos, a in candidates if pos >= cue.start()]
        if after:
            return after[0]
    return candidates[0][1]


def detect_bounce(
    msg: Message, text: str, from_address: str, from_name: str, subject: str, own_addresses: set[str]
) -> Bounce | None:
    """A delivery failure (or delay warning), with the failed recipient and whether it is permanent.

    1. Is it one: a DSN part, X-Failed-Recipients, a provider's JSON notification, a mailer daemon's wording,
       or a failure subject with failure wording, in English, French, German, Spanish, Italian, Russian or
       Japanese.
    2. The recipient: the DSN's Original-Recipient (the address we wrote to), then Final-Recipient,
       X-Failed-Recipients, the provider JSON, an address in the subject, the notification text (never a
       sender, a daemon, a message id, a help desk), and last the To of the attached original message.
    3. Permanent or transient: the DSN action and status, the provider's bounce type, a status code, or
       delay wording (a delay warning is transient: the address is not known to be dead).
    """
    body = text or ""
    ctype = msg.get_content_type()
    report_type = str(msg.get_param("report-type") or "").lower() if ctype == "multipart/report" else ""
    groups = _dsn_fields(msg)
    is_dsn = report_type == "delivery-status" or bool(groups)
    failed_header = EMAIL.findall(raw_header(msg, "X-Failed-Recipients"))
    provider = _provider_json(body) if "{" in body else None
    daemon = (
        _is_daemon(from_address)
        or bool(DAEMON_NAMES.search(from_name or ""))
        or bool(DAEMON_NAMES.search(from_address or ""))
    )
    subject_says = bool(BOUNCE_SUBJECT.search(subject or ""))
    body_says = bool(BOUNCE_BODY.search(body))
    delay = bool(DELAY.search(subject or "") or DELAY.search(body))
    postfix_lines = bool(re.search(r"^\s*<[^<>\s]+@[^<>\s]+>:", body, re.M))
    has_copy = any(p.get_content_type() in {"message/rfc822", "text/rfc822-headers"} for p in msg.walk())
    if not (
        is_dsn
        or failed_header
        or provider is not None
        or (
            daemon
            and (subject_says or body_says or delay or postfix_lines or has_copy or STATUS.search(body))
        )
        or (subject_says and (body_says or delay or STATUS.search(body)))
    ):
        return None

    recipient = status = None
    diagnostic = action = ""
    for fields in groups[1:] or groups:
        if "final-recipient" in fields or "original-recipient" in fields:
            recipient = _first_address(fields.get("original-recipient", "")) or _first_address(
                fields.get("final-recipient", "")
            )
            found = STATUS.search(fields.get("status", ""))
            status = found.group(0) if found else status
            action = fields.get("action", "").lower()
            diagnostic = fields.get("diagnostic-code", "")
            if recipient and action in {"failed", "delayed", ""}:
                break
    provider_permanent = None
    if provider is not None:
        recipient = recipient or provider[0]
        provider_permanent = provider[1]
    if not recipient and failed_header:
        recipient = failed_header[0]
    excluded = {from_address.lower(), *(a.lower() for a in own_addresses)}
    for name in ("Message-ID", "In-Reply-To", "References"):
        excluded.update(i.lower() for i in msg_ids(header(msg, name)))
    if not recipient:
        in_subject = [
            a for a in EMAIL.findall(subject or "") if a.lower() not in excluded and not _is_daemon(a)
        ]
        recipient = in_subject[0] if in_subject else None
    if not recipient:
        recipient = _recipient_from_text(_notification_part(body), excluded) or _original_recipient(msg)

    if status is None:
        found = STATUS.search(diagnostic) or STATUS.search(body)
        if found:
            status = found.group(0)
        else:
            code = SMTP_CODE.search(body)
            if code:
                status = f"{code.group(1)[0]}.0.0"
    if action == "delayed":
        permanent = False
    elif action == "failed":
        permanent = True
    elif provider_permanent is not None:
        permanent = provider_permanent
    elif GAVE_UP.search(body):
        permanent = True
    elif delay and not (status or "").startswith("5"):
        permanent = False
    elif status:
        permanent = status.startswith("5")
    else:
        permanent = True
    return Bounce(
        recipient=recipient or None, status=status, permanent=permanent, diagnostic=(diagnostic or "")[:500]
    )


def auto_reply_reason(msg: Message, subject: str, text: str, quotes_thread: bool = False) -> str | None:
    """Why this message is an automatic reply (a header or the wording), or None for a person's reply."""
    if msg.get_content_type() == "multipart/report":
        # Read receipts (report-type=disposition-notification) and other machine reports.
        return f"report: {str(msg.get_param('report-type') or 'unknown').lower()}"
    auto_submitted = raw_header(msg, "Auto-Submitted").lower()
    if auto_submitted and not auto_submitted.startswith("no"):
        return f"Auto-Submitted: {auto_submitted}"
    for name in ("X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Auto-Response-Suppress"):
        value = raw_header(msg, name)
        if value and value.lower() not in {"no", "false", "0", "none"}:
            return f"{name}: {value}"
    precedence = raw_header(msg, "Precedence").lower()
    if precedence in {"auto_reply", "bulk", "junk", "auto-reply"}:
        return f"Precedence: {precedence}"
    if AUTO_SUBJECT.search(subject or ""):
        return "subject"
    # Wording alone is weaker evidence: "je suis en congés, recontactez-moi le 12" may be a person writing.
    # One unmistakable phrase, or two distinct out-of-office phrases in a message that quotes nothing.
    if STRONG_AUTO_RE.search(text or ""):
        return "wording"
    hits = sum(1 for pattern in OOO_PATTERNS if pattern.search(text or ""))
    if hits >= 2 and not quotes_thread:
        return "wording"
    return None


def addresses(value: str) -> list[tuple[str, str]]:
    try:
        return [(name, addr) for name, addr in getaddresses([value]) if addr]
    except Exception:  # noqa: BLE001
        return []
