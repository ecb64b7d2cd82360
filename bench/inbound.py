"""Inbound throughput: messages per second over a few thousand generated, realistic messages, parsed alone,
then parsed, threaded and classified (the worker's path, target >= 200 messages/s), and the classifier's
macro-F1 on the development set.

    python bench/inbound.py [--count 5000] [--no-pipeline] [--dev vivier/replies/tests/data/replies-dev.jsonl]

The pipeline part needs a database: it uses a fresh SQLite file in a temporary directory (or DATABASE_URL),
seeded with a running campaign whose sent messages about half of the replies answer (In-Reply-To).

The mix follows what a recruiter's mailbox receives: replies from Gmail, Outlook (desktop, web, mobile),
Apple Mail and Thunderbird in French and English, plain text and HTML-only, quoted-printable, base64 and
8-bit Latin-1 bodies, out-of-office replies, DSN and plain-words bounces, plus the client fixtures
themselves.
"""

import argparse
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vivier.lib.mailparse import MailParseError, parse_message  # noqa: E402

FIRST = [
    "Julien",
    "Sophie",
    "Karim",
    "Léa",
    "Marc",
    "Hélène",
    "François",
    "Chloé",
    "Tom",
    "Priya",
    "Emma",
    "Ben",
]
LAST = [
    "Moreau",
    "Lefèvre",
    "Benali",
    "Roux",
    "Dupuis",
    "Garnier",
    "Noël",
    "Bernard",
    "Baker",
    "Shah",
    "Clarke",
]
JOBS = [
    "Responsable maintenance",
    "Chargée RH",
    "Développeur Java",
    "Infirmière",
    "Data engineer",
    "Contrôleuse de gestion",
    "Supply chain manager",
    "Product designer",
]
REPLIES_FR = [
    "Oui, le poste m'intéresse beaucoup. Je suis disponible jeudi après-midi pour en parler.",
    "Merci pour votre message. Je ne suis pas intéressée par un poste en CDD.",
    "Pouvez-vous m'en dire plus sur la rémunération et le télétravail ?",
    "Pas pour le moment, recontactez-moi dans 6 mois.",
    "Je ne suis plus en recherche, merci de me retirer de votre liste.",
    "Le 2e créneau me convient, jeudi à 10h.",
]
REPLIES_EN = [
    "Yes, I'd love to hear more. Could we talk on Thursday?",
    "Thanks for reaching out, but I'm happy where I am.",
    "Could you send me the salary range and the remote policy?",
    "Not right now, ping me after the summer.",
    "Please remove me from your list.",
]
QUOTE_FR = (
    "Bonjour {first},\n\nJe me permets de revenir vers vous au sujet d'un poste de {job}.\n"
    "Seriez-vous ouvert à en discuter ?\n\nBien à vous,\nAlice"
)
QUOTE_EN = "Hi {first},\n\nI'm recruiting a {job}. Would you be open to a quick call?\n\nAlice"


def quote(text: str) -> str:
    return "\n".join("> " + line if line else ">" for line in text.splitlines())


