"""Builds ``train.jsonl``: synthetic French and English replies written for this model, never taken from
the evaluation set. Run ``python -m vivier.replies.understanding.data.build_train`` after editing.

Each body is written once; a deterministic shuffle of greetings and sign-offs makes variants, so the model
does not learn that a label comes with a particular greeting.
"""

import json
import random
from pathlib import Path

FR_GREET = ["", "Bonjour,\n\n", "Bonjour Madame,\n\n", "Bonsoir,\n", "Salut,\n", "Hello,\n\n", "Bonjour Monsieur,\n\n"]
FR_CLOSE = ["", "\n\nCordialement,\nMarie", "\n\nBonne journée,\nPaul", "\nMerci\nSamia", "\n\nBien à vous,\nL. Martin", "\n\nEnvoyé de mon iPhone"]
EN_GREET = ["", "Hi,\n\n", "Hello,\n\n", "Hi there,\n", "Dear Ms Smith,\n\n", "Hey,\n"]
EN_CLOSE = ["", "\n\nBest,\nTom", "\n\nKind regards,\nAnna", "\nThanks\nRaj", "\n\nCheers,\nMo", "\n\nSent from my iPhone"]

T: dict[str, dict[str, list[str]]] = {
    "interested": {
        "fr": [
            "Oui, ça m'intéresse. On peut s'appeler demain ?",
            "Avec plaisir, je suis disponible pour un échange cette semaine.",
            "Le poste me plaît beaucoup, je vous envoie mon CV ce soir.",
            "Partante ! Vous pouvez me joindre au 07 12 34 56 78 après 18h.",
            "Je suis intéressé, appelez-moi quand vous voulez.",
            "Volontiers pour en discuter, je suis libre jeudi matin.",
            "Je ne suis pas en recherche active mais je veux bien écouter ce que vous avez à proposer.",
            "Pourquoi pas, dites-moi quand vous êtes disponible.",
            "Ça tombe bien, je cherchais justement à bouger. Je suis dispo pour un call lundi.",
            "Très intéressée par cette opportunité, voici mon numéro : 06 11 22 33 44.",
            "Oui bien sûr, je suis toujours en recherche. Rappelez-moi en fin d'après-midi.",
            "Je ne dis pas non, on peut en parler de vive voix.",
            "ok ça me va, appelle moi",
            "Intéressé, je peux commencer rapidement.",
            "Votre proposition m'intéresse, je suis joignable toute la journée de demain.",
            "Ça me tente bien ! Quand est-ce qu'on s'appelle ?",
            "Je suis ouvert à une discussion, même si je suis bien dans mon poste actuel.",
            "Carrément partant, le projet a l'air top.",
            "oui je suis dispo tout de suite, j'ai mon permis et je connais le secteur",
            "Je serais ravie d'échanger avec vous sur ce poste. Mes disponibilités : mardi et mercredi après-midi.",
            "Bonne nouvelle, ce poste correspond à ce que je cherche. Je vous laisse me proposer un créneau.",
            "Je suis partant pour un premier échange téléphonique.",
            "D'accord pour un appel, je suis libre demain entre midi et deux.",
            "Pas contre du tout, je suis curieux d'en savoir davantage lors d'un appel.",
            "Oui, je suis toujours à l'écoute du marché. Appelez-moi au 06 98 76 54 32.",
            "Ça m'intéresserait d'en discuter, je vous joins mon CV à jour.",
        ],
        "en": [
            "Yes, I'm interested. Can we talk tomorrow?",
            "Sounds great, happy to have a chat this week.",
            "I'd love to hear more on a call. I'm free Monday afternoon.",
            "Count me in! Here is my number: 07911 123456.",
            "Definitely interested, my CV is attached.",
            "Sure, let's set up a call. Any time after 3pm works.",
            "I'm not actively looking, but I'm open to a conversation about this one.",
            "Why not, give me a ring whenever suits you.",
            "This is exactly the kind of role I've been looking for. When can we speak?",
            "Yes please, I'm available to start immediately.",
            "Keen to learn more - happy to jump on a call on Thursday.",
            "I'm open to it. Let's talk next week.",
            "yeah sounds good, call me",
            "Very interested. I've attached my resume and I'm free most mornings.",
            "Happy to discuss, feel free to send over a calendar invite.",
            "I wouldn't say no to a chat. What time works for you?",
            "The role sounds really appealing and the timing is good for me. Let's connect.",
            "Absolutely, I'd be glad to talk. My mobile is 07700 111222.",
            "I am interested in the position and available for an interview any day this week.",
            "Great timing, I was just starting to look around. Free for a call tomorrow.",
            "Open to hearing more, I'm available Wednesday or Friday.",
            "Yes, still looking. Please call me after 5.",
        ],
    },
    "more_info": {
        "fr": [
            "Quel est le salaire proposé ?",
            "Pouvez-vous m'en dire plus sur l'entreprise et l'équipe ?",
            "C'est en CDI ou en CDD ? Et le télétravail est possible ?",
            "Avant de vous répondre, pourriez-vous m'envoyer la fiche de poste ?",
            "Combien de jours de télétravail par semaine ?",
            "De quelle société s'agit-il ?",
            "Intéressant, mais quelle est la fourchette de rémunération ?",
            "Le poste est basé où exactement ? Et quels sont les horaires ?",
            "J'aimerais en savoir plus sur les missions avant de me décider.",
            "Quelles sont les technologies utilisées ? Il y a du legacy ?",
            "Est-ce qu'il y a des astreintes le week-end ?",
            "Ça dépend du package, vous pouvez me préciser ?",
            "Qui serait mon manager et quelle est la taille de l'équipe ?",
            "Pourquoi pas, mais c'est quel type de contrat ?",
            "C'est pour quel client ? Et le poste est ouvert depuis longtemps ?",
            "Il y a une voiture de fonction ? Je fais beaucoup de route.",
            "Pouvez-vous me transmettre l'annonce complète par mail ?",
            "Je ne dis pas non, mais j'aimerais connaître le salaire et les avantages avant d'aller plus loin.",
            "Le poste est-il accessible sans diplôme d'ingénieur ?",
            "Quelques questions : le variable est-il plafonné ? Combien de personnes dans l'équipe commerciale ?",
            "C'est en horaires de jour ou en équipe ? Merci de me dire.",
            "quel salaire ? et c'est ou ?",
        ],
        "en": [
            "What's the salary range?",
            "Could you tell me more about the company and the team?",
            "Is it remote, hybrid or fully on-site?",
            "Before I commit to anything, can you send me the job description?",
            "Who is the client?",
            "Sounds interesting, but what's the base and the bonus?",
            "How big is the engineering team and what stack do they use?",
            "Is this a permanent role or a contract?",
            "I'd need to know a bit more about the day-to-day before taking a call.",
            "Who would I be reporting to?",
            "What are the working hours? Any weekend shifts?",
            "Is there any relocation support or visa sponsorship?",
            "It depends on the package. Could you share the numbers?",
            "Do they offer equity? And how many days in the office?",
            "Can you clarify whether French is required for the role?",
            "What's the interview process like, and how many stages?",
            "Could be interesting. Is the team B2B or B2C focused?",
            "Where exactly is the office located? Is parking available?",
            "what does it pay?",
            "I'm not against it, but what's the on-call rota like?",
        ],
    },
    "not_interested": {
        "fr": [
            ("Non merci, bonne journée.", None), ("Merci, mais je ne suis pas intéressé.", None), ("Je vais décliner, merci d'avoir pensé à moi.", None),
            ("Ce ne sera pas pour moi, bonne continuation.", None), ("Je préfère ne pas donner suite.", None),
            ("Pas intéressée, merci.", None), ("Non, ça ne m'intéresse pas.", None),
            ("Le salaire est bien trop bas par rapport à ce que je gagne aujourd'hui. Non merci.", "salary"),
            ("Avec ce niveau de rémunération, ce n'est pas envisageable.", "salary"),
            ("Je suis à 55 K€ aujourd'hui, je ne vais pas bouger pour moins. Je passe.", "salary"),
            ("Trop loin de chez moi, je ne ferai pas une heure de trajet matin et soir.", "location"),
            ("Je ne suis pas mobile, je reste sur Toulouse pour des raisons familiales. Merci.", "location"),
            ("Déménager à Lille n'est pas une option pour moi.", "location"),
            ("J'ai trois mois de préavis, ça ne collera pas avec votre calendrier.", "timing"),
            ("Je viens de commencer un nouveau poste le mois dernier, je ne vais pas partir maintenant.", "timing"),
            ("Je suis encore en période d'essai, ce n'est pas le moment de changer. Merci.", "timing"),
            ("Je ne veux plus faire de management, je reste sur des postes techniques.", "role"),
            ("C'est un poste junior et j'ai quinze ans d'expérience, ça ne correspond pas.", "role"),
            ("Je ne fais plus de développement Java depuis des années, ce n'est pas pour moi.", "role"),
            ("Je ne souhaite pas travailler dans l'industrie de l'armement.", "company"),
            ("Une grosse structure comme ça, très peu pour moi, je préfère les petites boîtes.", "company"),
            ("J'ai eu de mauvais retours sur cette entreprise, je préfère m'abstenir.", "company"),
            ("Je cherche uniquement des missions en freelance, pas de CDI.", "contract"),
            ("Un temps plein ne me convient pas, je suis à 80 % et je veux le rester.", "contract"),
            ("De l'intérim ? Non, je veux un contrat stable.", "contract"),
            ("Sans télétravail, ce n'est pas possible pour moi.", "remote"),
            ("Cinq jours par semaine au bureau, c'est rédhibitoire.", "remote"),
            ("Je travaille en full remote et je ne reviendrai pas au présentiel.", "remote"),
            ("Je suis très bien dans mon entreprise actuelle et je ne cherche pas à bouger.", "happy"),
            ("Merci, mais je suis épanouie dans mon poste, pas en recherche.", "happy"),
            ("Je me plais beaucoup chez mon employeur, je reste.", "happy"),
            ("Je prends ma retraite à la fin de l'année, donc non.", "other"),
            ("Je reprends mes études en septembre, je ne peux pas donner suite.", "other"),
            ("Je lance ma propre entreprise, je ne cherche pas de poste salarié.", "other"),
        ],
        "en": [
            ("No thanks, not for me.", None), ("Thanks, but I'm not interested.", None), ("I'll pass on this one, thanks for thinking of me.", None),
            ("Not for me, good luck with the search.", None), ("I'm going to decline, thank you.", None),
            ("Not interested at this time, thank you.", None),
            ("The pay is far below my current salary, so it's a no from me.", "salary"),
            ("That salary doesn't work for me, I'm earning a lot more already.", "salary"),
            ("With that budget it isn't worth moving. Thanks anyway.", "salary"),
            ("The commute would be over an hour each way, too far for me.", "location"),
            ("I'm not willing to relocate to another city right now.", "location"),
            ("I need something closer to home, I can't travel that far every day.", "location"),
            ("I have a three month notice period, so the start date won't work.", "timing"),
            ("I just started a new job a few weeks ago, it's too soon to move.", "timing"),
            ("I'm still on probation at my current employer, so I can't consider this.", "timing"),
            ("I want to stay hands-on, a people management role isn't what I'm after.", "role"),
            ("It's a junior role and I'm far more experienced, so it's not a fit.", "role"),
            ("I've moved away from sales completely and don't want to go back.", "role"),
            ("I don't want to work in the tobacco or oil sector.", "company"),
            ("I'd rather not join a big corporate again, I prefer small startups.", "company"),
            ("I've heard too many bad things about that company's culture. I'll pass.", "company"),
            ("I only do freelance work now, not looking for a permanent job.", "contract"),
            ("I'm only looking for part-time roles at the moment.", "contract"),
            ("A fixed-term contract isn't something I'd consider.", "contract"),
            ("I need a fully remote role, so five days on-site is a dealbreaker.", "remote"),
            ("I work from home full time and won't go back to the office.", "remote"),
            ("Hybrid with 4 office days is not for me.", "remote"),
            ("I'm very happy where I am and not looking to move.", "happy"),
            ("I love my team and my current role, so I'm staying put.", "happy"),
            ("Thanks, but I'm happy in my current position.", "happy"),
            ("I'm retiring next spring, so this won't be for me.", "other"),
            ("I'm going back to university full time, so I can't take this on.", "other"),
            ("I don't have a work permit for that country, so I have to decline.", "other"),
        ],
    },
    "later": {
        "fr": [
            "Pas pour le moment, mais recontactez-moi dans trois mois.",
            "Ce n'est pas le bon moment, revenez vers moi l'année prochaine.",
            "Je suis sur un projet jusqu'à fin mai, relancez-moi en juin si le poste est toujours ouvert.",
            "Pas maintenant, peut-être plus tard dans l'année.",
            "Recontactez-moi à la rentrée, je serai plus disponible.",
            "Je ne peux pas m'engager avant le printemps, mais gardez mon contact.",
            "Pas tout de suite, on en reparle en janvier ?",
            "N'hésitez pas à revenir vers moi d'ici six mois.",
            "Je suis en congé maternité et je reprends en mars, recontactez-moi à ce moment-là.",
            "Là c'est compliqué, mais d'ici la fin de l'année pourquoi pas. Relancez-moi.",
            "Je garde votre contact et je reviens vers vous après l'été.",
            "Pas avant septembre, j'ai des engagements d'ici là.",
            "Le poste m'intéresse mais pas avant le 1er juin, recontactez-moi à ce moment-là.",
            "Plus tard peut-être, pensez à moi pour de futures opportunités.",
            "Je serai disponible à partir de début 2027, recontactez-moi à ce moment.",
            "Rappelez-moi dans deux semaines, je serai rentrée de déplacement.",
        ],
        "en": [
            "Not right now, but please reach out again in six months.",
            "Bad timing for me, could you get back to me next year?",
            "I'm tied up until the end of March. Happy to talk after that.",
            "Maybe later in the year, keep me in mind.",
            "Ping me after the summer and we can talk.",
            "Not at the moment, but I'd be open to hearing from you in Q3.",
            "Can you check back in a couple of months? Things should be clearer then.",
            "I'm on a contract until June, let's reconnect then.",
            "Not yet, but feel free to contact me again in the new year.",
            "Please keep my details on file for future roles.",
            "I'm on parental leave until April and happy to chat once I'm back at work.",
            "Let's revisit this in a few weeks, I'm swamped right now.",
            "I can't move before my bonus in March, but follow up with me then.",
            "Check in with me again in early 2027.",
        ],
    },
    "out_of_office": {
        "fr": [
            "Je suis absente du bureau jusqu'au 12 mars inclus. Je répondrai à votre message à mon retour.",
            "Je suis actuellement en congés, de retour le lundi 3 août. Pour toute urgence, contactez le standard.",
            "Absent jusqu'au 20/04, sans accès à mes mails. Votre message ne sera pas transféré.",
            "Je suis en déplacement cette semaine avec un accès limité à ma messagerie. Je vous répondrai dès mon retour.",
            "Je suis en arrêt maladie et ne consulte pas mes e-mails. Pour toute question, contactez rh@exemple.fr.",
            "Bonjour, je suis en formation jusqu'à vendredi. Je traiterai votre demande à mon retour lundi.",
            "Je suis en vacances jusqu'au 2 janvier. Pendant mon absence, vous pouvez joindre mon collègue Pierre.",
            "Merci pour votre message. Je suis actuellement absent et serai de retour le 15 septembre.",
        ],
        "en": [
            "I am out of the office until March 12th with no access to email. I will reply upon my return.",
            "Thank you for your email. I'm on annual leave and will be back on Monday 4 August.",
            "I'm currently away with limited access to email. For urgent matters please contact support@example.com.",
            "Out of office: back on 20/04. Your message will not be forwarded.",
            "I'm on maternity leave until September and won't be checking emails. Please contact my manager.",
            "I am travelling this week and will respond when I am back in the office next Monday.",
            "Thanks for your message. I'm out on vacation until January 3rd.",
            "OOO until Friday, limited connectivity.",
        ],
    },
    "unsubscribe": {
        "fr": [
            "Merci de me désinscrire de votre liste.", "STOP svp", "Ne me contactez plus, merci.",
            "Supprimez mes coordonnées de votre fichier s'il vous plaît.",
            "Je ne souhaite plus recevoir de sollicitations de votre part.",
            "Conformément au RGPD, je vous demande d'effacer toutes mes données personnelles.",
            "Arrêtez de m'envoyer ces mails, c'est le troisième cette semaine.",
            "Retirez mon adresse de vos listes, je n'ai jamais donné mon accord.",
            "désinscription svp",
            "Non merci, et je vous prie de ne plus me solliciter à l'avenir.",
        ],
        "en": [
            "Please unsubscribe me.", "Please stop sending me these emails.", "Remove me from your list please.",
            "Please delete all my personal data under GDPR.",
            "Don't contact me again.", "Take me off your mailing list, I never signed up for this.",
            "unsubscribe me please", "I do not wish to receive any more emails from you.",
            "Not interested, and please stop contacting me.",
            "Please erase my details from your database and confirm.",
        ],
    },
    "referral": {
        "fr": [
            "Ce n'est pas pour moi, mais mon ancien collègue Julien cherche ce type de poste. Je vous mets son adresse : julien.d@gmail.com",
            "Je ne suis pas disponible, par contre ma sœur pourrait être intéressée. Je lui transfère votre message.",
            "Je connais quelqu'un qui serait parfait pour ce poste, je peux vous mettre en relation ?",
            "Pas pour moi, mais je vous mets en copie une amie qui cherche justement dans ce domaine.",
            "Je suis bien où je suis, mais mon binôme est en recherche. Il vous appellera demain de ma part.",
            "Je transmets à une ancienne collègue qui correspond mieux au profil, elle devrait vous contacter.",
            "Pas intéressé personnellement mais mon cousin est électricien et cherche un CDI, voici son numéro : 06 55 44 33 22.",
            "Je ne suis plus dans ce domaine, mais une connaissance serait plus pertinente que moi : Claire Morel sur LinkedIn.",
        ],
        "en": [
            "Not for me, but my former colleague Sam is looking for exactly this. His email is sam.k@gmail.com.",
            "I'm happy where I am, but I know someone who would be a great fit. Happy to introduce you.",
            "I've forwarded this to a friend who's looking for a new role, she'll reach out.",
            "Not the right person, but you should talk to my teammate Priya, she's been thinking about a move.",
            "cc'ing my brother who works in logistics and is open to offers.",
            "Passing this on to an old classmate who'd be perfect - I'll put you in touch.",
            "Not my thing, but have a look at Marco Rossi's profile on LinkedIn, he's great and on the market.",
            "Someone in my network would be much better suited. Shall I connect you two?",
        ],
    },
    "other": {
        "fr": [
            "Merci beaucoup.", "Bien reçu, merci !", "Merci pour votre message.", "??", "Je pense que vous vous trompez de personne.",
            "Monsieur Durand ne fait plus partie de l'entreprise.", "Cette adresse n'est plus utilisée.",
            "C'est à quel sujet ?", "Je vous ai déjà répondu par téléphone.", "Ok noté.",
            "Avez-vous reçu le dossier que je vous ai envoyé pour ma candidature ?",
            "Il y a une erreur, je ne suis pas la personne que vous cherchez.",
        ],
        "en": [
            "Thanks a lot.", "Thank you for your message.", "Received, thanks.", "Who is this?",
            "Wrong person, sorry.", "Sarah no longer works here.", "This mailbox is no longer monitored.",
            "Noted.", "I already replied to you on LinkedIn.", "Is this about my order?",
            "Did you receive my application from last month?", "Thank you for thinking of me, much appreciated.",
        ],
    },
}


def build() -> list[dict]:
    rng = random.Random(20261121)
    rows = []
    n = 0
    for intent, by_lang in T.items():
        for lang, bodies in by_lang.items():
            greet, close = (FR_GREET, FR_CLOSE) if lang == "fr" else (EN_GREET, EN_CLOSE)
            for body in bodies:
                reason = None
                if isinstance(body, tuple):
                    body, reason = body
                variants = {body, rng.choice(greet) + body + rng.choice(close)}
                for text in sorted(variants):
                    n += 1
                    rows.append({"id": f"train-{n:04d}", "lang": lang, "intent": intent, "reason": reason,
                                 "text": text})
    return rows


def main() -> None:
    out = Path(__file__).resolve().parent / "train.jsonl"
    with open(out, "w", encoding="utf-8") as fh:
        for row in build():
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
