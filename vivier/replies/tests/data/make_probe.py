"""A second held-out set, written after the rules and never used to tune them before its first score.

Run ``python vivier/replies/tests/data/make_probe.py`` to rewrite ``probe.jsonl``.
"""

from _probe import write_probe

S1 = ["2026-03-12T10:00:00+01:00", "2026-03-13T15:30:00+01:00"]  # Thursday, Friday
S2 = ["2026-06-09T09:00:00+02:00", "2026-06-11T17:00:00+02:00"]  # Tuesday, Thursday
S3 = ["2026-10-05T14:00:00+02:00", "2026-10-06T11:00:00+02:00"]  # Monday, Tuesday

Q_FR = ("\n\nLe lun. 9 mars 2026 à 11:02, Paul Girard <paul@talents.fr> a écrit :\n> Bonjour,\n> Je vous propose un poste "
        "de chef de projet à Lyon, CDI, 50-55 K€.\n> Seriez-vous intéressé(e) ?\n> Paul")
Q_EN = ("\n\nOn Mon, Mar 9, 2026 at 11:02 AM Kate Lee <kate@hire.io> wrote:\n> Hi,\n> I have a Senior Analyst role in "
        "Leeds, £55k, hybrid.\n> Interested?\n> Kate")
Q_OUT = ("\n\n________________________________\nDe : Paul Girard <paul@talents.fr>\nEnvoyé : lundi 9 mars 2026 11:02\n"
         "À : Moi\nObjet : Poste de chef de projet\n\nBonjour, seriez-vous disponible pour en parler ?")

