import http.cookiejar
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from vivier.demo.management.commands import serve
from vivier.demo.seed import DEMO_PASSWORD

from .conftest import REPO, make_runner, make_user_env


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """``vivier demo`` then ``vivier serve --port 0 --no-worker`` as a user runs them; yields (url, process, env).

    One server for the module: the SIGTERM test stops it, so it comes last.
    """
    env = make_user_env(tmp_path_factory.mktemp("served") / "vivier-data")
    make_runner(env)("demo", "--candidates", "60", "--seed", "3")
    argv = [
        sys.executable,
        "-m",
        "vivier",
        "serve",
        "--port",
        "0",
        "--no-worker",
        "--trusted-proxy",
        "127.0.0.1",
    ]
    process = subprocess.Popen(
        argv,
        cwd=REPO,
        env={**env, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    banner = []
    for line in process.stdout:
        banner.append(line)
        if "Press Ctrl+C" in line:
            break
    output = "".join(banner)
    match = re.search(r"running at (http://\S+?)/\s", output)
    if not match:
        process.kill()
        pytest.fail(f"vivier serve did not start:\n{output}{process.stdout.read()}")
    process.banner = output
    yield match.group(1), process, env
    if process.poll() is None:
        process.kill()
        process.wait()


@pytest.mark.browser
def test_the_demo_user_logs_in_on_the_served_app_and_sees_the_pool(served, browser):
    url, _process, env = served
    db = sqlite3.connect(Path(env["VIVIER_DATA_DIR"]) / "vivier.db")
    names = {
        f"{first} {last}" for first, last in db.execute("select first_name, last_name from pool_candidate")
    }
    context = browser.new_context(base_url=url, locale="fr-FR")
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto("/")
        page.fill("input[name=username]", "demo")
        page.fill("input[name=password]", DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(lambda u: "/accounts/login" not in u)
        assert page.get_by_test_id("attention").is_visible()  # the home page: what needs attention today
        page.goto("/pool/")

        body = page.locator("body").inner_text()
        assert sum(1 for name in names if name in body) >= 10
    finally:
        context.close()


def test_behind_the_trusted_proxy_login_failures_are_counted_per_client_address(served):
    url, _process, env = served
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{url}/accounts/login/", timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": "demo", "password": "wrong"}
    ).encode()

    for forwarded in ("203.0.113.9", None):
        request = urllib.request.Request(f"{url}/accounts/login/", data=form)
        if forwarded:
            request.add_header("X-Forwarded-For", forwarded)
        try:
            opener.open(request, timeout=10)
        except urllib.error.HTTPError as exc:
            assert exc.code == 400

    db = sqlite3.connect(Path(env["VIVIER_DATA_DIR"]) / "vivier.db")
    ips = [
        ip for (ip,) in db.execute("select ip from accounts_loginfailure where username = 'demo' order by id")
    ]
    assert ips == ["203.0.113.9", "127.0.0.1"]


@pytest.mark.browser
def test_the_unsubscribe_links_of_the_demo_emails_lead_to_the_served_address(served, browser):
    url, _process, env = served
    db = sqlite3.connect(Path(env["VIVIER_DATA_DIR"]) / "vivier.db")
    (message_id,) = db.execute(
        "select public_id from sequences_outboundmessage where unsubscribe_url != '' limit 1"
    ).fetchone()
    message_id = str(__import__("uuid").UUID(message_id))
    context = browser.new_context(base_url=url, locale="fr-FR")
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto("/")
        page.fill("input[name=username]", "demo")
        page.fill("input[name=password]", DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(lambda u: "/accounts/login" not in u)
        page.goto(f"/sequences/outbox/{message_id}/")
        body = page.get_by_test_id("message-body").inner_text()
        links = re.findall(r"https?://\S+/mail/unsubscribe/\S+", body)
        assert links and all(link.startswith(f"{url}/mail/unsubscribe/") for link in links)
        page.goto(links[0].removeprefix(url))
        assert page.locator("form, main").count()
    finally:
        context.close()


def test_vivier_serve_answers_pages_and_static_files_then_stops_on_sigterm(served):
    url, process, _env = served

    assert f"demo / {DEMO_PASSWORD}" in process.banner
    with urllib.request.urlopen(f"{url}/accounts/login/", timeout=10) as response:
        assert response.status == 200
        assert 'name="password"' in response.read().decode()
    with urllib.request.urlopen(f"{url}/static/vivier/vivier.css", timeout=10) as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/css")

    process.send_signal(signal.SIGTERM)
    rest, _ = process.communicate(timeout=30)

    assert process.returncode == 0
    assert "Vivier stopped." in rest
    assert "Traceback" not in rest


def test_vivier_serve_says_so_when_the_port_is_taken():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(CommandError, match="cannot listen"):
            call_command("serve", port=taken.getsockname()[1], no_worker=True)


def test_the_worker_runs_beside_the_server_and_stops_with_it(monkeypatch, capsys):
    from . import fake_worker

    monkeypatch.setattr(serve, "run_forever", fake_worker.run_forever)
    stop = threading.Event()
    command = serve.Command()

    thread = command.start_worker(stop)

    assert fake_worker.started.wait(10)
    assert "Worker: running" in capsys.readouterr().out
    stop.set()
    thread.join(10)
    assert fake_worker.stopped.is_set() and not thread.is_alive()
