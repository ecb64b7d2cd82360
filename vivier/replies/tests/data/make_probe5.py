"""A sixth held-out set (probe5), scored once before any change.
Run ``python vivier/replies/tests/data/make_probe5.py`` to rewrite ``probe5.jsonl``."""

from _probe import write_probe

SE = ["2026-07-07T11:00:00+02:00", "2026-07-09T09:00:00+02:00"]  # Tuesday 11:00, Thursday 9:00
TB = ("\n\nLe 01/07/2026 à 16:05, Agathe Roy a écrit :\n> Bonjour,\n> Je recrute un(e) acheteur(se) pour un industriel "
      "à Angers (CDI, 45 K€).\n> Êtes-vous ouvert(e) à un échange ?")
OUT = ("\n\nFrom: Agathe Roy <agathe@roy-rh.fr>\nDate: Wednesday, 1 July 2026 at 16:05\nTo: Chris\nSubject: Buyer role "
       "- Angers\n\nHi Chris, are you open to a chat about a Buyer role in Angers?")

P = [
    ("fr", "interested", None, None, None, "2026-07-02", None, "Re: Acheteur", "Bonjour Agathe,\nOui je suis ouvert à un échange. Je suis joignable ce vendredi matin.\nCordialement\nYves" + TB),
    ("fr", "interested", None, None, None, "2026-07-02", None, "Re: Acheteur", "ça peut m'intéresser, appelez-moi"),
    ("fr", "interested", None, None, None, "2026-07-02", None, "Re: Acheteur", "Je me permets de vous répondre favorablement, le poste m'intéresse."),
    ("en", "interested", None, None, None, "2026-07-02", None, "Re: Buyer role", "Hi Agathe, yes, I'm open to a chat. Friday morning suits me." + OUT),
    ("en", "interested", None, None, None, "2026-07-02", None, "Re: Buyer role", "Would love to know more - can we talk tomorrow?"),
    ("en", "interested", None, None, None, "2026-07-02", None, "Re: Buyer role", "Sounds promising. I'm in - what are the next steps?"),
    ("fr", "more_info", None, None, None, "2026-07-02", None, "Re: Acheteur", "Bonjour, c'est quel industriel ? Et quel périmètre d'achats ?" + TB),
    ("fr", "more_info", None, None, None, "2026-07-02", None, "Re: Acheteur", "Je voudrais d'abord connaître les avantages (RTT, 13e mois...)."),
    ("fr", "more_info", None, None, None, "2026-07-02", None, "Re: Acheteur", "Le poste est-il ouvert au télétravail partiel ?"),
    ("en", "more_info", None, None, None, "2026-07-02", None, "Re: Buyer role", "Hi, which sector is the company in, and is French mandatory?" + OUT),
    ("en", "more_info", None, None, None, "2026-07-02", None, "Re: Buyer role", "Could you share more details on the scope and the salary?"),
    ("en", "more_info", None, None, None, "2026-07-02", None, "Re: Buyer role", "Is relocation assistance offered?"),
    ("fr", "not_interested", None, None, None, "2026-07-02", None, "Re: Acheteur", "Bonjour,\nMerci pour votre message, mais je ne suis pas intéressé par cette opportunité.\nCordialement" + TB),
    ("fr", "not_interested", None, None, None, "2026-07-02", None, "Re: Acheteur", "Non je ne suis pas partant, merci."),
    ("fr", "not_interested", "salary", None, None, "2026-07-02", None, "Re: Acheteur", "45 K€ ? Je suis déjà au-dessus, donc non."),
    ("fr", "not_interested", "location", None, None, "2026-07-02", None, "Re: Acheteur", "Angers est trop éloigné de mon domicile, je ne donnerai pas suite."),
    ("fr", "not_interested", "timing", None, None, "2026-07-02", None, "Re: Acheteur", "Je viens d'être embauché ailleurs il y a quinze jours, désolé."),
    ("fr", "not_interested", "contract", None, None, "2026-07-02", None, "Re: Acheteur", "Je souhaite rester en indépendant, le salariat ne m'intéresse plus."),
    ("fr", "not_interested", "happy", None, None, "2026-07-02", None, "Re: Acheteur", "Je suis satisfait de mon poste actuel et je n'envisage pas de changer."),
    ("fr", "not_interested", "role", None, None, "2026-07-02", None, "Re: Acheteur", "Je me suis réorienté vers la qualité, les achats ce n'est plus mon métier. Merci."),
    ("en", "not_interested", None, None, None, "2026-07-02", None, "Re: Buyer role", "Thanks, but this isn't for me." + OUT),
    ("en", "not_interested", "location", None, None, "2026-07-02", None, "Re: Buyer role", "I'm not prepared to move to France, sorry."),
    ("en", "not_interested", "remote", None, None, "2026-07-02", None, "Re: Buyer role", "Unless it's remote-first I'm not interested."),
    ("en", "not_interested", "happy", None, None, "2026-07-02", None, "Re: Buyer role", "I'm content in my current position, thank you anyway."),
    ("en", "not_interested", "company", None, None, "2026-07-02", None, "Re: Buyer role", "I don't want to work in manufacturing again. No thanks."),
    ("en", "not_interested", "timing", None, None, "2026-07-02", None, "Re: Buyer role", "I started a new position last week, so not the right time."),
    ("fr", "later", None, "2026-10-02", None, "2026-07-02", None, "Re: Acheteur", "Là je ne peux pas, revenez vers moi dans trois mois." + TB),
    ("fr", "later", None, "2026-09-01", None, "2026-07-02", None, "Re: Acheteur", "Je suis en vacances tout l'été, on en reparle en septembre ?"),
    ("fr", "later", None, "2027-01-01", None, "2026-07-02", None, "Re: Acheteur", "Pas cette année, mais je serai à l'écoute l'année prochaine."),
    ("en", "later", None, "2026-09-01", None, "2026-07-02", None, "Re: Buyer role", "Could you follow up in September? I'm swamped until then." + OUT),
    ("en", "later", None, "2027-01-02", None, "2026-07-02", None, "Re: Buyer role", "Not for another six months at least - try me in January... say the 2nd."),
    ("en", "later", None, None, None, "2026-07-02", None, "Re: Buyer role", "Not yet. Circle back later?"),
    ("fr", "out_of_office", None, "2026-07-20", None, "2026-07-02", None, "Réponse automatique : Re: Acheteur", "Je suis en congés et de retour le 20 juillet. Merci de votre compréhension."),
    ("fr", "out_of_office", None, "2026-07-06", None, "2026-07-02", None, "Réponse automatique", "Absent jusqu'au dimanche 5 juillet. Pour toute urgence, contactez le 02 41 00 00 00."),
    ("en", "out_of_office", None, "2026-07-13", None, "2026-07-02", None, "Automatic reply: Buyer role", "I'm on annual leave until Friday 10 July, returning Monday 13 July."),
    ("en", "out_of_office", None, None, None, "2026-07-02", None, "Out of Office: Buyer role", "Thank you for your message. I'm currently out of the office and will respond as soon as possible."),
    ("fr", "unsubscribe", None, None, None, "2026-07-02", None, "Re: Acheteur", "Merci de ne plus me solliciter, et de supprimer mes données." + TB),
    ("fr", "unsubscribe", None, None, None, "2026-07-02", None, "Re: Acheteur", "stop merci"),
    ("en", "unsubscribe", None, None, None, "2026-07-02", None, "Re: Buyer role", "Kindly stop sending me these messages."),
    ("en", "unsubscribe", None, None, None, "2026-07-02", None, "Re: Buyer role", "GDPR request: erase my personal information."),
    ("fr", "referral", None, None, None, "2026-07-02", None, "Re: Acheteur", "Ce n'est pas pour moi, mais je transfère à mon frère qui est acheteur et qui cherche." + TB),
    ("fr", "referral", None, None, None, "2026-07-02", None, "Re: Acheteur", "Contactez plutôt Julie Caron, elle cherche exactement ce poste : julie.caron@mail.fr"),
    ("en", "referral", None, None, None, "2026-07-02", None, "Re: Buyer role", "Not me, but my neighbour is a buyer and looking. Shall I pass your email on?"),
    ("fr", "slot_choice", None, None, 1, "2026-07-02", SE, "Re: Entretien", "Mardi 11h c'est parfait."),
    ("fr", "slot_choice", None, None, 2, "2026-07-02", SE, "Re: Entretien", "Je préfère le jeudi matin."),
    ("fr", "slot_choice", None, None, None, "2026-07-02", SE, "Re: Entretien", "Aucune des deux dates ne m'arrange, désolé. Le lundi 13 serait possible ?"),
    ("en", "slot_choice", None, None, 2, "2026-07-02", SE, "Re: Interview", "9am on the 9th works well."),
    ("en", "slot_choice", None, None, 1, "2026-07-02", SE, "Re: Interview", "Let's do Tuesday at 11."),
    ("en", "slot_choice", None, None, None, "2026-07-02", SE, "Re: Interview", "I'm on holiday that week unfortunately - could we look at the 14th or 15th?"),
    ("fr", "other", None, None, None, "2026-07-02", None, "Re: Acheteur", "Bien reçu, je regarde ça."),
    ("fr", "other", None, None, None, "2026-07-02", None, "Re: Acheteur", "Vous m'avez déjà envoyé ce message la semaine dernière."),
    ("en", "other", None, None, None, "2026-07-02", None, "Re: Buyer role", "Thank you, received."),
    ("en", "other", None, None, None, "2026-07-02", None, "Re: Buyer role", "Sorry, I think you mean my husband, he's also called Chris."),
]


def main() -> None:
    write_probe("probe5", ({"lang": lang, "received_at": received + "T10:00:00+02:00", "subject": subject, "text": text, "offered_slots": offered, "intent": intent, "reason": reason, "recontact_after": recontact, "chosen_slot": slot}
                              for (lang, intent, reason, recontact, slot, received, offered, subject, text) in P))


if __name__ == "__main__":
    main()
