"""A fifth held-out set (probe4), scored once before any change.
Run ``python vivier/replies/tests/data/make_probe4.py`` to rewrite ``probe4.jsonl``."""

from _probe import write_probe

SD = ["2026-12-01T10:00:00+01:00", "2026-12-03T15:00:00+01:00"]  # Tuesday 10:00, Thursday 15:00
APPLE = ("\n\n> Le 20 nov. 2026 à 17:40, Hugo Martin <hugo@talentia.fr> a écrit :\n>\n> Bonjour, le poste de responsable "
         "logistique à Rouen vous intéresse-t-il ?")

P = [
    ("fr", "interested", None, None, None, "2026-11-23", None, "Re: Poste", "Bonjour Hugo,\nAvec grand plaisir. Mes disponibilités : mercredi toute la journée.\nBien cordialement,\nLéa Blanc" + APPLE),
    ("fr", "interested", None, None, None, "2026-11-23", None, "Re: Poste", "Je suis à l'écoute du marché et votre offre me semble très intéressante."),
    ("fr", "interested", None, None, None, "2026-11-23", None, "Re: Poste", "Go pour un échange !"),
    ("en", "interested", None, None, None, "2026-11-23", None, "Re: Role", "Thanks for getting in touch. I'd be keen to find out more on a call - what's your availability?"),
    ("en", "interested", None, None, None, "2026-11-23", None, "Re: Role", "Hey, happy to hear more. Best number is 07700 900888."),
    ("en", "interested", None, None, None, "2026-11-23", None, "Re: Role", "Yes - I've applied to similar roles recently so the timing is perfect."),
    ("fr", "more_info", None, None, None, "2026-11-23", None, "Re: Poste", "Bonjour, s'agit-il d'un poste cadre ? Et quel est le rythme des déplacements ?" + APPLE),
    ("fr", "more_info", None, None, None, "2026-11-23", None, "Re: Poste", "Merci. J'aurais besoin de connaître le niveau de salaire et le type de contrat."),
    ("fr", "more_info", None, None, None, "2026-11-23", None, "Re: Poste", "Peut-être, vous pouvez m'envoyer la description du poste ?"),
    ("en", "more_info", None, None, None, "2026-11-23", None, "Re: Role", "Hi, is visa sponsorship available for this position?"),
    ("en", "more_info", None, None, None, "2026-11-23", None, "Re: Role", "Tell me more - what's the tech stack and team structure?"),
    ("en", "more_info", None, None, None, "2026-11-23", None, "Re: Role", "Depends on the money. What's the range?"),
    ("fr", "not_interested", None, None, None, "2026-11-23", None, "Re: Poste", "Bonjour,\nJe décline votre proposition, merci.\nLéa" + APPLE),
    ("fr", "not_interested", None, None, None, "2026-11-23", None, "Re: Poste", "Sans façon, merci."),
    ("fr", "not_interested", "salary", None, None, "2026-11-23", None, "Re: Poste", "Le salaire ne suit pas, je reste où je suis pour l'instant. Non merci."),
    ("fr", "not_interested", "location", None, None, "2026-11-23", None, "Re: Poste", "Rouen, c'est trop loin pour moi, je n'envisage pas de déménager."),
    ("fr", "not_interested", "role", None, None, "2026-11-23", None, "Re: Poste", "Ce poste est trop opérationnel pour mon profil, je cherche un poste plus stratégique. Je passe."),
    ("fr", "not_interested", "company", None, None, "2026-11-23", None, "Re: Poste", "Je préfère éviter ce secteur, ce n'est pas pour moi."),
    ("fr", "not_interested", "remote", None, None, "2026-11-23", None, "Re: Poste", "Il me faut au moins trois jours de télétravail, sinon ce n'est pas envisageable."),
    ("en", "not_interested", None, None, None, "2026-11-23", None, "Re: Role", "I'm afraid I'm not interested at this stage."),
    ("en", "not_interested", "timing", None, None, "2026-11-23", None, "Re: Role", "I'm about to go on maternity leave, so I can't consider a new job. Thank you."),
    ("en", "not_interested", "role", None, None, "2026-11-23", None, "Re: Role", "I'm a backend developer; a frontend role really isn't my thing. No thanks."),
    ("en", "not_interested", "company", None, None, "2026-11-23", None, "Re: Role", "I've no interest in working for another startup, thanks."),
    ("en", "not_interested", "happy", None, None, "2026-11-23", None, "Re: Role", "Flattered, but I'm very happy at my company. I'll pass."),
    ("en", "not_interested", "salary", None, None, "2026-11-23", None, "Re: Role", "The salary is too low for the responsibilities involved. Not for me."),
    ("fr", "later", None, "2027-03-23", None, "2026-11-23", None, "Re: Poste", "Pas pour le moment, contactez-moi de nouveau dans 4 mois."),
    ("fr", "later", None, "2027-01-01", None, "2026-11-23", None, "Re: Poste", "Je ne peux rien faire avant la fin de l'année. On en reparle en janvier."),
    ("fr", "later", None, "2027-01-01", None, "2026-11-23", None, "Re: Poste", "Courant 2027 pourquoi pas, là c'est trop tôt."),
    ("en", "later", None, "2027-02-23", None, "2026-11-23", None, "Re: Role", "Not right now, maybe in a few months? Let's say three."),
    ("en", "later", None, "2027-01-01", None, "2026-11-23", None, "Re: Role", "After the holidays would suit me better - drop me a line then."),
    ("en", "later", None, None, None, "2026-11-23", None, "Re: Role", "I'm not ready to move yet, but please stay in touch."),
    ("fr", "out_of_office", None, "2026-12-07", None, "2026-11-23", None, "Réponse automatique : Poste", "Bonjour, je suis absent du 23/11 au 06/12. Je traiterai votre message à mon retour."),
    ("fr", "out_of_office", None, "2026-11-30", None, "2026-11-23", None, "Réponse automatique : Poste", "En congés toute la semaine, je reviens lundi prochain."),
    ("en", "out_of_office", None, "2026-12-01", None, "2026-11-23", None, "Automatic reply: Role", "I'm away until the 30th with no email access."),
    ("en", "out_of_office", None, "2027-01-04", None, "2026-11-23", None, "Automatic reply: Role", "I'm on leave, back in the office on 4 January 2027."),
    ("fr", "unsubscribe", None, None, None, "2026-11-23", None, "Re: Poste", "Pour la dernière fois : je ne veux plus recevoir vos mails." + APPLE),
    ("fr", "unsubscribe", None, None, None, "2026-11-23", None, "Re: Poste", "Effacez mes coordonnées, merci."),
    ("en", "unsubscribe", None, None, None, "2026-11-23", None, "Re: Role", "Please stop messaging me about jobs."),
    ("en", "unsubscribe", None, None, None, "2026-11-23", None, "Re: Role", "Delete my CV from your database."),
    ("fr", "referral", None, None, None, "2026-11-23", None, "Re: Poste", "Ça ne me concerne plus, mais une amie responsable logistique pourrait être partante. Je lui passe le message."),
    ("en", "referral", None, None, None, "2026-11-23", None, "Re: Role", "Not me, but a mate of mine is looking - I'll send him your way."),
    ("en", "referral", None, None, None, "2026-11-23", None, "Re: Role", "I'm not looking but I've cc'd Anna who might be."),
    ("fr", "slot_choice", None, None, 1, "2026-11-24", SD, "Re: Entretien", "Le mardi 1er décembre à 10h me va."),
    ("fr", "slot_choice", None, None, 2, "2026-11-24", SD, "Re: Entretien", "Jeudi 15h, parfait pour moi."),
    ("fr", "slot_choice", None, None, 2, "2026-11-24", SD, "Re: Entretien", "Le 2e créneau svp."),
    ("fr", "slot_choice", None, None, None, "2026-11-24", SD, "Re: Entretien", "Je ne suis pas disponible à ces dates, pouvons-nous trouver un autre moment ?"),
    ("en", "slot_choice", None, None, 1, "2026-11-24", SD, "Re: Interview", "Tuesday 10am works for me, thanks."),
    ("en", "slot_choice", None, None, 2, "2026-11-24", SD, "Re: Interview", "I'll go with Thursday."),
    ("en", "slot_choice", None, None, None, "2026-11-24", SD, "Re: Interview", "Could we move it to the week after? Both days are packed."),
    ("fr", "other", None, None, None, "2026-11-23", None, "Re: Poste", "Reçu 5/5, merci."),
    ("fr", "other", None, None, None, "2026-11-23", None, "Re: Poste", "Je pense qu'il y a confusion, je ne travaille pas dans la logistique."),
    ("en", "other", None, None, None, "2026-11-23", None, "Re: Role", "Thanks for letting me know."),
    ("en", "other", None, None, None, "2026-11-23", None, "Re: Role", "Hello? What is this about?"),
]


def main() -> None:
    write_probe("probe4", ({"lang": lang, "received_at": received + "T10:00:00+01:00", "subject": subject, "text": text, "offered_slots": offered, "intent": intent, "reason": reason, "recontact_after": recontact, "chosen_slot": slot}
                              for (lang, intent, reason, recontact, slot, received, offered, subject, text) in P))


if __name__ == "__main__":
    main()
