"""The IMAP fetcher and `vivier inbound poll` against a real Dovecot on loopback."""

import io
import threading

import pytest
from django.core.management import call_command

from vivier.lib.imap import ImapConfig, ImapCursor, ImapError, connect, fetch_new, idle_wait, supports_idle
from vivier.replies.models import InboundMessage


def collect(mailbox, cursor):
    got = []
    fetch_new(ImapConfig(**mailbox.config_kwargs), cursor, lambda raw, uid: got.append((uid, raw)))
    return got


def test_it_fetches_only_the_messages_it_has_not_seen(imap_mailbox, eml):
    imap_mailbox.append(eml("gmail_fr.eml"))
    imap_mailbox.append(eml("outlook_desktop_fr.eml"))
    cursor = ImapCursor()
    first = collect(imap_mailbox, cursor)
    assert [uid for uid, _ in first] == [1, 2]
    assert first[0][1].replace(b"\r\n", b"\n") == eml("gmail_fr.eml").replace(b"\r\n", b"\n")
    assert cursor.last_uid == 2 and cursor.uidvalidity

    assert collect(imap_mailbox, cursor) == []
    imap_mailbox.append(eml("iphone_fr.eml"))
    third = collect(imap_mailbox, cursor)
    assert [uid for uid, _ in third] == [3]
    assert b"lea.roux@icloud.com" in third[0][1]


def test_an_empty_mailbox_yields_nothing(imap_mailbox):
    cursor = ImapCursor()
    assert collect(imap_mailbox, cursor) == []
    assert cursor.uidvalidity is not None and cursor.last_uid == 0


def test_a_new_uidvalidity_starts_over(imap_mailbox, eml):
    imap_mailbox.append(eml("gmail_fr.eml"))
    cursor = ImapCursor(uidvalidity=1, last_uid=99)  # a cursor from a mailbox that was recreated
    assert [uid for uid, _ in collect(imap_mailbox, cursor)] == [1]


def test_the_cursor_stays_on_the_last_message_handled_when_storing_fails(imap_mailbox, eml):
    for name in ("gmail_fr.eml", "gmail_en.eml", "thunderbird_fr.eml"):
        imap_mailbox.append(eml(name))
    cursor = ImapCursor()
    seen = []

    def flaky(raw, uid):
        if uid == 2:
            raise RuntimeError("database went away")
        seen.append(uid)

    with pytest.raises(RuntimeError):
        fetch_new(ImapConfig(**imap_mailbox.config_kwargs), cursor, flaky)
    assert seen == [1] and cursor.last_uid == 1
    assert [uid for uid, _ in collect(imap_mailbox, cursor)] == [2, 3]


def test_fetching_leaves_messages_unread(imap_mailbox, eml):
    imap_mailbox.append(eml("gmail_fr.eml"))
    collect(imap_mailbox, ImapCursor())
    conn = imap_mailbox.connect()
    try:
        conn.select("INBOX", readonly=True)
        typ, data = conn.uid("SEARCH", None, "UNSEEN")
        assert data[0].split() == [b"1"]
    finally:
        conn.logout()


def test_a_wrong_password_is_a_clear_error(imap_mailbox):
    kwargs = {**imap_mailbox.config_kwargs, "password": "wrong"}
    with pytest.raises(ImapError, match="IMAP 127.0.0.1"):
        connect(ImapConfig(**kwargs))


def test_idle_wakes_up_when_mail_arrives(imap_mailbox, eml):
    config = ImapConfig(**imap_mailbox.config_kwargs)
    conn = connect(config)
    try:
        assert supports_idle(conn)
        fetch_new(config, ImapCursor(), lambda raw, uid: None, conn=conn)
        timer = threading.Timer(0.5, imap_mailbox.append, args=(eml("gmail_en.eml"),))
        timer.start()
        try:
            assert idle_wait(conn, timeout=30) is True
        finally:
            timer.join()
        got = []
        fetch_new(config, ImapCursor(), lambda raw, uid: got.append(uid), conn=conn)
        assert got == [1]
    finally:
        conn.logout()


@pytest.mark.django_db
def test_poll_once_stores_new_mail_and_remembers_where_it_stopped(imap_mailbox, team, eml, tmp_path):
    for name in ("gmail_fr.eml", "garbage.eml", "postfix_dsn.eml"):
        imap_mailbox.append(eml(name))
    state = tmp_path / "cursor.json"
    args = [
        "inbound",
        "poll",
        "--host",
        imap_mailbox.server.host,
        "--port",
        str(imap_mailbox.server.port),
        "--user",
        imap_mailbox.user,
        "--password",
        "imap-secret",
        "--security",
        "plain",
        "--team",
        "alvea",
        "--once",
        "--state",
        str(state),
    ]
    out = io.StringIO()
    call_command(*args, stdout=out)
    assert "3 new (1 unprocessed)" in out.getvalue()
    stored = InboundMessage.objects.filter(team=team)
    assert stored.count() == 3
    assert set(stored.values_list("kind", flat=True)) == {"reply", "bounce", ""}
    assert stored.filter(status="unprocessed").get().source == "imap"
    assert ImapCursor.load(state).last_uid == 3

    imap_mailbox.append(eml("outlook_web_en.eml"))
    out = io.StringIO()
    call_command(*args, stdout=out)
    assert "1 new" in out.getvalue()
    assert stored.count() == 4
    assert stored.get(from_address="priya.shah@outlook.com").mailbox_address == imap_mailbox.user

    state.unlink()  # a lost cursor refetches everything, and deduplication keeps one copy of each
    out = io.StringIO()
    call_command(*args, stdout=out)
    assert "0 new" in out.getvalue() and "4 duplicate(s)" in out.getvalue()
    assert stored.count() == 4


