"""What a column can mean: the mappable fields, French/English header synonyms, and known export layouts.

Header names of the known exports (written from the vendors' help pages and exports seen in the wild; the
synonyms below also catch variants):

- Lever candidate CSV: ``Name, Email, Phone, Location, Headline, Current Company, Current Title, Links,
  Sources, Origin, Tags, Stage, Posting, Opportunity ID, Contact ID, Applied At (GMT), Created At (GMT),
  Owner``; several emails/links/tags in one cell separated by commas.
- Greenhouse XLS export: ``Candidate ID, First Name, Last Name, Current Company, Current Title, Email,
  Phone, Social Media, Website, Location, Job(s), Source, Who Gets Credit, Recruiter, Applied On, Tags``.
- LinkedIn's ``Connections.csv`` (a member's export of their network): a "Notes:" preamble, then ``First Name,
  Last Name, URL, Email Address, Company, Position, Connected On``;
- LinkedIn Talent Hub / Recruiter ``Candidates.csv``: ``First Name, Last Name, Headline, Location,
  Current Title, Current Company, Email Address, Phone Number, Profile URL, Skills, Source, Job, Notes``;
  multi-valued cells separated by ``;``.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

from vivier.lib.text import fold

# field name -> label shown in the mapping screen. "" (empty mapping) means "not imported".
FIELDS: dict[str, str] = {
    "first_name": _("First name"),
    "last_name": _("Last name"),
    "full_name": _("Full name (split into first and last)"),
    "email": _("Email(s)"),
    "phone": _("Phone(s)"),
    "linkedin": _("LinkedIn URL"),
    "profile_url": _("Other profile URLs (GitHub, portfolio...)"),
    "headline": _("Headline"),
    "current_title": _("Current title"),
    "current_company": _("Current company"),
    "location": _("Location (city, country)"),
    "city": _("City"),
    "country": _("Country"),
    "skills": _("Skills"),
    "job_family": _("Job family"),
    "languages": _("Languages"),
    "interests": _("Interests"),
    "tags": _("Tags"),
    "contract_types": _("Wanted contract types"),
    "remote_preference": _("Remote preference"),
    "open_to_relocation": _("Open to relocation"),
    "max_commute_km": _("Max commute (km)"),
    "salary": _("Salary expectation"),
    "available_from": _("Available from"),
    "notice_period": _("Notice period"),
    "years_experience": _("Years of experience"),
    "seniority": _("Seniority"),
    "preferred_language": _("Message language"),
    "source": _("Source"),
    "origin": _("Origin (applied, sourced, referred...)"),
    "referrer": _("Referred by"),
    "job": _("Job applied to"),
    "external_id": _("ID in the other system"),
    "applied_at": _("Date first seen"),
    "note": _("Notes"),
}

MULTI_VALUED = {
    "email",
    "phone",
    "linkedin",
    "profile_url",
    "skills",
    "job_family",
    "languages",
    "interests",
    "tags",
    "contract_types",
    "source",
}

_SYNONYMS: dict[str, list[str]] = {
    "first_name": [
        "prénom",
        "prenom",
        "first name",
        "firstname",
        "given name",
        "first",
        "prénom du candidat",
    ],
    "last_name": [
        "nom de famille",
        "last name",
        "lastname",
        "surname",
        "family name",
        "last",
        "nom du candidat",
    ],
    "full_name": [
        "nom complet",
        "name",
        "full name",
        "fullname",
        "candidate name",
        "candidate",
        "candidat",
        "nom prénom",
        "nom et prénom",
        "prénom nom",
        "prénom et nom",
        "contact name",
        "identité",
        "nom",
    ],
    "email": [
        "email",
        "e mail",
        "emails",
        "courriel",
        "adresse e mail",
        "adresse email",
        "adresse mail",
        "mail",
        "email address",
        "email addresses",
        "e mail address",
        "contact email",
        "primary email",
        "adresse électronique",
        "mél",
        "mel",
        "personal email",
        "work email",
    ],
    "phone": [
        "téléphone",
        "telephone",
        "tel",
        "tél",
        "portable",
        "mobile",
        "phone",
        "phone number",
        "phone numbers",
        "phones",
        "cell",
        "cellphone",
        "numéro de téléphone",
        "numéro",
        "gsm",
        "téléphone portable",
        "téléphone mobile",
        "mobile phone",
        "work phone",
        "home phone",
    ],
    "linkedin": [
        "linkedin",
        "linkedin url",
        "profil linkedin",
        "linkedin profile",
        "linkedin profile url",
        "profile url",
        "public profile url",
        "url linkedin",
        "lien linkedin",
    ],
    "profile_url": [
        "links",
        "link",
        "liens",
        "lien",
        "website",
        "websites",
        "site web",
        "site",
        "github",
        "portfolio",
        "url",
        "urls",
        "social media",
        "website addresses",
        "social media addresses",
        "réseaux sociaux",
    ],
    "headline": ["headline", "titre du profil", "accroche", "résumé", "summary", "profile headline"],
    "current_title": [
        "poste",
        "intitulé",
        "intitulé de poste",
        "intitulé du poste",
        "poste actuel",
        "titre",
        "current title",
        "title",
        "job title",
        "position",
        "fonction",
        "current position",
        "métier actuel",
        "emploi actuel",
        "current job title",
    ],
    "current_company": [
        "entreprise",
        "société",
        "entreprise actuelle",
        "société actuelle",
        "employeur",
        "employeur actuel",
        "current company",
        "company",
        "org",
        "organization",
        "organisation",
        "employer",
        "current employer",
        "company name",
    ],
    "location": [
        "localisation",
        "location",
        "lieu",
        "adresse",
        "address",
        "lieu de résidence",
        "région",
        "region",
        "zone géographique",
        "current location",
    ],
    "city": ["ville", "city", "town", "commune", "ville de résidence"],
    "country": ["pays", "country", "country code"],
    "skills": [
        "compétences",
        "competences",
        "compétence",
        "skills",
        "skill",
        "technologies",
        "technos",
        "stack",
        "savoir faire",
        "expertises",
        "expertise",
        "mots clés compétences",
    ],
    "job_family": [
        "métier",
        "metier",
        "métiers",
        "famille de métier",
        "famille métier",
        "job family",
        "job families",
        "domaine",
        "filière",
        "secteur",
    ],
    "languages": ["langues", "langue parlées", "langues parlées", "languages", "spoken languages"],
    "interests": ["centres d intérêt", "centres d intérêts", "intérêts", "interests", "hobbies", "loisirs"],
    "tags": ["tags", "tag", "étiquettes", "étiquette", "labels", "mots clés", "keywords"],
    "contract_types": [
        "type de contrat",
        "types de contrat",
        "contrat",
        "contrat souhaité",
        "contract type",
        "contract types",
        "contract",
        "employment type",
        "type d emploi",
    ],
    "remote_preference": [
        "télétravail",
        "teletravail",
        "remote",
        "remote preference",
        "mode de travail",
        "work mode",
        "remote work",
        "travail à distance",
    ],
    "open_to_relocation": [
        "mobilité géographique",
        "mobilité",
        "relocation",
        "open to relocation",
        "prêt à déménager",
        "willing to relocate",
    ],
    "max_commute_km": [
        "distance max",
        "distance maximale",
        "rayon",
        "rayon km",
        "max commute",
        "max commute km",
        "commute km",
    ],
    "salary": [
        "salaire",
        "salaire souhaité",
        "salaire actuel",
        "prétentions salariales",
        "prétentions",
        "rémunération",
        "rémunération souhaitée",
        "salary",
        "salary expectation",
        "expected salary",
        "desired salary",
        "tjm",
        "daily rate",
    ],
    "available_from": [
        "disponibilité",
        "disponibilite",
        "disponible à partir de",
        "disponible le",
        "date de disponibilité",
        "available from",
        "availability",
        "available",
        "start date",
    ],
    "notice_period": ["préavis", "preavis", "notice period", "notice", "délai de préavis"],
    "years_experience": [
        "années d expérience",
        "années expérience",
        "expérience",
        "expérience années",
        "years of experience",
        "experience",
        "years experience",
        "yoe",
    ],
    "seniority": [
        "séniorité",
        "seniorite",
        "niveau",
        "niveau d expérience",
        "seniority",
        "level",
        "experience level",
    ],
    "preferred_language": [
        "langue préférée",
        "langue de contact",
        "langue de communication",
        "preferred language",
        "message language",
        "communication language",
    ],
    "source": [
        "source",
        "sources",
        "canal",
        "canal de sourcing",
        "provenance",
        "source du candidat",
        "candidate source",
    ],
    "origin": ["origin", "origine", "type de source"],
    "referrer": [
        "coopté par",
        "recommandé par",
        "referrer",
        "referred by",
        "who gets credit",
        "parrain",
        "cooptation par",
        "referral",
    ],
    "job": [
        "offre",
        "annonce",
        "poste visé",
        "poste souhaité",
        "candidature",
        "job",
        "jobs",
        "job s",
        "posting",
        "applied to",
        "job name",
        "job applied to",
        "offre d emploi",
        "active project",
        "project",
        "requisition",
    ],
    "external_id": [
        "id",
        "candidate id",
        "opportunity id",
        "contact id",
        "identifiant",
        "référence",
        "reference",
        "ref",
        "id candidat",
        "profile id",
        "application id",
    ],
    "applied_at": [
        "date de candidature",
        "applied at",
        "applied at gmt",
        "application date",
        "applied on",
        "created at",
        "created at gmt",
        "date d ajout",
        "date de création",
        "date",
        "date added",
        "added on",
        "first seen",
    ],
    "note": [
        "notes",
        "note",
        "commentaire",
        "commentaires",
        "comments",
        "comment",
        "feedback",
        "remarques",
        "observations",
    ],
}


def header_key(header: str) -> str:
    """'Adresse e-mail ' -> 'adresse e mail'; accents kept out, punctuation becomes spaces."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(header)).split())


