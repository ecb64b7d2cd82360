"""Is this message a delivery failure, an automatic reply, or a person's reply?

Delivery failures are decided first: mailer daemons often send ``Auto-Submitted: auto-replied`` too, and
a bounce treated as an out-of-office would keep writing to a dead address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import Message
from email.utils import getaddresses

from .mime import header, part_text, raw_header

STATUS = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")
SMTP_CODE = re.compile(r"\b([45]\d\d)[\s-]")
EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)

DAEMON_LOCALPARTS = {
    "mailer-daemon",
    "postmaster",
    "mail-daemon",
    "maildaemon",
    "mailerdaemon",
    "bounce",
    "bounces",
    "mdaemon",
}
DAEMON_NAMES = re.compile(
    r"mail delivery (subsystem|system|service)|mailer.daemon|postmaster|"
    r"microsoft outlook|syst[eè]me de remise|service de remise|delivery status",
    re.I,
)
BOUNCE_SUBJECT = re.compile(
    r"undeliver(ed|able)|returned mail|delivery status notification|delivery (has )?failed|"
    r"mail delivery failed|failure notice|non remis|non distribu|[ée]chec de (la )?(remise|livraison|distribution)|"
    r"message not delivered|could not be delivered|delivery failure|r[ée]ponse d'[ée]chec|"
    r"remise (du message )?impossible|address not found|adresse introuvable|retour de courrier",
    re.I,
)
BOUNCE_BODY = re.compile(
    r"(user unknown|unknown user|no such user|mailbox (unavailable|not found|full|does not exist)|"
    r"address (couldn't|could not|can't|cannot) be found|does not exist|recipient (address )?rejected|"
    r"n'existe pas|introuvable|delivery has failed|could not be delivered|wasn't delivered|was not delivered|"
    r"n'a pas pu [êe]tre (remis|distribu)|impossible de remettre|permanent (error|failure)|"
    r"the following address(es)? failed|550[ -]5\.\d\.\d|le message n'a pas [ée]t[ée] remis)",
    re.I,
)
TEMPORARY_BODY = re.compile(
    r"(will (continue to )?(retry|try)|delayed|delay|temporar|retarde|nouvelle tentative)", re.I
)

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


def _dsn_fields(msg: Message) -> list[dict[str, str]]:
    """Field groups of a message/delivery-status part: per-message first, then one per recipient."""
    for part in msg.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        payload = part.get_payload()
        groups: list[dict[str, str]] = []
        if isinstance(payload, list):
            for block in filter(lambda block: isinstance(block, Message), payload):
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


def _strip_type(value: str) -> str:
    """'rfc822; jean@x.fr' -> 'jean@x.fr'."""
    value = value.split(";", 1)[1] if ";" in value else value
    return value.strip().strip("<>").strip()


def _original_recipient(msg: Message) -> str | None:
    for part in msg.walk():
        ctype = part.get_content_type()
        if ctype == "message/rfc822":
            inner = part.get_payload()
            inner = inner[0] if isinstance(inner, list) and inner else None
            if isinstance(inner, Message):
                to = header(inner, "To")
                found = EMAIL.findall(to)
                if found:
                    return found[0]
        if ctype == "text/rfc822-headers":
            match = re.search(r"^To:\s*(.+)$", part_text(part), re.M | re.I)
            if match:
                found = EMAIL.findall(match.group(1))
                if found:
                    return found[0]
    return None


def detect_bounce(
    msg: Message, text: str, from_address: str, from_name: str, subject: str, own_addresses: set[str]
) -> Bounce | None:
    ctype = msg.get_content_type()
    report_type = str(msg.get_param("report-type") or "").lower() if ctype == "multipart/report" else ""
    groups = _dsn_fields(msg)
    is_dsn = report_type == "delivery-status" or bool(groups)
    daemon = _address_localpart(from_address) in DAEMON_LOCALPARTS or bool(
        DAEMON_NAMES.search(from_name or "")
    )
    subject_says = bool(BOUNCE_SUBJECT.search(subject or ""))
    body_says = bool(BOUNCE_BODY.search(text or ""))
    if not (
        is_dsn
        or (daemon and (subject_says or body_says or STATUS.search(text or "")))
        or (subject_says and (body_says or STATUS.search(text or "")))
    ):
        return None

    recipient = status = diagnostic = None
    action = ""
    for fields in groups[1:] or groups:
        if "final-recipient" in fields or "original-recipient" in fields:
            recipient = _strip_type(fields.get("final-recipient") or fields.get("original-recipient", ""))
            found = STATUS.search(fields.get("status", ""))
            status = found.group(0) if found else None
            action = fields.get("action", "").lower()
            diagnostic = fields.get("diagnostic-code", "")
            if action in {"failed", ""}:
                break
    body = text or ""
    if status is None:
        found = STATUS.search(body)
        if found:
            status = found.group(0)
        else:
            code = SMTP_CODE.search(body)
            if code:
                status = f"{code.group(1)[0]}.0.0"
    if not recipient:
        excluded = {from_address.lower(), *own_addresses}
        candidates = [
            a
            for a in EMAIL.findall(body)
            if a.lower() not in excluded and _address_localpart(a) not in DAEMON_LOCALPARTS
        ]
        recipient = candidates[0] if candidates else _original_recipient(msg)
    if status:
        permanent = status.startswith("5")
    elif action == "delayed" or TEMPORARY_BODY.search(body) and not BOUNCE_BODY.search(body):
        permanent = False
    else:
        permanent = True
    if action == "delayed":
        permanent = False
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
