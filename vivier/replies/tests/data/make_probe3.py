"""A fourth held-out set (probe3): harder phrasings, signatures, footers and quoted threads; scored once
before any change. Run ``python vivier/replies/tests/data/make_probe3.py`` to rewrite ``probe3.jsonl``."""

from _probe import write_probe

SC = ["2026-04-28T09:30:00+02:00", "2026-04-30T14:00:00+02:00"]  # Tuesday 9:30, Thursday 14:00
SIG_FR = "\n\nJean-Marc Leroy\nDirecteur Administratif et Financier\nGroupe Solvia | 12 rue de la Paix, 75002 Paris\nTél. : 06 12 34 56 78"
SIG_EN = "\n\nSarah O'Neill\nHead of Finance | Brightwater Ltd\nM: +44 7700 900777\nwww.brightwater.co.uk"
FOOT = "\n\nCe message et ses pièces jointes sont confidentiels et destinés exclusivement à leur destinataire."
QFR = ("\n\nDe : Claire Dubois <claire@recrut.fr>\nEnvoyé : lundi 20 avril 2026 09:12\nÀ : Jean-Marc Leroy\n"
       "Objet : Poste de DAF\n\nBonjour, seriez-vous intéressé ? Salaire 90 K€, télétravail 2 jours.\n"
       "Pour ne plus recevoir nos offres, répondez STOP.")
QEN = ("\n\nOn Mon, 20 Apr 2026 at 09:12, Claire Dubois <claire@recrut.fr> wrote:\n> Hi Sarah, are you interested?"
       "\n> Salary £95k, hybrid.\n> To unsubscribe, reply STOP.")