# (lang, intent, reason, recontact_after, chosen_slot, received_at, offered_slots, subject, text)
P = [
    # interested
    ("fr", "interested", None, None, None, "2026-03-10", None, "Re: Poste", "Bonjour Paul,\nVolontiers, je suis curieuse d'en apprendre davantage. Je suis joignable demain après 17h.\nBien à vous\nIris" + Q_FR),
    ("fr", "interested", None, None, None, "2026-03-10", None, "Re: Poste", "ca m'interesse grave, rappelez moi svp" + Q_FR),
    ("fr", "interested", None, None, None, "2026-03-10", None, "RE: Poste", "Bonjour,\n\nJe suis tout à fait ouvert à cette proposition. Quand pourrions-nous échanger ?\n\nCordialement,\nMarc Henry" + Q_OUT),
    ("fr", "interested", None, None, None, "2026-03-10", None, "Re: Poste", "Oui, allons-y pour un premier contact !"),
    ("fr", "interested", None, None, None, "2026-03-10", None, "Re: Poste", "Bonjour, le poste correspond pile à mon projet pro. Je vous envoie mon CV dans la journée."),
    ("fr", "interested", None, None, None, "2026-03-10", None, "Re: Poste", "Je suis en poste mais la proposition m'intrigue, je veux bien un appel rapide."),
    ("en", "interested", None, None, None, "2026-03-10", None, "Re: Role", "Hi Kate, yes I'd be up for that. Ring me on 07700 900123 whenever." + Q_EN),
    ("en", "interested", None, None, None, "2026-03-10", None, "Re: Role", "This sounds right up my street! Let me know when you're free to talk."),
    ("en", "interested", None, None, None, "2026-03-10", None, "Re: Role", "Sure thing. I'm around all week."),
    ("en", "interested", None, None, None, "2026-03-10", None, "Re: Role", "Interested! Attached is my latest CV." + Q_EN),
    ("en", "interested", None, None, None, "2026-03-10", None, "Re: Role", "I've been thinking about a change for a while, so yes, let's have a conversation."),
    ("en", "interested", None, None, None, "2026-03-10", None, "Re: Role", "Not gonna say no to that. When works for a call?"),
    # more_info
    ("fr", "more_info", None, None, None, "2026-03-10", None, "Re: Poste", "Bonjour, quelle est la rémunération prévue pour ce poste ?" + Q_FR),
    ("fr", "more_info", None, None, None, "2026-03-10", None, "Re: Poste", "C'est dans quelle boîte ? Et c'est du full remote ou pas ?"),
    ("fr", "more_info", None, None, None, "2026-03-10", None, "Re: Poste", "Bonjour,\nPourriez-vous me communiquer plus de détails sur le poste (missions, équipe, outils) ?\nMerci\nAnne" + Q_OUT),
    ("fr", "more_info", None, None, None, "2026-03-10", None, "Re: Poste", "Peut-être, mais il me faudrait le nom du client et le salaire avant tout."),
    ("fr", "more_info", None, None, None, "2026-03-10", None, "Re: Poste", "Y a-t-il des déplacements à prévoir ? Si oui, combien par mois ?"),
    ("fr", "more_info", None, None, None, "2026-03-10", None, "Re: Poste", "c'est payé combien ?"),
    ("en", "more_info", None, None, None, "2026-03-10", None, "Re: Role", "Hi Kate, what's the split between office and home days?" + Q_EN),
    ("en", "more_info", None, None, None, "2026-03-10", None, "Re: Role", "Can you share the name of the company and a rough salary band?"),
    ("en", "more_info", None, None, None, "2026-03-10", None, "Re: Role", "Possibly. What does the progression look like, and is there a training budget?"),
    ("en", "more_info", None, None, None, "2026-03-10", None, "Re: Role", "Need a bit more detail before I decide - is it greenfield work or maintenance?"),
    ("en", "more_info", None, None, None, "2026-03-10", None, "Re: Role", "how many hours a week? is there parking on site?"),
    # not_interested
    ("fr", "not_interested", None, None, None, "2026-03-10", None, "Re: Poste", "Merci pour votre message, mais je ne suis pas intéressée par ce poste.\nCordialement" + Q_FR),
    ("fr", "not_interested", None, None, None, "2026-03-10", None, "Re: Poste", "Non, ça ira, merci."),
    ("fr", "not_interested", "salary", None, None, "2026-03-10", None, "Re: Poste", "50-55 K€ pour ce niveau de responsabilité, c'est trop peu. Je décline." + Q_FR),
    ("fr", "not_interested", "location", None, None, "2026-03-10", None, "Re: Poste", "Lyon c'est beaucoup trop loin de Nantes, je ne souhaite pas déménager. Merci."),
    ("fr", "not_interested", "timing", None, None, "2026-03-10", None, "Re: Poste", "J'ai signé un CDI il y a un mois, ce n'est pas le moment de repartir. Merci quand même."),
    ("fr", "not_interested", "role", None, None, "2026-03-10", None, "Re: Poste", "Je suis passé sur du pur technique et je ne veux plus gérer de projets. Pas pour moi."),
    ("fr", "not_interested", "company", None, None, "2026-03-10", None, "Re: Poste", "Je ne veux pas travailler pour un cabinet de conseil, très peu pour moi."),
    ("fr", "not_interested", "contract", None, None, "2026-03-10", None, "Re: Poste", "Je suis indépendant et je souhaite le rester, un CDI ne m'intéresse pas."),
    ("fr", "not_interested", "remote", None, None, "2026-03-10", None, "Re: Poste", "Si c'est sans télétravail, je ne donnerai pas suite."),
    ("fr", "not_interested", "happy", None, None, "2026-03-10", None, "Re: Poste", "Merci mais je suis comblé dans ma boîte actuelle, je ne bouge pas."),
    ("fr", "not_interested", "other", None, None, "2026-03-10", None, "Re: Poste", "Je pars vivre au Canada le mois prochain, donc ce ne sera pas possible."),
    ("en", "not_interested", None, None, None, "2026-03-10", None, "Re: Role", "Thanks Kate, but I'm going to pass." + Q_EN),
    ("en", "not_interested", None, None, None, "2026-03-10", None, "Re: Role", "Appreciate you thinking of me, but no."),
    ("en", "not_interested", "salary", None, None, "2026-03-10", None, "Re: Role", "£55k is a big step down from what I earn now, so not for me." + Q_EN),
    ("en", "not_interested", "location", None, None, "2026-03-10", None, "Re: Role", "Leeds is a two hour drive from me, that's not realistic. Thanks anyway."),
    ("en", "not_interested", "timing", None, None, "2026-03-10", None, "Re: Role", "I only joined my current company in January, so leaving now isn't an option."),
    ("en", "not_interested", "role", None, None, "2026-03-10", None, "Re: Role", "I'm a data engineer, not an analyst, and I don't want to go back to reporting work. I'll pass."),
    ("en", "not_interested", "company", None, None, "2026-03-10", None, "Re: Role", "I won't work for a payday lender, it goes against my values."),
    ("en", "not_interested", "contract", None, None, "2026-03-10", None, "Re: Role", "I'm only after permanent positions, a 6-month contract won't work for me."),
    ("en", "not_interested", "remote", None, None, "2026-03-10", None, "Re: Role", "Hybrid doesn't suit me, I need something 100% remote. Thanks."),
    ("en", "not_interested", "happy", None, None, "2026-03-10", None, "Re: Role", "Honestly I love where I work, so I'm not going anywhere. Thanks though."),
    ("en", "not_interested", "other", None, None, "2026-03-10", None, "Re: Role", "I'm moving to Australia with my family next month, so I can't take this on."),
    # later
    ("fr", "later", None, "2026-06-10", None, "2026-03-10", None, "Re: Poste", "Pas pour l'instant. Revenez vers moi dans trois mois, j'y verrai plus clair." + Q_FR),
    ("fr", "later", None, "2026-09-01", None, "2026-03-10", None, "Re: Poste", "Je ne peux rien envisager avant la fin de l'été. Recontactez-moi en septembre ?"),
    ("fr", "later", None, "2027-01-01", None, "2026-03-10", None, "Re: Poste", "Cette année c'est compliqué, mais l'an prochain je serai partant. Relancez-moi."),
    ("fr", "later", None, "2026-05-04", None, "2026-03-10", None, "Re: Poste", "Je suis en mission jusqu'au 3 mai. Recontactez-moi après, ça pourrait m'intéresser."),
    ("fr", "later", None, None, None, "2026-03-10", None, "Re: Poste", "Pas maintenant, mais gardez-moi dans un coin de votre tête pour la suite."),
    ("fr", "later", None, "2026-04-15", None, "2026-03-10", None, "Re: Poste", "Vous pouvez me relancer mi-avril ? D'ici là je suis débordé."),
    ("en", "later", None, "2026-09-10", None, "2026-03-10", None, "Re: Role", "Not the right moment. Try me again in six months?" + Q_EN),
    ("en", "later", None, "2026-07-01", None, "2026-03-10", None, "Re: Role", "I'm tied into a project until the end of June. Could you follow up in July?"),
    ("en", "later", None, "2027-01-01", None, "2026-03-10", None, "Re: Role", "Ask me again next year, the timing is off right now."),
    ("en", "later", None, "2026-04-01", None, "2026-03-10", None, "Re: Role", "Can we pick this up again in Q2? Things will have settled down by then."),
    ("en", "later", None, None, None, "2026-03-10", None, "Re: Role", "Not now, but I'd be glad to hear from you further down the line."),
    ("en", "later", None, "2026-09-01", None, "2026-03-10", None, "Re: Role", "Catch me in the autumn, I'll be more open then."),
    # out_of_office
    ("fr", "out_of_office", None, "2026-03-23", None, "2026-03-10", None, "Réponse automatique : Poste", "Bonjour,\nJe suis en congés jusqu'au 22 mars inclus. Je vous répondrai dès mon retour.\nCordialement"),
    ("fr", "out_of_office", None, "2026-03-16", None, "2026-03-10", None, "Absence : Poste", "Je suis actuellement en séminaire, de retour au bureau le 16 mars. En cas d'urgence : 01 23 45 67 89."),
    ("fr", "out_of_office", None, None, None, "2026-03-10", None, "Réponse automatique : Poste", "Bonjour, je suis absent pour le moment. Votre mail sera traité à mon retour."),
    ("fr", "out_of_office", None, "2026-04-02", None, "2026-03-10", None, "Réponse automatique : Poste", "Absente du 5 mars au 1er avril inclus, sans accès à ma messagerie."),
    ("en", "out_of_office", None, "2026-03-16", None, "2026-03-10", None, "Automatic reply: Role", "I'm out of the office until Friday 13 March and will reply when I return on Monday 16 March."),
    ("en", "out_of_office", None, "2026-04-07", None, "2026-03-10", None, "Out of office", "Thanks for your email. I'm on leave and back on April 7th. For anything urgent please contact hr@firm.com."),
    ("en", "out_of_office", None, None, None, "2026-03-10", None, "Automatic reply: Role", "I am currently away from the office with limited access to email."),
    ("en", "out_of_office", None, "2026-03-16", None, "2026-03-10", None, "Automatic reply: Role", "Away at a conference this week, back next Monday."),
    # unsubscribe
    ("fr", "unsubscribe", None, None, None, "2026-03-10", None, "Re: Poste", "Merci de retirer mon adresse de votre fichier." + Q_FR),
    ("fr", "unsubscribe", None, None, None, "2026-03-10", None, "Re: Poste", "Je vous demande de supprimer mon profil de votre base de données."),
    ("fr", "unsubscribe", None, None, None, "2026-03-10", None, "Re: Poste", "Ça fait trois fois, ne m'écrivez plus."),
    ("fr", "unsubscribe", None, None, None, "2026-03-10", None, "Re: Poste", "désabonnez-moi"),
    ("en", "unsubscribe", None, None, None, "2026-03-10", None, "Re: Role", "Please stop sending me job offers." + Q_EN),
    ("en", "unsubscribe", None, None, None, "2026-03-10", None, "Re: Role", "Kindly remove my email address from your records."),
    ("en", "unsubscribe", None, None, None, "2026-03-10", None, "Re: Role", "I want all my data deleted, please. I never agreed to this."),
    ("en", "unsubscribe", None, None, None, "2026-03-10", None, "Re: Role", "Opt me out of these messages."),
    # referral
    ("fr", "referral", None, None, None, "2026-03-10", None, "Re: Poste", "Ce n'est pas mon domaine, mais une amie chef de projet cherche en ce moment, je lui ai fait suivre votre mail." + Q_FR),
    ("fr", "referral", None, None, None, "2026-03-10", None, "Re: Poste", "Je ne suis pas dispo mais mon ex-collègue Thomas serait parfait : thomas.b@mail.fr"),
    ("fr", "referral", None, None, None, "2026-03-10", None, "Re: Poste", "Pas pour moi, mais je peux vous présenter quelqu'un de mon réseau qui cherche ce type de poste."),
    ("en", "referral", None, None, None, "2026-03-10", None, "Re: Role", "Not my area, but my old teammate Jess would be a great fit. Want me to connect you?" + Q_EN),
    ("en", "referral", None, None, None, "2026-03-10", None, "Re: Role", "I've shared this with a friend of mine who's job hunting, expect an email from him."),
    ("en", "referral", None, None, None, "2026-03-10", None, "Re: Role", "Happy in my job, but you might want to contact Ali Khan, he's looking. His number is 07700 900555."),
    # slot_choice
    ("fr", "slot_choice", None, None, 1, "2026-03-10", S1, "Re: Entretien", "Jeudi me va très bien, à jeudi donc."),
    ("fr", "slot_choice", None, None, 2, "2026-03-10", S1, "Re: Entretien", "Je prends vendredi 15h30, merci !"),
    ("fr", "slot_choice", None, None, 2, "2026-03-10", S1, "Re: Entretien", "Jeudi je suis pris, vendredi c'est bon pour moi."),
    ("fr", "slot_choice", None, None, None, "2026-03-10", S1, "Re: Entretien", "Malheureusement je ne suis libre ni jeudi ni vendredi. Pourriez-vous me proposer d'autres dates ?"),
    ("fr", "slot_choice", None, None, 1, "2026-03-10", S1, "Re: Entretien", "Va pour le 12 à 10h."),
    ("fr", "slot_choice", None, None, 2, "2026-05-30", S2, "Re: Entretien", "La deuxième option m'arrange, merci."),
    ("en", "slot_choice", None, None, 1, "2026-05-30", S2, "Re: Interview", "Tuesday morning is great for me."),
    ("en", "slot_choice", None, None, 2, "2026-05-30", S2, "Re: Interview", "Thursday at 5 works, see you then."),
    ("en", "slot_choice", None, None, 1, "2026-05-30", S2, "Re: Interview", "I'll take the first slot, thanks."),
    ("en", "slot_choice", None, None, None, "2026-05-30", S2, "Re: Interview", "Unfortunately I can't make either of those. Is there anything the following week?"),
    ("en", "slot_choice", None, None, 2, "2026-09-30", S3, "Re: Interview", "11am on the 6th please."),
    ("en", "slot_choice", None, None, 1, "2026-09-30", S3, "Re: Interview", "Monday 2pm suits me best."),
    # other
    ("fr", "other", None, None, None, "2026-03-10", None, "Re: Poste", "Merci pour l'info."),
    ("fr", "other", None, None, None, "2026-03-10", None, "Re: Poste", "Vous faites erreur, je ne m'appelle pas Julie."),
    ("fr", "other", None, None, None, "2026-03-10", None, "Re: Poste", "Madame Roux a quitté la société en janvier."),
    ("fr", "other", None, None, None, "2026-03-10", None, "Re: Poste", "ok"),
    ("en", "other", None, None, None, "2026-03-10", None, "Re: Role", "Cheers for the heads up."),
    ("en", "other", None, None, None, "2026-03-10", None, "Re: Role", "Sorry, who gave you my email?"),
    ("en", "other", None, None, None, "2026-03-10", None, "Re: Role", "Tom doesn't work here anymore."),
    ("en", "other", None, None, None, "2026-03-10", None, "Automatic reply: Role", "This address is no longer in use. Please write to info@company.com."),
]


def main() -> None:
    write_probe("probe", ({"lang": lang, "received_at": received + "T10:00:00+01:00", "subject": subject, "text": text, "offered_slots": offered, "intent": intent, "reason": reason, "recontact_after": recontact, "chosen_slot": slot}
                              for (lang, intent, reason, recontact, slot, received, offered, subject, text) in P))


if __name__ == "__main__":
    main()
