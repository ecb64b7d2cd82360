#!/usr/bin/env python3
"""Take the README's screenshot: the demo pool list, logged in as ``demo``.

    python scripts/screenshot.py                       # seeds a demo in a temporary folder and serves it
    python scripts/screenshot.py --url http://127.0.0.1:8000   # or use a demo already running

Needs Playwright (requirements-dev.txt) and Debian's Chromium (/usr/bin/chromium, installed by
scripts/test.sh). Re-run it whenever the pages change.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Same flags as the browser tests (conftest.py).
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@contextmanager
def served_demo(candidates: int):
    data_dir = tempfile.mkdtemp(prefix="vivier-screenshot-")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(VIVIER_DATA_DIR=data_dir, PYTHONUNBUFFERED="1", PYTHONPATH=str(REPO))
    vivier = [sys.executable, "-m", "vivier"]
    subprocess.run(
        [*vivier, "demo", "--candidates", str(candidates), "--seed", "2026"], cwd=REPO, env=env, check=True
    )
    process = subprocess.Popen(
        [*vivier, "serve", "--port", "0", "--no-worker"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = None
        for line in process.stdout:
            match = re.search(r"running at (http://\S+?)/\s", line)
            if match:
                url = match.group(1)
                break
        if url is None:
            raise SystemExit("vivier serve did not start")
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(30)
        shutil.rmtree(data_dir, ignore_errors=True)


def take(url: str, output: Path, password: str, chromium: str, language: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(
            base_url=url,
            viewport={"width": 1366, "height": 800},
            device_scale_factor=1,
            locale=f"{language}-FR",
        )
        page = context.new_page()
        page.goto("/accounts/login/")
        page.fill("input[name=username]", "demo" if language == "fr" else "demo-en")
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_url(lambda u: "/accounts/login" not in u)
        page.goto("/pool/")
        page.wait_for_load_state("networkidle")
        output.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(output))
        browser.close()


def main() -> None:
    sys.path.insert(0, str(REPO))
    from vivier.demo import DEMO_PASSWORD

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running Vivier with the demo seeded (default: start one)")
    parser.add_argument("--output", type=Path, default=REPO / "docs" / "screenshot-pool.png")
    parser.add_argument("--password", default=DEMO_PASSWORD)
    parser.add_argument("--language", choices=["fr", "en"], default="fr")
    parser.add_argument("--candidates", type=int, default=3000)
    parser.add_argument(
        "--chromium",
        default=os.environ.get("VIVIER_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium"),
    )
    args = parser.parse_args()
    if args.url:
        take(args.url.rstrip("/"), args.output, args.password, args.chromium, args.language)
    else:
        with served_demo(args.candidates) as url:
            take(url, args.output, args.password, args.chromium, args.language)
    print(f"Screenshot written to {args.output}")


if __name__ == "__main__":
    main()
