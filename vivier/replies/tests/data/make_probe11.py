"""A twelfth held-out set (probe11): dates and slots, scored once before any change.
Run ``python vivier/replies/tests/data/make_probe11.py`` to rewrite ``probe11.jsonl``."""

from _probe import write_probe

SJ = ["2026-10-13T09:00:00+02:00", "2026-10-15T14:00:00+02:00"]  # Tuesday 9:00, Thursday 14:00
SK = ["2026-12-28T10:00:00+01:00", "2027-01-05T11:30:00+01:00"]  # Monday 28 Dec 10:00, Tuesday 5 Jan 11:30
OOO_FR = "Réponse automatique : Opportunité"
OOO_EN = "Automatic reply: Opportunity"

P = [
    # (lang, intent, recontact, slot, received, slots, subject, text)
    ("fr", "out_of_office", "2026-10-26", None, "2026-10-07", None, OOO_FR, "Je suis absente du 5 au 23 octobre. Retour le lundi 26 octobre."),
    ("fr", "out_of_office", "2026-10-12", None, "2026-10-07", None, OOO_FR, "En déplacement jusqu'à vendredi, de retour lundi."),
    ("fr", "out_of_office", "2026-11-03", None, "2026-10-07", None, OOO_FR, "Je suis en congé maternité jusqu'au 2 novembre inclus."),
    ("fr", "out_of_office", "2027-01-04", None, "2026-12-18", None, OOO_FR, "Fermeture de fin d'année : je serai de retour le 4 janvier."),
    ("en", "out_of_office", "2026-10-19", None, "2026-10-07", None, OOO_EN, "I'm away until 18th October and will reply on my return."),
    ("en", "out_of_office", "2026-11-02", None, "2026-10-07", None, OOO_EN, "On leave for the rest of October; back in the office on November 2nd."),
    ("en", "out_of_office", "2026-10-08", None, "2026-10-07", None, OOO_EN, "Out today, back tomorrow."),
    ("en", "out_of_office", "2027-01-05", None, "2026-12-22", None, OOO_EN, "Closed for the holidays, returning Jan 5."),
    ("fr", "later", "2027-04-07", None, "2026-10-07", None, "Re: Poste", "Recontactez-moi dans six mois, s'il vous plaît."),
    ("fr", "later", "2027-01-01", None, "2026-10-07", None, "Re: Poste", "Pas avant l'an prochain, relancez-moi en janvier."),
    ("fr", "later", "2026-11-15", None, "2026-10-07", None, "Re: Poste", "Relancez-moi mi-novembre, j'aurai fini mon projet."),
    ("fr", "later", "2027-02-01", None, "2026-10-07", None, "Re: Poste", "Je ne suis pas disponible avant février, recontactez-moi à ce moment-là."),
    ("fr", "later", "2026-12-07", None, "2026-10-07", None, "Re: Poste", "Je serai plus disponible d'ici deux mois, recontactez-moi."),
    ("en", "later", "2027-01-07", None, "2026-10-07", None, "Re: Role", "Reach out again in three months please."),
    ("en", "later", "2027-04-01", None, "2026-10-07", None, "Re: Role", "Maybe in Q2 next year - ping me then."),
    ("en", "later", "2026-12-01", None, "2026-10-07", None, "Re: Role", "I'm busy until the end of November, let's talk after that."),
    ("en", "later", "2027-09-01", None, "2026-10-07", None, "Re: Role", "Not this year. After next summer I might be open to it - check back then."),
    ("fr", "slot_choice", None, 1, "2026-10-07", SJ, "Re: Entretien", "Mardi 9h, parfait."),
    ("fr", "slot_choice", None, 2, "2026-10-07", SJ, "Re: Entretien", "Je prends le créneau de 14h."),
    ("fr", "slot_choice", None, 2, "2026-10-07", SJ, "Re: Entretien", "Le 15, c'est mieux pour moi."),
    ("fr", "slot_choice", None, 1, "2026-10-07", SJ, "Re: Entretien", "Plutôt le matin."),
    ("fr", "slot_choice", None, None, "2026-10-07", SJ, "Re: Entretien", "Aucun ne me convient, je suis en congés cette semaine-là."),
    ("en", "slot_choice", None, 2, "2026-10-07", SJ, "Re: Interview", "2pm Thursday please."),
    ("en", "slot_choice", None, 1, "2026-10-07", SJ, "Re: Interview", "The 13th at 9 works."),
    ("en", "slot_choice", None, 2, "2026-10-07", SJ, "Re: Interview", "Tuesday is impossible, so Thursday."),
    ("fr", "slot_choice", None, 2, "2026-12-20", SK, "Re: Entretien", "Je serai en vacances le 28, donc le mardi 5 janvier."),
    ("en", "slot_choice", None, 1, "2026-12-20", SK, "Re: Interview", "Monday 28th at 10 is fine."),
    ("en", "slot_choice", None, 2, "2026-12-20", SK, "Re: Interview", "January 5th at 11:30 works better for me."),
]


def main() -> None:
    write_probe("probe11", ({"lang": lang, "received_at": received + "T10:00:00+02:00", "subject": subject, "text": text, "offered_slots": offered, "intent": intent, "reason": None, "recontact_after": recontact, "chosen_slot": slot}
                              for (lang, intent, recontact, slot, received, offered, subject, text) in P))


if __name__ == "__main__":
    main()
