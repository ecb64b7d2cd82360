"""A thirteenth held-out set (probe12): the blurry borders (yes/more info, later/no, referral/no, other),
scored once before any change. Run ``python vivier/replies/tests/data/make_probe12.py`` to rewrite ``probe12.jsonl``."""

from _probe import write_probe

P = [
    ("fr", "interested", None, None, "Oui, je suis partant. Je vous laisse me proposer un horaire."),
    ("fr", "interested", None, None, "Ça m'intéresse. Vous m'appelez ou je vous appelle ?"),
    ("fr", "interested", None, None, "Je suis en veille active, donc oui, discutons-en."),
    ("fr", "interested", None, None, "Pourquoi pas, envoyez-moi une invitation pour un visio."),
    ("en", "interested", None, None, "Sure - what time works for you tomorrow?"),
    ("en", "interested", None, None, "I'd be open to a conversation. Let me know some times."),
    ("en", "interested", None, None, "Yep, interested. Speak soon."),
    (
        "fr",
        "more_info",
        None,
        None,
        "Ça pourrait m'intéresser, mais j'ai besoin de savoir si le poste est en CDI.",
    ),
    ("fr", "more_info", None, None, "Avant tout appel, pouvez-vous me préciser la rémunération ?"),
    ("fr", "more_info", None, None, "Je ne dis pas non, mais où se trouvent les bureaux exactement ?"),
    ("en", "more_info", None, None, "Possibly interested - can you tell me the company name first?"),
    ("en", "more_info", None, None, "Before I commit to a call, what's the salary range?"),
    ("en", "more_info", None, None, "Interesting. How much travel does it involve?"),
    ("fr", "not_interested", "happy", None, "Je préfère rester où je suis, merci."),
    ("fr", "not_interested", None, None, "Non merci, pas pour le moment et pas pour ce type de poste."),
    ("fr", "not_interested", None, None, "Je vais devoir refuser, merci pour la proposition."),
    ("en", "not_interested", None, None, "I'm going to have to turn this down, thanks."),
    ("en", "not_interested", None, None, "Not interested now or in the future, thanks."),
    ("en", "not_interested", "happy", None, "Thanks, but I'll stay where I am."),
    ("fr", "later", None, "2026-07-01", "Pas tout de suite, mais cet été je serai plus disponible."),
    (
        "fr",
        "later",
        None,
        None,
        "Je ne suis pas prêt à bouger maintenant, mais n'hésitez pas à revenir vers moi.",
    ),
    ("fr", "later", None, "2026-04-01", "Pas pour le moment. En avril, pourquoi pas."),
    ("en", "later", None, "2027-01-01", "I can't move this year, but next year I'd love to hear from you."),
    ("en", "later", None, None, "Wrong moment, but do get back in touch later."),
    ("en", "later", None, "2026-03-23", "Can we revisit in a couple of weeks?"),
    ("fr", "referral", None, None, "Pas pour moi, mais demandez à Marc Dupuis, il cherche justement."),
    ("fr", "referral", None, None, "J'ai fait suivre à une amie, elle vous contactera si ça l'intéresse."),
    ("en", "referral", None, None, "No - but my flatmate would jump at this. Shall I send her your details?"),
    ("en", "referral", None, None, "I'm not the right fit, but I've forwarded your email to someone who is."),
    ("fr", "other", None, None, "Bonjour, est-ce que vous avez reçu mon CV envoyé la semaine dernière ?"),
    ("fr", "other", None, None, "Merci à vous."),
    (
        "fr",
        "other",
        None,
        None,
        "Je ne travaille plus dans cette entreprise depuis deux ans, merci de mettre à jour.",
    ),
    ("en", "other", None, None, "Cheers, received."),
    ("en", "other", None, None, "Sorry, this isn't me - you've got the wrong Sam."),
    ("en", "other", None, None, "Can you resend the attachment? It didn't come through."),
    ("fr", "unsubscribe", None, None, "Je vous prie de ne plus m'importuner."),
    ("en", "unsubscribe", None, None, "Take my name off whatever list this is."),
]


def main() -> None:
    write_probe(
        "probe12",
        (
            {
                "lang": lang,
                "received_at": "2026-03-09T10:00:00+01:00",
                "subject": "Re: Opportunité",
                "text": text,
                "offered_slots": None,
                "intent": intent,
                "reason": reason,
                "recontact_after": recontact,
                "chosen_slot": None,
            }
            for (lang, intent, reason, recontact, text) in P
        ),
    )


if __name__ == "__main__":
    main()
