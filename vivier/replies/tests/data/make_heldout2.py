"""Writes replies-heldout2.jsonl: a second held-out set on dates, slots and decline reasons (README-heldout2.md).
Written once, before the changes it measures; not to be edited after scoring."""

import json
from pathlib import Path

OUT = Path(__file__).with_name("replies-heldout2.jsonl")

FR_QUOTE = (
    "\n\nLe {day} à 09:12, Camille Roux <camille@talents-roux.fr> a écrit :\n> Bonjour,\n> "
    "Je me permets de revenir vers vous au sujet du poste.\n> Camille"
)
EN_QUOTE = (
    "\n\nOn {day}, at 09:12, Sam Baker <sam@bakerhire.co.uk> wrote:\n> Hi,\n> "
    "Just following up on the role I mentioned.\n> Sam"
)
OUTLOOK_FR = (
    "\n\n________________________________\nDe : Camille Roux <camille@talents-roux.fr>\nEnvoyé : {day}\n"
    "À : moi\nObjet : {subject}\n\nBonjour,\nVoici les créneaux proposés par le manager.\nCamille"
)

rows = []


def add(lang, at, subject, text, intent, *, reason=None, date=None, slots=None, chosen=None, quote=None):
    if quote == "fr":
        text += FR_QUOTE.format(day=at[:10])
    elif quote == "en":
        text += EN_QUOTE.format(day=at[:10])
    elif quote == "outlook":
        text += OUTLOOK_FR.format(day=at[:10], subject=subject.removeprefix("RE: "))
    rows.append(
        {
            "id": f"h2-{len(rows) + 1:04d}",
            "lang": lang,
            "received_at": at,
            "subject": subject,
            "text": text,
            "offered_slots": slots,
            "intent": intent,
            "reason": reason,
            "recontact_after": date,
            "chosen_slot": chosen,
        }
    )


