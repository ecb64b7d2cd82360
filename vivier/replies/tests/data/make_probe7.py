"""An eighth held-out set (probe7), scored once before any change.
Run ``python vivier/replies/tests/data/make_probe7.py`` to rewrite ``probe7.jsonl``."""

from _probe import write_probe

SG = ["2026-05-19T08:30:00+02:00", "2026-05-20T17:00:00+02:00"]  # Tuesday 8:30, Wednesday 17:00

P = [
    ("fr", "interested", None, None, None, "2026-05-12", None, "Re: Poste", "Ce n'est pas de refus ! Appelez-moi demain."),
    ("fr", "interested", None, None, None, "2026-05-12", None, "Re: Poste", "Je ne suis pas fermée, au contraire. On peut se voir la semaine prochaine ?"),
    ("fr", "interested", None, None, None, "2026-05-12", None, "Re: Poste", "Bonjour, ce poste m'attire beaucoup. Je vous joins mon CV."),
    ("en", "interested", None, None, None, "2026-05-12", None, "Re: Role", "I'd certainly be up for a conversation about this."),
    ("en", "interested", None, None, None, "2026-05-12", None, "Re: Role", "It's not that I'm not tempted - I am! Let's talk Friday."),
    ("en", "interested", None, None, None, "2026-05-12", None, "Re: Role", "Very keen, this is right in my wheelhouse."),
    ("fr", "more_info", None, None, None, "2026-05-12", None, "Re: Poste", "Pourquoi pas, mais de quelle société parle-t-on ?"),
    ("fr", "more_info", None, None, None, "2026-05-12", None, "Re: Poste", "Merci. Quelles sont les conditions : salaire, télétravail, tickets resto ?"),
    ("fr", "more_info", None, None, None, "2026-05-12", None, "Re: Poste", "Il faudrait que j'en sache davantage sur le poste avant de vous répondre."),
    ("en", "more_info", None, None, None, "2026-05-12", None, "Re: Role", "Might be interested. What's the notice they'd accept and the start date?"),
    ("en", "more_info", None, None, None, "2026-05-12", None, "Re: Role", "I'd like some more detail on the role first, please."),
    ("en", "more_info", None, None, None, "2026-05-12", None, "Re: Role", "How flexible are the hours?"),
    ("fr", "not_interested", None, None, None, "2026-05-12", None, "Re: Poste", "Ce n'est pas que le poste ne m'intéresse pas, mais je ne vais pas donner suite."),
    ("fr", "not_interested", None, None, None, "2026-05-12", None, "Re: Poste", "Merci mais non merci."),
    ("fr", "not_interested", "salary", None, None, "2026-05-12", None, "Re: Poste", "Avec un tel salaire je perdrais 10 K€ par an, c'est non."),
    ("fr", "not_interested", "location", None, None, "2026-05-12", None, "Re: Poste", "Je ne vais pas traverser toute l'Île-de-France tous les jours, c'est trop loin."),
    ("fr", "not_interested", "timing", None, None, "2026-05-12", None, "Re: Poste", "Je suis en plein rachat de mon entreprise par un groupe, je ne peux pas partir maintenant. Merci."),
    ("fr", "not_interested", "role", None, None, "2026-05-12", None, "Re: Poste", "Je ne veux pas refaire du support, j'ai évolué vers l'architecture. Non merci."),
    ("fr", "not_interested", "company", None, None, "2026-05-12", None, "Re: Poste", "Cette boîte a une sale réputation, je ne postulerai pas."),
    ("fr", "not_interested", "contract", None, None, "2026-05-12", None, "Re: Poste", "Je ne veux que du CDI, une mission de 3 mois ne m'intéresse pas."),
    ("fr", "not_interested", "remote", None, None, "2026-05-12", None, "Re: Poste", "Pas de télétravail possible ? Alors c'est non pour moi."),
    ("fr", "not_interested", "happy", None, None, "2026-05-12", None, "Re: Poste", "Je suis pleinement épanouie chez mon employeur, je ne cherche pas."),
    ("en", "not_interested", None, None, None, "2026-05-12", None, "Re: Role", "I'll give it a miss, thanks."),
    ("en", "not_interested", "salary", None, None, "2026-05-12", None, "Re: Role", "I'd need significantly more money to move, so it's a no."),
    ("en", "not_interested", "location", None, None, "2026-05-12", None, "Re: Role", "I'm not moving to London, my life is in Glasgow."),
    ("en", "not_interested", "role", None, None, "2026-05-12", None, "Re: Role", "I'm done with sales roles, I've moved into operations."),
    ("en", "not_interested", "remote", None, None, "2026-05-12", None, "Re: Role", "Five days in the office? Not a chance."),
    ("en", "not_interested", "happy", None, None, "2026-05-12", None, "Re: Role", "Honestly I'm thriving where I am, so I'll pass."),
    ("fr", "later", None, "2026-11-12", None, "2026-05-12", None, "Re: Poste", "Là non, mais d'ici six mois ma situation aura changé. Recontactez-moi."),
    ("fr", "later", None, "2026-09-01", None, "2026-05-12", None, "Re: Poste", "Je préfère attendre la rentrée pour y penser, relancez-moi à ce moment-là."),
    ("fr", "later", None, "2026-06-01", None, "2026-05-12", None, "Re: Poste", "Je suis débordée jusqu'à fin mai, recontactez-moi en juin."),
    ("en", "later", None, "2026-08-12", None, "2026-05-12", None, "Re: Role", "Try me again in three months, I'll know more about my plans."),
    ("en", "later", None, "2027-01-01", None, "2026-05-12", None, "Re: Role", "Nothing this year, but early 2027 I'll be looking."),
    ("en", "later", None, None, None, "2026-05-12", None, "Re: Role", "Not quite yet - maybe down the line?"),
    ("fr", "out_of_office", None, "2026-05-26", None, "2026-05-12", None, "Réponse automatique : Poste", "Je suis actuellement absent(e), de retour le 26/05."),
    ("fr", "out_of_office", None, "2026-05-18", None, "2026-05-12", None, "Absence", "Absent jusqu'au vendredi 15 mai, je reviendrai vers vous le lundi 18."),
    ("en", "out_of_office", None, "2026-06-01", None, "2026-05-12", None, "Automatic reply: Role", "I'm on sick leave until the end of May and not monitoring email."),
    ("en", "out_of_office", None, "2026-05-19", None, "2026-05-12", None, "Automatic reply: Role", "Away until 18 May inclusive. For urgent enquiries contact hello@firm.io."),
    ("fr", "unsubscribe", None, None, None, "2026-05-12", None, "Re: Poste", "Merci de m'enlever de votre fichier."),
    ("fr", "unsubscribe", None, None, None, "2026-05-12", None, "Re: Poste", "Je ne veux plus jamais recevoir vos propositions."),
    ("en", "unsubscribe", None, None, None, "2026-05-12", None, "Re: Role", "Please scrub my details from your records."),
    ("en", "unsubscribe", None, None, None, "2026-05-12", None, "Re: Role", "I'm not interested and I don't want to be contacted again."),
    ("fr", "referral", None, None, None, "2026-05-12", None, "Re: Poste", "Moi non, mais mon voisin est cariste et cherche du boulot. Je peux vous donner son numéro ?"),
    ("fr", "referral", None, None, None, "2026-05-12", None, "Re: Poste", "J'ai une amie qui serait parfaite pour ce poste, je vous mets en relation."),
    ("en", "referral", None, None, None, "2026-05-12", None, "Re: Role", "Pass - but my old manager is looking and would be great. Want an intro?"),
    ("fr", "slot_choice", None, None, 1, "2026-05-12", SG, "Re: Entretien", "8h30 mardi, c'est bon pour moi."),
    ("fr", "slot_choice", None, None, 2, "2026-05-12", SG, "Re: Entretien", "Je ne peux pas le matin, donc mercredi 17h."),
    ("fr", "slot_choice", None, None, None, "2026-05-12", SG, "Re: Entretien", "Je suis pris ces deux jours-là. Une autre date la semaine suivante ?"),
    ("en", "slot_choice", None, None, 2, "2026-05-12", SG, "Re: Interview", "The Wednesday one works."),
    ("en", "slot_choice", None, None, 1, "2026-05-12", SG, "Re: Interview", "I'll take 8:30 on the 19th."),
    ("en", "slot_choice", None, None, None, "2026-05-12", SG, "Re: Interview", "Sorry, those don't work - could we do Thursday?"),
    ("fr", "other", None, None, None, "2026-05-12", None, "Re: Poste", "Merci, je transmets à la personne concernée en interne."),
    ("fr", "other", None, None, None, "2026-05-12", None, "Re: Poste", "Bonjour, je ne suis pas sûre de comprendre, de quoi parlez-vous ?"),
    ("en", "other", None, None, None, "2026-05-12", None, "Re: Role", "Thanks a million!"),
    ("en", "other", None, None, None, "2026-05-12", None, "Re: Role", "Wrong Alex, I'm afraid."),
]


def main() -> None:
    write_probe("probe7", ({"lang": lang, "received_at": received + "T10:00:00+02:00", "subject": subject, "text": text, "offered_slots": offered, "intent": intent, "reason": reason, "recontact_after": recontact, "chosen_slot": slot}
                              for (lang, intent, reason, recontact, slot, received, offered, subject, text) in P))


if __name__ == "__main__":
    main()