def reply(rng: random.Random, when: datetime, thread_ids: list[str] | None = None) -> EmailMessage:
    first, last, job = rng.choice(FIRST), rng.choice(LAST), rng.choice(JOBS)
    fr = rng.random() < 0.65
    text = rng.choice(REPLIES_FR if fr else REPLIES_EN)
    original = (QUOTE_FR if fr else QUOTE_EN).format(first=first, job=job)
    sent = when - timedelta(hours=rng.randint(1, 72))
    client = rng.choice(["gmail", "outlook", "outlook_web", "iphone", "thunderbird", "html_only"])
    sig = f"\n\n{'Cordialement' if fr else 'Best regards'},\n{first} {last}\n06 12 34 56 78"
    if client == "gmail":
        attribution = (
            f"Le lun. {sent.day} nov. 2025 à 10:12, Alice Martin <alice@alvea-rh.fr> a\nécrit :"
            if fr
            else f"On Mon, Nov {sent.day}, 2025 at 10:12 AM Alice Martin <alice@alvea-rh.fr> wrote:"
        )
        body = f"Bonjour Alice,\n\n{text}{sig}\n\n{attribution}\n\n{quote(original)}\n"
    elif client in {"outlook", "outlook_web"}:
        header = (
            "De : Alice Martin <alice@alvea-rh.fr>\nEnvoyé : lundi 3 novembre 2025 10:12\nÀ : {n}\nObjet : {job}"
            if fr
            else "From: Alice Martin <alice@alvea-rh.fr>\nSent: Monday, November 3, 2025 10:12 AM\n"
            "To: {n}\nSubject: {job}"
        ).format(n=f"{first} {last}", job=job)
        sep = "________________________________\n" if client == "outlook_web" else ""
        body = f"{text}{sig}\n\n{sep}{header}\n\n{original}\n"
    elif client == "iphone":
        body = f"{text}\n\n{'Envoyé de mon iPhone' if fr else 'Sent from my iPhone'}\n\n> Le 3 nov. 2025 à 10:12, Alice a écrit :\n{quote(original)}\n"
    elif client == "thunderbird":
        body = f"{text}\n\n-- \n{first} {last}\n\nLe 03/11/2025 à 10:12, Alice Martin a écrit :\n{quote(original)}\n"
    else:
        body = None
    msg = EmailMessage()
    msg["From"] = f"{first} {last} <{first.lower()}.{last.lower()}@example.fr>"
    msg["To"] = "Alice Martin <alice@alvea-rh.fr>"
    msg["Subject"] = f"Re: {job}"
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = make_msgid(domain="example.fr")
    if thread_ids and rng.random() < 0.5:
        msg["In-Reply-To"] = rng.choice(thread_ids)  # answers a message the campaign sent
    else:
        msg["In-Reply-To"] = f"<{rng.getrandbits(48)}.vivier@alvea-rh.fr>"
    if body is None:
        html = (
            f"<div dir=ltr><div>{text}</div><div><br></div><div>{first}</div></div><div class=gmail_quote>"
            f"<div class=gmail_attr>On Mon, Alice wrote:</div><blockquote>{original}</blockquote></div>"
        )
        msg.set_content(html, subtype="html", cte=rng.choice(["quoted-printable", "base64"]))
    else:
        charset = rng.choice(["utf-8", "utf-8", "iso-8859-1"])
        cte = rng.choice(["quoted-printable", "base64", "8bit"])
        msg.set_content(body, charset=charset, cte=cte)
        if rng.random() < 0.5:
            msg.add_alternative(f"<div>{text}</div><blockquote>{original}</blockquote>", subtype="html")
    return msg


def auto_reply(rng: random.Random, when: datetime) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = f"{rng.choice(FIRST)} <absent{rng.randint(1, 999)}@example.fr>"
    msg["To"] = "alice@alvea-rh.fr"
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = make_msgid(domain="example.fr")
    if rng.random() < 0.5:
        msg["Subject"] = "Réponse automatique : poste"
        msg["X-Auto-Response-Suppress"] = "All"
        msg.set_content(
            "Bonjour,\n\nJe suis absente du bureau jusqu'au vendredi 28 novembre inclus et serai de "
            "retour le lundi 1er décembre.\n\nCordialement,\nSophie"
        )
    else:
        msg["Subject"] = "Out of Office"
        msg["Auto-Submitted"] = "auto-replied"
        msg.set_content("I am out of the office until Monday 14 March with limited access to email.\n\nBen")
    return msg


def bounce(rng: random.Random, when: datetime) -> bytes:
    rcpt = f"gone{rng.randint(1, 9999)}@exemple.fr"
    return (
        f"From: MAILER-DAEMON@mx.alvea-rh.fr (Mail Delivery System)\r\nTo: alice@alvea-rh.fr\r\n"
        f"Subject: Undelivered Mail Returned to Sender\r\nDate: {format_datetime(when)}\r\n"
        f"Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
        f'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n'
        f"--B\r\nContent-Type: text/plain\r\n\r\n<{rcpt}>: host said: 550 5.1.1 User unknown\r\n\r\n"
        f"--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx\r\n\r\n"
        f"Final-Recipient: rfc822; {rcpt}\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n--B--\r\n"
    ).encode()


def corpus(count: int, seed: int = 5, thread_ids: list[str] | None = None) -> list[bytes]:
    rng = random.Random(seed)
    fixtures = [p.read_bytes() for p in sorted((ROOT / "vivier/replies/tests/fixtures/eml").glob("*.eml"))]
    start = datetime(2025, 11, 3, 9, tzinfo=UTC)
    out = []
    for i in range(count):
        when = start + timedelta(minutes=7 * i)
        roll = rng.random()
        if roll < 0.05:
            out.append(rng.choice(fixtures))
        elif roll < 0.13:
            out.append(auto_reply(rng, when).as_bytes())
        elif roll < 0.18:
            out.append(bounce(rng, when))
        else:
            out.append(reply(rng, when, thread_ids).as_bytes())
    return out


