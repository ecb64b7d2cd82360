"""Vivier's mail parsing beside the open-source peers, on the public corpora of the repository.

    python bench/parsing.py [--peers-python /tmp/peers-venv/bin/python] [--only vivier,talon,...]

Corpora (vivier/replies/tests/fixtures/corpus/, see its README): trimming.jsonl (what the person wrote, against
the expected visible text) and bounces.jsonl (delivery failures and messages that are not).

Measured for each reader: exact trims, empty texts where the person wrote something, bounces recognised,
non-bounces wrongly called bounces, recipient right, permanent/transient right, and messages per second
in-process (parsing time only, one core).

The peers are never Vivier dependencies. Install them in a throwaway virtualenv:

    python3 -m venv /tmp/peers-venv
    /tmp/peers-venv/bin/pip install talon email-reply-parser mail-parser-reply flufl.bounce

Each peer then runs in that interpreter through a small driver (a subprocess); a peer that is not installed
there is skipped with this line.
"""

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

CORPUS = REPO / "vivier" / "replies" / "tests" / "fixtures" / "corpus"
INSTALL = "python3 -m venv /tmp/peers-venv && /tmp/peers-venv/bin/pip install talon email-reply-parser mail-parser-reply flufl.bounce"
PEERS = {
    "talon": ("trim", "talon"),
    "email-reply-parser": ("trim", "email_reply_parser"),
    "mail-parser-reply": ("trim", "mailparser_reply"),
    "flufl.bounce": ("bounce", "flufl.bounce"),
}

# Runs inside the peers' interpreter: reads {"peer", "items"} on stdin, prints {"results", "seconds"}.
DRIVER = r"""
import email, json, sys, time
job = json.load(sys.stdin)
peer, items = job["peer"], job["items"]
results = []
if peer == "talon":
    from talon import quotations
    from talon.signature.bruteforce import extract_signature
    def run(raw):
        text = quotations.extract_from_plain(raw)
        return extract_signature(text)[0]
elif peer == "email-reply-parser":
    from email_reply_parser import EmailReplyParser
    run = EmailReplyParser.parse_reply
elif peer == "mail-parser-reply":
    from mailparser_reply import EmailReplyParser
    from mailparser_reply.constants import MAIL_LANGUAGES
    parser = EmailReplyParser(languages=[l for l in MAIL_LANGUAGES if l != "david"])
    def run(raw):
        return parser.parse_reply(text=raw)
elif peer == "flufl.bounce":
    from flufl.bounce import all_failures
    def run(path):
        with open(path, "rb") as fh:
            msg = email.message_from_binary_file(fh)
        temporary, permanent = all_failures(msg)
        dec = lambda s: sorted(a.decode("utf-8", "replace") if isinstance(a, bytes) else str(a) for a in s)
        return {"temporary": dec(temporary), "permanent": dec(permanent)}
seconds = 0.0
for item in items:
    started = time.process_time()
    try:
        out = run(item)
    except Exception as exc:
        out = {"error": f"{type(exc).__name__}: {exc}"}
    seconds += time.process_time() - started
    results.append(out)
print(json.dumps({"results": results, "seconds": seconds}))
"""


