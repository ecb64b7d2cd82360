"""An eleventh held-out set (probe10), all intents, scored once before any change.
Run ``python vivier/replies/tests/data/make_probe10.py`` to rewrite ``probe10.jsonl``."""

from _probe import write_probe

SI = ["2026-03-24T15:00:00+01:00", "2026-03-26T09:30:00+01:00"]  # Tuesday 15:00, Thursday 9:30
Q = ("\n\nLe 16 mars 2026 à 11:30, Sonia Blanc <sonia@blanc-rh.fr> a écrit :\n> Bonjour,\n> Un poste de chef d'atelier à "
     "Tours pourrait vous correspondre (CDI, 38 K€). Êtes-vous disponible pour en parler ?\n> Sonia")
QE = ("\n\nOn 16 Mar 2026, at 11:30, Sonia Blanc <sonia@blanc-rh.fr> wrote:\n> Hi, would a Workshop Manager role in "
      "Tours (permanent, €38k) interest you?")

P = [
    ("fr", "interested", None, None, None, "2026-03-17", None, "Re: Chef d'atelier", "Bonjour Sonia, oui je suis disponible pour en parler, demain après 16h si possible." + Q),
    ("fr", "interested", None, None, None, "2026-03-17", None, "Re: Chef d'atelier", "Ca m'interesse bcp, je peux passer vous voir quand vous voulez"),
    ("fr", "interested", None, None, None, "2026-03-17", None, "Re: Chef d'atelier", "Pourquoi pas, je suis curieux. Appelez-moi dans la semaine."),
    ("en", "interested", None, None, None, "2026-03-17", None, "Re: Workshop Manager", "Hi Sonia, yes it would. When suits you for a call?" + QE),
    ("en", "interested", None, None, None, "2026-03-17", None, "Re: Workshop Manager", "Interested in principle, let's have a quick chat."),
    ("fr", "more_info", None, None, None, "2026-03-17", None, "Re: Chef d'atelier", "Bonjour, combien de personnes à encadrer et quels horaires ?" + Q),
    ("fr", "more_info", None, None, None, "2026-03-17", None, "Re: Chef d'atelier", "38 K€ brut annuel ou sur 13 mois ? Et il y a des primes ?"),
    ("en", "more_info", None, None, None, "2026-03-17", None, "Re: Workshop Manager", "What sort of workshop is it - automotive, joinery? And how big is the team?" + QE),
    ("en", "more_info", None, None, None, "2026-03-17", None, "Re: Workshop Manager", "Would I need to speak French from day one?"),
    ("fr", "not_interested", None, None, None, "2026-03-17", None, "Re: Chef d'atelier", "Bonjour, je ne suis pas intéressé, bonne continuation." + Q),
    ("fr", "not_interested", "salary", None, None, "2026-03-17", None, "Re: Chef d'atelier", "38 K€ pour un chef d'atelier, c'est trop juste. Je ne donne pas suite."),
    ("fr", "not_interested", "location", None, None, "2026-03-17", None, "Re: Chef d'atelier", "Tours, c'est à 200 km de chez moi. Non merci."),
    ("fr", "not_interested", "role", None, None, "2026-03-17", None, "Re: Chef d'atelier", "Je ne veux pas encadrer, je préfère rester opérateur. Merci quand même."),
    ("fr", "not_interested", "happy", None, None, "2026-03-17", None, "Re: Chef d'atelier", "Je suis très content chez mon patron actuel, merci."),
    ("en", "not_interested", None, None, None, "2026-03-17", None, "Re: Workshop Manager", "Thank you, but I will not be pursuing this." + QE),
    ("en", "not_interested", "contract", None, None, "2026-03-17", None, "Re: Workshop Manager", "I'm self-employed and want to stay that way, so a permanent post isn't for me."),
    ("en", "not_interested", "timing", None, None, "2026-03-17", None, "Re: Workshop Manager", "I'm mid-way through a big contract at my current place and can't leave for at least a year. Sorry."),
    ("fr", "later", None, "2026-09-17", None, "2026-03-17", None, "Re: Chef d'atelier", "Là ce n'est pas possible, mais recontactez-moi dans six mois." + Q),
    ("fr", "later", None, "2026-06-01", None, "2026-03-17", None, "Re: Chef d'atelier", "Je finis un chantier fin mai, on peut en reparler en juin."),
    ("en", "later", None, "2026-07-01", None, "2026-03-17", None, "Re: Workshop Manager", "Could you come back to me in the summer? July would be ideal."),
    ("en", "later", None, None, None, "2026-03-17", None, "Re: Workshop Manager", "Not at this point, but maybe later on."),
    ("fr", "out_of_office", None, "2026-03-30", None, "2026-03-17", None, "Réponse automatique : Chef d'atelier", "Je suis absent jusqu'au 29 mars inclus. Votre message sera traité à mon retour."),
    ("en", "out_of_office", None, "2026-03-23", None, "2026-03-17", None, "Automatic reply: Workshop Manager", "I'm on holiday and back at work on Monday 23 March."),
    ("fr", "unsubscribe", None, None, None, "2026-03-17", None, "Re: Chef d'atelier", "Retirez-moi de vos contacts, merci." + Q),
    ("en", "unsubscribe", None, None, None, "2026-03-17", None, "Re: Workshop Manager", "Please do not contact me again."),
    ("fr", "referral", None, None, None, "2026-03-17", None, "Re: Chef d'atelier", "Pas moi, mais mon collègue Hervé cherche un poste de chef d'atelier sur Tours. Je vous envoie son numéro."),
    ("en", "referral", None, None, None, "2026-03-17", None, "Re: Workshop Manager", "I'm sorted, but my cousin runs a workshop and wants a change - I'll pass this on."),
    ("fr", "slot_choice", None, None, 2, "2026-03-17", SI, "Re: Entretien", "Jeudi 9h30 ça me va très bien."),
    ("fr", "slot_choice", None, None, 1, "2026-03-17", SI, "Re: Entretien", "Je préfère l'après-midi, donc mardi."),
    ("fr", "slot_choice", None, None, None, "2026-03-17", SI, "Re: Entretien", "Ni mardi ni jeudi, je suis en formation. Vendredi possible ?"),
    ("en", "slot_choice", None, None, 2, "2026-03-17", SI, "Re: Interview", "Let's say the 26th at 9:30."),
    ("en", "slot_choice", None, None, 1, "2026-03-17", SI, "Re: Interview", "The earlier one suits me better."),
    ("fr", "other", None, None, None, "2026-03-17", None, "Re: Chef d'atelier", "Merci beaucoup pour votre message !"),
    ("fr", "other", None, None, None, "2026-03-17", None, "Re: Chef d'atelier", "Je crois que vous faites erreur sur la personne."),
    ("en", "other", None, None, None, "2026-03-17", None, "Re: Workshop Manager", "Thanks Sonia."),
]


def main() -> None:
    write_probe("probe10", ({"lang": lang, "received_at": received + "T10:00:00+01:00", "subject": subject, "text": text, "offered_slots": offered, "intent": intent, "reason": reason, "recontact_after": recontact, "chosen_slot": slot}
                              for (lang, intent, reason, recontact, slot, received, offered, subject, text) in P))


if __name__ == "__main__":
    main()
