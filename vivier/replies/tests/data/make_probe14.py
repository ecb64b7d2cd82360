"""A fifteenth held-out set (probe14), scored once before any change.
Run ``python vivier/replies/tests/data/make_probe14.py`` to rewrite ``probe14.jsonl``."""

from _probe import write_probe

SM = ["2026-04-13T13:00:00+01:00", "2026-04-14T10:00:00+01:00"]  # Monday 13:00, Tuesday 10:00 (London)

P = [
    (
        "en",
        "interested",
        None,
        None,
        None,
        None,
        "Cheers for this - it does sound like my kind of thing. Free Thursday after lunch if you want a chat.",
    ),
    ("en", "interested", None, None, None, None, "Go on then, tell me more on a call."),
    (
        "en",
        "interested",
        None,
        None,
        None,
        None,
        "Yes please! I've been hoping something like this would come up.",
    ),
    (
        "fr",
        "interested",
        None,
        None,
        None,
        None,
        "Madame, je vous remercie pour votre sollicitation et vous confirme mon intérêt. Je me tiens à votre disposition pour un entretien.",
    ),
    ("fr", "interested", None, None, None, None, "Chaud ! On s'appelle quand tu veux."),
    (
        "en",
        "more_info",
        None,
        None,
        None,
        None,
        "Cheers - what kind of budget are they working with for this?",
    ),
    ("en", "more_info", None, None, None, None, "Is it Monday to Friday, or are weekends involved?"),
    (
        "fr",
        "more_info",
        None,
        None,
        None,
        None,
        "Bonjour, pourriez-vous m'en dire un peu plus sur l'entreprise ?",
    ),
    ("fr", "more_info", None, None, None, None, "Le poste est à pourvoir quand ?"),
    ("en", "not_interested", None, None, None, None, "Ta, but not for me."),
    (
        "en",
        "not_interested",
        "location",
        None,
        None,
        None,
        "Cheers but Birmingham's a bit far for me these days.",
    ),
    (
        "en",
        "not_interested",
        "salary",
        None,
        None,
        None,
        "That's less than I'm on now, so I'll give it a miss.",
    ),
    (
        "en",
        "not_interested",
        "contract",
        None,
        None,
        None,
        "Zero-hours contracts aren't something I'll consider, sorry.",
    ),
    (
        "en",
        "not_interested",
        "happy",
        None,
        None,
        None,
        "I'm very settled in my current team, thanks for asking though.",
    ),
    (
        "fr",
        "not_interested",
        None,
        None,
        None,
        None,
        "Merci de votre proposition, à laquelle je ne donnerai pas suite.",
    ),
    (
        "fr",
        "not_interested",
        "remote",
        None,
        None,
        None,
        "Pas de télétravail du tout ? Je ne suis pas preneur.",
    ),
    ("fr", "not_interested", "company", None, None, None, "Je ne veux pas retourner dans une ESN, merci."),
    ("en", "later", "2026-06-01", None, None, None, "Bit busy at the moment, drop me a line in June?"),
    ("en", "later", None, None, None, None, "Not now but keep me posted on similar roles."),
    (
        "fr",
        "later",
        "2026-05-06",
        None,
        None,
        None,
        "Je suis sur un gros dossier, relancez-moi dans un mois.",
    ),
    (
        "en",
        "out_of_office",
        "2026-04-20",
        None,
        None,
        "Automatic reply: Opportunity",
        "I'm currently on annual leave, returning on Monday 20th April. I'll have limited access to email.",
    ),
    (
        "fr",
        "out_of_office",
        "2026-04-13",
        None,
        None,
        "Réponse automatique : Opportunité",
        "Absente jusqu'au dimanche 12 avril inclus.",
    ),
    ("en", "unsubscribe", None, None, None, None, "Not interested. Unsubscribe me please."),
    ("en", "unsubscribe", None, None, None, None, "Please don't send me any more of these."),
    (
        "fr",
        "unsubscribe",
        None,
        None,
        None,
        None,
        "Je n'ai jamais accepté d'être contacté, supprimez mes données.",
    ),
    (
        "en",
        "referral",
        None,
        None,
        None,
        None,
        "I'm not looking but my husband is - he's a mechanic. Can I give him your number?",
    ),
    (
        "fr",
        "referral",
        None,
        None,
        None,
        None,
        "Ce poste conviendrait davantage à mon associé, je vous mets en copie.",
    ),
    ("en", "slot_choice", None, 1, SM, None, "Monday at 1 is good."),
    ("en", "slot_choice", None, 2, SM, None, "Tuesday morning would be better for me."),
    (
        "en",
        "slot_choice",
        None,
        None,
        SM,
        None,
        "Can't do either of those I'm afraid - what about later in the week?",
    ),
    ("fr", "slot_choice", None, 2, SM, None, "Le mardi me convient mieux."),
    ("en", "other", None, None, None, None, "Cheers."),
    ("en", "other", None, None, None, None, "Hi, did you mean to send this to me?"),
    ("fr", "other", None, None, None, None, "Merci, je vais y réfléchir."),
]


def main() -> None:
    def records():
        for lang, intent, third, slot, offered, subject, text in P:
            # the third field is the decline reason for "not_interested", the date for "later"/"out_of_office"
            reason = third if intent == "not_interested" else None
            recontact = third if intent in ("later", "out_of_office") else None
            yield {
                "lang": lang,
                "received_at": "2026-04-06T10:00:00+01:00",
                "subject": subject or "Re: Opportunity",
                "text": text,
                "offered_slots": offered,
                "intent": intent,
                "reason": reason,
                "recontact_after": recontact,
                "chosen_slot": slot,
            }

    write_probe("probe14", records())


if __name__ == "__main__":
    main()