@pytest.mark.parametrize("security", ["ssl", "starttls"])
def test_it_fetches_over_tls_and_checks_the_certificate(imap_mailbox, eml, security):
    import ssl

    imap_mailbox.append(eml("gmail_en.eml"))
    server = imap_mailbox.server
    port = server.ssl_port if security == "ssl" else server.port
    trusted = ssl.create_default_context(cafile=str(server.cert))
    kwargs = {**imap_mailbox.config_kwargs, "security": security, "port": port}
    got = []
    fetch_new(ImapConfig(**kwargs, ssl_context=trusted), ImapCursor(), lambda raw, uid: got.append(uid))
    assert got == [1]
    # An unknown certificate is refused, not silently accepted.
    with pytest.raises(ImapError, match="CERTIFICATE_VERIFY_FAILED"):
        connect(ImapConfig(**kwargs))


@pytest.mark.django_db
def test_poll_over_imaps_with_the_servers_own_certificate(imap_mailbox, team, eml, tmp_path, monkeypatch):
    imap_mailbox.append(eml("thunderbird_fr.eml"))
    server = imap_mailbox.server
    monkeypatch.setenv("VIVIER_IMAP_PASSWORD", "imap-secret")  # the password kept out of `ps`
    out = io.StringIO()
    call_command(
        "inbound",
        "poll",
        "--host",
        server.host,
        "--port",
        str(server.ssl_port),
        "--user",
        imap_mailbox.user,
        "--security",
        "ssl",
        "--cafile",
        str(server.cert),
        "--team",
        "alvea",
        "--once",
        "--state",
        str(tmp_path / "c.json"),
        stdout=out,
    )
    assert "1 new" in out.getvalue()
    assert InboundMessage.objects.get(team=team).from_address == "marc.dupuis@laposte.net"


def test_the_poller_waits_with_idle_picks_up_new_mail_and_stops_on_sigterm(imap_mailbox, eml, tmp_path):
    import os
    import signal
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        VIVIER_DATA_DIR=str(tmp_path / "data"), PYTHONUNBUFFERED="1", VIVIER_IMAP_PASSWORD="imap-secret"
    )
    server = imap_mailbox.server
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "vivier",
            "inbound",
            "poll",
            "--host",
            server.host,
            "--port",
            str(server.port),
            "--user",
            imap_mailbox.user,
            "--security",
            "plain",
            "--interval",
            "600",
        ],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = process.stdout.readline()
        assert "0 new" in first, (first, process.stderr.read() if process.poll() is not None else "")
        imap_mailbox.append(eml("gmail_fr.eml"))  # IDLE wakes the poller long before the 600 s interval
        second = process.stdout.readline()
        assert "1 new" in second and "last UID 1" in second
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.mark.django_db
def test_poll_reads_a_mailbox_added_in_vivier_with_its_stored_settings(imap_mailbox, team, eml):
    from vivier.mail.services import mailbox_create

    mailbox_create(
        team=team,
        address="alice@alvea-rh.fr",
        kind="outbox",
        imap_host=imap_mailbox.server.host,
        imap_port=imap_mailbox.server.port,
        imap_security="none",
        imap_username=imap_mailbox.user,
        imap_password="imap-secret",
        imap_sent="",
    )
    imap_mailbox.append(eml("gmail_fr.eml"))
    out = io.StringIO()
    call_command("inbound", "poll", "--mailbox", "alice@alvea-rh.fr", "--team", "alvea", "--once", stdout=out)
    assert "alice@alvea-rh.fr: 1 new in INBOX" in out.getvalue()
    stored = InboundMessage.objects.get(team=team)
    assert stored.mailbox_address == "alice@alvea-rh.fr"


@pytest.mark.django_db
def test_poll_reads_the_password_from_a_file(imap_mailbox, team, eml, tmp_path):
    imap_mailbox.append(eml("gmail_fr.eml"))
    secret = tmp_path / "imap-password"
    secret.write_text("imap-secret\n")
    out = io.StringIO()
    call_command(
        "inbound",
        "poll",
        "--host",
        imap_mailbox.server.host,
        "--port",
        str(imap_mailbox.server.port),
        "--user",
        imap_mailbox.user,
        "--password-file",
        str(secret),
        "--security",
        "plain",
        "--team",
        "alvea",
        "--once",
        "--state",
        str(tmp_path / "cursor.json"),
        stdout=out,
    )
    assert "1 new" in out.getvalue()


def test_poll_without_a_mailbox_or_a_host_is_a_usage_error():
    from django.core.management import CommandError

    with pytest.raises(CommandError) as failure:
        call_command("inbound", "poll", "--once")
    assert failure.value.returncode == 2
