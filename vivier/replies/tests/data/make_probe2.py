"""A third held-out set (probe2), written in one go after the rules, scored once before any change.

Run ``python vivier/replies/tests/data/make_probe2.py`` to rewrite ``probe2.jsonl``.
"""

from _probe import write_probe

SA = ["2026-02-03T09:30:00+01:00", "2026-02-04T16:00:00+01:00"]  # Tuesday 9:30, Wednesday 16:00
SB = ["2026-11-23T11:00:00+01:00", "2026-11-26T18:30:00+01:00"]  # Monday 11:00, Thursday 18:30

GM = ("\n\nLe ven. 30 janv. 2026 à 14:12, Nina Perrin <nina@rh-conseil.fr> a écrit :\n> Bonjour,\n>\n> Je vous "
      "propose deux créneaux : mardi 3 février à 9h30 ou mercredi 4 février à 16h.\n> Nina")
OL = ("\n\n-----Original Message-----\nFrom: Mark Doyle <mark@talentbridge.co.uk>\nSent: 12 October 2026 10:41\n"
      "To: you\nSubject: Operations Lead, Bristol\n\nHi, would you be open to a chat about an Operations Lead role?")

# (lang, intent, reason, recontact_after, chosen_slot, received (date), offered_slots, subject, text)
P = [
    ("fr", "interested", None, None, None, "2026-10-12", None, "Re: Poste", "Bonsoir, c'est exactement le genre de poste que je vise. Je suis dispo en visio quand vous voulez cette semaine."),
    ("fr", "interested", None, None, None, "2026-10-12", None, "Re: Poste", "bjr oui je suis preneuse, mon tel 0601020304"),
    ("fr", "interested", None, None, None, "2026-10-12", None, "Re: Poste", "Merci de votre message. J'accepte volontiers un premier entretien téléphonique."),
    ("fr", "interested", None, None, None, "2026-10-12", None, "Re: Poste", "Ça me dit bien ! Vous pouvez m'appeler ce soir ?"),
    ("en", "interested", None, None, None, "2026-10-12", None, "Re: Role", "Hello Mark, thank you, I would be glad to discuss this opportunity further. Please let me know a convenient time." + OL),
    ("en", "interested", None, None, None, "2026-10-12", None, "Re: Role", "yes pls, can talk after work"),
    ("en", "interested", None, None, None, "2026-10-12", None, "Re: Role", "Really appreciate you reaching out - this lines up well with what I want next. Happy to set up a call."),
    ("en", "interested", None, None, None, "2026-10-12", None, "Re: Role", "I'm definitely open to exploring it."),
    ("fr", "more_info", None, None, None, "2026-10-12", None, "Re: Poste", "Bonjour, pourriez-vous m'indiquer le salaire et la localisation précise ? Merci d'avance."),
    ("fr", "more_info", None, None, None, "2026-10-12", None, "Re: Poste", "Le poste est-il compatible avec un temps partiel à 80 % ?"),
    ("fr", "more_info", None, None, None, "2026-10-12", None, "Re: Poste", "Bonjour, avant toute chose j'aimerais connaître la taille de l'équipe et les perspectives d'évolution."),
    ("fr", "more_info", None, None, None, "2026-10-12", None, "Re: Poste", "vous avez plus de détails svp ?"),
    ("en", "more_info", None, None, None, "2026-10-12", None, "Re: Role", "Hi Mark, what's the salary and is there flexibility on hours?" + OL),
    ("en", "more_info", None, None, None, "2026-10-12", None, "Re: Role", "Could you send over the full spec? I'd like to see the responsibilities before we speak."),
    ("en", "more_info", None, None, None, "2026-10-12", None, "Re: Role", "Maybe - is there a car allowance, and how much travel is involved?"),
    ("en", "more_info", None, None, None, "2026-10-12", None, "Re: Role", "which client is it and what's the day rate?"),
    ("fr", "not_interested", None, None, None, "2026-10-12", None, "Re: Poste", "Je vous remercie mais je ne donnerai pas suite à votre proposition."),
    ("fr", "not_interested", None, None, None, "2026-10-12", None, "Re: Poste", "non ca ira merci"),
    ("fr", "not_interested", "salary", None, None, "2026-10-12", None, "Re: Poste", "Merci, mais la rémunération n'est pas à la hauteur de mes attentes."),
    ("fr", "not_interested", "location", None, None, "2026-10-12", None, "Re: Poste", "Je ne suis pas prêt à faire 80 km par jour pour aller travailler, désolé."),
    ("fr", "not_interested", "timing", None, None, "2026-10-12", None, "Re: Poste", "J'ai pris mon poste actuel il y a deux mois, je ne vais pas déjà repartir. Merci."),
    ("fr", "not_interested", "role", None, None, "2026-10-12", None, "Re: Poste", "Je cherche un poste de direction, pas un poste d'assistant. Ce n'est pas pour moi."),
    ("fr", "not_interested", "company", None, None, "2026-10-12", None, "Re: Poste", "Je ne veux plus travailler en ESN, merci de votre compréhension."),
    ("fr", "not_interested", "contract", None, None, "2026-10-12", None, "Re: Poste", "Un contrat d'intérim ne m'intéresse pas, je cherche un CDI."),
    ("fr", "not_interested", "remote", None, None, "2026-10-12", None, "Re: Poste", "Le 100 % présentiel ne me convient pas du tout, non merci."),
    ("fr", "not_interested", "happy", None, None, "2026-10-12", None, "Re: Poste", "Je suis heureux dans mon entreprise, je ne cherche pas à changer."),
    ("fr", "not_interested", "other", None, None, "2026-10-12", None, "Re: Poste", "Je suis en reconversion pour devenir enseignante, donc je ne donnerai pas suite."),
    ("en", "not_interested", None, None, None, "2026-10-12", None, "Re: Role", "Thanks Mark, I'll decline this time." + OL),
    ("en", "not_interested", None, None, None, "2026-10-12", None, "Re: Role", "Nah, not for me."),
    ("en", "not_interested", "salary", None, None, "2026-10-12", None, "Re: Role", "The package is too low for me to consider a move."),
    ("en", "not_interested", "location", None, None, "2026-10-12", None, "Re: Role", "Bristol is too far from where I live, sorry."),
    ("en", "not_interested", "timing", None, None, "2026-10-12", None, "Re: Role", "I'm serving a six month notice period, so the timing doesn't work. Thanks."),
    ("en", "not_interested", "role", None, None, "2026-10-12", None, "Re: Role", "I'm looking for senior leadership roles, this one's too junior for me."),
    ("en", "not_interested", "company", None, None, "2026-10-12", None, "Re: Role", "I'd rather not work for a large bank again. Thanks for thinking of me."),
    ("en", "not_interested", "contract", None, None, "2026-10-12", None, "Re: Role", "I'm only interested in freelance contracts, not permanent jobs."),
    ("en", "not_interested", "remote", None, None, "2026-10-12", None, "Re: Role", "If it's not remote, I'm not interested."),
    ("en", "not_interested", "happy", None, None, "2026-10-12", None, "Re: Role", "I'm settled and content in my current job. Not looking, thanks."),
    ("en", "not_interested", "other", None, None, "2026-10-12", None, "Re: Role", "I'm going on a career break to look after my kids, so no thank you."),
    ("fr", "later", None, "2027-01-12", None, "2026-10-12", None, "Re: Poste", "Pas tout de suite. Recontactez-moi dans trois mois s'il vous plaît."),
    ("fr", "later", None, "2027-03-01", None, "2026-10-12", None, "Re: Poste", "Je ne suis pas disponible avant mars. N'hésitez pas à revenir vers moi à ce moment-là."),
    ("fr", "later", None, "2026-11-01", None, "2026-10-12", None, "Re: Poste", "Je suis en plein déménagement jusqu'à fin octobre. Relancez-moi après, ça m'intéresse."),
    ("fr", "later", None, None, None, "2026-10-12", None, "Re: Poste", "Pas pour l'instant, mais n'hésitez pas à me recontacter plus tard."),
    ("fr", "later", None, "2027-01-01", None, "2026-10-12", None, "Re: Poste", "On en reparle début janvier ? D'ici là je suis sous l'eau."),
    ("en", "later", None, "2027-04-12", None, "2026-10-12", None, "Re: Role", "Not the best time. Can you reach out in six months?" + OL),
    ("en", "later", None, "2027-01-01", None, "2026-10-12", None, "Re: Role", "Ask me again in the new year, please."),
    ("en", "later", None, "2026-12-01", None, "2026-10-12", None, "Re: Role", "I'm on a project until the end of November. Please get back in touch after that."),
    ("en", "later", None, None, None, "2026-10-12", None, "Re: Role", "Not just now, but do keep me in mind."),
    ("en", "later", None, "2026-11-02", None, "2026-10-12", None, "Re: Role", "Could we talk again in three weeks? I have a big deadline first."),
    ("fr", "out_of_office", None, "2026-10-19", None, "2026-10-12", None, "Réponse automatique : Poste", "Bonjour, je suis absente jusqu'au 18 octobre inclus. Je répondrai à votre message à mon retour."),
    ("fr", "out_of_office", None, "2026-10-26", None, "2026-10-12", None, "Absence", "Je suis en congés et serai de retour le lundi 26 octobre. Pour toute demande urgente, contactez accueil@societe.fr."),
    ("fr", "out_of_office", None, None, None, "2026-10-12", None, "Réponse automatique", "Merci pour votre message. Je suis actuellement en déplacement et ne peux pas répondre immédiatement."),
    ("fr", "out_of_office", None, "2026-11-02", None, "2026-10-12", None, "Réponse automatique : Re: Poste", "En congé du 12 au 30 octobre. Retour le 2 novembre."),
    ("en", "out_of_office", None, "2026-10-20", None, "2026-10-12", None, "Automatic reply: Role", "Thanks for your email. I'm out of the office until Monday 19 October, with limited access to email."),
    ("en", "out_of_office", None, "2026-10-14", None, "2026-10-12", None, "Out of Office", "I'm away today and tomorrow and will be back on Wednesday."),
    ("en", "out_of_office", None, None, None, "2026-10-12", None, "Automatic reply: Role", "I am on leave. Your message will not be forwarded. For urgent matters, email ops@corp.com."),
    ("en", "out_of_office", None, "2026-11-01", None, "2026-10-12", None, "Auto: Role", "I'm on vacation through October 31 and will respond when I return."),
    ("fr", "unsubscribe", None, None, None, "2026-10-12", None, "Re: Poste", "Je vous prie de supprimer toutes les informations me concernant."),
    ("fr", "unsubscribe", None, None, None, "2026-10-12", None, "Re: Poste", "Merci de ne plus m'envoyer d'offres."),
    ("fr", "unsubscribe", None, None, None, "2026-10-12", None, "Re: Poste", "Stop aux relances svp, retirez-moi de votre liste."),
    ("fr", "unsubscribe", None, None, None, "2026-10-12", None, "Re: Poste", "Je souhaite exercer mon droit à l'effacement (RGPD)."),
    ("en", "unsubscribe", None, None, None, "2026-10-12", None, "Re: Role", "Please don't email me again." + OL),
    ("en", "unsubscribe", None, None, None, "2026-10-12", None, "Re: Role", "Remove me from all your lists immediately."),
    ("en", "unsubscribe", None, None, None, "2026-10-12", None, "Re: Role", "I'd like my details removed from your system, thanks."),
    ("en", "unsubscribe", None, None, None, "2026-10-12", None, "Re: Role", "UNSUBSCRIBE ME"),
    ("fr", "referral", None, None, None, "2026-10-12", None, "Re: Poste", "Ce poste ne me correspond pas, mais mon mari est technicien et cherche du travail. Je vous donne son numéro : 06 44 55 66 77."),
    ("fr", "referral", None, None, None, "2026-10-12", None, "Re: Poste", "Je vous mets en contact avec Sophie Lenoir, une ancienne collègue qui a exactement ce profil."),
    ("fr", "referral", None, None, None, "2026-10-12", None, "Re: Poste", "Pas moi, mais j'ai transmis votre annonce à un ami qui devrait vous écrire."),
    ("en", "referral", None, None, None, "2026-10-12", None, "Re: Role", "Not for me, but I've copied in my colleague Dave who might be keen." + OL),
    ("en", "referral", None, None, None, "2026-10-12", None, "Re: Role", "You should reach out to Emma Price - she's brilliant and just finished her contract."),
    ("en", "referral", None, None, None, "2026-10-12", None, "Re: Role", "I know a great candidate for this. Shall I pass on your details?"),
    ("fr", "slot_choice", None, None, 1, "2026-01-30", SA, "Re: Entretien", "Mardi 9h30, c'est noté !" + GM),
    ("fr", "slot_choice", None, None, 2, "2026-01-30", SA, "Re: Entretien", "Je préfère mercredi à 16h si possible." + GM),
    ("fr", "slot_choice", None, None, 2, "2026-01-30", SA, "Re: Entretien", "Mardi matin je travaille, donc mercredi."),
    ("fr", "slot_choice", None, None, None, "2026-01-30", SA, "Re: Entretien", "Désolé, aucun de ces horaires ne me convient. Auriez-vous un créneau jeudi ?" + GM),
    ("fr", "slot_choice", None, None, 1, "2026-01-30", SA, "Re: Entretien", "Le 3 février me convient."),
    ("en", "slot_choice", None, None, 1, "2026-11-18", SB, "Re: Interview", "Monday at 11 is good for me."),
    ("en", "slot_choice", None, None, 2, "2026-11-18", SB, "Re: Interview", "Thursday evening works better, 6:30pm."),
    ("en", "slot_choice", None, None, None, "2026-11-18", SB, "Re: Interview", "Sorry, I can't do either. Can you suggest another time next week?"),
    ("en", "slot_choice", None, None, 2, "2026-11-18", SB, "Re: Interview", "Option B for me please."),
    ("en", "slot_choice", None, None, 1, "2026-11-18", SB, "Re: Interview", "The Monday slot, thanks."),
    ("fr", "other", None, None, None, "2026-10-12", None, "Re: Poste", "Merci, bonne journée."),
    ("fr", "other", None, None, None, "2026-10-12", None, "Re: Poste", "Je crois que ce mail ne m'était pas destiné."),
    ("fr", "other", None, None, None, "2026-10-12", None, "Re: Poste", "Pouvez-vous me rappeler qui vous êtes ?"),
    ("fr", "other", None, None, None, "2026-10-12", None, "Réponse automatique", "Ce collaborateur a quitté l'entreprise. Merci d'adresser vos messages à contact@entreprise.fr."),
    ("en", "other", None, None, None, "2026-10-12", None, "Re: Role", "Got it, thanks."),
    ("en", "other", None, None, None, "2026-10-12", None, "Re: Role", "I think you've sent this to the wrong person."),
    ("en", "other", None, None, None, "2026-10-12", None, "Re: Role", "Is this a scam?"),
    ("en", "other", None, None, None, "2026-10-12", None, "Re: Role", "lol"),
]


def main() -> None:
    write_probe("probe2", ({"lang": lang, "received_at": received + "T10:00:00+01:00", "subject": subject, "text": text, "offered_slots": offered, "intent": intent, "reason": reason, "recontact_after": recontact, "chosen_slot": slot}
                              for (lang, intent, reason, recontact, slot, received, offered, subject, text) in P))


if __name__ == "__main__":
    main()
