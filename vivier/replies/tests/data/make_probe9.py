"""A tenth held-out set (probe9), mostly explained declines and unclear replies, scored once before any change.
Run ``python vivier/replies/tests/data/make_probe9.py`` to rewrite ``probe9.jsonl``."""

from _probe import write_probe

P = [
    ("fr", "not_interested", "salary", "Je suis à 48 K€ brut, passer à 42 ce n'est pas sérieux. Je décline."),
    (
        "fr",
        "not_interested",
        "salary",
        "Merci, mais le package proposé ne me permet pas de quitter mon poste actuel.",
    ),
    (
        "fr",
        "not_interested",
        "location",
        "Je ne souhaite pas quitter la Normandie, donc ce poste à Marseille n'est pas pour moi.",
    ),
    ("fr", "not_interested", "location", "Le site est à 70 km, sans transports en commun. Je passe."),
    (
        "fr",
        "not_interested",
        "timing",
        "Je suis en période d'essai jusqu'en mars, je ne peux pas me permettre de partir.",
    ),
    ("fr", "not_interested", "timing", "Je viens de signer ailleurs la semaine dernière, donc non merci."),
    (
        "fr",
        "not_interested",
        "role",
        "C'est un poste de technicien, je suis ingénieur depuis 10 ans. Ça ne colle pas.",
    ),
    ("fr", "not_interested", "role", "Je ne veux plus faire de terrain, je cherche un poste sédentaire."),
    ("fr", "not_interested", "company", "Je ne souhaite pas rejoindre un cabinet de recrutement, merci."),
    (
        "fr",
        "not_interested",
        "company",
        "Une multinationale, non, je préfère les structures à taille humaine.",
    ),
    (
        "fr",
        "not_interested",
        "contract",
        "Je suis fonctionnaire et je ne quitterai pas mon statut pour un CDD.",
    ),
    (
        "fr",
        "not_interested",
        "contract",
        "Je cherche un poste à mi-temps, le temps plein n'est pas possible pour moi.",
    ),
    (
        "fr",
        "not_interested",
        "remote",
        "Le télétravail est indispensable pour moi, or le poste est en présentiel. Non merci.",
    ),
    (
        "fr",
        "not_interested",
        "happy",
        "Je me plais énormément dans mon entreprise actuelle, je ne bougerai pas.",
    ),
    ("fr", "not_interested", "happy", "Franchement je suis bien où je suis, je ne cherche pas à changer."),
    ("fr", "not_interested", "other", "Je pars en tour du monde pendant un an, je ne cherche pas de poste."),
    ("fr", "not_interested", None, "Non, merci, ça ne m'intéresse pas."),
    ("en", "not_interested", "salary", "I'd be taking a £10k hit, so that's a no from me."),
    ("en", "not_interested", "salary", "The day rate is well below what I charge. Thanks, but no."),
    ("en", "not_interested", "location", "I'm based in Leeds and won't commute to Manchester every day."),
    ("en", "not_interested", "location", "Relocating abroad isn't an option for my family right now."),
    (
        "en",
        "not_interested",
        "timing",
        "I've got a 3-month notice period and they want someone next month, so it won't work.",
    ),
    ("en", "not_interested", "timing", "I only started here six weeks ago; it wouldn't be right to leave."),
    ("en", "not_interested", "role", "I'm an engineer, not a salesperson - pre-sales isn't for me."),
    ("en", "not_interested", "role", "I've no desire to manage a team again, I want to stay technical."),
    ("en", "not_interested", "company", "I don't want to work for an oil company. Thanks anyway."),
    ("en", "not_interested", "company", "That firm has a terrible reputation, I'll pass."),
    (
        "en",
        "not_interested",
        "contract",
        "I'm looking for permanent employment only, not an interim assignment.",
    ),
    (
        "en",
        "not_interested",
        "remote",
        "I need a remote-first company, and this is office-based. Not interested.",
    ),
    ("en", "not_interested", "happy", "I'm genuinely happy in my role and have no plans to leave."),
    ("en", "not_interested", "other", "I'm pregnant and due in two months, so I won't be changing jobs."),
    ("en", "not_interested", None, "Thanks, but I'm not interested in this one."),
    ("fr", "other", None, "Ok merci pour l'info."),
    ("fr", "other", None, "Pourquoi vous m'écrivez ?"),
    ("fr", "other", None, "Madame Petit est partie en retraite, elle n'est plus joignable à cette adresse."),
    ("en", "other", None, "Noted with thanks."),
    ("en", "other", None, "Sorry, I'm not sure who you are."),
    ("en", "other", None, "Please note Mr Evans retired last year."),
]


def main() -> None:
    write_probe(
        "probe9",
        (
            {
                "lang": lang,
                "received_at": "2026-01-20T10:00:00+01:00",
                "subject": "Re: Opportunité",
                "text": text,
                "offered_slots": None,
                "intent": intent,
                "reason": reason,
                "recontact_after": None,
                "chosen_slot": None,
            }
            for (lang, intent, reason, text) in P
        ),
    )


if __name__ == "__main__":
    main()