SYNONYMS: dict[str, str] = {}
for _field, _names in _SYNONYMS.items():
    for _name in _names:
        SYNONYMS.setdefault(header_key(_name), _field)

FORMATS = ["auto", "lever", "greenhouse", "linkedin", "generic"]

# Layout-specific readings that differ from the generic synonyms.
_FORMAT_SYNONYMS = {
    "lever": {
        "org": "current_company",
        "links": "profile_url",
        "sources": "source",
        "origin": "origin",
        "posting": "job",
        "opportunity id": "external_id",
        "contact id": "",
        "owner": "",
        "stage": "",
        "applied at gmt": "applied_at",
        "created at gmt": "",
        "location": "location",
    },
    "greenhouse": {
        "candidate id": "external_id",
        "social media": "profile_url",
        "website": "profile_url",
        "job s": "job",
        "jobs": "job",
        "who gets credit": "referrer",
        "recruiter": "",
        "coordinator": "",
        "applied on": "applied_at",
        "application id": "",
    },
    "linkedin": {
        "profile url": "linkedin",
        "active project": "job",
        "notes": "note",
        "feedback": "note",
        # Connections.csv, a member's own export of their network
        "url": "linkedin",
        "position": "current_title",
        "connected on": "",
    },
}
# Cell separators for multi-valued fields, per layout (Lever joins with commas, LinkedIn with ';').
SEPARATORS = {
    "lever": r"[;,\n]",
    "greenhouse": r"[;,\n]",
    "linkedin": r"[;\n]",
    "generic": r"[;\n|]",
}


