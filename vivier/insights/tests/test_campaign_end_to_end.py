"""A campaign driven end to end from the command line, as a recruiter (and her mail server) would, then every
figure of ``vivier insights campaign --json`` checked against counts this test makes from its own record of
what was sent and what came back."""

import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import textwrap
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

import pytest

from vivier.lib import stats

ROOT = Path(__file__).resolve().parents[3]

SEQUENCE_YAML = textwrap.dedent("""\
    name: Relance Python
    steps:
      - delay: 0 days
        subject: {fr: "Un poste de {{ job.title }} à {{ job.location }}"}
        body: {fr: "Bonjour {{ candidate.first_name }},\\n\\n{{ job.pitch }}"}
      - delay: 2 days
        body: {fr: "Je me permets de relancer, {{ candidate.first_name }}."}
      - delay: 4 days
        body: {fr: "Toujours partant·e ?"}
      - delay: 1 week
        body: {fr: "Dernier message de ma part."}
    """)

SEED = textwrap.dedent("""\
    import django, os
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vivier.settings")
    django.setup()
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
    from vivier.accounts.services import team_create, user_create
    team = team_create(name="Alvéa", slug="alvea")
    user_create(username="alice", password="x", team=team, email="alice@alvea-rh.fr", first_name="Alice",
                validate_password=False)
    """)

RELABEL = textwrap.dedent("""\
    import django, os, sys
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vivier.settings")
    django.setup()
    from vivier.accounts.models import User
    from vivier.replies.services import reply_correct
    from vivier.replies.models import Reply
    reply = Reply.objects.get(inbound__message_id=sys.argv[1])
    reply_correct(reply=reply, intent=sys.argv[2], reason=sys.argv[3], by=User.objects.get(username="alice"))
    """)

YES = "Oui, avec plaisir ! Je suis disponible pour un appel jeudi."
MORE = "Bonjour, quel est le salaire proposé ? Et le télétravail est-il possible ?"
NO_SALARY = "Non merci, le salaire est trop bas pour moi."
NO_LYON = "Non merci, je ne souhaite pas déménager à Lyon."
STOP = "Merci de me retirer de votre liste, je ne veux plus recevoir vos messages."
LATER = "Pas pour le moment, recontactez-moi dans six mois."
REFERRAL = "Ce n'est pas pour moi, mais mon collègue Paul Martin (paul.martin@example.net) cherche ce poste."
KEEN = "Bonjour, je suis très intéressée, on peut en parler ?"
AWAY = "Je suis absente du bureau, sans accès à mes emails. Je vous répondrai à mon retour."

# Who answers what, when (Paris time), with the label a person would give it (after correction).
# "away" and "bounce" are not replies.
SCRIPT = [
    ("2026-03-10T09:30:00+01:00", "c01", YES, "interested", ""),
    ("2026-03-10T11:00:00+01:00", "c02", AWAY, "away", ""),
    ("2026-03-10T14:00:00+01:00", "c03", "bounce", "bounce", ""),
    ("2026-03-12T09:00:00+01:00", "c04", NO_SALARY, "not_interested", "salary"),
    ("2026-03-12T10:00:00+01:00", "c05", MORE, "more_info", ""),
    ("2026-03-13T15:00:00+01:00", "c06", STOP, "unsubscribe", ""),
    ("2026-03-17T10:00:00+01:00", "c07", LATER, "later", ""),
    ("2026-03-17T11:00:00+01:00", "c08", KEEN, "not_interested", "location"),  # relabelled below
    ("2026-03-18T12:00:00+01:00", "c02", REFERRAL, "referral", ""),
    ("2026-03-19T16:00:00+01:00", "c01", NO_SALARY, "not_interested", "salary"),  # not c01's first reply
    ("2026-03-24T10:00:00+01:00", "c09", NO_LYON, "not_interested", "location"),
    ("2026-03-24T12:00:00+01:00", "c10", AWAY, "away", ""),
]
WORKER_RUNS = [
    "2026-03-09T10:00:00+01:00",  # Monday: first messages
    "2026-03-11T10:00:00+01:00",  # first follow-ups
    "2026-03-16T10:00:00+01:00",
    "2026-03-23T10:00:00+01:00",
    "2026-04-20T10:00:00+02:00",  # everything left, end policies
]
POSITIVE, NEGATIVE = {"interested", "more_info", "slot_choice"}, {"not_interested", "unsubscribe"}


