"""Fill a .po file's empty msgstr from a Python dict of translations (used to maintain the French catalog).

Usage: python scripts/po_fill.py vivier/locale/fr/LC_MESSAGES/django.po translations.py
The translations module defines FR = {msgid: msgstr} and PLURALS = {msgid: (singular, plural)}.
Prints the msgids still untranslated.
"""

import ast
import runpy
import sys


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main(po_path: str, table_path: str) -> int:
    table = runpy.run_path(table_path)
    fr, plurals = table.get("FR", {}), table.get("PLURALS", {})
    blocks = open(po_path, encoding="utf-8").read().split("\n\n")
    missing = []
    out = []
    for block in blocks:
        lines = block.split("\n")
        msgid, key, current = {}, None, []
        for line in lines:
            if line.startswith(("msgid ", "msgid_plural ", "msgstr ", "msgstr[")):
                if key:
                    msgid[key] = "".join(ast.literal_eval(part) for part in current)
                key, rest = line.split(" ", 1)
                current = [rest]
            elif line.startswith('"') and key:
                current.append(line)
        if key:
            msgid[key] = "".join(ast.literal_eval(part) for part in current)
        source = msgid.get("msgid")
        if not source:
            out.append(block)
            continue
        head = [line for line in lines if line.startswith("#")]
        body = [f"msgid {_quote(source)}"]
        if "msgid_plural" in msgid:
            body.append(f"msgid_plural {_quote(msgid['msgid_plural'])}")
            one, many = plurals.get(source, ("", ""))
            if not one:
                missing.append(source)
            body += [f"msgstr[0] {_quote(one)}", f"msgstr[1] {_quote(many)}"]
        else:
            text = fr.get(source, msgid.get("msgstr", ""))
            if not text:
                missing.append(source)
            body.append(f"msgstr {_quote(text)}")
        out.append("\n".join(head + body))
    open(po_path, "w", encoding="utf-8").write("\n\n".join(out).rstrip("\n") + "\n")
    for source in missing:
        print("untranslated:", source)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
