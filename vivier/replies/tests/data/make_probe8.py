"""A ninth held-out set (probe8), scored once before any change.
Run ``python vivier/replies/tests/data/make_probe8.py`` to rewrite ``probe8.jsonl``."""

from _probe import write_probe

SH = ["2026-09-22T10:00:00+02:00", "2026-09-24T16:30:00+02:00"]  # Tuesday 10:00, Thursday 16:30
LONG_FR = ("Madame,\n\nJe fais suite à votre courriel du 14 septembre concernant le poste de responsable de site. "
           "Après mûre réflexion et discussion avec ma famille, je suis au regret de vous informer que je ne souhaite pas "
           "donner une suite favorable à votre proposition. En effet, le poste impliquerait un déménagement dans la région "
           "lyonnaise, ce qui n'est pas envisageable pour nous compte tenu de la scolarité de nos enfants.\n\nJe vous prie "
           "d'agréer, Madame, l'expression de mes salutations distinguées.\n\nPhilippe Garnier")
LONG_EN = ("Dear Ms Patel,\n\nThank you very much for thinking of me for the Regional Director position. I have given it "
           "careful consideration. While the scope is attractive, I must respectfully decline: I joined my current employer "
           "only four months ago and I have made commitments to my team that I intend to honour.\n\nWith kind regards,\n"
           "Dr. Helen Moss")

