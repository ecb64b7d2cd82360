"""Benchmark ``vivier import``: rows per second and peak memory, on SQLite and PostgreSQL.

    python bench/import.py                       # 1,000,000 rows, SQLite and PostgreSQL
    python bench/import.py --rows 100000 --db sqlite
    python bench/import.py --pg-url postgres://postgres@127.0.0.1:5432/vivier_pool_bench

The generated CSV is messy on purpose: French and English names with accents, ';'-separated, phones
written six ways (06 12.., +33 6.., 0033.., dotted, UK numbers), emails in mixed case with stray spaces,
LinkedIn URLs with and without scheme/country subdomain/trailing slash, ~12% of rows repeating an earlier
person (by email, phone or LinkedIn URL only, often with a new title or a second email), ~1% bad rows (no
identity, malformed email alone, too many columns), quoted multi-line notes. Each import runs in a fresh
database as a child process (``python -m vivier import FILE --json``, exactly what a user runs) and its
peak RSS is read with ``resource.getrusage(RUSAGE_CHILDREN)`` in a small wrapper process.
Targets: >= 20,000 rows/s on SQLite; peak memory that does not grow with the file (compare --rows).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FIRST_FR = (
    "Hélène Élodie Zoé Chloé Léa Manon Camille Inès Sarah Jade Louise Emma Lucie Anaïs Maëlle Océane Margaux "
    "Clémence Noémie Amélie Aurélie Céline Sophie Nathalie Isabelle Sandrine Valérie Véronique Christine "
    "Françoise Brigitte Mathilde Pauline Juliette Agathe Capucine Solène Gaëlle Laëtitia Stéphanie Hugo "
    "Lucas Théo Nathan Louis Gabriel Raphaël Arthur Jules Léo Mathéo Enzo Clément Maxime Thomas Nicolas "
    "Julien Sébastien Jérôme Frédéric Stéphane Christophe Olivier Laurent Pierre-Yves Jean-Marc Benoît "
    "Grégoire Hervé Loïc Yannick Gaël Mickaël Rémi Aurélien Valentin Antoine Baptiste Étienne Florian "
    "Quentin Romain Kévin Mehdi Karim Yasmine Fatima Nadia Samir Rachid Amina Moussa Aïcha Ngoc Minh"
).split()
FIRST_EN = (
    "James Oliver Harry Jack George Noah Charlie Jacob Alfie Freddie Olivia Amelia Isla Ava Emily Sophia "
    "Grace Lily Mia Poppy William Daniel Matthew Ryan Megan Hannah Jessica Rebecca Laura Siobhan Aoife "
    "Connor Liam Sean Niamh Priya Rahul Anil Deepa Chen Wei"
).split()
LAST_REAL = (
    "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefèbvre Michel "
    "Garcia David Bertrand Roux Vincent Fournier Morel Girard André Lefèvre Mercier Dupont Lambert "
    "Bonnet François Martinez Legrand Garnier Faure Rousseau Blanc Guérin Muller Henry Roussel Nicolas "
    "Perrin Morin Mathieu Clément Gauthier Dumont Lopez Fontaine Chevalier Robin Masson Sanchez Gérard "
    "Nguyen Boyer Denis Lemaire Duval Joly Gautier Roger Roche Roy Noël Meyer Lucas Meunier Jean Pérez "
    "Marchand Dufour Blanchard Marie Barbier Brun Dumas Brunet Schmitt Leroux Colin Fernandez Pierre "
    "Renard Arnaud Rolland Caron Aubert Giraud Leclerc Vidal Bourgeois Renaud Lemoine Picard Gaillard "
    "Philippe Leclercq Lacroix Fabre Dupuis Olivier Rodriguez Da Silva Hubert Louis Charles Guillot "
    "Rivière Le Gall Guillaume Adam Rey Moulin Gonzalez Berger Lecomte Ménard Fleury Deschamps Carpentier "
    "Julien Benoît Paris Maillard Marchal Aubry Vasseur Le Roux Renault Jacquet Collet Prévost Poirier "
    "Charpentier Royer Huet Baron Dupuy Pons Paul Laine Carré Breton Rémy Schneider Perrot Guyot Barré "
    "Marty Cousin Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans "
    "Walker White Roberts Green Hall Wood Jackson Clarke O'Brien Murphy Kelly Byrne Ryan Patel Singh"
).split()
PREFIXES = (
    "Le La De Du Des Van Ber Bou Char Dela Fon Gar Lam Mar Mon Per Roch Saint Val Vil Beau Belle Bon".split()
)
SUFFIXES = (
    "nard mont ville court lieu champ fort val bois mare pré roux brun vert lac noy rive chêne fosse "
    "garde mas pierre tour bert rand aud et ot ier eau in"
).split()
CITIES = (
    "Paris Lyon Marseille Toulouse Nice Nantes Strasbourg Montpellier Bordeaux Lille Rennes Reims Toulon "
    "Grenoble Dijon Angers Nîmes Villeurbanne Clermont-Ferrand Le Mans Aix-en-Provence Brest Tours Amiens "
    "Limoges Annecy Perpignan Metz Besançon Orléans Rouen Mulhouse Caen Nancy Saint-Étienne Argenteuil "
    "Montreuil Roubaix Tourcoing Avignon Poitiers Pau Calais La Rochelle Colmar Valence Quimper Lorient "
    "Bayonne Chambéry London Manchester Bristol Dublin Brussels Genève Lausanne Luxembourg"
).split()
TITLES = (
    "Infirmière;Infirmier de bloc;Aide-soignante;Technicien de maintenance;Technicienne SAV;Commercial B2B;"
    "Chargée de recrutement;Développeur Python;Développeuse Full-Stack;Data Engineer;Chef de projet;"
    "Responsable logistique;Cariste;Préparateur de commandes;Comptable;Contrôleur de gestion;"
    "Assistante de direction;Electricien;Plombier chauffagiste;Soudeur;Conducteur de ligne;Chef de rayon;"
    "Software Engineer;Product Manager;Sales Executive;Nurse;Warehouse Operative;HR Business Partner;"
    "DevOps Engineer;UX Designer;Acheteur;Juriste;Pharmacien;Kinésithérapeute;Boulanger"
).split(";")
COMPANIES = (
    "CHU de Lyon;AP-HP;Clinique Pasteur;Schneider Electric;Thales;Airbus;Decathlon;Leroy Merlin;"
    "Carrefour;Auchan;Orange;SNCF;La Poste;Capgemini;Sopra Steria;Doctolib;BlaBlaCar;Alan;Qonto;"
    "Michelin;Renault;Stellantis;Veolia;Suez;Vinci;Bouygues;Eiffage;Geodis;Kuehne+Nagel;DHL;Amazon;"
    "Ubisoft;Criteo;Dassault Systèmes;Safran;L'Oréal;Danone;Lactalis;Bonduelle;Korian;Orpea;Ramsay Santé;"
    "Barclays;HSBC;Deliveroo;Monzo;BBC;NHS;Tesco;Accenture;Atos;Manpower;Adecco;Randstad"
).split(";")
SKILLS = (
    "python;django;sql;excel;sap;caces 3;caces 5;permis b;anglais;soins palliatifs;urgences;bloc opératoire;"
    "électricité;habilitation électrique;soudure tig;gestion de projet;management;négociation;prospection;"
    "salesforce;react;typescript;kubernetes;aws;docker;figma;comptabilité;paie;droit social;logistique;"
    "wms;lean;six sigma;autocad;solidworks;java;go;rust;terraform;pharmacie;kiné;boulangerie"
).split(";")
SOURCES = ["Indeed", "LinkedIn", "Welcome to the Jungle", "Cooptation", "Site carrière", "Salon", "APEC", ""]
DOMAINS = [
    "gmail.com",
    "yahoo.fr",
    "hotmail.fr",
    "orange.fr",
    "free.fr",
    "outlook.com",
    "laposte.net",
    "sfr.fr",
    "icloud.com",
    "proton.me",
]
HEADER = [
    "Prénom",
    "Nom",
    "E-mail",
    "Téléphone",
    "Ville",
    "Poste",
    "Entreprise",
    "Compétences",
    "LinkedIn",
    "Source",
    "Date de candidature",
    "Commentaire",
]


def _ascii(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def _phone(rng: random.Random, n: int, english: bool) -> tuple[str, str]:
    if english:
        digits = f"7{700000000 + n % 99999999:09d}"[:10]
        return f"+44 {digits[:4]} {digits[4:]}", f"0{digits}"
    digits = f"{rng.choice('67')}{n % 100000000:08d}"
    pretty = " ".join(digits[i : i + 2] for i in range(1, 9, 2))
    forms = [
        f"0{digits[0]} {pretty}",
        f"0{digits}",
        f"+33 {digits[0]} {pretty}",
        f"+33{digits}",
        f"0{digits[0]}.{pretty.replace(' ', '.')}",
        f"0033 {digits[0]} {pretty}",
    ]
    return rng.choice(forms), rng.choice(forms)


def _person(rng: random.Random, n: int) -> dict:
    english = rng.random() < 0.08
    first = rng.choice(FIRST_EN if english else FIRST_FR)
    if rng.random() < 0.55:
        last = rng.choice(PREFIXES) + rng.choice(SUFFIXES)
    else:
        last = rng.choice(LAST_REAL)
    email_user = f"{_ascii(first)}.{_ascii(last).replace(' ', '').replace(chr(39), '')}{n}"
    phone, phone_alt = _phone(rng, n * 7919 + 13, english)
    slug = f"{_ascii(first)}-{_ascii(last).replace(' ', '-')}-{n:x}"
    return {
        "first": first,
        "last": last,
        "email": f"{email_user}@{rng.choice(DOMAINS)}",
        "phone": phone,
        "phone_alt": phone_alt,
        "linkedin": slug,
        "city": rng.choice(CITIES),
        "title": rng.choice(TITLES),
        "company": rng.choice(COMPANIES),
    }


def generate(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    people: list[dict] = []
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADER)
        for i in range(rows):
            roll = rng.random()
            if roll < 0.004:
                writer.writerow(
                    [
                        rng.choice(FIRST_FR),
                        rng.choice(LAST_REAL),
                        "",
                        "",
                        rng.choice(CITIES),
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                    ]
                )  # no identity at all
                continue
            if roll < 0.007:
                writer.writerow(
                    [
                        rng.choice(FIRST_FR),
                        rng.choice(LAST_REAL),
                        "prenom.nom@@exemple",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                    ]
                )  # malformed email alone
                continue
            if roll < 0.01:
                writer.writerow(
                    [
                        "Trop",
                        "De;Colonnes",
                        "x@example.fr",
                        "0601020304",
                        "Paris",
                        "a",
                        "b",
                        "c",
                        "d",
                        "e",
                        "f",
                        "g",
                        "h;i",
                    ]
                )  # an unquoted delimiter
                continue
            if people and roll < 0.13:
                p = rng.choice(people)  # the same person again, known by one identity only
                how = rng.random()
                email = phone = linkedin = ""
                if how < 0.5:
                    email = f"  {p['email'].upper()} " if rng.random() < 0.3 else p["email"]
                    if rng.random() < 0.3:
                        email += f"; {_ascii(p['first'])}.pro{i}@{rng.choice(COMPANIES)[:5].lower().replace(' ', '')}.fr"
                elif how < 0.8:
                    phone = p["phone_alt"]
                else:
                    linkedin = f"http://fr.linkedin.com/in/{p['linkedin'].upper()}/?trk=x"
                title = rng.choice(TITLES) if rng.random() < 0.4 else p["title"]
                writer.writerow(
                    [
                        p["first"],
                        p["last"].upper(),
                        email,
                        phone,
                        p["city"],
                        title,
                        p["company"],
                        ", ".join(rng.sample(SKILLS, 2)),
                        linkedin,
                        rng.choice(SOURCES),
                        "",
                        "",
                    ]
                )
                continue
            p = _person(rng, i)
            if len(people) < 50000:
                people.append(p)
            elif rng.random() < 0.05:
                people[rng.randrange(len(people))] = p
            linkedin = ""
            if rng.random() < 0.5:
                linkedin = rng.choice(
                    [
                        f"https://www.linkedin.com/in/{p['linkedin']}",
                        f"linkedin.com/in/{p['linkedin']}/",
                        f"www.linkedin.com/in/{p['linkedin']}",
                    ]
                )
            note = "" if rng.random() < 0.97 else "Vu au salon.\nRappeler en septembre; très motivée"
            writer.writerow(
                [
                    p["first"],
                    p["last"],
                    p["email"],
                    p["phone"] if rng.random() < 0.85 else "",
                    p["city"],
                    p["title"],
                    p["company"],
                    ", ".join(rng.sample(SKILLS, rng.randint(1, 4))),
                    linkedin,
                    rng.choice(SOURCES),
                    f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/20{rng.randint(15, 25)}",
                    note,
                ]
            )


WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.run(sys.argv[1:], capture_output=True, text=True)
elapsed = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": proc.returncode, "seconds": elapsed, "stdout": proc.stdout,
                  "cpu_seconds": usage.ru_utime + usage.ru_stime,
                  "stderr": proc.stderr[-4000:],
                  "max_rss_kb": usage.ru_maxrss}))
"""