@pytest.fixture
def vivier(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "VIVIER_TEST_SQLITE")}
    env["VIVIER_DATA_DIR"] = str(tmp_path / "data")
    subprocess.run([sys.executable, "-c", SEED], cwd=ROOT, env=env, check=True)

    def run(*args, stdin=None, check=True, script=None):
        command = [sys.executable, "-c", script, *args] if script else [sys.executable, "-m", "vivier", *args]
        result = subprocess.run(command, cwd=ROOT, env=env, input=stdin, capture_output=True, timeout=180)
        if check and result.returncode != 0:
            raise AssertionError(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result

    return run


def when(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).astimezone(dt.UTC)


def answer(sent: dict, to_name: str, text: str, moment: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = f"{to_name} <{sent['to']}>"
    msg["To"] = "alice@alvea-rh.fr"
    msg["Date"] = format_datetime(dt.datetime.fromisoformat(moment))
    msg["Message-ID"] = make_msgid(domain="mail.example.net")
    if text == "bounce":
        return (
            f"From: MAILER-DAEMON@mx.example.org (Mail Delivery System)\r\nTo: alice@alvea-rh.fr\r\n"
            f"Subject: Undelivered Mail Returned to Sender\r\nDate: {msg['Date']}\r\n"
            f"Message-ID: {msg['Message-ID']}\r\nAuto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
            f'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n'
            f"--b\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n\r\n"
            f"--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.org\r\n\r\n"
            f"Final-Recipient: rfc822; {sent['to']}\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n"
            f"--b\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: {sent['message_id']}\r\n\r\n--b--\r\n"
        ).encode()
    msg["In-Reply-To"] = sent["message_id"]
    msg["References"] = sent["message_id"]
    if text == AWAY:
        msg["Subject"] = f"Réponse automatique : {sent['subject']}"
        msg["Auto-Submitted"] = "auto-replied"
    else:
        msg["Subject"] = f"Re: {sent['subject']}"
    msg.set_content(text)
    return bytes(msg)


def expected_figures(steps_sent: dict, script: list, ended: dict) -> dict:
    """The figures counted by hand: ``steps_sent`` candidate -> [sent moments by step], ``script`` the
    answers (moment, candidate, label, reason), ``ended`` candidate -> (bounced|unsubscribed, moment)."""
    first = {}
    for moment, who, label, reason in sorted(script, key=lambda row: row[0]):
        if label not in ("away", "bounce") and who not in first:
            first[who] = (moment, label, reason)
    contacted = [c for c, moments in steps_sent.items() if moments]
    replied = [c for c in contacted if c in first]
    positive = [c for c in replied if first[c][1] in POSITIVE]
    negative = [c for c in replied if first[c][1] in NEGATIVE]
    reasons = {}
    for c in negative:
        if first[c][2]:
            reasons[first[c][2]] = reasons.get(first[c][2], 0) + 1

    def step_of(candidate, moment):
        moments = steps_sent[candidate]
        for n, sent_at in enumerate(moments):
            if sent_at <= moment and (n + 1 == len(moments) or moment < moments[n + 1]):
                return n
        return None

    steps, hours = [], []
    for n in range(4):
        got = [c for c, moments in steps_sent.items() if len(moments) > n]
        answered = [c for c in replied if step_of(c, first[c][0]) == n]
        hours += [(first[c][0] - steps_sent[c][n]).total_seconds() / 3600 for c in answered]
        steps.append(
            {
                "step": n + 1,
                "sent": len(got),
                "replied": len(answered),
                "bounced": sum(1 for c, (k, m) in ended.items() if k == "bounced" and step_of(c, m) == n),
                "unsubscribed": sum(
                    1 for c, (k, m) in ended.items() if k == "unsubscribed" and step_of(c, m) == n
                ),
            }
        )
    return {
        "enrolled": len(steps_sent),
        "contacted": len(contacted),
        "replied": len(replied),
        "positive": len(positive),
        "negative": len(negative),
        "reasons": reasons,
        "steps": steps,
        "median_hours": statistics.median(hours),
        "p75_hours": statistics.quantiles(hours, n=4, method="inclusive")[2],
    }


@pytest.mark.slow
def test_every_figure_of_a_campaign_replayed_from_the_command_line_adds_up(vivier, tmp_path):
    people = tmp_path / "vivier.csv"
    people.write_text(
        "Prénom,Nom,Email\n" + "".join(f"C{n:02d},Test,c{n:02d}@example.org\n" for n in range(1, 13)),
        encoding="utf-8",
    )
    vivier("import", str(people))
    playbook = tmp_path / "relance.yaml"
    playbook.write_text(SEQUENCE_YAML, encoding="utf-8")
    vivier("sequence", "import", str(playbook))
    slug = (
        vivier(
            "job",
            "create",
            "--title",
            "Développeur Python",
            "--location",
            "Lyon",
            "--pitch",
            "Une équipe de 6.",
        )
        .stdout.decode()
        .strip()
    )
    enrolled = [f"c{n:02d}" for n in range(1, 11)]  # c11 and c12 stay in the pool
    vivier(
        "campaign", "start", "--sequence", "Relance Python", "--job", slug, "--owner", "alice",
        "--candidates", ",".join(f"{c}@example.org" for c in enrolled), "--name", "Lyon",
        "--now", "2026-03-09T08:00:00+01:00",
    )  # fmt: skip

    events = sorted([(m, "worker", None, None, None) for m in WORKER_RUNS] + [(*row,) for row in SCRIPT])
    keyed, rows = {}, []
    for moment, who, text, _label, _reason in events:
        if who == "worker":
            vivier("worker", "--once", "--now", moment)
            rows = [json.loads(line) for line in vivier("outbox", "--json").stdout.splitlines()]
            continue
        mine = max((r for r in rows if r["to"] == f"{who}@example.org"), key=lambda r: r["step"])
        raw = answer(mine, who.upper(), text, moment)
        vivier("inbound", "receive", "--team", "alvea", "--now", moment, stdin=raw)
        keyed[(moment, who)] = raw
    # The recruiter reads c08's "very interested" in context (the job is in Lyon; she won't move) and
    # corrects the label.
    c08 = next(raw for (moment, who), raw in keyed.items() if who == "c08")
    message_id = [line for line in c08.decode().splitlines() if line.startswith("Message-ID:")][0].split(" ")[
        1
    ]
    vivier(message_id, "not_interested", "location", script=RELABEL)

    outbox = [json.loads(line) for line in vivier("outbox", "--json").stdout.splitlines()]
    outbox = [r for r in outbox if r["kind"] != "system"]  # the recruiters' daily digests go there too
    assert {r["status"] for r in outbox} == {"sent"}
    steps_sent = {c: [] for c in enrolled}
    for r in sorted(outbox, key=lambda r: r["step"]):
        steps_sent[r["to"].split("@")[0]].append(dt.datetime.fromisoformat(r["sent_at"]))
    script = [(when(m), who, label, reason) for m, who, _text, label, reason in SCRIPT]
    ended = {"c03": ("bounced", when(SCRIPT[2][0])), "c06": ("unsubscribed", when(SCRIPT[5][0]))}
    expected = expected_figures(steps_sent, script, ended)
    # The replay is the one intended: everyone got the first message, the bounce and each answer stopped
    # the sequence, and only c09 (who answered the last) and c10 (an out-of-office only) got all four steps.
    assert [s["sent"] for s in expected["steps"]] == [10, 7, 4, 2]

    figures = json.loads(vivier("insights", "campaign", "Lyon", "--json").stdout)
    for key in ("enrolled", "contacted", "replied", "positive", "negative", "reasons"):
        assert figures[key] == expected[key], key
    assert (figures["replied"], figures["positive"], figures["negative"]) == (8, 2, 4)
    for name, k, n in (
        ("response_rate", expected["replied"], expected["contacted"]),
        ("positive_share", expected["positive"], expected["replied"]),
        ("negative_share", expected["negative"], expected["replied"]),
        ("positive_rate", expected["positive"], expected["contacted"]),
    ):
        assert figures[name] == pytest.approx(k / n), name
        assert figures[f"{name}_ci"] == pytest.approx(list(stats.wilson(k, n))), name
        assert figures[f"{name}_small_sample"] is True
    for got, want in zip(figures["steps"], expected["steps"], strict=True):
        assert {k: got[k] for k in want} == want
        assert got["response_rate"] == pytest.approx(want["replied"] / want["sent"])
    assert figures["time_to_reply"]["median_hours"] == pytest.approx(expected["median_hours"], abs=0.01)
    assert figures["time_to_reply"]["p75_hours"] == pytest.approx(expected["p75_hours"], abs=0.01)
    assert figures["funnel"] is None

    text = vivier("insights", "campaign", "Lyon").stdout.decode()
    first = expected["steps"][0]
    assert (
        f"Premier message : {round(100 * first['replied'] / first['sent'])} % · {first['replied']}/10" in text
    )

    missing = vivier("insights", "campaign", "Nope", "--json", check=False)
    assert missing.returncode == 1
    assert json.loads(missing.stdout)["error"] == "not_found"