P = [
    ("fr", "not_interested", None, None, None, "2026-04-21", None, "RE: Poste de DAF", "Bonjour Claire,\n\nJe vous remercie pour votre proposition mais je ne suis pas intéressé." + SIG_FR + FOOT + QFR),
    ("fr", "interested", None, None, None, "2026-04-21", None, "RE: Poste de DAF", "Bonjour Claire,\n\nVotre proposition tombe à point nommé, je serais heureux d'en discuter." + SIG_FR + QFR),
    ("fr", "more_info", None, None, None, "2026-04-21", None, "RE: Poste de DAF", "Bonjour,\nLe poste est rattaché au DG ou au directeur financier groupe ?" + SIG_FR + QFR),
    ("fr", "not_interested", "salary", None, None, "2026-04-21", None, "RE: Poste de DAF", "Bonjour,\n90 K€ c'est nettement moins que ma rémunération actuelle. Je ne vais pas donner suite." + SIG_FR + QFR),
    ("fr", "later", None, "2027-01-01", None, "2026-04-21", None, "RE: Poste de DAF", "Bonjour,\nPas cette année, mais revenez vers moi après les fêtes." + SIG_FR + QFR),
    ("fr", "unsubscribe", None, None, None, "2026-04-21", None, "RE: Poste de DAF", "Veuillez cesser de m'écrire." + SIG_FR + QFR),
    ("fr", "referral", None, None, None, "2026-04-21", None, "RE: Poste de DAF", "Bonjour,\nJe vous conseille de contacter Pierre Morel, mon ancien adjoint, qui cherche un poste de DAF." + SIG_FR + QFR),
    ("en", "not_interested", None, None, None, "2026-04-21", None, "Re: Head of Finance", "Hi Claire, thanks but I'm not interested." + SIG_EN + QEN),
    ("en", "interested", None, None, None, "2026-04-21", None, "Re: Head of Finance", "Hi Claire, this sounds like a great opportunity and I'd welcome a conversation." + SIG_EN + QEN),
    ("en", "more_info", None, None, None, "2026-04-21", None, "Re: Head of Finance", "Hi Claire, is the role group-level or for one subsidiary?" + SIG_EN + QEN),
    ("en", "not_interested", "remote", None, None, "2026-04-21", None, "Re: Head of Finance", "Hi Claire, I work fully from home now and hybrid isn't something I'd go back to." + SIG_EN + QEN),
    ("en", "later", None, "2026-07-01", None, "2026-04-21", None, "Re: Head of Finance", "Hi Claire, our year-end close runs to the end of June. Reach out in July and I'll happily talk." + SIG_EN + QEN),
    ("en", "unsubscribe", None, None, None, "2026-04-21", None, "Re: Head of Finance", "Please cease contacting me." + SIG_EN + QEN),
    ("en", "referral", None, None, None, "2026-04-21", None, "Re: Head of Finance", "Hi Claire, try my former deputy Ben Hart, he'd be ideal: ben.hart@mail.com" + SIG_EN + QEN),
    ("fr", "out_of_office", None, "2026-05-04", None, "2026-04-21", None, "Réponse automatique : Poste de DAF", "Bonjour,\nJe suis en congés jusqu'au 3 mai. Je prendrai connaissance de votre message à mon retour." + SIG_FR),
    ("en", "out_of_office", None, "2026-04-28", None, "2026-04-21", None, "Automatic reply: Head of Finance", "I'm out of the office, returning Tuesday 28 April." + SIG_EN),
    ("en", "out_of_office", None, "2026-04-27", None, "2026-04-21", None, "Automatic reply: Head of Finance", "Out of office until 26/04. Limited access to emails."),
    ("fr", "out_of_office", None, "2026-05-11", None, "2026-04-21", None, "Réponse automatique", "Absente, retour prévu le 11 mai. Votre message ne sera pas transféré."),
    ("fr", "later", None, "2026-06-21", None, "2026-04-21", None, "Re: Poste", "Je viens de reprendre après un congé, laissez-moi deux mois et relancez-moi."),
    ("fr", "later", None, "2027-01-15", None, "2026-04-21", None, "Re: Poste", "Pas avant mi-janvier, mais ensuite pourquoi pas. Gardez mon CV."),
    ("en", "later", None, "2026-10-21", None, "2026-04-21", None, "Re: Role", "Half a year from now I'd be open to it. Please reach out in 6 months."),
    ("en", "later", None, "2027-01-01", None, "2026-04-21", None, "Re: Role", "Not this year I'm afraid, but early next year could work. Let's stay in touch."),
    ("fr", "interested", None, None, None, "2026-04-21", None, "Re: Poste", "Hello ! Oui je suis toujours à l'écoute, on peut caler un call ?"),
    ("fr", "interested", None, None, None, "2026-04-21", None, "Re: Poste", "Je ne suis pas fermé à l'idée d'en discuter, appelez-moi."),
    ("en", "interested", None, None, None, "2026-04-21", None, "Re: Role", "I'm not looking, but this one is tempting. Call me?"),
    ("en", "interested", None, None, None, "2026-04-21", None, "Re: Role", "Could be a good move for me - let's find time this week."),
    ("fr", "more_info", None, None, None, "2026-04-21", None, "Re: Poste", "Intéressant. Quelle est la part de variable ?"),
    ("fr", "more_info", None, None, None, "2026-04-21", None, "Re: Poste", "Peut-on en savoir plus sur la culture de l'entreprise ?"),
    ("en", "more_info", None, None, None, "2026-04-21", None, "Re: Role", "Curious - what's the team size and who's the hiring manager?"),
    ("en", "more_info", None, None, None, "2026-04-21", None, "Re: Role", "I'd want to know the budget before going further."),
    ("fr", "not_interested", "location", None, None, "2026-04-21", None, "Re: Poste", "Désolé, je ne suis pas mobile géographiquement."),
    ("fr", "not_interested", "timing", None, None, "2026-04-21", None, "Re: Poste", "Merci, mais j'ai un préavis de six mois, votre client ne pourra pas attendre."),
    ("fr", "not_interested", "contract", None, None, "2026-04-21", None, "Re: Poste", "Je ne fais que du portage salarial, un CDI n'est pas envisageable."),
    ("fr", "not_interested", "happy", None, None, "2026-04-21", None, "Re: Poste", "Je suis vraiment bien là où je suis, merci quand même."),
    ("fr", "not_interested", "company", None, None, "2026-04-21", None, "Re: Poste", "Non merci, je ne veux plus travailler pour un grand groupe."),
    ("fr", "not_interested", "role", None, None, "2026-04-21", None, "Re: Poste", "Je suis développeur, pas chef de projet. Non merci."),
    ("en", "not_interested", "salary", None, None, "2026-04-21", None, "Re: Role", "That's a pay cut for me, so I'll pass."),
    ("en", "not_interested", "timing", None, None, "2026-04-21", None, "Re: Role", "I've just accepted an offer elsewhere, so not for me, thanks."),
    ("en", "not_interested", "happy", None, None, "2026-04-21", None, "Re: Role", "I'm really enjoying my current role and not planning to leave."),
    ("en", "not_interested", "location", None, None, "2026-04-21", None, "Re: Role", "I can't relocate for family reasons - the location rules it out."),
    ("en", "not_interested", "contract", None, None, "2026-04-21", None, "Re: Role", "I'm after a permanent position, a temp contract isn't for me."),
    ("fr", "unsubscribe", None, None, None, "2026-04-21", None, "Re: Poste", "Je ne veux plus être sollicité, merci de me sortir de votre base."),
    ("en", "unsubscribe", None, None, None, "2026-04-21", None, "Re: Role", "This is spam. Remove my address now."),
    ("fr", "referral", None, None, None, "2026-04-21", None, "Re: Poste", "Ce n'est plus d'actualité pour moi, mais une de mes collègues serait intéressée, je lui transmets."),
    ("en", "referral", None, None, None, "2026-04-21", None, "Re: Role", "My sister is a nurse and looking for a new job, can I give her your number?"),
    ("fr", "slot_choice", None, None, 1, "2026-04-22", SC, "Re: Entretien", "Mardi 9h30 parfait."),
    ("fr", "slot_choice", None, None, 2, "2026-04-22", SC, "Re: Entretien", "Plutôt jeudi après-midi pour moi."),
    ("fr", "slot_choice", None, None, 2, "2026-04-22", SC, "Re: Entretien", "14h c'est mieux."),
    ("fr", "slot_choice", None, None, None, "2026-04-22", SC, "Re: Entretien", "Je suis en déplacement toute la semaine, peut-on voir la semaine suivante ?"),
    ("en", "slot_choice", None, None, 1, "2026-04-22", SC, "Re: Interview", "9:30 on Tuesday works."),
    ("en", "slot_choice", None, None, 2, "2026-04-22", SC, "Re: Interview", "Thursday please."),
    ("en", "slot_choice", None, None, 2, "2026-04-22", SC, "Re: Interview", "I'm busy Tuesday morning, so the 30th would be better."),
    ("en", "slot_choice", None, None, None, "2026-04-22", SC, "Re: Interview", "Neither of those suits, could we try early May?"),
    ("fr", "other", None, None, None, "2026-04-21", None, "Re: Poste", "Merci pour l'information, bonne journée à vous."),
    ("fr", "other", None, None, None, "2026-04-21", None, "Re: Poste", "Je ne comprends pas votre message."),
    ("en", "other", None, None, None, "2026-04-21", None, "Re: Role", "Much appreciated, have a great weekend."),
    ("en", "other", None, None, None, "2026-04-21", None, "Re: Role", "Hi, I don't think we've met?"),
]


def main() -> None:
    write_probe("probe3", ({"lang": lang, "received_at": received + "T10:00:00+02:00", "subject": subject, "text": text, "offered_slots": offered, "intent": intent, "reason": reason, "recontact_after": recontact, "chosen_slot": slot}
                              for (lang, intent, reason, recontact, slot, received, offered, subject, text) in P))


if __name__ == "__main__":
    main()
