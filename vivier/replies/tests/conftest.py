"""A real IMAP server on loopback: Dovecot from Debian's packages, with its own config in a temp dir.

It never reads or touches the system's /etc/dovecot: everything (config, sockets, state, logs, maildirs)
lives under a temporary directory, listening on free ports of 127.0.0.1: IMAP (plain or STARTTLS) and IMAPS,
with a self-signed certificate made for the run.
"""

import getpass
import grp
import imaplib
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from vivier.mail.tests import oauthd

FIXTURES = Path(__file__).parent / "fixtures" / "eml"
DOVECOT = shutil.which("dovecot") or ("/usr/sbin/dovecot" if os.path.exists("/usr/sbin/dovecot") else None)
USERS = [f"candidate{i}@vivier.test" for i in range(1, 41)]
PASSWORD = "imap-secret"


@dataclass
class ImapServer:
    host: str
    port: int
    log: Path
    ssl_port: int
    cert: Path  # self-signed: trust it with ssl.create_default_context(cafile=cert)
    # XOAUTH2 logins are checked against this stand-in's token-info endpoint: tokens in ``oauth.issued``.
    oauth: object = None

    def mailbox(self, user: str):
        return ImapMailbox(self, user)


@dataclass
class ImapMailbox:
    server: ImapServer
    user: str

    @property
    def config_kwargs(self) -> dict:
        return {
            "host": self.server.host,
            "port": self.server.port,
            "user": self.user,
            "password": PASSWORD,
            "security": "plain",
        }

    def connect(self) -> imaplib.IMAP4:
        conn = imaplib.IMAP4(self.server.host, self.server.port, timeout=10)
        conn.login(self.user, PASSWORD)
        return conn

    def append(self, raw: bytes, mailbox: str = "INBOX") -> None:
        """Deliver a message the way a client saving mail does: IMAP APPEND."""
        conn = self.connect()
        try:
            typ, data = conn.append(mailbox, None, None, raw)
            assert typ == "OK", data
        finally:
            conn.logout()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _self_signed(root: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1, so the SSL and STARTTLS paths are tested for real."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=7))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = root / "cert.pem", root / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


def _config(root: Path, port: int, ssl_port: int, cert: Path, key: Path, tokeninfo: str) -> str:
    if os.geteuid() == 0:
        # Dovecot refuses to run its login process or to serve mail as root: use the unprivileged
        # accounts the Debian package creates (nobody as a fallback) and hand the maildirs over to them.
        internal_user = "root"
        try:
            login_user = pwd.getpwnam("dovenull").pw_name
        except KeyError:
            login_user = "nobody"
        mail = pwd.getpwnam("nobody")
        uid, gid = mail.pw_uid, mail.pw_gid
    else:
        internal_user = login_user = getpass.getuser()
        uid, gid = os.getuid(), os.getgid()
    return (
        f"""
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
ssl = yes
ssl_cert = <{cert}
ssl_key = <{key}
disable_plaintext_auth = no
auth_mechanisms = plain login xoauth2 oauthbearer
default_internal_user = {internal_user}
default_internal_group = {grp.getgrgid(pwd.getpwnam(internal_user).pw_gid).gr_name}
default_login_user = {login_user}
first_valid_uid = 0
mail_location = maildir:{root}/home/%u/Maildir
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {root}/oauth2.conf.ext
}}
passdb {{
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {ssl_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
protocol imap {{
  mail_max_userip_connections = 50
}}
""",
        uid,
        gid,
    )


@pytest.fixture(scope="session")
def imap_server():
    if DOVECOT is None:
        pytest.skip(
            "dovecot is not installed (Debian: apt-get install dovecot-imapd; scripts/test.sh does it)"
        )
    root = Path(tempfile.mkdtemp(prefix="vivier-dovecot-"))
    os.chmod(root, 0o755)  # the unprivileged login and mail processes traverse it
    for name in ("run", "state", "home"):
        (root / name).mkdir()
    (root / "passwd").write_text("".join(f"{user}:{{PLAIN}}{PASSWORD}\n" for user in USERS))
    port, ssl_port = _free_port(), _free_port()
    cert, key = _self_signed(root)
    oauth_context = oauthd.serving(oauthd.TokenServer())
    oauth = oauth_context.__enter__()
    (root / "oauth2.conf.ext").write_text(
        f"tokeninfo_url = {oauth.url}/tokeninfo?access_token=\nusername_attribute = email\n"
    )
    text, uid, gid = _config(root, port, ssl_port, cert, key, oauth.url)
    (root / "dovecot.conf").write_text(text)
    os.chown(root / "home", uid, gid)
    process = subprocess.Popen(
        [DOVECOT, "-F", "-c", str(root / "dovecot.conf")], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    server = ImapServer("127.0.0.1", port, root / "dovecot.log", ssl_port, cert, oauth)
    deadline = time.monotonic() + 20
    while True:
        if process.poll() is not None:
            output = process.stdout.read().decode(errors="replace")
            log = server.log.read_text() if server.log.exists() else ""
            pytest.fail(f"dovecot exited at start-up:\n{output}\n{log}")
        try:
            conn = imaplib.IMAP4("127.0.0.1", port, timeout=2)
            conn.logout()
            break
        except OSError:
            if time.monotonic() > deadline:
                process.terminate()
                pytest.fail(f"dovecot did not answer on 127.0.0.1:{port}")
            time.sleep(0.1)
    yield server
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    oauth_context.__exit__(None, None, None)
    shutil.rmtree(root, ignore_errors=True)


_users = itertools.count()


@pytest.fixture
def imap_mailbox(imap_server):
    """A fresh, empty mailbox on the loopback Dovecot (one per test)."""
    index = next(_users)
    if index >= len(USERS):
        pytest.fail("not enough IMAP test users: raise USERS in replies/tests/conftest.py")
    return imap_server.mailbox(USERS[index])


@pytest.fixture
def eml():
    """Read a client-format fixture: ``eml("gmail_fr.eml")`` -> bytes."""
    return lambda name: (FIXTURES / name).read_bytes()