def setup_django() -> None:
    import os
    import tempfile

    if not os.environ.get("DATABASE_URL"):
        os.environ["VIVIER_DATA_DIR"] = tempfile.mkdtemp(prefix="vivier-bench-inbound-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vivier.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seed_threads(n: int) -> tuple[object, list[str]]:
    """A team with a running campaign of ``n`` candidates, each sent one message: their Message-IDs."""
    import uuid

    from _world import seed

    from vivier.accounts.models import Team
    from vivier.lib import clock
    from vivier.sequences.models import Enrollment, OutboundMessage

    info = seed(n=n)
    team = Team.objects.get(slug=info["team"])
    now = clock.now()
    messages = []
    for e in Enrollment.objects.filter(team=team).select_related("candidate", "campaign"):
        messages.append(
            OutboundMessage(
                team=team,
                enrollment=e,
                position=0,
                idempotency_key=f"step:{e.pk}:0",
                candidate=e.candidate,
                campaign=e.campaign,
                transport="outbox",
                status="sent",
                from_email="owner@bench.example",
                to_email=f"{e.candidate.first_name}@bench.example",
                subject="Un poste",
                body="Bonjour",
                message_id=f"<{uuid.uuid4().hex}@bench.example>",
                due_at=now,
                sent_at=now,
                created_at=now,
            )
        )
    OutboundMessage.objects.bulk_create(messages, batch_size=1000)
    return team, [m.message_id for m in messages]


def pipeline(messages: list[bytes], team) -> tuple[float, dict]:
    """Parse, thread and classify each message as the worker does (without the writes)."""
    from vivier.replies.capture import _apply
    from vivier.replies.models import InboundMessage
    from vivier.replies.services import _understand
    from vivier.replies.threads import thread_message

    outcome: dict[str, int] = {}
    started = time.perf_counter()
    for raw in messages:
        try:
            parsed = parse_message(raw)
        except MailParseError:
            outcome["unprocessed"] = outcome.get("unprocessed", 0) + 1
            continue
        message = InboundMessage(team=team, received_at=parsed.date or datetime.now(UTC))
        _apply(message, parsed)
        match = thread_message(message)
        intent = _understand(message, team)[0]
        key = f"{intent}/{'matched' if match.matched else 'unmatched'}"
        outcome[key] = outcome.get(key, 0) + 1
    return time.perf_counter() - started, outcome


def dev_scores(path: str) -> None:
    from vivier.replies.understanding import default_classifier
    from vivier.replies.understanding.evaluate import evaluate, read_jsonl

    if not Path(path).exists():
        print(f"dev set {path} not found: no macro-F1")
        return
    rows = read_jsonl(path)
    started = time.perf_counter()
    report = evaluate(rows, default_classifier())
    elapsed = time.perf_counter() - started
    print(
        f"dev set {path}: {report.n} replies, macro-F1 {report.macro_f1:.3f}, accuracy {report.accuracy:.3f}, "
        f"reasons {report.reason_accuracy:.3f}, dates {report.date_accuracy:.3f}, slots {report.slot_accuracy:.3f}"
        f" ({report.n / elapsed:.0f} replies/s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--no-pipeline", action="store_true", help="parse only (no database needed)")
    parser.add_argument(
        "--dev",
        default=str(ROOT / "vivier/replies/tests/data/replies-dev.jsonl"),
        help="labelled dev set (JSONL)",
    )
    args = parser.parse_args()
    team, thread_ids = None, None
    if not args.no_pipeline:
        setup_django()
        team, thread_ids = seed_threads(500)
    messages = corpus(args.count, thread_ids=thread_ids)
    size = sum(len(m) for m in messages)
    kinds: dict[str, int] = {}
    started = time.perf_counter()
    for raw in messages:
        try:
            kind = parse_message(raw).kind
        except MailParseError:
            kind = "error"  # the garbage fixture, on purpose
        kinds[kind] = kinds.get(kind, 0) + 1
    elapsed = time.perf_counter() - started
    print(
        f"parsed {len(messages)} messages ({size / 1e6:.1f} MB) in {elapsed:.2f}s: "
        f"{len(messages) / elapsed:.0f} messages/s on one core"
    )
    print("kinds: " + ", ".join(f"{k}={v}" for k, v in sorted(kinds.items())))
    if args.no_pipeline:
        return
    from vivier.replies.understanding import default_classifier

    default_classifier()  # trained once at start-up, as in the worker: not part of the per-message cost
    cpu0 = time.process_time()
    elapsed, outcome = pipeline(messages, team)
    cpu = time.process_time() - cpu0
    print(
        f"parsed + threaded + classified {len(messages)} messages in {elapsed:.2f}s: "
        f"{len(messages) / elapsed:.0f} messages/s wall, {len(messages) / cpu:.0f} messages/s CPU "
        f"(target >= 200)"
    )
    print("outcome: " + ", ".join(f"{k}={v}" for k, v in sorted(outcome.items())))
    dev_scores(args.dev)


if __name__ == "__main__":
    main()