P = [
    ("fr", "not_interested", "location", None, None, "2026-09-16", None, "RE: Responsable de site", LONG_FR),
    ("en", "not_interested", "timing", None, None, "2026-09-16", None, "RE: Regional Director", LONG_EN),
    ("fr", "interested", None, None, None, "2026-09-16", None, "Re: Poste", "Je suis ok pour en parler, ça tombe au bon moment."),
    ("fr", "interested", None, None, None, "2026-09-16", None, "Re: Poste", "Bonjour, je confirme mon intérêt pour le poste. Je reste à votre disposition pour un entretien."),
    ("fr", "interested", None, None, None, "2026-09-16", None, "Re: Poste", "Vous pouvez me rappeler au 06 55 44 33 22, je suis intéressé."),
    ("en", "interested", None, None, None, "2026-09-16", None, "Re: Role", "Hello, I am interest for this position, please call me."),
    ("en", "interested", None, None, None, "2026-09-16", None, "Re: Role", "Looks good - I'd be happy to take the next step."),
    ("en", "interested", None, None, None, "2026-09-16", None, "Re: Role", "Absolutely, I'm all ears."),
    ("fr", "more_info", None, None, None, "2026-09-16", None, "Re: Poste", "Bonjour, le poste nécessite-t-il de parler anglais couramment ?"),
    ("fr", "more_info", None, None, None, "2026-09-16", None, "Re: Poste", "Je serais curieux de connaître le salaire proposé avant de vous répondre."),
    ("fr", "more_info", None, None, None, "2026-09-16", None, "Re: Poste", "Une question : l'entreprise propose-t-elle une mutuelle et des tickets restaurant ?"),
    ("en", "more_info", None, None, None, "2026-09-16", None, "Re: Role", "Who's the client? Happy to consider it depending on the answer."),
    ("en", "more_info", None, None, None, "2026-09-16", None, "Re: Role", "Please send me more information about the position."),
    ("en", "more_info", None, None, None, "2026-09-16", None, "Re: Role", "Is the salary negotiable, and is there a signing bonus?"),
    ("fr", "not_interested", None, None, None, "2026-09-16", None, "Re: Poste", "Je ne suis pas intéressée, merci de votre compréhension."),
    ("fr", "not_interested", "salary", None, None, "2026-09-16", None, "Re: Poste", "Pour ce salaire-là, je reste chez moi. Non merci."),
    ("fr", "not_interested", "contract", None, None, "2026-09-16", None, "Re: Poste", "De l'intérim ? Très peu pour moi, je veux un CDI."),
    ("fr", "not_interested", "remote", None, None, "2026-09-16", None, "Re: Poste", "Le poste est 100 % sur site, je décline car je suis en full remote depuis trois ans."),
    ("fr", "not_interested", "other", None, None, "2026-09-16", None, "Re: Poste", "Je suis en arrêt longue maladie, je ne peux pas envisager de nouveau poste."),
    ("en", "not_interested", None, None, None, "2026-09-16", None, "Re: Role", "Thanks for the note, but I'm going to say no."),
    ("en", "not_interested", "company", None, None, "2026-09-16", None, "Re: Role", "Not for me - I'm not keen on working for a recruitment agency's client in gambling."),
    ("en", "not_interested", "role", None, None, "2026-09-16", None, "Re: Role", "The role is far too junior for someone with my background. No thanks."),
    ("en", "not_interested", "happy", None, None, "2026-09-16", None, "Re: Role", "I'm really happy at my company right now, so I'll decline."),
    ("fr", "later", None, "2026-12-16", None, "2026-09-16", None, "Re: Poste", "Pas maintenant, mais d'ici trois mois ça pourrait m'intéresser. Relancez-moi."),
    ("fr", "later", None, "2027-01-01", None, "2026-09-16", None, "Re: Poste", "Je préfère attendre janvier, recontactez-moi à ce moment-là."),
    ("en", "later", None, "2026-10-16", None, "2026-09-16", None, "Re: Role", "I'm moving house this month. Could you get back to me in a month?"),
    ("en", "later", None, "2027-01-01", None, "2026-09-16", None, "Re: Role", "Check back with me in January, please."),
    ("fr", "out_of_office", None, "2026-09-28", None, "2026-09-16", None, "Réponse automatique : Poste", "Bonjour,\nJe suis actuellement en congé et serai de retour le 28 septembre.\nBien cordialement"),
    ("en", "out_of_office", None, "2026-09-21", None, "2026-09-16", None, "Automatic reply: Role", "I'm out of office until Sunday 20 September. I'll reply as soon as I can after that."),
    ("fr", "unsubscribe", None, None, None, "2026-09-16", None, "Re: Poste", "Vous m'avez déjà écrit trois fois. Rayez-moi de vos listes."),
    ("en", "unsubscribe", None, None, None, "2026-09-16", None, "Re: Role", "Unsubscribe, thanks."),
    ("en", "unsubscribe", None, None, None, "2026-09-16", None, "STOP", ""),
    ("fr", "referral", None, None, None, "2026-09-16", None, "Re: Poste", "Je transmets votre annonce à ma belle-sœur, infirmière elle aussi, qui cherche un poste de nuit."),
    ("en", "referral", None, None, None, "2026-09-16", None, "Re: Role", "I know just the person for this. Let me check with her and I'll connect you."),
    ("fr", "slot_choice", None, None, 2, "2026-09-16", SH, "Re: Entretien", "Jeudi fin d'après-midi, c'est parfait."),
    ("fr", "slot_choice", None, None, 1, "2026-09-16", SH, "Re: Entretien", "Je valide le premier créneau."),
    ("fr", "slot_choice", None, None, None, "2026-09-16", SH, "Re: Entretien", "Ces créneaux tombent pendant mes heures de travail. Un créneau après 18h serait-il possible ?"),
    ("en", "slot_choice", None, None, 1, "2026-09-16", SH, "Re: Interview", "Tuesday works perfectly."),
    ("en", "slot_choice", None, None, 2, "2026-09-16", SH, "Re: Interview", "4:30pm Thursday is best for me."),
    ("en", "slot_choice", None, None, None, "2026-09-16", SH, "Re: Interview", "I'm afraid I'm travelling both days. Could we find another time?"),
    ("fr", "other", None, None, None, "2026-09-16", None, "Re: Poste", "C'est noté, merci."),
    ("fr", "other", None, None, None, "2026-09-16", None, "Re: Poste", "Vous devez confondre, je n'ai jamais travaillé dans ce domaine."),
    ("en", "other", None, None, None, "2026-09-16", None, "Re: Role", "Thanks for the update."),
    ("en", "other", None, None, None, "2026-09-16", None, "Re: Role", "I never applied for this, how did you find me?"),
]


def main() -> None:
    write_probe("probe8", ({"lang": lang, "received_at": received + "T10:00:00+02:00", "subject": subject, "text": text, "offered_slots": offered, "intent": intent, "reason": reason, "recontact_after": recontact, "chosen_slot": slot}
                              for (lang, intent, reason, recontact, slot, received, offered, subject, text) in P))


if __name__ == "__main__":
    main()
