"""A seventh held-out set (probe6), scored once before any change; its first score is the estimate reported
for unseen replies. Run ``python vivier/replies/tests/data/make_probe6.py`` to rewrite ``probe6.jsonl``."""

from _probe import write_probe

SF = ["2026-02-16T14:00:00+01:00", "2026-02-18T10:30:00+01:00"]  # Monday 14:00, Wednesday 10:30
GQ = ("\n\nLe mar. 10 févr. 2026 à 09:20, Romain Faure <romain@faure-search.fr> a écrit :\n> Bonjour,\n> Un éditeur SaaS "
      "nantais recrute un(e) Product Owner (CDI, 55-60 K€, 2 jours de télétravail).\n> Intéressé(e) ?")
EQ = ("\n\nOn Tue, 10 Feb 2026, 09:20 Romain Faure <romain@faure-search.fr> wrote:\n> Hi, a SaaS company in Nantes is "
      "hiring a Product Owner (permanent, €55-60k, 2 remote days). Interested?")

P = [
    ("fr", "interested", None, None, None, "2026-02-11", None, "Re: PO", "Bonjour Romain,\nTrès volontiers ! Je vous propose qu'on s'appelle jeudi en fin de journée.\nMaud" + GQ),
    ("fr", "interested", None, None, None, "2026-02-11", None, "Re: PO", "Ça m'intéresse, je vous laisse me contacter au 07 61 22 33 44."),
    ("fr", "interested", None, None, None, "2026-02-11", None, "Re: PO", "Je suis tout ouïe, dites-m'en plus lors d'un appel !"),
    ("fr", "interested", None, None, None, "2026-02-11", None, "Re: PO", "Oui, c'est le moment pour moi de changer. Quand pouvons-nous échanger ?"),
    ("en", "interested", None, None, None, "2026-02-11", None, "Re: PO", "Hi Romain, that sounds interesting and I'd be glad to have a call. I'm free Thursday afternoon." + EQ),
    ("en", "interested", None, None, None, "2026-02-11", None, "Re: PO", "I'm interested - please go ahead and put me forward."),
    ("en", "interested", None, None, None, "2026-02-11", None, "Re: PO", "Yes, let's speak. Mornings are best."),
    ("fr", "more_info", None, None, None, "2026-02-11", None, "Re: PO", "Bonjour, pourriez-vous me dire quel est le produit et la taille de l'équipe produit ?" + GQ),
    ("fr", "more_info", None, None, None, "2026-02-11", None, "Re: PO", "Le télétravail peut-il être augmenté après la période d'essai ?"),
    ("fr", "more_info", None, None, None, "2026-02-11", None, "Re: PO", "Avant de me positionner, j'ai besoin de connaître le nom de l'éditeur."),
    ("en", "more_info", None, None, None, "2026-02-11", None, "Re: PO", "What's the product, and is the team in Nantes or distributed?" + EQ),
    ("en", "more_info", None, None, None, "2026-02-11", None, "Re: PO", "Happy to consider it, but first: is there a bonus on top of the base?"),
    ("en", "more_info", None, None, None, "2026-02-11", None, "Re: PO", "Can you give me some more background on the company?"),
    ("fr", "not_interested", None, None, None, "2026-02-11", None, "Re: PO", "Bonjour,\nJe vous remercie, mais je préfère décliner.\nBien à vous" + GQ),
    ("fr", "not_interested", None, None, None, "2026-02-11", None, "Re: PO", "Non merci, pas intéressée."),
    ("fr", "not_interested", "salary", None, None, "2026-02-11", None, "Re: PO", "55-60 K€ c'est en dessous de mes prétentions, désolé." + GQ),
    ("fr", "not_interested", "location", None, None, "2026-02-11", None, "Re: PO", "Nantes ne m'est pas accessible, j'habite à Lille et je ne compte pas partir."),
    ("fr", "not_interested", "timing", None, None, "2026-02-11", None, "Re: PO", "J'ai changé de poste en décembre, c'est beaucoup trop tôt pour repartir."),
    ("fr", "not_interested", "role", None, None, "2026-02-11", None, "Re: PO", "Je suis plutôt orienté data que produit, ce poste n'est pas fait pour moi."),
    ("fr", "not_interested", "company", None, None, "2026-02-11", None, "Re: PO", "Un éditeur SaaS, j'en sors et je ne souhaite pas y retourner."),
    ("fr", "not_interested", "contract", None, None, "2026-02-11", None, "Re: PO", "Je ne cherche que des missions courtes en freelance, pas de CDI."),
    ("fr", "not_interested", "remote", None, None, "2026-02-11", None, "Re: PO", "Deux jours de télétravail ne me suffisent pas, je suis à 4 jours aujourd'hui."),
    ("fr", "not_interested", "happy", None, None, "2026-02-11", None, "Re: PO", "Je m'épanouis dans mon poste actuel, merci d'avoir pensé à moi."),
    ("en", "not_interested", None, None, None, "2026-02-11", None, "Re: PO", "Hi Romain, thanks but I'll sit this one out." + EQ),
    ("en", "not_interested", "salary", None, None, "2026-02-11", None, "Re: PO", "That range is below what I'm currently on, so no."),
    ("en", "not_interested", "location", None, None, "2026-02-11", None, "Re: PO", "Nantes is too far; I'm not willing to move my family."),
    ("en", "not_interested", "role", None, None, "2026-02-11", None, "Re: PO", "I'm moving into engineering management, so a PO role isn't the direction I want."),
    ("en", "not_interested", "contract", None, None, "2026-02-11", None, "Re: PO", "I'm only taking on contract work this year, not a permanent job."),
    ("en", "not_interested", "happy", None, None, "2026-02-11", None, "Re: PO", "I'm very happy with my current employer. Thanks anyway."),
    ("en", "not_interested", "other", None, None, "2026-02-11", None, "Re: PO", "I'm heading back to school for a master's this year, so I'll pass."),
    ("fr", "later", None, "2026-05-11", None, "2026-02-11", None, "Re: PO", "Pas maintenant. Recontactez-moi dans 3 mois, ma mission sera terminée." + GQ),
    ("fr", "later", None, "2026-09-01", None, "2026-02-11", None, "Re: PO", "J'y réfléchirai volontiers après l'été, revenez vers moi."),
    ("fr", "later", None, "2026-04-01", None, "2026-02-11", None, "Re: PO", "Pas avant avril, je suis bloqué par un gros projet. Relancez-moi à ce moment-là."),
    ("en", "later", None, "2026-08-11", None, "2026-02-11", None, "Re: PO", "Ping me again in six months, I might be ready then." + EQ),
    ("en", "later", None, "2026-03-01", None, "2026-02-11", None, "Re: PO", "Let's talk in March, once our release is out."),
    ("en", "later", None, None, None, "2026-02-11", None, "Re: PO", "Not right now, but I might be in the future. Keep in touch."),
    ("fr", "out_of_office", None, "2026-02-23", None, "2026-02-11", None, "Réponse automatique : PO", "Bonjour, je suis en vacances jusqu'au 22 février inclus, avec un accès restreint à mes e-mails."),
    ("fr", "out_of_office", None, "2026-02-16", None, "2026-02-11", None, "Réponse automatique : PO", "Je suis absente et serai de retour lundi. Votre message sera traité à mon retour."),
    ("en", "out_of_office", None, "2026-02-23", None, "2026-02-11", None, "Automatic reply: PO", "Hi, I'm skiing this week and back on Monday 23rd February. I won't be checking emails."),
    ("en", "out_of_office", None, None, None, "2026-02-11", None, "Automatic reply: PO", "Thank you for your email. I am currently away and will get back to you upon my return."),
    ("fr", "unsubscribe", None, None, None, "2026-02-11", None, "Re: PO", "Je vous demande de ne plus me contacter et de supprimer mon profil." + GQ),
    ("fr", "unsubscribe", None, None, None, "2026-02-11", None, "Re: PO", "Désinscrivez-moi."),
    ("en", "unsubscribe", None, None, None, "2026-02-11", None, "Re: PO", "I have asked twice already. Remove me from your mailing list."),
    ("en", "unsubscribe", None, None, None, "2026-02-11", None, "Re: PO", "Stop. I don't want these emails."),
    ("fr", "referral", None, None, None, "2026-02-11", None, "Re: PO", "Je ne suis pas dispo, mais Claire Martin, PO dans mon ancienne boîte, cherche à bouger. Je vous donne son mail : claire.m@mail.fr"),
    ("fr", "referral", None, None, None, "2026-02-11", None, "Re: PO", "Pas pour moi, mais je connais quelqu'un. Je lui fais suivre votre message."),
    ("en", "referral", None, None, None, "2026-02-11", None, "Re: PO", "Not for me, but I've forwarded it to a former colleague who's a PO."),
    ("fr", "slot_choice", None, None, 1, "2026-02-11", SF, "Re: Entretien", "Lundi 14h, ça me va."),
    ("fr", "slot_choice", None, None, 2, "2026-02-11", SF, "Re: Entretien", "Mercredi matin de préférence."),
    ("fr", "slot_choice", None, None, None, "2026-02-11", SF, "Re: Entretien", "Lundi et mercredi je suis en clientèle toute la journée, avez-vous autre chose ?"),
    ("en", "slot_choice", None, None, 2, "2026-02-11", SF, "Re: Interview", "10:30 on Wednesday, please."),
    ("en", "slot_choice", None, None, 1, "2026-02-11", SF, "Re: Interview", "Monday afternoon is better for me."),
    ("en", "slot_choice", None, None, None, "2026-02-11", SF, "Re: Interview", "Neither slot is possible for me, sorry - do you have anything on Friday?"),
    ("fr", "other", None, None, None, "2026-02-11", None, "Re: PO", "Merci pour votre retour."),
    ("fr", "other", None, None, None, "2026-02-11", None, "Re: PO", "Je pense que vous vous êtes trompé de destinataire."),
    ("en", "other", None, None, None, "2026-02-11", None, "Re: PO", "Received with thanks."),
    ("en", "other", None, None, None, "2026-02-11", None, "Re: PO", "Mike has moved on from the company, I'm afraid."),
]


def main() -> None:
    write_probe("probe6", ({"lang": lang, "received_at": received + "T10:00:00+01:00", "subject": subject, "text": text, "offered_slots": offered, "intent": intent, "reason": reason, "recontact_after": recontact, "chosen_slot": slot}
                              for (lang, intent, reason, recontact, slot, received, offered, subject, text) in P))


if __name__ == "__main__":
    main()