def detect_format(headers: list[str]) -> str:
    keys = {header_key(h) for h in headers}
    if "opportunity id" in keys or {"origin", "sources", "links"} <= keys or {"origin", "posting"} <= keys:
        return "lever"
    if "candidate id" in keys and keys & {
        "social media",
        "who gets credit",
        "job s",
        "jobs",
        "application id",
        "applied on",
    }:
        return "greenhouse"
    if {"first name", "url", "connected on"} <= keys:  # Connections.csv
        return "linkedin"
    if keys & {"profile url", "public profile url", "linkedin profile url"} and keys & {
        "current company",
        "headline",
        "active project",
        "current title",
        "first name",
    }:
        return "linkedin"
    return "generic"


def guess_mapping(headers: list[str], fmt: str = "generic") -> dict[str, str]:
    """``{header: field}`` for every header; "" where the column is not recognized (kept on the timeline).

    A lone ``Nom`` is the full name, but beside a ``Prénom`` column it is the last name. A field already
    taken by an earlier column is not given twice, except multi-valued fields (two email columns both count).
    """
    specific = _FORMAT_SYNONYMS.get(fmt, {})
    keys = [header_key(h) for h in headers]
    has_first = any(specific.get(k, SYNONYMS.get(k)) == "first_name" for k in keys)
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for header, key in zip(headers, keys, strict=True):
        field = specific[key] if key in specific else SYNONYMS.get(key, "")
        if key == "nom" and has_first:
            field = "last_name"
        if not field and key not in specific and not key.endswith(" id"):
            # "E-mail personnel", "Téléphone (mobile)", "Compétences clés": try the leading words.
            words = key.split()
            for n in range(len(words) - 1, 0, -1):
                field = SYNONYMS.get(" ".join(words[:n]), "")
                if field:
                    break
        if field and field in taken and field not in MULTI_VALUED:
            field = ""
        if field:
            taken.add(field)
        mapping[header] = field
    return mapping


def check_mapping(headers: list[str], mapping: dict[str, str]) -> dict[str, str]:
    """Validate an explicit mapping (``{header: field}``); headers it leaves out keep their guess."""
    unknown_fields = sorted({f for f in mapping.values() if f and f not in FIELDS})
    if unknown_fields:
        raise ValueError(
            f"unknown field(s) in mapping: {', '.join(unknown_fields)}; known fields: {', '.join(FIELDS)}"
        )
    missing = sorted(h for h in mapping if h not in headers)
    if missing:
        raise ValueError(f"mapping names column(s) not in the file: {', '.join(missing)}")
    return mapping
