from ninja import Field, Router, Schema, Status

from .models import Mailbox
from .services import mailbox_create

router = Router(tags=["mail"])


class MailboxIn(Schema):
    address: str
    display_name: str = ""
    kind: str = "smtp"
    smtp_host: str = ""
    smtp_port: int = Field(587, ge=1, le=65535)
    smtp_security: str = "starttls"
    smtp_username: str = ""
    smtp_password: str = ""
    daily_limit: int = Field(200, ge=1, le=100_000)
    min_gap_seconds: int = Field(90, ge=0, le=86_400)
    jitter_seconds: int = Field(60, ge=0, le=86_400)
    auth_method: str = "password"
    imap_host: str = ""
    imap_port: int = Field(993, ge=1, le=65535)
    imap_security: str = "tls"
    imap_username: str = ""
    imap_password: str = ""
    imap_inbox: str = "INBOX"
    imap_sent: str = "Sent"


def _mailbox_out(box: Mailbox) -> dict:
    # The password never leaves the server, not even encrypted.
    return {
        "id": str(box.public_id),
        "address": box.address,
        "display_name": box.display_name,
        "kind": box.kind,
        "smtp_host": box.smtp_host,
        "smtp_port": box.smtp_port,
        "smtp_security": box.smtp_security,
        "daily_limit": box.daily_limit,
        "min_gap_seconds": box.min_gap_seconds,
        "jitter_seconds": box.jitter_seconds,
        "has_password": bool(box.smtp_password_encrypted),
        "auth_method": box.auth_method,
        "oauth_connected": bool(box.oauth_refresh_encrypted),
        "imap_host": box.imap_host,
        "imap_port": box.imap_port,
        "imap_security": box.imap_security,
        "imap_username": box.imap_username,
        "imap_inbox": box.imap_inbox,
        "imap_sent": box.imap_sent,
        "has_imap_password": bool(box.imap_password_encrypted),
        "imap_polled_at": box.imap_polled_at.isoformat() if box.imap_polled_at else None,
        "imap_error": box.imap_error,
        "imap_error_at": box.imap_error_at.isoformat() if box.imap_error_at else None,
    }


@router.get("/mailboxes", response=list[dict])
def mailbox_list(request):
    return [_mailbox_out(b) for b in Mailbox.objects.filter(team=request.team)]


@router.post("/mailboxes", response={200: dict, 400: dict})
def mailbox_add(request, payload: MailboxIn):
    try:
        box = mailbox_create(team=request.team, owner=request.user, **payload.dict())
    except ValueError as exc:
        return Status(400, {"detail": str(exc)})
    return _mailbox_out(box)