def normalize(text: str) -> str:
    lines = [line.rstrip() for line in (text or "").replace("\r\n", "\n").strip().split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def load(name: str) -> list[dict]:
    with open(CORPUS / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def run_peer(python: str, peer: str, module: str, items: list) -> dict | None:
    probe = subprocess.run([python, "-c", f"import {module}"], capture_output=True, text=True)
    if probe.returncode != 0:
        print(f"  {peer}: not installed in {python}, skipped. Install: {INSTALL}")
        return None
    done = subprocess.run(
        [python, "-c", DRIVER],
        input=json.dumps({"peer": peer, "items": items}),
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        print(f"  {peer}: driver failed: {done.stderr.strip()[-300:]}")
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- trimming -----------------------------------------------------------------------------------------


def score_trims(cases: list[dict], outputs: list) -> dict:
    exact = empty = 0
    misses = []
    for case, out in zip(cases, outputs, strict=True):
        got = normalize(out if isinstance(out, str) else "")
        ok = {normalize(case["expected"]), *(normalize(a) for a in case.get("also_ok", []))}
        if got in ok:
            exact += 1
        else:
            misses.append(case["id"])
        if not got and normalize(case["expected"]):
            empty += 1
    return {"exact": exact, "n": len(cases), "empty": empty, "misses": misses}


def vivier_trims(cases: list[dict]) -> tuple[list[str], float]:
    from vivier.lib.mailparse import visible_text

    outputs, seconds = [], 0.0
    for case in cases:
        started = time.process_time()
        outputs.append(visible_text(case["raw"]))
        seconds += time.process_time() - started
    return outputs, seconds


# -- bounces ------------------------------------------------------------------------------------------


def score_bounces(rows: list[dict], verdicts: list[dict]) -> dict:
    """verdicts: {"bounce": bool, "recipients": [...], "permanent": bool | None, "auto_reply": bool}."""
    bounces = [(r, v) for r, v in zip(rows, verdicts, strict=True) if r["is_bounce"]]
    others = [(r, v) for r, v in zip(rows, verdicts, strict=True) if not r["is_bounce"]]
    recognised = [(r, v) for r, v in bounces if v["bounce"]]
    with_rcpt = [(r, v) for r, v in bounces if r["recipients"]]
    rcpt_right = sum(
        1
        for r, v in with_rcpt
        if v["bounce"] and {a.lower() for a in v["recipients"]} & {a.lower() for a in r["recipients"]}
    )
    perm_right = sum(1 for r, v in recognised if v["permanent"] == r["permanent"])
    transient = [(r, v) for r, v in bounces if not r["permanent"]]
    return {
        "recognised": len(recognised),
        "bounces": len(bounces),
        "false_bounces": sum(1 for _, v in others if v["bounce"]),
        "others": len(others),
        "recipient_right": rcpt_right,
        "with_recipient": len(with_rcpt),
        "permanence_right": perm_right,
        "transient_right": sum(1 for r, v in transient if v["bounce"] and v["permanent"] is False),
        "transient": len(transient),
        "called_auto_reply": sum(1 for _, v in bounces if v.get("auto_reply")),
        "missed": [r["id"] for r, v in bounces if not v["bounce"]],
        "wrong_recipient": [
            r["id"]
            for r, v in with_rcpt
            if v["bounce"]
            and not ({a.lower() for a in v["recipients"]} & {a.lower() for a in r["recipients"]})
        ],
    }


def vivier_bounces(rows: list[dict]) -> tuple[list[dict], float]:
    from vivier.lib.mailparse import MailParseError, parse_message

    verdicts, seconds = [], 0.0
    for row in rows:
        raw = (CORPUS / "bounces" / row["file"]).read_bytes()
        started = time.process_time()
        try:
            parsed = parse_message(raw)
        except MailParseError:
            parsed = None
        seconds += time.process_time() - started
        if parsed is None or parsed.bounce is None:
            verdicts.append(
                {
                    "bounce": False,
                    "recipients": [],
                    "permanent": None,
                    "auto_reply": bool(parsed and parsed.kind == "auto_reply"),
                }
            )
        else:
            b = parsed.bounce
            verdicts.append(
                {
                    "bounce": True,
                    "recipients": [b.recipient] if b.recipient else [],
                    "permanent": b.permanent,
                    "auto_reply": False,
                }
            )
    return verdicts, seconds


def flufl_verdicts(results: list[dict]) -> list[dict]:
    verdicts = []
    for res in results:
        if "error" in res:
            verdicts.append({"bounce": False, "recipients": [], "permanent": None})
            continue
        temporary, permanent = res["temporary"], res["permanent"]
        verdicts.append(
            {
                "bounce": bool(temporary or permanent),
                "recipients": permanent + temporary,
                "permanent": bool(permanent) if (temporary or permanent) else None,
            }
        )
    return verdicts


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--peers-python",
        default="/tmp/peers-venv/bin/python",
        help=f"the interpreter where the peers are installed ({INSTALL})",
    )
    parser.add_argument("--only", help="comma-separated readers: vivier," + ",".join(PEERS))
    parser.add_argument("--misses", action="store_true", help="list the ids each reader gets wrong")
    args = parser.parse_args()
    wanted = set(args.only.split(",")) if args.only else {"vivier", *PEERS}
    unknown = wanted - {"vivier", *PEERS}
    if unknown:
        parser.error(f"unknown reader(s) {sorted(unknown)}; choose among vivier, {', '.join(PEERS)}")
    peers_python = args.peers_python if Path(args.peers_python).exists() else None

    trims, bounce_rows = load("trimming.jsonl"), load("bounces.jsonl")
    print(f"trimming corpus: {len(trims)} cases; bounce corpus: {len(bounce_rows)} messages")

    print("\n== Trimming (exact = the expected visible text, or it with the sign-off kept)")
    print(f"{'reader':22} {'exact':>9} {'empty':>6} {'msg/s':>9}")
    for name in ["vivier", *[p for p, (kind, _) in PEERS.items() if kind == "trim"]]:
        if name not in wanted:
            continue
        if name == "vivier":
            outputs, seconds = vivier_trims(trims)
        else:
            if peers_python is None:
                print(f"  {name}: no peers interpreter at {args.peers_python}, skipped. Install: {INSTALL}")
                continue
            got = run_peer(peers_python, name, PEERS[name][1], [c["raw"] for c in trims])
            if got is None:
                continue
            outputs, seconds = got["results"], got["seconds"]
        s = score_trims(trims, outputs)
        rate = len(trims) / seconds if seconds else float("inf")
        print(f"{name:22} {s['exact']:>4}/{s['n']:<4} {s['empty']:>6} {rate:>9.0f}")
        if args.misses:
            print(f"  misses: {' '.join(s['misses'])}")

    print("\n== Bounces")
    header = f"{'reader':14} {'recognised':>11} {'false+':>7} {'recipient':>10} {'perm/trans':>11} {'transient':>10} {'as auto':>8} {'msg/s':>8}"
    print(header)
    for name in ["vivier", "flufl.bounce"]:
        if name not in wanted:
            continue
        if name == "vivier":
            verdicts, seconds = vivier_bounces(bounce_rows)
        else:
            if peers_python is None:
                print(f"  {name}: no peers interpreter at {args.peers_python}, skipped. Install: {INSTALL}")
                continue
            paths = [str(CORPUS / "bounces" / r["file"]) for r in bounce_rows]
            got = run_peer(peers_python, name, PEERS[name][1], paths)
            if got is None:
                continue
            verdicts, seconds = flufl_verdicts(got["results"]), got["seconds"]
        s = score_bounces(bounce_rows, verdicts)
        rate = len(bounce_rows) / seconds if seconds else float("inf")
        auto = str(s["called_auto_reply"]) if name == "vivier" else "-"
        print(
            f"{name:14} {s['recognised']:>5}/{s['bounces']:<5} {s['false_bounces']:>3}/{s['others']:<3} "
            f"{s['recipient_right']:>4}/{s['with_recipient']:<5} {s['permanence_right']:>5}/{s['recognised']:<5} "
            f"{s['transient_right']:>4}/{s['transient']:<5} {auto:>8} {rate:>8.0f}"
        )
        if args.misses:
            print(f"  missed: {' '.join(s['missed'])}")
            print(f"  wrong recipient: {' '.join(s['wrong_recipient'])}")
    print(
        "\nrecipient: right among bounces with a readable address; perm/trans: right among the bounces recognised;"
        "\ntransient: delay warnings read as transient; as auto: bounces called automatic replies."
    )


if __name__ == "__main__":
    main()