# --- Later and out-of-office dates ---------------------------------------------------------------------
add(
    "fr",
    "2026-03-10T10:05:00+01:00",
    "Re: Poste de contrôleur de gestion",
    "Bonjour,\n\nJe suis en pleine période de clôture. Revenez vers moi à partir du 20 avril, j'y verrai plus clair.\n\nCordialement,\nNadia",
    "later",
    date="2026-04-20",
    quote="fr",
)
add(
    "en",
    "2026-06-02T16:40:00+01:00",
    "Re: Data Engineer role",
    "Hi Sam,\n\nNot the right moment for me. Could you reach out again in three months?\n\nThanks,\nTom",
    "later",
    date="2026-09-02",
    quote="en",
)
add(
    "fr",
    "2026-07-17T08:00:00+02:00",
    "Réponse automatique : Opportunité Lead QA",
    "Bonjour,\n\nJe suis absente du 17 juillet au 7 août inclus. Pour toute urgence, contactez mon équipe à qa@exemple.fr.\n\nBien cordialement,\nInès Marchand",
    "out_of_office",
    date="2026-08-10",
)
add(
    "en",
    "2026-12-21T07:30:00+00:00",
    "Automatic reply: Senior Accountant – Leeds",
    "Thank you for your message. I am away for the holidays and will be back in the office on Monday 4 January.\n\nRegards,\nPeter Hale",
    "out_of_office",
    date="2027-01-04",
)
add(
    "fr",
    "2026-09-14T12:20:00+02:00",
    "Re: Product Owner – Nantes",
    "Merci pour votre message. J'ai pris un nouveau poste il y a deux semaines, recontactez-moi dans un an si le sujet est toujours d'actualité.\n\nJulien",
    "later",
    date="2027-09-14",
)
add(
    "en",
    "2026-02-05T09:00:00+00:00",
    "Re: Backend developer",
    "Timing's bad, we're launching our product in March. Try me again in early May?\n\nLiam",
    "later",
    date="2026-05-01",
)
add(
    "fr",
    "2026-11-03T18:45:00+01:00",
    "Re: Responsable paie",
    "Bonsoir,\nPas avant la fin de ma période d'essai, soit mi-janvier. Relancez-moi à ce moment-là.\nSophie",
    "later",
    date="2027-01-15",
)
add(
    "en",
    "2026-04-03T06:00:00+01:00",
    "Out of Office: Marketing Manager",
    "Hello,\n\nI'm on annual leave from 3 April to 13 April, returning on 14 April. For anything urgent please call the office.\n\nBest,\nClaire",
    "out_of_office",
    date="2026-04-14",
)
add(
    "fr",
    "2026-08-03T09:00:00+02:00",
    "Absence : Re: Chef de projet BIM",
    "Absent jusqu'au 21 août inclus. Votre message sera traité à mon retour.\n\nMarc Lefèvre",
    "out_of_office",
    date="2026-08-24",
)
add(
    "en",
    "2026-11-20T14:10:00+00:00",
    "Re: Head of Sales",
    "Hi, it's a crazy end of year here. Could you get back to me after the new year?\nCheers, Dan",
    "later",
    date="2027-01-01",
    quote="en",
)
add(
    "fr",
    "2026-05-12T11:30:00+02:00",
    "Re: Ingénieure méthodes",
    "Bonjour,\n\nJe suis en congé parental jusqu'à l'été. Recontactez-moi en septembre.\n\nÉlodie",
    "later",
    date="2026-09-01",
)
add(
    "en",
    "2026-10-08T10:00:00+01:00",
    "Re: Platform engineer",
    "I'm committed to my current team until the end of Q1. Reach out in April?\n\nRaj",
    "later",
    date="2027-04-01",
)
add(
    "fr",
    "2026-12-23T17:00:00+01:00",
    "Réponse automatique : Re: Poste DAF",
    "Bonjour,\nJe suis en congés du 21 décembre au 1er janvier. Retour le lundi 4 janvier.\nBonnes fêtes,\nAnne",
    "out_of_office",
    date="2027-01-04",
)
add(
    "en",
    "2026-05-22T13:00:00+01:00",
    "Automatic reply: Re: Project Manager",
    "I'm away on a business trip and will be back in the office on Tuesday, May 26. I will reply as soon as I can.",
    "out_of_office",
    date="2026-05-26",
)
add(
    "fr",
    "2026-03-30T09:40:00+02:00",
    "Re: Opportunité Dev Java",
    "Dans six semaines je serai plus disponible, on en reparle à ce moment-là ?\n\nKarim",
    "later",
    date="2026-05-11",
)
add(
    "en",
    "2026-07-01T19:00:00+01:00",
    "Re: UX Researcher",
    "Maybe reach out again once the summer is over? I'm travelling a lot until then.\n\nJo",
    "later",
    date="2026-09-01",
)
add(
    "fr",
    "2026-02-13T08:30:00+01:00",
    "Réponse automatique : Chargée de recrutement",
    "Bonjour,\n\nJe suis actuellement en congé maternité jusqu'au 30 juin 2026. Votre message ne sera pas transféré.\n\nLaura Petit",
    "out_of_office",
    date="2026-07-01",
)
add(
    "en",
    "2026-01-19T15:00:00+00:00",
    "Re: Finance Business Partner",
    "Please contact me again in 2 months, once our reorganisation has settled.\n\nRegards,\nHelen",
    "later",
    date="2026-03-19",
    quote="en",
)
add(
    "fr",
    "2026-06-15T12:00:00+02:00",
    "Re: Poste de technicien SAV",
    "Bonjour, là je pars en vacances. Vous pouvez me recontacter à partir du 6 juillet ?\nMerci\nYann",
    "later",
    date="2026-07-06",
)
add(
    "en",
    "2026-10-23T08:00:00+01:00",
    "Out of office",
    "Thank you for your email. I'm out of the office with no access to email, returning Monday 2nd November.\n\nMark",
    "out_of_office",
    date="2026-11-02",
)
add(
    "fr",
    "2026-04-08T14:00:00+02:00",
    "Re: Acheteuse industrielle",
    "Je suis en préavis jusqu'à fin mai, revenez vers moi début juin.\n\nCordialement,\nMarion",
    "later",
    date="2026-06-01",
    quote="outlook",
)
add(
    "en",
    "2026-09-29T11:00:00+01:00",
    "Re: Security analyst",
    "Could you follow up in a fortnight? I'll know more about my situation by then.\n\nAlex",
    "later",
    date="2026-10-13",
)
add(
    "fr",
    "2026-07-31T18:00:00+02:00",
    "Absence",
    "Bonjour, je suis en vacances jusqu'au dimanche 16 août. Je traiterai votre message à mon retour.\nPaul",
    "out_of_office",
    date="2026-08-17",
)
add(
    "en",
    "2026-08-11T10:30:00+01:00",
    "Re: Lead Designer",
    "I'm off on paternity leave from next week. Let's speak in November?\n\nBen",
    "later",
    date="2026-11-01",
)

