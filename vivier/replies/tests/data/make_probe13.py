"""A fourteenth held-out set (probe13), all intents, realistic bodies; scored once before any change.
Run ``python vivier/replies/tests/data/make_probe13.py`` to rewrite ``probe13.jsonl``."""

from _probe import write_probe

SL = ["2026-06-30T10:00:00+02:00", "2026-07-02T15:00:00+02:00"]  # Tuesday 10:00, Thursday 15:00
GQ = ("\n\nLe lun. 22 juin 2026 à 10:02, Marc Henry <marc@henry-talents.fr> a écrit :\n> Bonjour,\n> Je vous contacte pour "
      "un poste de contrôleur de gestion à Lille (CDI, 50 K€, 2 j de télétravail).\n> Marc")
OQ = ("\n\nDe : Marc Henry <marc@henry-talents.fr>\nEnvoyé : lundi 22 juin 2026 10:02\nÀ : Claire\nObjet : Contrôleur de "
      "gestion - Lille\n\nBonjour, seriez-vous ouverte à un échange ?")
EQ = ("\n\nOn Mon, Jun 22, 2026 at 10:02 AM Marc Henry <marc@henry-talents.fr> wrote:\n> Hi, I'm hiring a Financial "
      "Controller in Lille (permanent, €50k, 2 remote days). Open to a chat?")

P = [
    ("fr", "interested", None, None, None, None, "Re: Contrôleur de gestion", "Bonjour Marc,\n\nMerci pour votre message. Le poste m'intéresse, je suis disponible jeudi pour un premier échange.\n\nBien cordialement,\nClaire Morin\nContrôleuse de gestion\n06 11 22 33 44" + OQ),
    ("fr", "interested", None, None, None, None, "Re: Contrôleur de gestion", "oui dac pour un appel, dites moi quand" + GQ),
    ("en", "interested", None, None, None, None, "Re: Financial Controller", "Hi Marc, yes, happy to have a chat - does Wednesday at 2 work?" + EQ),
    ("en", "interested", None, None, None, None, "Re: Financial Controller", "I'm keen to hear more. Please give me a ring."),
    ("fr", "more_info", None, None, None, None, "Re: Contrôleur de gestion", "Bonjour, le poste est-il rattaché au DAF ? Et quel ERP est utilisé ?" + OQ),
    ("fr", "more_info", None, None, None, None, "Re: Contrôleur de gestion", "Les 50 K€ incluent-ils le variable ?" + GQ),
    ("en", "more_info", None, None, None, None, "Re: Financial Controller", "Could you clarify if the salary is negotiable? And which sector?" + EQ),
    ("en", "more_info", None, None, None, None, "Re: Financial Controller", "What are the prospects for progression?"),
    ("fr", "not_interested", None, None, None, None, "Re: Contrôleur de gestion", "Bonjour Marc,\nJe ne suis pas intéressée, merci.\nClaire" + OQ),
    ("fr", "not_interested", "remote", None, None, None, "Re: Contrôleur de gestion", "2 jours de télétravail, c'est insuffisant pour moi. Je passe mon tour." + GQ),
    ("fr", "not_interested", "salary", None, None, None, "Re: Contrôleur de gestion", "50 K€ c'est moins que mon salaire actuel, donc non."),
    ("fr", "not_interested", "location", None, None, None, "Re: Contrôleur de gestion", "Lille est trop loin de Rennes, je ne déménagerai pas."),
    ("en", "not_interested", "happy", None, None, None, "Re: Financial Controller", "Thanks Marc, but I'm happy where I am for now." + EQ),
    ("en", "not_interested", "role", None, None, None, "Re: Financial Controller", "I've moved into FP&A leadership and don't want a controllership role again."),
    ("en", "not_interested", None, None, None, None, "Re: Financial Controller", "No thank you."),
    ("fr", "later", None, "2026-09-01", None, None, "Re: Contrôleur de gestion", "Bonjour, pas avant septembre pour moi, recontactez-moi à la rentrée." + OQ),
    ("fr", "later", None, "2026-12-23", None, None, "Re: Contrôleur de gestion", "Je ne peux pas bouger tout de suite. Relancez-moi dans 6 mois."),
    ("en", "later", None, "2027-01-01", None, None, "Re: Financial Controller", "Not right now, but feel free to reach out in the new year." + EQ),
    ("en", "later", None, None, None, None, "Re: Financial Controller", "Maybe later - I'll let you know if things change."),
    ("fr", "out_of_office", None, "2026-07-06", None, None, "Réponse automatique : Contrôleur de gestion", "Bonjour,\nJe suis absente du bureau jusqu'au 3 juillet. Je vous répondrai à mon retour le 6 juillet."),
    ("en", "out_of_office", None, "2026-06-30", None, None, "Automatic reply: Financial Controller", "Thanks for your email. I'm out until Monday 29 June with no access to email."),
    ("fr", "unsubscribe", None, None, None, None, "Re: Contrôleur de gestion", "Merci de supprimer mes coordonnées de vos fichiers." + GQ),
    ("en", "unsubscribe", None, None, None, None, "Re: Financial Controller", "Please stop emailing me and delete my data."),
    ("fr", "referral", None, None, None, None, "Re: Contrôleur de gestion", "Je suis bien en poste, mais mon ancienne collègue Sarah cherche exactement ça. Je lui transmets ton mail." + GQ),
    ("en", "referral", None, None, None, None, "Re: Financial Controller", "Not for me, but you should speak to my friend Olivia - she's a controller in Lille and looking."),
    ("fr", "slot_choice", None, None, 1, SL, "Re: Entretien", "Bonjour, mardi 10h me convient. Merci !"),
    ("fr", "slot_choice", None, None, 2, SL, "Re: Entretien", "Jeudi à 15h, ce sera parfait."),
    ("fr", "slot_choice", None, None, None, SL, "Re: Entretien", "Malheureusement je suis en congés cette semaine-là. Serait-il possible de décaler ?"),
    ("en", "slot_choice", None, None, 2, SL, "Re: Interview", "Thursday at 3pm please."),
    ("en", "slot_choice", None, None, 1, SL, "Re: Interview", "Tuesday morning, thank you."),
    ("fr", "other", None, None, None, None, "Re: Contrôleur de gestion", "Merci pour votre mail, bonne journée."),
    ("fr", "other", None, None, None, None, "Re: Contrôleur de gestion", "Vous vous êtes trompé de Claire, je suis infirmière."),
    ("en", "other", None, None, None, None, "Re: Financial Controller", "Thanks for the message."),
]


def main() -> None:
    write_probe("probe13", ({"lang": lang, "received_at": "2026-06-23T10:00:00+02:00", "subject": subject, "text": text, "offered_slots": offered, "intent": intent, "reason": reason, "recontact_after": recontact, "chosen_slot": slot}
                              for (lang, intent, reason, recontact, slot, offered, subject, text) in P))


if __name__ == "__main__":
    main()