def run_import(path: Path, env: dict) -> dict:
    subprocess.run([sys.executable, "-m", "vivier", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    out = subprocess.run(
        [sys.executable, "-c", WRAPPER, sys.executable, "-m", "vivier", "import", str(path), "--json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(out.stdout)
    if result["rc"] != 0:
        raise SystemExit(f"import failed: {result['stderr']}")
    report = json.loads(result["stdout"])
    result["report"] = {k: v for k, v in report.items() if k != "errors"}
    result["report"]["errors"] = len(report["errors"])
    return result


def _pg_reset(url: str) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("VIVIER_BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/vivier_pool_bench"),
    )
    parser.add_argument("--csv", type=Path, help="reuse this generated file (written there if missing)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="vivier-bench-"))
    csv_path = args.csv or work / f"pool-{args.rows}.csv"
    if not csv_path.exists():
        started = time.perf_counter()
        generate(csv_path, args.rows)
        print(
            f"generated {args.rows:,} rows ({csv_path.stat().st_size / 1e6:.0f} MB) in "
            f"{time.perf_counter() - started:.1f}s",
            flush=True,
        )
    targets = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    try:
        for target in targets:
            env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
            env["VIVIER_DATA_DIR"] = str(work / f"data-{target}")
            if target == "postgres":
                _pg_reset(args.pg_url)
                env["DATABASE_URL"] = args.pg_url
            result = run_import(csv_path, env)
            rows = result["report"]["rows"]
            print(
                f"{target:8s}: {rows:,} rows in {result['seconds']:.1f}s wall = {rows / result['seconds']:,.0f} "
                f"rows/s; {result['cpu_seconds']:.1f}s CPU = {rows / result['cpu_seconds']:,.0f} rows/CPU-s; "
                f"peak RSS {result['max_rss_kb'] / 1024:.0f} MB; load average {os.getloadavg()[0]:.1f}; "
                f"report {json.dumps(result['report'])}",
                flush=True,
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