# --- Interview slots -------------------------------------------------------------------------------------
T2_FR = ["2026-05-12T10:00:00+02:00", "2026-05-14T15:00:00+02:00"]
add(
    "fr",
    "2026-05-06T09:00:00+02:00",
    "Re: Entretien – Comptable",
    "Jeudi 15h c'est parfait pour moi.\n\nAmélie",
    "slot_choice",
    slots=T2_FR,
    chosen=2,
    quote="fr",
)
T3_EN = ["2026-03-09T11:00:00+00:00", "2026-03-10T14:00:00+00:00", "2026-03-11T16:30:00+00:00"]
add(
    "en",
    "2026-03-04T12:00:00+00:00",
    "Re: Interview – Data Analyst",
    "Tuesday afternoon works best for me.\n\nKate",
    "slot_choice",
    slots=T3_EN,
    chosen=2,
    quote="en",
)
T5_FR = [
    "2026-06-08T09:00:00+02:00",
    "2026-06-08T14:00:00+02:00",
    "2026-06-09T11:00:00+02:00",
    "2026-06-10T17:00:00+02:00",
    "2026-06-12T10:00:00+02:00",
]
add(
    "fr",
    "2026-06-03T10:00:00+02:00",
    "RE: Entretien – Chef de chantier",
    "Bonjour,\nLe vendredi matin m'arrangerait.\nMerci,\nLoïc",
    "slot_choice",
    slots=T5_FR,
    chosen=5,
    quote="outlook",
)
T1_EN = ["2026-11-05T10:00:00+00:00"]
add(
    "en",
    "2026-11-02T09:15:00+00:00",
    "Re: Interview",
    "Yes, Thursday at 10 is fine, see you then.\n\nGreg",
    "slot_choice",
    slots=T1_EN,
    chosen=1,
)
T1_FR = ["2026-10-07T10:00:00+02:00"]
add(
    "fr",
    "2026-10-02T09:15:00+02:00",
    "Re: Entretien – Juriste",
    "Ce créneau ne me va pas, je suis en réunion toute la matinée. Est-ce possible l'après-midi ?\n\nClara",
    "slot_choice",
    slots=T1_FR,
    chosen=None,
)
T2_EN = ["2026-01-21T10:00:00+00:00", "2026-01-23T15:00:00+00:00"]
add(
    "en",
    "2026-01-16T17:00:00+00:00",
    "Re: Interview slots",
    "Both work for me, whichever suits the hiring manager.\n\nNina",
    "slot_choice",
    slots=T2_EN,
    chosen=None,
    quote="en",
)
T3_FR = ["2026-02-02T10:00:00+01:00", "2026-02-03T10:00:00+01:00", "2026-02-04T10:00:00+01:00"]
add(
    "fr",
    "2026-01-28T11:00:00+01:00",
    "Re: Entretien – Office manager",
    "Les trois me conviennent, choisissez celui qui vous arrange.\n\nBonne journée,\nLéa",
    "slot_choice",
    slots=T3_FR,
    chosen=None,
)
add(
    "fr",
    "2026-06-03T15:00:00+02:00",
    "Re: Entretien – Conducteur de travaux",
    "Le 3e créneau est idéal.\nHugo",
    "slot_choice",
    slots=T5_FR,
    chosen=3,
)
T5_EN = [
    "2026-09-14T14:00:00+01:00",
    "2026-09-15T10:00:00+01:00",
    "2026-09-15T16:00:00+01:00",
    "2026-09-17T09:30:00+01:00",
    "2026-09-18T11:00:00+01:00",
]
add(
    "en",
    "2026-09-09T08:00:00+01:00",
    "Re: Interview – Site Reliability Engineer",
    "Tuesday at 4pm please.\n\nOmar",
    "slot_choice",
    slots=T5_EN,
    chosen=3,
    quote="en",
)
T2_FR_OCT = ["2026-10-07T14:30:00+02:00", "2026-10-08T09:00:00+02:00"]
add(
    "fr",
    "2026-10-01T13:00:00+02:00",
    "Re: Entretien",
    "Je prends le 8 octobre, merci !\nMaxime",
    "slot_choice",
    slots=T2_FR_OCT,
    chosen=2,
)
add(
    "en",
    "2026-03-04T18:00:00+00:00",
    "Re: Interview – Data Analyst",
    "Sorry, I can't do any of those, I'm travelling that week. Could we look at the week after?\n\nRuth",
    "slot_choice",
    slots=T3_EN,
    chosen=None,
)
add(
    "fr",
    "2026-05-06T19:00:00+02:00",
    "Re: Entretien – Comptable",
    "Je préfère le premier.\nBien à vous\nHélène",
    "slot_choice",
    slots=T2_FR,
    chosen=1,
)
add(
    "en",
    "2026-01-16T10:00:00+00:00",
    "Re: Interview slots",
    "Friday's slot would be great. Should I bring anything in particular?\n\nPriya",
    "slot_choice",
    slots=T2_EN,
    chosen=2,
)
add(
    "fr",
    "2026-01-28T08:00:00+01:00",
    "Re: Entretien – Office manager",
    "Mardi ça me va très bien.\nSandrine",
    "slot_choice",
    slots=T3_FR,
    chosen=2,
    quote="fr",
)
add(
    "en",
    "2026-09-09T12:00:00+01:00",
    "Re: Interview – SRE",
    "The last one suits me.\nThanks, Ella",
    "slot_choice",
    slots=T5_EN,
    chosen=5,
)
T2_FR_NOV = ["2026-11-16T11:00:00+01:00", "2026-11-16T15:00:00+01:00"]
add(
    "fr",
    "2026-11-10T10:00:00+01:00",
    "Re: Entretien – Électricien",
    "Plutôt l'après-midi si possible.\nDavid",
    "slot_choice",
    slots=T2_FR_NOV,
    chosen=2,
)
add(
    "en",
    "2026-03-05T09:00:00+00:00",
    "Re: Interview – Data Analyst",
    "Any of them is fine by me.\n\nSteve",
    "slot_choice",
    slots=T3_EN,
    chosen=None,
)
add(
    "fr",
    "2026-05-07T08:30:00+02:00",
    "Re: Entretien – Comptable",
    "N'importe lequel, je suis flexible cette semaine-là.\nÉric",
    "slot_choice",
    slots=T2_FR,
    chosen=None,
    quote="fr",
)
T2_EN_OCT = ["2026-10-06T09:00:00+01:00", "2026-10-08T17:00:00+01:00"]
add(
    "en",
    "2026-10-01T20:00:00+01:00",
    "Re: Interview – Mechanical engineer",
    "Thursday evening is better as I'm working during the day.\n\nSean",
    "slot_choice",
    slots=T2_EN_OCT,
    chosen=2,
)
T3_FR_SEP = ["2026-09-10T10:00:00+02:00", "2026-09-10T16:00:00+02:00", "2026-09-11T10:00:00+02:00"]
add(
    "fr",
    "2026-09-04T11:00:00+02:00",
    "Re: Entretien – Assistante de direction",
    "Le jeudi à 16h.\nNathalie",
    "slot_choice",
    slots=T3_FR_SEP,
    chosen=2,
)
add(
    "en",
    "2026-11-02T11:00:00+00:00",
    "Re: Interview",
    "Perfect, I'll be there.\n\nMia",
    "slot_choice",
    slots=T1_EN,
    chosen=1,
)
add(
    "fr",
    "2026-06-04T09:00:00+02:00",
    "Re: Entretien – Chef de chantier",
    "Option 2 pour moi.\nSamir",
    "slot_choice",
    slots=T5_FR,
    chosen=2,
)
T2_EN_JUN = ["2026-06-01T13:00:00+01:00", "2026-06-03T13:00:00+01:00"]
add(
    "en",
    "2026-05-27T10:00:00+01:00",
    "Re: Interview – Teacher",
    "Wednesday please, on Monday I have a dentist appointment.\n\nLucy",
    "slot_choice",
    slots=T2_EN_JUN,
    chosen=2,
)
add(
    "fr",
    "2026-11-10T16:00:00+01:00",
    "Re: Entretien – Électricien",
    "Aucun des deux, désolé. Je suis dispo la semaine suivante le matin.\nKevin",
    "slot_choice",
    slots=T2_FR_NOV,
    chosen=None,
)

# --- Decline reasons ------------------------------------------------------------------------------------
add(
    "fr",
    "2026-04-14T09:00:00+02:00",
    "Re: Responsable logistique",
    "Merci, mais la fourchette est bien en dessous de ce que je gagne actuellement.\n\nFabien",
    "not_interested",
    reason="salary",
    quote="fr",
)
add(
    "en",
    "2026-04-14T09:30:00+01:00",
    "Re: Operations lead",
    "Thanks, but a daily commute to Manchester isn't realistic for me.\n\nJoe",
    "not_interested",
    reason="location",
)
add(
    "fr",
    "2026-05-20T10:00:00+02:00",
    "Re: Dev fullstack",
    "Je suis en full remote depuis 3 ans et je ne reviendrai pas au bureau 4 jours par semaine.\nAntoine",
    "not_interested",
    reason="remote",
)
add(
    "en",
    "2026-05-20T10:20:00+01:00",
    "Re: .NET developer",
    "I only take freelance missions these days, I'm not looking for a permanent position.\n\nChris",
    "not_interested",
    reason="contract",
    quote="en",
)
add(
    "fr",
    "2026-06-22T14:00:00+02:00",
    "Re: Poste de RRH",
    "Je suis très bien dans mon équipe actuelle, je ne cherche pas à bouger.\nBonne continuation,\nIsabelle",
    "not_interested",
    reason="happy",
)
add(
    "en",
    "2026-06-22T14:30:00+01:00",
    "Re: Engineering manager",
    "This is a management role and I want to stay hands-on as an engineer, so I'll pass.\n\nDev",
    "not_interested",
    reason="role",
)
add(
    "fr",
    "2026-07-08T09:00:00+02:00",
    "Re: Ingénieur systèmes embarqués",
    "Je ne souhaite pas travailler dans le secteur de l'armement, désolé.\nThomas",
    "not_interested",
    reason="company",
)
add(
    "en",
    "2026-07-08T09:30:00+01:00",
    "Re: Product designer",
    "I just started a new job last month, so it's a no from me.\n\nAmy",
    "not_interested",
    reason="timing",
)
add(
    "fr",
    "2026-08-25T11:00:00+02:00",
    "Re: Gestionnaire ADV",
    "Un CDD de 6 mois ne m'intéresse pas, je cherche un CDI.\nMerci quand même,\nCéline",
    "not_interested",
    reason="contract",
    quote="outlook",
)
add(
    "en",
    "2026-08-25T11:30:00+01:00",
    "Re: Solutions architect",
    "The budget you mention is about 20k below my current package. Not for me.\n\nPaul",
    "not_interested",
    reason="salary",
)
add(
    "fr",
    "2026-09-30T16:00:00+02:00",
    "Re: Chargé d'affaires – Bordeaux",
    "Déménager à Bordeaux n'est pas envisageable pour ma famille.\nCordialement\nGuillaume",
    "not_interested",
    reason="location",
)
add(
    "en",
    "2026-09-30T16:30:00+01:00",
    "Re: Backend engineer (seed-stage)",
    "I'd rather not join an early-stage startup at this point, I need more stability.\n\nKaren",
    "not_interested",
    reason="company",
)
add(
    "fr",
    "2026-10-12T09:00:00+02:00",
    "Re: Développeur PHP",
    "Le poste est trop junior par rapport à mon expérience.\nVincent",
    "not_interested",
    reason="role",
    quote="fr",
)
add("en", "2026-10-12T09:30:00+01:00", "Re: Sales executive", "No thanks.", "not_interested", reason=None)
add(
    "fr",
    "2026-11-18T08:00:00+01:00",
    "Re: Responsable marketing",
    "Non merci, je viens d'être promue et je suis épanouie dans mon poste.\nAurélie",
    "not_interested",
    reason="happy",
)
add(
    "en",
    "2026-11-18T08:30:00+00:00",
    "Re: QA engineer",
    "The job requires being onsite five days a week, which doesn't work for me.\n\nRob",
    "not_interested",
    reason="remote",
)
add(
    "fr",
    "2026-12-01T19:00:00+01:00",
    "Re: Infirmière coordinatrice",
    "Ce n'est vraiment pas le moment, je viens d'avoir un bébé. Je ne donnerai pas suite.\nMélanie",
    "not_interested",
    reason="timing",
)
add(
    "en",
    "2026-12-01T19:30:00+00:00",
    "Re: Accountant",
    "Part-time is the only option for me and this role is full-time, so I'll decline.\n\nSarah",
    "not_interested",
    reason="contract",
    quote="en",
)

if __name__ == "__main__":
    with open(OUT, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(len(rows), "replies written to", OUT)
