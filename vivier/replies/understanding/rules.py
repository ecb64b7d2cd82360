"""Interpretable French/English cues, each a general linguistic pattern with a weight.

Everything here runs on folded text (lower case, no accents, plain apostrophes): "intéressé" is matched as
"interesse". Negations and idioms are first rewritten into markers (``_open_``, ``_decline_``, ``_notnow_``)
so that "pas intéressé" never counts as "intéressé", and "je ne dis pas non" never counts as "non".

Long on purpose: the pattern tables of one classifier, read and tuned together.
"""

import re
from dataclasses import dataclass, field

INTENTS = (
    "interested",
    "more_info",
    "not_interested",
    "later",
    "out_of_office",
    "unsubscribe",
    "referral",
    "slot_choice",
    "other",
)
REASONS = ("salary", "location", "timing", "role", "company", "contract", "remote", "happy", "other")


def _split_top(pattern: str) -> list[str]:
    """The top-level alternatives of a regex."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def _group_end(pattern: str, start: int) -> int:
    """Index of the ")" closing the group opened at ``start``."""
    depth, i, in_class = 0, start, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _prefixes(alternative: str) -> set[str] | None:
    """Literal strings one of which every match of ``alternative`` starts with; None when unknown."""
    rest = alternative
    while True:
        for lead in ("^", "\\W*", "\\b", "\\s*", "\\s+"):
            if rest.startswith(lead):
                rest = rest[len(lead) :]
                break
        else:
            break
    if rest.startswith(("(?<", "(?=", "(?!")):
        end = _group_end(rest, 0)
        return None if end < 0 else _prefixes(rest[end + 1 :])
    if rest.startswith("(?:") or (rest.startswith("(") and not rest.startswith("(?")):
        end = _group_end(rest, 0)
        if end < 0:
            return None
        inner = rest[3:end] if rest.startswith("(?:") else rest[1:end]
        found: set[str] = set()
        for alt in _split_top(inner):
            sub = _prefixes(alt)
            if sub is None:
                return None
            found |= sub
        if rest[end + 1 : end + 2] in ("?", "*"):
            after = _prefixes(rest[end + 2 :])
            if after is None:
                return None
            found |= after
        return found
    out = []
    for i, ch in enumerate(rest):
        if ch.isalnum() or ch in "'_":
            if rest[i + 1 : i + 2] in ("?", "*", "{"):
                break
            out.append(ch)
        else:
            break
    return {"".join(out)} if out else None


class Cue:
    """A compiled pattern with a cheap substring gate: when none of its alternatives' literal prefixes occurs
    in the text, the regex cannot match and is not run (Python's regex engine cannot skip ahead on
    patterns that start with \\b, and these run on every reply)."""

    __slots__ = ("regex", "prefixes")

    def __init__(self, pattern: str):
        self.regex = re.compile(pattern)
        found: set[str] = set()
        for alternative in _split_top(pattern):
            sub = _prefixes(alternative)
            if sub is None:
                found = set()
                break
            found |= sub
        self.prefixes = tuple(sorted(found)) if found else None

    def _may_match(self, text: str) -> bool:
        return self.prefixes is None or any(p in text for p in self.prefixes)

    def search(self, text: str):
        return self.regex.search(text) if self._may_match(text) else None

    def findall(self, text: str) -> list:
        return self.regex.findall(text) if self._may_match(text) else []

    def finditer(self, text: str):
        return self.regex.finditer(text) if self._may_match(text) else iter(())

    def sub(self, repl, text: str) -> str:
        return self.regex.sub(repl, text) if self._may_match(text) else text

    def match(self, text: str):
        return self.regex.match(text)


def _c(pattern: str) -> Cue:
    return Cue(pattern)


# 1. Rewrites, in order: negated or idiomatic phrases become one marker each.
_NEG = r"(?:ne\s+|n')?"
REWRITES: list[tuple[Cue, str]] = [
    # Double negations and litotes that mean "open to it".
    (
        _c(
            r"\b(?:je\s+)?(?:ne\s+)?dis\s+pas\s+non\b|\bne\s+dirais\s+pas\s+non\b|\bcan'?t\s+say\s+no\b|"
            r"\bwouldn'?t\s+say\s+no\b|\bwon'?t\s+say\s+no\b|\bnot\s+saying\s+no\b"
        ),
        " _open_ ",
    ),
    (
        _c(
            r"\b(?:not|n'?t)\s+(?:\w+\s+)?uninterested\b|\bpas\s+(?:du\s+tout\s+)?(?:in)?interess\w*\s+non\s+plus\b|"
            r"\bpas\s+desinteress\w*"
        ),
        " _open_ ",
    ),
    (
        _c(
            r"\bpas\s+de\s+refus\b|\bwouldn'?t\s+refuse\b|\bnot\s+a\s+no\b|\b(?:je\s+)?(?:ne\s+)?(?:suis\s+)?pas\s+contre\b|\bnot\s+(?:against|opposed\s+to)\b|\bpourquoi\s+pas\b|"
            r"\bwhy\s+not\b|\bi'?m\s+not\s+closed\b|\bpas\s+ferme\w*\b"
        ),
        " _open_ ",
    ),
    # Declines.
    (
        _c(
            r"\b(?:ne\s+|n')?(?:suis|serai|serais|sommes|est|etes|plus)?\s*(?:vraiment\s+|absolument\s+|pas\s+du\s+tout\s+)?"
            r"pas\s+(?:du\s+tout\s+|vraiment\s+|tres\s+|plus\s+)?interess\w*|"
            r"\bplus\s+interess\w*|\bnot\s+(?:really\s+|at\s+all\s+|very\s+|too\s+)?interested\b|"
            r"\b(?:no|not\s+much)\s+interest\b|\bnot\s+(?:my\s+)?cup\s+of\s+tea\b|\bpas\s+interessant\w*"
        ),
        " _decline_ ",
    ),
    (
        _c(
            r"\b(?:donc|alors|so|then|c'est|answer\s+is)\s*,?\s+(?:non|no)\b(?!\s+(?:longer|plus|more))|\bnon\s*,?\s*merci\b|\bno\s*,?\s*thanks?\b|\bno\s*,?\s*thank\s+you\b|\bnope\b|\bthanks,?\s+but\s+no\b"
        ),
        " _decline_ ",
    ),
    (
        _c(
            r"\b(?:a\s+bit|way\s+too|un\s+peu|beaucoup\s+trop)\s+(?:far|loin)\b|\b(?:ne\s+suis\s+)?pas\s+(?:preneur|preneuse|partante?)\b|"
            r"\bnot\s+up\s+for\s+it\b|\b(?:dois|devoir|vais\s+devoir|dois\s+malheureusement)\s+(?:refuser|decliner)\b|\bje\s+refuse\b|\bturn\s+(?:this|it|that)\s+"
            r"(?:one\s+)?down\b|\b(?:not\s+be|won'?t\s+be|not)\s+(?:pursuing|proceeding\s+with|moving\s+forward\s+with)\b|\bne\s+pas\s+poursuivre\b|"
            r"\btres\s+peu\s+pour\s+moi\b|\bnot\s+a\s+chance\b|\bno\s+way\b|\bhors\s+de\s+question\b|\bpas\s+question\b|\b(?:certainly|absolutely|definitely)\s+not\b|"
            r"\bjamais\s+de\s+la\s+vie\b|^\W*pass\b|\bsit\s+(?:this|that)\s+(?:one\s+)?out\b|\bskip\s+(?:this|that)\s+one\b|\bgive\s+(?:this|it)\s+(?:one\s+)?a\s+miss\b|"
            r"\bje\s+(?:vais\s+)?m'abstenir\b|\bje\s+laisse\s+passer\b|\b(?:je\s+)?(?:vais\s+|prefere\s+)?passer?\s+mon\s+tour\b|\bje\s+passe\b(?!\s+(?:vous|te|un|le|la|par))|"
            r"\bi'?(?:ll|will|'d|\s+would|m\s+going\s+to|\s+have\s+to)\s+(?:have\s+to\s+)?pass\b|\bpass(?:ing)?\s+on\s+(?:this|that)\b|"
            r"\b(?:je\s+)?(?:vais\s+|dois\s+|prefere\s+)?decliner\b|\bje\s+decline\b|\b(?:have\s+to|must|will|'ll)\s+decline\b|"
            r"\bdecline\s+(?:this|the|your)\b|\b(?:ne\s+(?:pas|vais\s+pas|souhaite\s+pas|peux\s+(?:donc\s+)?pas)|pas)\s+donner\s+suite\b|"
            r"\bprefere\s+ne\s+pas\s+donner\s+suite\b|\bne\s+(?:\w+\s+){0,2}pas\s+(?:y\s+)?donner\s+suite\b|"
            r"\bne\s+(?:donnerai|donnerais|donnerons|donne)\s+pas\s+suite\b"
        ),
        " _decline_ ",
    ),
    (
        _c(
            r"\b(?:ce\s+n'?est\s+|c'?est\s+|ca\s+n'?est\s+)?pas\s+pour\s+moi\b|\bnot\s+for\s+me\b|\b(?:is|'s)\s*n'?t\s+for\s+me\b|"
            r"\bnot\s+(?:a\s+(?:good\s+)?)?(?:fit|match)\s+for\s+me\b|\b(?:it'?s|is)\s+not\s+a\s+(?:good\s+)?fit\b|"
            r"\bne\s+me\s+(?:correspond|convient|tente|dit|interesse)\s+pas\b|\bne\s+correspond\s+pas\b|"
            r"\bca\s+ne\s+(?:me\s+)?(?:collera|le\s+fera|va\s+pas\s+le\s+faire)\b|\bpas\s+envisageable\b|"
            r"\b(?:won'?t|wouldn'?t|doesn'?t|does\s+not|will\s+not)\s+work\s+for\s+me\b|\bc'?est\s+non\b|\bredhibitoire\b|"
            r"\bdeal\s?-?breaker\b|\bnot\s+something\s+i\s+(?:can|could|would)\s+consider\b|\bnot\s+(?:willing|keen|open)\b|"
            r"\bce\s+ne\s+sera\s+pas\s+possible\b|\bpas\s+possible\s+pour\s+moi\b|\bje\s+ne\s+suis\s+pas\s+candidat\w*\b|"
            r"\b(?:mais|but)\s+(?:no|non)\s*(?:[.!,]|$)|\bi'?ll\s+have\s+to\s+say\s+no\b|\bno\s+for\s+me\b|\bnot\s+for\s+us\b|\bthat'?s\s+a\s+no\b"
        ),
        " _decline_ ",
    ),
    # Not now (later or a timing decline; what follows decides).
    (
        _c(
            r"\bpas\s+(?:pour\s+)?(?:le\s+)?moment\b|\bpas\s+maintenant\b|\bpas\s+tout\s+de\s+suite\b|\bpas\s+pour\s+l'instant\b|"
            r"\bnot\s+(?:right\s+)?now\b|\bnot\s+at\s+(?:the|this)\s+(?:moment|time)\b|\bno\s+for\s+now\b|\bnot\s+yet\b|"
            r"\bpas\s+le\s+bon\s+moment\b|\bnot\s+the\s+right\s+time\b|\bbad\s+timing\b|\bmauvais\s+timing\b|"
            r"\bpas\s+(?:tres\s+)?disponible\s+(?:en\s+ce\s+moment|actuellement|pour\s+l'instant)\b|\bpas\s+avant\b|"
            r"\bnot\s+before\b|\bnot\s+ready\s+(?:yet|to\s+move\s+yet|just\s+yet)\b|\bpas\s+encore\s+pret\w*\b|\bnot\s+(?:just\s+)?yet\b"
        ),
        " _notnow_ ",
    ),
]


@dataclass
class Evidence:
    scores: dict[str, float] = field(default_factory=lambda: dict.fromkeys(INTENTS, 0.0))
    hits: list[str] = field(default_factory=list)

    def add(self, intent: str, weight: float, name: str) -> None:
        self.scores[intent] += weight
        self.hits.append(f"{intent}:{name}")


def rewrite(folded: str) -> str:
    for pattern, marker in REWRITES:
        folded = pattern.sub(marker, folded)
    return folded


# 2. Cues per intent: (name, pattern, weight). Matched on the rewritten text.
_PERSON = (
    r"(?:mon|ma|mes|notre|une|un)\s+(?:ancien(?:ne)?\s+|ex-?\s*)?(?:collegue|adjoint|adjointe|assistant|assistante|associe|associee|ami|amie|pote|copain|copine|frere|soeur|"
    r"beau-?frere|belle-?soeur|cousin|cousine|femme|mari|epoux|epouse|conjoint|conjointe|compagne|compagnon|voisin|"
    r"voisine|alternant|alternante|stagiaire|binome|connaissance|camarade|manager|responsable|n\+1|fils|fille)"
)
_PERSON_EN = (
    r"(?:my|our|a)\s+(?:former\s+|old\s+|ex-?\s*)?(?:friend|colleague|coworker|co-worker|brother|sister|"
    r"brother-in-law|sister-in-law|cousin|wife|husband|partner|neighbou?r|team\s*lead|teammate|mate|buddy|"
    r"son|daughter|intern|classmate|manager|boss|deputy|assistant|flatmate|roommate|peer|ex-colleague|contact)"
)

CUES: dict[str, list[tuple[str, Cue, float]]] = {
    "unsubscribe": [
        ("unsub", _c(r"\bunsubscribe\b|\bdesinscri\w*|\bdesabonn\w*|\bopt[\s-]?out\b"), 5),
        ("stop-first", _c(r"^\W*stop\s*[.!]"), 5),
        (
            "stop-alone",
            _c(r"^\W*stop\b(?:\W+(?:merci|svp|stp|please|thanks|thank\s+you|s'il\s+vous\s+plait))*\W*$"),
            5,
        ),
        (
            "pester",
            _c(
                r"\bne\s+plus\s+m'(?:importuner|embeter|harceler|deranger|spammer)\b|\bstop\s+(?:bothering|harassing|pestering)\s+me\b|"
                r"\b(?:don'?t|do\s+not)\s+bother\s+me\b"
            ),
            5,
        ),
        (
            "no-more-contact",
            _c(
                r"\bne\s+(?:souhaite|veux|desire|voudrais|souhaiterais)\s+plus\s+(?:etre\s+)?(?:recevoir|contacte|"
                r"sollicite|relance|demarche)|\b(?:ne\s+plus|plus\s+jamais)\s+(?:me\s+|m')?(?:contacter|recevoir|ecrire|solliciter|relancer|"
                r"envoyer|appeler|demarcher)|\bne\s+(?:me\s+|m')?(?:contactez|ecrivez|relancez|sollicitez|envoyez|appelez)\s+plus\b|"
                r"\b(?:arret|cess|stopp)\w*\s+de\s+m(?:e\s+|')\w+|\b(?:arret|cess)\w*\s+(?:vos|ces|les)\s+(?:relances|messages|mails|e-mails|sollicitations)|\bne\s+plus\s+etre\s+(?:contacte|sollicite)"
            ),
            5,
        ),
        (
            "stop-contacting",
            _c(
                r"\b(?:don'?t|do\s+not|stop)\s+send(?:ing)?\s+me\s+(?:any\s*more|more|these|this|anything|your)\b|\bcease\s+(?:contacting|e-?mailing|messaging|writing|sending|all)\b|\bstop\s+(?:e-?mailing|contacting|messaging|writing|sending|spamming|calling)\b|"
                r"\b(?:don'?t|do\s+not|never)\s+(?:ever\s+)?(?:contact|email|e-mail|message|write\s+to)\s+me\b|"
                r"\bno\s+longer\s+(?:wish|want)\s+to\s+(?:receive|be\s+contacted)|\b(?:don'?t|do\s+not)\s+want\s+(?:these|your|any\s+more|"
                r"more)\s+(?:e-?mails|messages|offers|job\s+offers)\b|\bne\s+veux\s+plus\s+(?:de\s+)?(?:vos|ces|d')\s*(?:mails|messages|offres|"
                r"e-mails|sollicitations)\b|\b(?:don'?t|do\s+not)\s+"
                r"(?:wish|want)\s+to\s+(?:receive|be\s+contacted|hear)\b|\bleave\s+me\s+alone\b|\bno\s+(?:more|further)\s+(?:e-?mails|contact|messages)\b|"
                r"\bstop\s+(?:all\s+)?(?:these|your)\s+(?:e-?mails|messages)\b"
            ),
            5,
        ),
        (
            "remove-me",
            _c(
                r"\b(?:remove|take|delete|erase)\s+(?:me|my\s+\w+(?:\s+\w+)?)\s+(?:off|from)\b|\bremove\s+me\b|"
                r"\b(?:retirez|supprimez|enlevez|effacez|rayez)[\s-]+(?:moi|mes|mon|ma)\b|\bme\s+(?:retirer|supprimer|"
                r"desinscrire|rayer|enlever)\s+(?:de|des|du)\b|\b(?:supprim|effac)\w*\s+(?:l'ensemble\s+de\s+)?"
                r"(?:mes|toutes\s+mes)\s+(?:donnees|coordonnees|informations|infos|cv)|\b(?:supprim|effac)\w*\s+"
                r"(?:l'ensemble\s+des\s+)?donnees\s+(?:personnelles\s+)?me\s+concernant|\b(?:delete|erase|remove)\s+"
                r"(?:all\s+)?(?:my|the)\s+(?:personal\s+)?(?:data|details|information|info|cv|profile)\b|"
                r"\berase\s+all\s+personal\s+data\b"
            ),
            5,
        ),
        (
            "erase-data",
            _c(
                r"\b(?:supprim|effac|retir|enlev|remov|delet|eras|purg)\w*\W+(?:\w+\W+){0,4}?(?:donnees|coordonnees|"
                r"informations|infos|details|data|information|profil|profile|cv|adresse|address|e-?mail|numero|"
                r"contact\s+details)\b|\b(?:donnees|coordonnees|informations|details|data|information|profile|profil|cv|"
                r"adresse|address|e-?mail)\W+(?:\w+\W+){0,3}?(?:removed|deleted|erased|purged|supprimee?s?|effacee?s?|"
                r"retiree?s?)\b|\bopt\s+(?:me|us)\s+out\b"
            ),
            5,
        ),
        (
            "out-of-base",
            _c(
                r"\b(?:sortez|sortir|sors)[\s-]+(?:moi|me)\b|\bme\s+sortir\s+de\b|\bne\s+(?:veux|souhaite)\s+plus\s+etre\s+"
                r"(?:sollicite|contacte|relance|demarche)"
            ),
            5,
        ),
        (
            "gdpr",
            _c(
                r"\brgpd\b|\bgdpr\b|\barticle\s+1[57]\b|\bdroit\s+(?:a\s+l'oubli|d'opposition)\b|\bright\s+to\s+(?:be\s+forgotten|erasure)\b"
            ),
            3,
        ),
        (
            "lists",
            _c(
                r"\b(?:mailing|distribution)\s+lists?\b|\blistes?\s+de\s+diffusion\b|\bvos\s+(?:fichiers|listes|bases?)\b|"
                r"\byour\s+(?:list|database|files|records)\b|\bvotre\s+(?:base|fichier|liste)\b"
            ),
            1.5,
        ),
        (
            "never-agreed",
            _c(
                r"\b(?:jamais|never)\s+(?:donne\s+mon\s+accord|consented|agreed|signed\s+up)\b|"
                r"\bcomment\s+avez[\s-]vous\s+(?:eu|obtenu|trouve)\s+mon\b|\bhow\s+did\s+you\s+get\s+my\b"
            ),
            1.5,
        ),
    ],
    "out_of_office": [
        (
            "absent",
            _c(
                r"\bje\s+suis\s+(?:actuellement\s+|en\s+ce\s+moment\s+)?(?:absente?|en\s+(?:conges?|vacances|deplacement|"
                r"repos|formation|arret|seminaire|rtt|conge\s+\w+)|hors\s+du\s+bureau|en\s+dehors\s+du\s+bureau)|"
                r"\b(?:absente?|indisponible)\s+(?:du|jusqu|a\s+partir|cette\s+semaine|aujourd)"
            ),
            2.5,
        ),
        (
            "ooo",
            _c(
                r"\bout\s+of\s+(?:the\s+)?office\b|\booo\b|\bi\s+am\s+(?:currently\s+)?(?:away|out|on\s+leave|travell?ing|"
                r"on\s+vacation|on\s+holiday)|\bi'?m\s+(?:currently\s+)?(?:away|out|on\s+(?:annual|parental|maternity|paternity|"
                r"sick|extended)\s+leave|on\s+vacation|travell?ing|attending)\b|\bon\s+(?:annual|parental|maternity|paternity|"
                r"sick|extended|medical)\s+leave\b|\baway\s+from\s+(?:the\s+office|my\s+desk)\b"
            ),
            2.5,
        ),
        (
            "no-mail",
            _c(
                r"\bne\s+(?:consulte|lis|relev\w*)\s+pas\s+(?:mes|ma|mon|regulierement)|\bsans\s+acces\s+(?:a\s+)?(?:mes|a\s+mes|"
                r"internet|aux)|\bacces\s+(?:limite|restreint)\s+(?:a|aux)\s+(?:mes\s+)?(?:e-?mails?|mails?|messagerie|courriels?)|"
                r"\blimited\s+(?:access\s+to\s+(?:e-?mail|my\s+e-?mails?)|connectivity)\b|\bnot\s+be\s+checking\b|"
                r"\bwon'?t\s+be\s+checking\b|\bwithout\s+access\s+to\b|\bboite\s+(?:mail\s+)?n'?est\s+pas\s+consultee\b|"
                r"\bmessagerie\s+n'?est\s+pas\s+consultee\b|\bwill\s+not\s+be\s+(?:monitored|read)\b"
            ),
            2,
        ),
        (
            "on-return",
            _c(
                r"\b(?:des|a)\s+mon\s+retour\b|\bupon\s+my\s+return\b|\bon\s+my\s+return\b|\bwhen\s+i\s+(?:am|get)\s+back\b|"
                r"\b(?:pendant|durant|lors\s+de)\s+mon\s+absence\b|\bin\s+my\s+absence\b|\bduring\s+(?:this\s+time|my\s+absence)\b|"
                r"\bje\s+(?:serai|suis)\s+de\s+retour\b|\bwill\s+be\s+back\b|\bbe\s+back\s+(?:on|in)\b|\bback\s+in\s+the\s+office\b|"
                r"\bde\s+retour\s+(?:le|au|dans|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|\d)|\breturning\s+on\b|"
                r"\bretour\s+(?:prevu\s+)?le\b|\bback\s+\d{1,2}/\d{1,2}\b"
            ),
            1.5,
        ),
        (
            "urgent",
            _c(
                r"\b(?:pour\s+toute\s+|en\s+cas\s+d'|for\s+(?:any(?:thing)?\s+)?)urgen\w*|\bdemande\s+urgente\b|"
                r"\bif\s+your\s+(?:matter|request|enquiry)\s+is\s+urgent\b|\bfor\s+urgent\b|\bpour\s+toute\s+(?:question|demande)\b|"
                r"\bne\s+sera\s+pas\s+transfere\b|\bwill\s+not\s+be\s+forwarded\b|\bnot\s+be\s+forwarded\b|"
                r"\bvous\s+pouvez\s+(?:contacter|joindre|vous\s+adresser)|\bplease\s+(?:contact|reach\s+out\s+to)\b"
            ),
            1,
        ),
        (
            "auto-thanks",
            _c(
                r"^\W*(?:thank\s+you|thanks)\s+for\s+your\s+(?:e-?mail|message)\b|"
                r"\bmerci\s+(?:pour|de)\s+votre\s+(?:e-?mail|message|courriel)\.\s*je\s+suis\b"
            ),
            0.5,
        ),
    ],
    "referral": [
        ("person-fr", _c(r"\b" + _PERSON + r"\b"), 1.5),
        ("person-en", _c(r"\b" + _PERSON_EN + r"\b"), 1.5),
        (
            "someone",
            _c(
                r"\bje\s+connais\s+(?:quelqu'un|une?\s+\w+|bien\s+\w+)|\bi\s+know\s+(?:someone|somebody|a\s+\w+|just\s+the)|"
                r"\bquelqu'un\s+(?:de\s+(?:mon|ma|mes)\s+\w+\s+)?(?:qui|d'autre)\b|\bvous\s+presenter\s+(?:quelqu'un|une?\s)|"
                r"\bsomeone\s+in\s+my\s+(?:network|team|circle)\b|\b(?:je\s+vous\s+(?:conseille|recommande|suggere)\s+(?:de\s+)?"
                r"(?:contacter|voir|appeler|joindre|ecrire))\b|\bi\s+(?:recommend|suggest)\s+(?:you\s+)?(?:contact|talk|reach|speak)\w*|"
                r"\btry\s+(?:my|our)\s+\w+|\byou\s+could\s+(?:try|contact|ask|reach\s+out\s+to)\b|\bsomeone\s+(?:who|else|that)\b|\bpour\s+quelqu'un\s+d'autre\b"
            ),
            2,
        ),
        (
            "forward",
            _c(
                r"\bje\s+(?:vous\s+|lui\s+)?(?:transfere|transmets|fais\s+suivre|ai\s+transfere|ai\s+transmis|ai\s+fait\s+suivre|"
                r"ai\s+donne|ai\s+passe|mets\s+en\s+(?:copie|relation))|\b(?:je\s+)?lui\s+(?:ai\s+)?(?:transfere|transmis|donne|passe|"
                r"fait\s+suivre|parle)|\bvous\s+mettre\s+en\s+relation\b|\bmettre\s+en\s+(?:relation|contact)\b|\ben\s+copie\b|"
                r"\bpass(?:ing)?\s+(?:this|it)\s+on\b|\b(?:je\s+)?(?:lui\s+)?fais\s+passer\b|\bforward(?:ed|ing)?\s+(?:this|your|it|the)\b|\bpass(?:ed|ing)?\s+(?:this|your\s+\w+|it)\s+(?:on\s+)?to\b|"
                r"\b(?:an|une)\s+intro\b|\bintroduction\b|\bcc'?(?:ing|ed|d)\b|\bcopied\s+(?:in|you)\b|\ben\s+cc\b|\bmis\s+en\s+copie\b|\bintro(?:duce)?\s+you\b|\bput\s+you\s+in\s+touch\b|\bconnect\s+you\b|\bso\s+you\s+two\b|"
                r"\bi'?ve\s+(?:passed|forwarded|sent)\b|\bcheck\s+out\s+[A-Za-z]|\byou\s+should\s+(?:talk|speak|reach\s+out|"
                r"contact)\b|\bde\s+ma\s+part\b|\bi\s+sent\s+you\b|\bje\s+vous\s+mets\s+(?:son|sa|ses)\b"
            ),
            2.5,
        ),
        (
            "their-contact",
            _c(
                r"\b(?:son|sa)\s+(?:adresse|numero|num|mail|e-?mail|linkedin|profil|portable|cv|contact|coordonnees)\b|"
                r"\b(?:his|her|their)\s+(?:email|e-mail|number|linkedin|profile|cv|details|contact)\b|"
                r"\b(?:il|elle)\s+(?:vous\s+)?(?:appellera|contactera|devrait\s+vous|va\s+vous|cherche|pourrait|serait)\b|"
                r"\b(?:he|she)(?:'ll|\s+will|'s|\s+is|\s+would|\s+might)\s+(?:reach|contact|call|be|looking|open|keen)\b|"
                r"\b(?:he|she)\s+(?:just|has\s+been)\b|\b(?:he|she)'?d\s+be\s+(?:ideal|perfect|great|a\s+great|brilliant)\b|"
                r"\bqui\s+(?:cherche|serait|pourrait)\b|\bwants?\s+a\s+change\b|\blooking\s+for\s+a\s+change\b|\bcherche\s+a\s+changer\b|\bis\s+(?:looking|job\s+hunting|on\s+the\s+market)\b|\bwho\s+(?:might|may|could|would)\s+be\b|\bwho'?s\s+(?:looking|keen|interested)\b|\bgive\s+(?:him|her|them)\s+your\b|\blui\s+donner\s+(?:votre|ton)\b|\bcherche\s+justement\b|\bwould\s+be\s+perfect\b|"
                r"\bpourrait\s+correspondre\b|\bplus\s+pertinent\b|\bthe\s+right\s+person\b|\bpas\s+la\s+bonne\s+personne\b"
            ),
            1.5,
        ),
    ],
    "later": [
        (
            "recontact",
            _c(
                r"\bcheck\s+back\b|\b(?:come|get)\s+back\s+to\s+me\b|\b(?:re)?contact(?:ez|er|e)[\s-]+moi\b|\bme\s+recontacter\b|\brecontactez\b|\brevenez\s+vers\s+moi\b|"
                r"\brevenir\s+vers\s+moi\b|\brelancez[\s-]+moi\b|\bme\s+relancer\b|\brappel(?:ez|le)[\s-]+moi\s+(?:dans|en|a|au|apres|"
                r"plus|l'|d'ici)|\bon\s+en\s+(?:re)?parle\s+(?:en|dans|a|apres|plus|debut|fin|l'|au)|\bon\s+en\s+reparle\b|"
                r"\b(?:reach|get)\s+(?:out\s+)?(?:back\s+)?(?:to\s+me\s+)?again\b|\bping\s+me\b|\bget\s+back\s+to\s+me\s+(?:in|after|later)|"
                r"\b(?:check|touch)\s+(?:back\s+)?in\s+(?:again\s+)?(?:in|after|later)\b|\breconnect\b|\brevisit\b|"
                r"\bfollow\s+up\s+(?:in|after|later)|\bhear(?:ing)?\s+from\s+you\s+(?:in|again|later|after)\b|"
                r"\bre-?contact\b|\bfeel\s+free\s+to\s+(?:reach|get|contact)"
            ),
            2.5,
        ),
        (
            "later",
            _c(
                r"\bplus\s+tard\b|\bulterieurement\b|\b(?:a|dans)\s+l'avenir\b|\bprochainement\b|\blater\s+(?:on|this\s+year|"
                r"in\s+the\s+year)\b|\blater\b(?!\s+(?:one|slot|time|option))|\bin\s+the\s+future\b|\bfuture\s+(?:roles|opportunities|"
                r"openings|positions)\b|\bdown\s+the\s+(?:road|line)\b|\bune\s+autre\s+fois\b|\bd'autres\s+opportunites\b"
            ),
            1.5,
        ),
        (
            "keep",
            _c(
                r"\b(?:stay|keep)\s+in\s+touch\b|\b(?:restons|rester)\s+en\s+contact\b|\bgardons\s+(?:le\s+)?contact\b|"
                r"\bkeep\s+me\s+in\s+mind\b|\bkeep\s+my\s+(?:details|cv|contact|number)\b|\bgard(?:ez|er|e)\s+(?:mon|votre|"
                r"mes|le)\s+(?:contact|cv|profil|coordonnees|numero)\b|\bje\s+garde\s+votre\s+contact\b|\bpensez\s+a\s+moi\b"
            ),
            2,
        ),
        (
            "when",
            _c(
                r"\b(?:dans|d'ici|in|within)\s+(?:\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|quelques|"
                r"a\s+few|a|one|two|three|four|five|six|nine|twelve|a\s+couple\s+of)\s+(?:mois|ans?|annees?|semaines|months?|years?|weeks)\b|"
                r"\b(?:a|after)\s+(?:la\s+)?rentree\b|\bafter\s+(?:the|next)\s+summer\b|\bapres\s+l'ete\b|\bl'annee\s+prochaine\b|\bl'an\s+prochain\b|"
                r"\bnext\s+year\b|\bnew\s+year\b|\ben\s+debut\s+d'annee\b|\bdebut\s+(?:d'annee|20\d\d|janvier|fevrier|mars|avril|mai|"
                r"juin|juillet|aout|septembre|octobre|novembre|decembre)\b|\bq[1-4]\b|\b(?:t|trimestre\s+)[1-4]\b|"
                r"\b(?:en|in|after|apres|a\s+partir\s+de|from)\s+(?:la\s+mi-?)?(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|"
                r"septembre|octobre|novembre|decembre|january|february|march|april|may|june|july|august|september|october|"
                r"november|december)\b|\ba\s+partir\s+(?:de\s+la\s+mi|du|de)\b|\bbetter\s+time\b|\bmeilleur\s+moment\b|"
                r"\b(?:after|apres)\s+(?:that|ca|cela)\b|\bpar\s+contre\s+apres\b|\b(?:courant|en|in|during|d'ici|from|des)\s+20\d\d\b|"
                r"\btrop\s+tot\b|\btoo\s+early\b"
            ),
            1.5,
        ),
        ("notnow", _c(r"_notnow_"), 1.5),
        (
            "back-to-work",
            _c(
                r"\bje\s+(?:regarde|regarderai|reviens|reviendrai|vous\s+recontacte|vous\s+rappelle)\w*\b[^.]{0,40}\b(?:a|des)\s+mon\s+"
                r"retour\b|\bje\s+reprends?\s+(?:le\s+travail|mon\s+poste|le\s+boulot)\b|\bback\s+(?:at|to)\s+work\b|"
                r"\bquand\s+je\s+serai\s+(?:rentree?|de\s+retour)\b|\bwhen\s+i'?m\s+back\b|\ba\s+mon\s+retour,?\s+recontact"
            ),
            1.5,
        ),
        (
            "open-then",
            _c(
                r"\b(?:happy|glad|open)\s+to\s+(?:talk|chat|reconnect|discuss|hear)\s+(?:after|then|again|in)\b|"
                r"\bje\s+serai\s+(?:alors\s+)?(?:plus\s+)?(?:disponible|ouverte?|ravie?|partante?)\b|\bje\s+suis\s+preneur\b|"
                r"\bavec\s+plaisir\b|\bsi\s+(?:le\s+poste|vous\s+avez)\s+.{0,30}\b(?:encore|toujours)\b|\bmight\s+be\s+open\b|\bpourrais\s+etre\s+(?:ouverte?|partante?)\b|"
                r"\bif\s+(?:the\s+role|it|you)\s+.{0,25}\b(?:still)\b|\bmaybe\s+later\b|\bpeut-?etre\s+plus\s+tard\b"
            ),
            1,
        ),
    ],
    "interested": [
        ("open", _c(r"_open_"), 2),
        (
            "yes",
            _c(
                r"^\W*(?:oui|yes|yep|yeah|ok|okay|d'accord|dac|ouais|sure|absolutely|volontiers|carrement|bien\s+sur|"
                r"avec\s+plaisir|partant|partante|top)\b"
            ),
            2,
        ),
        ("yes-inside", _c(r"(?<!si\s)\b(?:oui|yes)\b(?!\s*\?)"), 1),
        (
            "interest",
            _c(
                r"\binteress\w*|\binterested\b|\binterets?\b(?!\s+de)|\bkeen\b|\bm'interesse\b|\bme\s+plai\w*|\bme\s+tente\b|"
                r"\bme\s+parle\b|\bretient\s+(?:toute\s+)?mon\s+attention\b|\bcorrespond\s+exactement\b|\bsounds\s+(?:great|"
                r"good|interesting|like\s+a\s+great)\b|\bca\s+me\s+branche\b|\bchaud\b|\bexcited\b|\bappeal"
            ),
            1.5,
        ),
        (
            "talk",
            _c(
                r"\b(?:happy|glad|open|keen|love|like|ready|available|free)\s+to\s+(?:chat|talk|discuss|learn|hear|jump|hop|"
                r"connect|speak|have\s+a)\b|\blet'?s\s+(?:talk|chat|set\s+up|schedule|do\s+it|discuss|connect)\b|\bopen\s+to\s+"
                r"(?:it|a\s+chat|a\s+conversation|discuss|hearing|talk|new|the\s+idea|opportunit)|\b(?:en\s+)?(?:discuter|echanger|"
                r"parler)\s+(?:avec\s+vous|ensemble|de\s+vive\s+voix)\b|\b(?:ouverte?|partante?|disponibles?|dispos?|libres?)\s+"
                r"(?:a|pour)\s+(?:en\s+)?(?:discuter|echanger|parler|un\s+(?:echange|call|appel|entretien|rdv|rendez))|"
                r"\bje\s+veux\s+bien\b|\bon\s+s'appelle\b|\bje\s+suis\s+preneur\b|\bje\s+postule\b|\ben\s+discuter\b|"
                r"\bd'en\s+parler\b|\bqu'on\s+en\s+parle\b|\bcan'?t\s+say\s+no\s+to\b|\bcount\s+me\s+in\b|\bi'?m\s+in\b|"
                r"\bi'?d\s+love\b|\b(?:i\s+)?would\s+love\s+to\b|\bsign\s+me\s+up\b|\btoujours\s+partant\w*\b|\bd'accord\s+pour\b|"
                r"\bi'?m\s+up\s+for\b|\bup\s+for\s+(?:a|it)\b|\bj'accepte\b|\bi\s+(?:accept|agree)\b|\bje\s+suis\s+(?:ok|d'accord)\b|"
                r"\bvolontiers\b|\bwith\s+pleasure\b|\bgladly\b"
            ),
            2,
        ),
        (
            "call-me",
            _c(
                r"\b(?:appelez|appelle|rappelez|rappelle|contactez|joignez)[\s-]+moi\b(?!\s+(?:dans|en|a\s+partir|plus\s+tard|"
                r"l'annee|apres))|\bme\s+(?:rappeler|joindre|appeler)\b|\bjoignable\b|\bcall\s+me\b|\bgive\s+me\s+a\s+(?:call|ring)\b|"
                r"\breach\s+me\s+(?:on|at)\b|\bmon\s+(?:num|numero|portable|tel|telephone|06|07)\b|\bmy\s+(?:number|mobile|cell)\b|"
                r"\bcalendar\s+invite\b|\bsend\s+(?:me\s+)?an?\s+invite\b|"
                r"\bbook\s+(?:a|some)\s+time\b"
            ),
            1.5,
        ),
        ("phone", _c(r"(?:\+33\s?|\b0)[67](?:[\s.-]?\d{2}){4}\b|\b07\d{3}\s?\d{6}\b"), 0.8),
        (
            "availability",
            _c(
                r"\b(?:je\s+suis\s+)?(?:dispo|disponible|libre)\s+(?:pour|cette\s+semaine|demain|lundi|mardi|mercredi|jeudi|"
                r"vendredi|toute|quand|a\s+partir|le\s+matin|en\s+fin|en\s+matinee|apres|avant|tous|dans\s+la|des)\b|"
                r"\b(?:i'?m|i\s+am)\s+(?:free|available)\b|\bfree\s+(?:for\s+a\s+call|most|any|on|this|next|tomorrow)\b|"
                r"\bavailable\s+(?:for|on|this|next|any|monday|tuesday|wednesday|thursday|friday|tomorrow)\b|"
                r"\b(?:any\s+day|any\s+evening|most\s+afternoons)\b|\bquand\s+vous\s+(?:voulez|le\s+souhaitez)\b|"
                r"\ba\s+votre\s+convenance\b|\bquand\s+(?:etes[\s-]vous|es[\s-]tu)\s+dispo\w*|\bwhen\s+(?:can|could|shall)\s+we\b|"
                r"\bbest\s+time\s+to\s+(?:reach|call)\b|\bje\s+m'adapterai\b|\bdites[\s-]moi\s+quand\b|"
                r"\b(?:call|appel|visio|echange|rdv)\s+(?:cette\s+semaine|demain|lundi|mardi|mercredi|jeudi|vendredi|this\s+week|"
                r"tomorrow|next\s+week)\b|\bworks\s+best\s+for\s+me\b"
            ),
            1.5,
        ),
        (
            "cv",
            _c(
                r"\b(?:mon|my)\s+cv\b|\bcv\s+(?:attached|ci-joint|en\s+piece|a\s+jour)\b|\bje\s+vous\s+(?:joins|envoie)\s+mon\b|"
                r"\bresume\s+attached\b"
            ),
            1.5,
        ),
        (
            "start",
            _c(
                r"\bje\s+(?:peux|pourrais)\s+commencer\b|\bi\s+can\s+start\b|\bwant\s+the\s+job\b|\bdispo\w*\s+(?:de\s+suite|"
                r"immediatement|tout\s+de\s+suite)\b|\btoujours\s+en\s+recherche\b|\bopen\s+to\s+work\b|\bje\s+suis\s+en\s+recherche\b|"
                r"\bc'?est\s+le\s+bon\s+moment\b|\btiming\s+(?:est|is)\s+parfait\b|\bready\s+for\s+a\s+(?:step|change|move)\b"
            ),
            1.5,
        ),
    ],
    "not_interested": [
        ("decline", _c(r"_decline_"), 3),
        ("no", _c(r"^\W*(?:non|no)\b(?!\s+(?:longer|plus))|(?<![a-z]\s)\b(?:non|no)\s*[.!,]"), 1.5),
        (
            "happy",
            _c(
                r"\b(?:rester|stay|staying)\s+(?:la\s+)?(?:ou|where)\s+(?:je\s+suis|i\s+am)\b|"
                r"\b(?:tres\s+|vraiment\s+|parfaitement\s+)?(?:bien|heureux|heureuse|epanouie?|satisfaite?|content|contente)\s+"
                r"(?:dans|ou|chez|a)\s+(?:mon|ma|je|l'|le|mes)|\b(?:really\s+|very\s+|perfectly\s+|quite\s+)?happy\s+(?:where|at|in|with)\b|"
                r"\bpas\s+(?:du\s+tout\s+)?(?:activement\s+)?en\s+(?:recherche|poste\s+de\s+recherche)|\bne\s+(?:cherche|recherche)\s+pas\b|"
                r"\bnot\s+(?:actively\s+)?looking\b|\bnot\s+(?:on\s+the\s+market|searching)\b|\bje\s+ne\s+(?:bouge|quitterai)\s+pas\b|"
                r"\bje\s+reste\s+(?:chez|dans|ou|a)\b(?!\s*moi)|\bbien\s+(?:la\s+)?ou\s+je\s+suis\b|\bnot\s+planning\s+(?:to|on)\s+(?:leave|leaving)\b|\bstaying\s+(?:put|where)\b|\bplus\s+en\s+recherche\b"
            ),
            2,
        ),
        (
            "elsewhere",
            _c(
                r"\bviens\s+d'(?:etre\s+(?:embauche|recrute|engage|titularise)\w*|accepter|signer|commencer|integrer|prendre)|"
                r"\bjust\s+(?:been\s+hired|accepted|signed|started|joined)\b|\baccepted\s+(?:an\s+|another\s+)?offer\b|"
                r"\bj'ai\s+(?:accepte|signe)\s+(?:une|un|ailleurs)\b|\b(?:embauche|recrute)e?\s+ailleurs\b|\bstarted\s+a\s+new\b|"
                r"\bnew\s+(?:job|role|position)\s+(?:last|this|two|three|a\s+few)\b"
            ),
            2,
        ),
        (
            "cannot",
            _c(
                r"\b(?:je\s+ne\s+(?:peux|pourrai|pourrais|souhaite|veux)\s+(?:pas|plus)|je\s+ne\s+suis\s+pas\s+(?:disponible|"
                r"interesse|mobile)|i\s+(?:can'?t|cannot|won'?t|am\s+not\s+able|don'?t\s+want|do\s+not\s+want)|i'?m\s+not\s+able)\b"
            ),
            0.8,
        ),
        (
            "fit",
            _c(
                r"\b(?:pas|plus)\s+(?:mon|ma|mes|dans\s+mes)\s+(?:domaine|secteur|metier|criteres|attentes|profil)\b|"
                r"\bnot\s+(?:in\s+)?my\s+(?:field|area|line)\b|\bno\s+longer\s+(?:in|doing|interested)\b|"
                r"\bne\s+fais\s+plus\b|\bmoving\s+away\s+from\b|\bonly\s+(?:looking|considering|do|doing|open)\b|"
                r"\bje\s+ne\s+cherche\s+que\b|\bje\s+cherche\s+uniquement\b|\buniquement\s+(?:un|du|des|en)\b|\bpar\s+principe\b|"
                r"\bin\s+principle\b|\btoo\s+(?:far|junior|senior|big|small|low)\b|\btrop\s+(?:loin|junior|senior|bas|grosse?|"
                r"petite?|mal\s+paye|peu|long)\b|\bwell\s+below\b|\ben\s+dessous\b|\bbelow\s+(?:my|what)\b|"
                r"\bnot\s+(?:relocat|moving|interested\s+in)\w*|\bne\s+souhaite\s+(?:pas|plus)\b|\bi'?m\s+afraid\b|"
                r"\bunfortunately\s+i\b|\bmalheureusement\s+je\b|\bbonne\s+continuation\b|\bgood\s+luck\s+(?:with|filling|in)\b|"
                r"\bbest\s+of\s+luck\b|\bmerci\s+quand\s+meme\b|\bthanks\s+(?:anyway|though)\b|\bmerci\s+(?:de\s+votre|pour\s+votre)\s+"
                r"comprehension\b|\bwhy\s+would\s+i\b|\bpourquoi\s+je\s+quitterais\b|\bsans\s+(?:moi|facon)\b"
            ),
            1.2,
        ),
    ],
    "more_info": [
        (
            "ask-more",
            _c(
                r"\b(?:en\s+savoir|m'en\s+dire|nous\s+en\s+dire|me\s+dire)\s+(?:un\s+peu\s+)?plus\b|\bplus\s+d'(?:infos?|informations|"
                r"details|elements|precisions)\b|\bdavantage\s+d'(?:infos|informations|details)\b|\bmore\s+(?:info|information|"
                r"details|about|on\s+the)\b|\ba\s+bit\s+more\s+about\b|\bfiche\s+de\s+poste\b|\bjob\s+description\b|\bthe\s+jd\b|"
                r"\bl'annonce\b|\bthe\s+(?:job\s+)?(?:ad|spec|posting)\b|\bpreciser\b|\bclarify\b|\bme\s+confirmer\b|"
                r"\bme\s+(?:transmettre|communiquer|detailler)\b|\bj'aimerais\s+(?:d'abord\s+)?(?:savoir|connaitre|comprendre|en\s+savoir)|"
                r"\bi'?d\s+(?:like|need|want)\s+to\s+(?:know|understand|see|hear\s+more)|\bneed\s+to\s+know\b|\bbefore\s+(?:i\s+"
                r"(?:answer|commit|decide|apply|go\s+further|say)|committing|deciding|going\s+further)\b|\bavant\s+(?:de\s+(?:vous\s+"
                r"repondre|decider|m'engager|aller\s+plus\s+loin|postuler|en\s+bloquer|me\s+decider|vous\s+dire)|d'aller)\b|"
                r"\b(?:voudrais|aimerais|souhaiterais|souhaite|veux)\s+(?:d'abord\s+|avant\s+tout\s+|bien\s+)?(?:connaitre|savoir|avoir\s+"
                r"(?:plus|des|le|la|les))\b|\bwould\s+(?:like|want|need)\s+to\s+(?:know|see|understand)\b|\bquelques\s+questions\b|\ba\s+few\s+questions\b|\b(?:ca|it)\s+depend\w*\b|\bdepends\b"
            ),
            2,
        ),
        (
            "topic",
            _c(
                r"\b(?:salaire|remuneration|fourchette|package|tjm|taux\s+journalier|prime|primes|variable|fixe|salary|pay|comp|"
                r"compensation|ote|base|bonus|equity|budget|range|teletravail|remote|hybride?|presentiel|on[\s-]?site|office|"
                r"horaires|hours|shift|shifts|astreintes?|on[\s-]?call|nuit|jour|equipe|team|stack|techno\w*|entreprise|"
                r"company|client|boite|cdi|cdd|freelance|interim|contract|perm|permanent|ir35|localisation|location|lieu|"
                r"where|ou\s+se\s+situe|secteur|manager|report|management|vehicule|voiture|car|logement|accommodation|"
                r"relocation|visa|sponsorship|mutuelle|conges|avantages|benefits|perimetre|missions|day-to-day|quotidien|"
                r"erp|logiciel|langue|french|anglais|english|process|processus|etapes)\b"
            ),
            0.6,
        ),
    ],
    "other": [
        (
            "wrong-person",
            _c(
                r"\bmean\s+to\s+send\s+(?:this|it)\s+to\s+me\b|\b(?:m'est|m'etait)\s+(?:bien\s+)?destine\b|\btromp\w*\s+(?:de|d')\s*(?!date|jour|heure|creneau|horaire)[a-z]+\b|\bwrong\s+(?!time|timing|moment|role|job|fit|sector|industry|company|direction|level|way)[a-z]+"
                r"(?=\s*(?:[,.!]|i'?m\s+afraid|sorry|$))|\b(?:(?:think\s+)?you\s+(?:mean|meant|want|are\s+looking\s+for)\s+my\s+\w+|vous\s+(?:voulez|cherchez)\s+"
                r"(?:parler\s+a\s+|joindre\s+)?(?:mon|ma)\s+\w+|also\s+called|porte\s+le\s+meme\s+nom|meme\s+nom\s+que|"
                r"ne\s+m'(?:etait|est)\s+pas\s+destine|pas\s+(?:pour\s+moi\s+ce\s+mail|le\s+bon\s+destinataire)|"
                r"not\s+(?:meant|intended)\s+for\s+me|sent\s+(?:this\s+)?to\s+the\s+wrong|tromp\w*\s+de\s+(?:personne|destinataire|adresse|contact)|faites\s+erreur|fait\s+erreur|"
                r"il\s+y\s+a\s+(?:une\s+)?erreur|erreur\s+de\s+(?:personne|destinataire)|vous\s+(?:avez\s+du|devez)\s+"
                r"(?:me\s+)?confondre|homonyme|wrong\s+(?:person|address|email|guy|number)|mistaken|not\s+the\s+person\s+you|"
                r"you\s+(?:have|'ve\s+got)\s+the\s+wrong|ne\s+suis\s+pas\s+(?:la\s+personne|celui|celle))\b"
            ),
            4,
        ),
        (
            "left",
            _c(
                r"\bundeliverable\b|\bdelivery\s+(?:has\s+)?failed\b|\bmail\s+delivery\s+(?:failed|subsystem)\b|\buser\s+unknown\b|"
                r"\bn'a\s+pas\s+pu\s+etre\s+(?:remis|distribue)\b|\bmailbox\s+(?:is\s+)?(?:full|unavailable)\b|\badresse\s+introuvable\b|"
                r"\b(?:mr|mrs|ms|mme|madame|monsieur|he|she|il|elle)\b[^.]{0,40}\b(?:retired|(?:est|a)\s+partie?\s+(?:en|a\s+la)\s+retraite|"
                r"a\s+pris\s+sa\s+retraite)\b|\b(?:has\s+)?moved\s+on\s+from\s+(?:the|our|this)\b|\bn'est\s+plus\s+(?:chez|avec)\s+nous\b|\bno\s+longer\s+"
                r"(?:here|with\s+us)\b|\b(?:doesn'?t|does\s+not)\s+work\s+(?:here|for\s+us|with\s+us)\b|\bne\s+travaille\s+plus\s+(?:ici|chez\s+nous|avec\s+nous|"
                r"dans\s+(?:la|notre|l'))\b|\bne\s+fait\s+plus\s+partie\b|\bn'?est\s+plus\s+(?:active|valide|utilisee|en\s+service|dans\s+(?:l'entreprise|la\s+societe|nos))\b|"
                r"\bno\s+longer\s+(?:monitored|active|in\s+use|with\s+(?:the|us|our)|works?\s+(?:here|for)|employed)\b|"
                r"\b(?:left|has\s+left)\s+(?:the\s+company|us|our)\b|\b(?:est\s+)?parti\w*\s+de\s+(?:la\s+boite|l'entreprise|la\s+societe)\b|"
                r"\ba\s+quitte\s+(?:la\s+societe|l'entreprise|nos\s+effectifs|la\s+boite)\b|\bnouvelle\s+adresse\b|"
                r"\bmettre\s+a\s+jour\s+vos\s+fichiers\b|\bnot\s+sure\s+where\s+(?:he|she)\b|\bthis\s+mailbox\b|"
                r"\bmerci\s+de\s+ne\s+pas\s+y\s+repondre\b|\bdo\s+not\s+reply\b|\bno-?reply\b"
            ),
            3.5,
        ),
        (
            "unrelated",
            _c(
                r"\b(?:avez[\s-]vous|vous\s+avez)\s+(?:bien\s+)?recu\s+(?:mon|ma)\b|\bdid\s+you\s+(?:get|receive)\s+my\b|"
                r"\bmerci\s+de\s+(?:bien\s+vouloir\s+)?mettre\s+a\s+jour\b(?!\s+(?:mon|ma|mes)\b)|\bmettre\s+a\s+jour\s+(?:vos|votre)\s+"
                r"(?:fichiers?|donnees|coordonnees|listes?|bases?|contacts)\b|\bupdate\s+your\s+(?:records|files|database)\b|\bwho\s+you\s+are\b|\bpourquoi\s+(?:vous\s+)?m'(?:ecrivez|ecrire|contactez|contacter)\b|\bwhy\s+(?:are\s+you|do\s+you\s+keep)\s+"
                r"(?:contacting|e-?mailing|writing\s+to|messaging)\s+me\b|\bwho\s+gave\s+you\s+my\b|\bqui\s+vous\s+a\s+donne\s+mon\b|\bnever\s+applied\b|\bjamais\s+postule\b|\bhow\s+did\s+you\s+(?:find|get)\s+me\b|\bcomment\s+m'avez[\s-]vous\s+"
                r"(?:trouve|contacte)\b|\bpersonne\s+concernee\b|\ben\s+interne\b|\bto\s+the\s+relevant\s+(?:person|team|department)\b|\binternally\b|"
                r"\bde\s+quoi\s+(?:parlez|s'agit)[\s-]\w+|\bpas\s+sure?\s+de\s+comprendre\b|\bnot\s+sure\s+what\s+(?:this|you)\b|"
                r"\bwhat\s+do\s+you\s+mean\b|\bwhat\s+is\s+this\s+(?:about|regarding|for)\b|\bc'est\s+a\s+(?:quel\s+sujet|propos\s+de\s+quoi)\b|"
                r"\bqui\s+(?:vous\s+etes|etes[\s-]vous)\b|\b(?:don'?t\s+think\s+we'?ve\s+met|do\s+we\s+know\s+each\s+other|"
                r"on\s+se\s+connait|je\s+ne\s+vous\s+connais\s+pas|i\s+don'?t\s+know\s+you|ne\s+comprends\s+pas\s+(?:votre|ce)\s+"
                r"(?:message|mail)|don'?t\s+understand\s+(?:your|this)\s+(?:message|email))\b|\bwho\s+(?:are\s+you|is\s+this)\b|\bscam\b|\barnaque\b|"
                r"\bspam\b|\bphishing\b|\bfacture\b|\binvoice\b|\bcommande\s+n\b|\border\s+(?:number|#)\b|\bma\s+candidature\b|\bmy\s+application\b|"
                r"\brepondu\s+sur\s+linkedin\b|\breplied\s+on\s+linkedin\b|\bdeja\s+repondu\b|\balready\s+(?:replied|answered)\b|"
                r"\bunsubscribed\s+already\b"
            ),
            2.5,
        ),
    ],
}

# Thanks-only, acknowledgements and lone punctuation: no decision.
ACK_ONLY = _c(
    r"^\W*(?:(?:merci|thanks|thank\s+you|thx|bien\s+recu|well\s+received|noted|note|recu|ok\s+merci|"
    r"merci\s+beaucoup|many\s+thanks|thanks\s+a\s+lot|cheers|bonne\s+journee|have\s+a\s+nice\s+day|merci\s+pour\s+"
    r"(?:votre|le|ton|l'|les)\s*(?:message|mail|retour|info|infos|information|informations)|ok\s+merci\s+pour\s+\S+|thanks\s+for\s+(?:your\s+(?:message|email|note)|thinking\s+of\s+me|"
    r"reaching\s+out|the\s+(?:message|info))|merci\s+d'avoir\s+pense\s+a\s+moi)\W*)+$|^\W*$"
)

AUTO_SUBJECT = _c(
    r"^\s*(?:reponse\s+automatique|automatic\s+reply|auto(?:matic)?[\s-]?(?:reply|response)|out\s+of\s+(?:the\s+)?office|"
    r"absence|absent\(?e?\)?|absente?|ooo|autoreply|auto:|abwesenheit|message\s+d'absence|vacances|vacation|"
    r"away|en\s+conges?|on\s+leave)\b"
)


def evidence(rewritten: str) -> Evidence:
    ev = Evidence()
    for intent, cues in CUES.items():
        for name, pattern, weight in cues:
            if pattern.search(rewritten):
                ev.add(intent, weight, name)
    return ev


# 3. Reasons for a decline: (reason, pattern, weight); the best total wins.
REASON_CUES: list[tuple[str, Cue, float]] = [
    (
        "salary",
        _c(
            r"\bsalaire\w*|\bremuneration\b|\bpaye\b|\bpayes?\b|\bpaie\b|\bpay\b|\bpaid\b|\bsalary\b|\bcomp(?:ensation)?\b|"
            r"\brange\b|\bfourchette\b|\bpackage\b|\bbudget\b|\btjm\b|\bbrut\b|\bnet\b|\bk€|\beuros?\b|\bearning\b|\bunderpaid\b|\bmal\s+paye\b|\bsous[\s-]paye\b|"
            r"\bgagne\b|\bpretentions\b|\bexpectations\b|\bwage\b|\bmoney\b|\bargent\b"
        ),
        2,
    ),
    ("salary", _c(r"\b\d+\s?k\s?(?:€|eur)?\b|[€£$]\s?\d|\d\s?[€£$]"), 1.2),
    (
        "location",
        _c(
            r"\b(?:bit|too|quite|very|rather|way)\s+far\b|\bfar\s+(?:for|from)\s+me\b|\b(?:un\s+peu|assez|bien)\s+loin\b|"
            r"\b(?:quitter|leave|leaving)\s+(?:la|le|l'|les)\s*(?!entreprise|societe|boite|poste|job|company|team|equipe|groupe)"
            r"[a-z][a-z-]+\b|\bj'habite\b|\bi\s+live\s+in\b|\bpas\s+accessible\b|\bne\s+compte\s+pas\s+(?:partir|demenager|bouger)\b|\beloigne\w*|\bdomicile\b|\bde\s+chez\s+moi\b|\bfrom\s+(?:my\s+)?home\b|\bfar\s+from\b|\bprepared\s+to\s+move\b|"
            r"\bs'installer\s+a\b|\bmove\s+(?:house|abroad|country|cities)\b|\bthe\s+location\b|\bla\s+localisation\b|\blieu\s+de\s+travail\b|\bpas\s+mobile\b|\bnot\s+mobile\b|\btrop\s+loin\b|\btoo\s+far\b|\bloin\s+de\b|\btrajets?\b|\bcommute\b|\bcommuting\b|\bdemenag\w*|\brelocat\w*|"
            r"\b(?:quitter|leave|leaving)\s+(?!(?:mon|ma|mes|my|this|the|votre|your|cette|ce|cet|it|un|une|a|an|en|now|"
            r"maintenant|tout|everything|behind|before|avant|apres|after|for|pour|until|jusqu\w*|so|si|right|soon)\b)[a-z][a-z-]{2,}\b|"
            r"\bmove\s+to\b|\bmoving\s+to\b|\bkm\b|\bkilometres?\b|\bminutes?\s+de\s+(?:route|voiture|trajet)\b|"
            r"\bde\s+route\b|\bhours?\s+(?:drive|away|each\s+way)\b|\bbased\s+in\b|\bje\s+(?:ne\s+)?bouge\s+pas\s+de\b|"
            r"\bje\s+suis\s+(?:sur|a|base)\s+[a-z]|\bfamil\w*\s+(?:est|sont)\s+installe\w*|\bnot\s+(?:willing|able)\s+to\s+move\b|"
            r"\bmobilite\b|\bgeographi\w*|\bdistance\b|\bregion\b|\bville\b|\bcity\b|\bc'est\s+non\b.{0,40}\bbouge\b"
        ),
        2,
    ),
    (
        "timing",
        _c(
            r"\b(?:mid-?way|halfway)\s+through\b|\bcan'?t\s+leave\s+(?:for|before|until)\b|\bne\s+(?:peux|pourrai)\s+pas\s+partir\s+"
            r"(?:avant|pendant|d'ici)\b|\bviens\s+d'etre\s+(?:embauche|recrute|engage)\w*|\b(?:embauche|recrute)e?\s+ailleurs\b|\baccepted\s+(?:an\s+|another\s+)?offer\b|"
            r"\bstarted\s+a\s+new\b|\b(?:only|just|recently)\s+(?:joined|moved|started)\b|"
            r"\b(?:only|just)\s+been\s+(?:here|there|with\s+\w+|at\s+\w+)\s+(?:for\s+)?(?:\w+\s+)?(?:months?|weeks?|a\s+year)\b|"
            r"\bque\s+depuis\s+(?:\w+\s+)?(?:mois|semaines|un\s+an)\b|\bjoined\s+(?:my\s+current|this|a\s+new)\b|"
            r"\b(?:arrivee?|embauchee?|recrutee?)\s+(?:il\s+y\s+a|depuis)\s+(?:peu|\w+\s+(?:mois|semaines))\b|"
            r"\bsigne\s+(?:un|mon)\s+\w+\s+il\s+y\s+a\b|\bleaving\s+now\b|\bpartir\s+maintenant\b|\brepartir\b|"
            r"\bpreavis\b|\bnotice\s+period\b|\bperiode\s+d'essai\b|\bprobation\b|\bviens?\s+(?:tout\s+juste\s+|juste\s+)?"
            r"(?:de\s+)?(?:prendre|commencer|demarrer|signer|d'arriver|d'etre\s+embauche)|\bjust\s+(?:started|joined|signed|"
            r"accepted|began)\b|\bnouveau\s+poste\s+il\s+y\s+a\b|\bnew\s+(?:job|role|position)\s+\w+\s+(?:ago|weeks|months)\b|"
            r"\bstarted\s+a\s+new\b|\bcommitted\s+to\b|\ben\s+plein\w*\b|\bin\s+the\s+middle\s+of\b|\bconge\s+(?:maternite|"
            r"parental|paternite)\b|\bmaternity\b|\bbad\s+timing\b|\b_notnow_\b|\btiming\b|\bmoment\b|\bpas\s+le\s+bon\s+moment\b|"
            r"\bmaintenant\b|\bright\s+now\b|\bthis\s+year\b|\bcette\s+annee\b|\bje\s+pars\s+en\s+conge\b|\btoo\s+soon\b|"
            r"\btrop\s+tot\b|\bje\s+ne\s+vais\s+pas\s+tout\s+lacher\b|\bdemenage\w*\s+cet\w*\b"
        ),
        1.5,
    ),
    (
        "role",
        _c(
            r"\bmoved\s+into\b|\b(?:don'?t|do\s+not)\s+want\s+(?:a|an|another)\s+[\w&-]+\s+(?:role|job|position)\b|\bevolue\w*\s+vers\b|\brefaire\s+(?:du|de\s+la|des)\b|\bgo(?:ing)?\s+back\s+to\s+(?:doing|being)\b|\b(?:done|finished)\s+with\s+"
            r"\w+\s+(?:roles?|jobs?|work)\b|\boriente\w*\s+\w+\s+(?:que|plutot)\b|\bplutot\s+oriente\w*|\b(?:poste|role|job|position)\s+(?:n'est\s+pas\s+fait|isn'?t\s+"
            r"(?:made|meant))\s+for|\bplus\s+mon\s+(?:metier|domaine|job|truc)\b|\breorient\w*|\breconver\w*|\bchanged\s+careers?\b|\bcareer\s+change\b|"
            r"\bnot\s+my\s+(?:field|area|line\s+of\s+work|job)\b|\bmoved\s+(?:into|to)\s+(?:a\s+)?(?:different|another|\w+\s+role)|"
            r"\btrop\s+(?:operationnel|technique|strategique|commercial|administratif|generaliste|specialise)\w*|"
            r"\btoo\s+(?:operational|technical|strategic|hands-on|generalist|narrow|admin\w*)\b|\bpour\s+mon\s+profil\b|"
            r"\bfor\s+my\s+(?:profile|background|skill\s*set|experience)\b|\bje\s+cherche\s+(?:un\s+poste\s+)?plus\s+\w+|"
            r"\bisn'?t\s+my\s+thing\b|\bpas\s+mon\s+truc\b|\bpas\s+(?:un|une|du|de)\s+(?:poste|role|job|metier)\s+(?:de|d')|\bnot\s+an?\s+[a-z-]+\s+(?:role|job|position)\b|"
            r"\b(?:cherche|vise|looking\s+for|after)\s+(?:un\s+|une\s+|an?\s+)?(?:poste|role|position|job)s?\s+(?:de|d'|of|as|in)\s+"
            r"[a-z' -]+,\s+(?:pas|not)\b|\b(?:je\s+suis|i'?m)\s+(?:un\s+|une\s+|an?\s+)?[a-z-]+(?:\s+[a-z-]+)?,?\s+(?:pas|not)\s+(?:un\s+|une\s+|an?\s+)?"
            r"(?!interess|sure|certain|dispo|disponible|available|looking|open|able|en\b|in\b|a\b|au\b)[a-z-]+\b|\bne\s+veux\s+(?:pas|plus)\s+(?:gerer|faire|coder|manager|encadrer|travailler\s+sur)\b|\bprefere\s+rester\s+(?!ou\b|la\b|chez\b|dans\b|ici\b|en\s+poste\b)\w+|"
            r"\\bprefer\\s+to\\s+stay\\s+(?:an?\\s+)?\\w+|\bpur\s+techni\w*|"
            r"\bgo\s+back\s+to\s+\w+(?:\s+\w+)?\s+(?:work|roles?|jobs?)\b|\bno\s+longer\s+(?:want\s+to\s+)?(?:do|work\s+in|"
            r"manage)\b|\bpeople\s+management\b|\bic\s+roles?\b|\bindividual\s+contributor\b|\bmanagement\s+d'equipe\b|"
            r"\bfaire\s+(?:du|de)\s+management\b|\btrop\s+(?:junior|senior)\b|\btoo\s+(?:junior|senior)\b|\bjunior\s+(?:role|"
            r"position|poste)\b|\bposte\s+junior\b|\bne\s+(?:fais|code|pratique)\s+plus\b|\bn'en\s+fais\s+plus\b|"
            r"\bmoving\s+away\s+from\b|\bnot\s+a\s+(?:good\s+)?fit\b|\bpas\s+(?:mon|le\s+bon)\s+(?:metier|profil|niveau)\b|"
            r"\bchange(?:ment)?\s+de\s+(?:metier|carriere|voie)\b|\bcareer\s+change\b|\bchanged\s+careers?\b|"
            r"\bstep\s+back\b|\bretour\s+en\s+arriere\b|\bsedentaire\b|\bexpert\w*\s+techni\w*|"
            r"\bhands-?on\b|\bne\s+veux\s+plus\s+(?:faire|etre)\b|\bdon'?t\s+want\s+to\s+(?:do|go\s+back\s+to)\b"
        ),
        2.0,
    ),
    (
        "role",
        _c(
            r"\bmanagement\b|\bmanager\b|\bmanag\w*\s+(?:d'equipe|people)|\bpeople\s+management\b|\bic\s+roles?\b|"
            r"\bjunior\b|\bsenior\b|\bexperience\b|\bstack\b|\btechno\w*|\bfrontend\b|\bbackend\b|\bphp\b|\bjava\b|"
            r"\bsedentaire\b|\bposte\s+de\b|\bun\s+poste\b|\bthe\s+role\b|\bthe\s+position\b|\bthe\s+job\b|\bmissions?\b|"
            r"\bexpert\w*\s+techni\w*|\bne\s+fais\s+plus\b|\bje\s+n'en\s+fais\s+plus\b|\bmoving\s+away\s+from\b|\bnot\s+a\s+fit\b|"
            r"\bne\s+correspond\s+pas\s+a\s+mon\s+profil\b|\bniveau\b|\bseniority\b|\bcareer\b|\bcarriere\b|\bmetier\b|"
            r"\bdomaine\b|\bfield\b|\breconver\w*|\bspecialis\w*|\bfocus\w*\s+on\b|\bdevelopp\w*|\bcoding\b|\btechnical\b|"
            r"\bingenieur\b|\bengineer\w*\b|\bcommercial\b|\bsales\b|\bmarketing\b|\bdata\b|\bml\b|\bprojet\b|\bproject\b|"
            r"\bemploi\s+du\s+temps\b|\bshifts?\b|\bnuit\b|\bnights?\b|\bweek-?ends?\b|\b3x8\b|\b2x8\b|\bhoraires\b"
        ),
        0.7,
    ),
    (
        "company",
        _c(
            r"\b(?:large|big|huge|small|tiny|grande?s?|grosses?|petites?)\s+(?:banks?|banques?|compan\w*|firms?|corporates?|"
            r"groupes?|structures?|boites?|entreprises?|societes?|agenc\w*|consultanc\w*|cabinets?)\b|\b(?:en|in\s+an?|pour\s+une?)\s+"
            r"(?:esn|ssii|agence|agency|consultancy|cabinet|startup|start-up|scale-up)\b|\b(?:working|work)\s+(?:for|at|in)\s+(?:a|an|another|"
            r"the)\s+(?:startup|start-up|bank|consultancy|agency|corporate|big\s+\w+|large\s+\w+|scale-?up)\b|"
            r"\b(?:travailler|bosser|retourner)\s+(?:pour|dans|en|chez)\s+(?:une?\s+)?(?:autre\s+)?(?:startup|start-up|grand\s+groupe|"
            r"esn|ssii|banque|agence|cabinet|multinationale)\b"
        ),
        1.6,
    ),
    (
        "company",
        _c(
            r"\b(?:manufacturing|retail|banking|finance\s+sector|insurance|consulting|automotive|pharma\w*|defen[cs]e|"
            r"gambling|tobacco|oil\s+and\s+gas|fast\s+food|grande\s+distribution|btp|agroalimentaire|luxe|public\s+sector|"
            r"fonction\s+publique|industrie\s+\w+|esn|ssii|interim\s+agencies)\b(?=.{0,40}\b(?:again|anymore|plus|a\s+nouveau|de\s+nouveau|"
            r"no\s+thanks|non\s+merci|pas\s+pour\s+moi|not\s+for\s+me|_decline_)|\s*[.!,])"
        ),
        1.6,
    ),
    (
        "company",
        _c(
            r"\by\s+retourner\b|\bj'en\s+sors\b|\bgo\s+back\s+there\b|\bediteur\s+\w+|\bagainst\s+my\s+(?:values|principles|ethics)\b|\bcontraire\s+a\s+mes\s+(?:valeurs|principes)\b|"
            r"\bcontre\s+mes\s+(?:valeurs|principes)\b|\bwon'?t\s+work\s+for\s+(?:a|an|that|this)\b|"
            r"\bne\s+(?:veux|souhaite)\s+pas\s+(?:travailler|bosser)\s+(?:pour|chez|dans)\b|"
            r"\bsecteur\b|\bindustrie\b|\bsector\b|\bindustry\b|\bgrande?s?\s+(?:structure|groupe|entreprise|boite|compan\w*)\b|"
            r"\bgrosse\s+(?:structure|boite)\b|\bstart-?up\b|\bscale-?up\b|\bpme\b|\bcorporate\b|\bbig\s+compan\w*|"
            r"\bsmall\s+compan\w*|\bla\s+boite\b|\bcette\s+(?:entreprise|societe|boite)\b|\bchez\s+eux\b|\bthat\s+company\b|"
            r"\bthe\s+company\b|\bthis\s+company\b|\breputation\b|\bambiance\b|\bturnover\b|\blaid\s+off\b|\blicenci\w*|"
            r"\btabac\b|\btobacco\b|\bgambling\b|\bbetting\b|\bpari\w*\s+sportifs?\b|\barmement\b|\bdefense\b|\bweapons?\b|"
            r"\bpetrol\w*|\boil\b|\bethi\w*|\bvaleurs\b|\bvalues\b|\bpar\s+principe\b|\bin\s+principle\b|\bculture\b|"
            r"\bbanque\w*|\bbank\w*|\bassurance\b|\bconsulting\b|\besn\b|\bcabinet\b|\bagence\b|\bagency\b|\bgroupe?\b|"
            r"\bmoins\s+de\s+\d+\s+personnes\b|\bsize\b|\btaille\b|\bboites?\b|\bemployeur\s+concurrent\b"
        ),
        1.2,
    ),
    (
        "contract",
        _c(
            r"\bzero[\s-]hours?\b|\bcontracts?\b|\bcdd\b|\bcdi\b|\bfreelance\w*|\bfree-lance\b|\bindependant\w*|\bportage\b|\binterim\w*|\btemps\s+(?:partiel|plein)\b|"
            r"\bpart[\s-]time\b|\bfull[\s-]time\b|\bpermanent\b|\bperm\b|\bcontract\s+(?:work|roles?|basis|only)\b|"
            r"\bcontractor\b|\bcontrat\b|\bsalari\w*\b(?!.*\bown\s+company)|\bmission\s+de\s+\d+\b|\bintermittent\b|"
            r"\balternance\b|\b(?:un|en|de)\s+stage\b|\binternship\b|\bfixed[\s-]term\b|\btemporary\b|\btemp\b|\bb2b\s+contract\b"
        ),
        1.8,
    ),
    ("contract", _c(r"\b\d+\s?%"), 1.0),
    (
        "remote",
        _c(
            r"\bteletravail\b|\btele-?travail\b|\bremote\b|\bfull[\s-]remote\b|\bpresentiel\b|\bsur\s+site\b|\bon[\s-]?site\b|"
            r"\bin\s+the\s+office\b|\bdays?\s+(?:a\s+week\s+)?in\s+(?:the\s+)?office\b|\boffice\s+days?\b|\bhybride?\b|"
            r"\bwork\s+from\s+home\b|\bwfh\b|\ba\s+distance\b|\bjours?\s+(?:sur\s+site|au\s+bureau|de\s+bureau)\b|"
            r"\bau\s+bureau\b|\bbureaux?\b"
        ),
        2,
    ),
    (
        "happy",
        _c(
            r"\b(?:tres\s+|vraiment\s+|parfaitement\s+)?(?:bien|heureux|heureuse|epanouie?|satisfaite?|content|contente)\s+"
            r"(?:dans|ou|chez|a)\s+(?:mon|ma|je|l'|le|mes|mon\s+poste)|\bhappy\s+(?:where|at|in|with)\b|\bpas\s+(?:du\s+tout\s+)?"
            r"(?:activement\s+)?en\s+recherche\b|\bne\s+(?:cherche|recherche)\s+pas\b|\bnot\s+(?:actively\s+)?looking\b|"
            r"\bjust\s+got\s+promoted\b|\bcombl\w+\b|\blove\s+(?:where\s+i\s+(?:work|am)|my\s+(?:job|team|company|work|employer))\b|"
            r"\bnot\s+going\s+anywhere\b|\bwhere\s+i\s+am\b|\brester\s+(?:la\s+)?ou\s+je\s+suis\b|\bthriving\b|\bflourishing\b|\bbien\s+(?:la\s+)?ou\s+je\s+suis\b|\b(?:satisf|content|heureu|epanou|happy|comfortable|settled)\w*\s+"
            r"(?:de|dans|with|in|at|avec|chez)\s+(?:mon|ma|my)\s+(?:\w+\s+)?(?:poste|job|role|position|entreprise|company|employeur|employer|"
            r"equipe|team|situation|boite|travail|work)\b|\bn'envisage\s+pas\s+de\s+(?:changer|bouger|partir|quitter)\b|"
            r"\bno\s+plans?\s+to\s+(?:move|leave|change)\b|\bpas\s+envie\s+de\s+(?:changer|bouger|partir)\b|\benjoy\w*\s+my\s+(?:current\s+)?(?:role|job|work|team|"
            r"position|company)\b|\bnot\s+planning\s+(?:to|on)\s+(?:leave|leaving|move|moving|change)\b|\bpas\s+l'intention\s+de\s+"
            r"(?:partir|bouger|quitter|changer)\b|\bje\s+ne\s+bouge\s+pas\s*(?:[.,!]|$)|\bj'adore\s+(?:mon|ma|mes)\b|"
            r"\bpleinement\s+satisf\w*|\bvery\s+(?:content|settled|satisfied)\b|\bje\s+suis\s+bien\s+(?:la|ici)\b|\bpromu\w*\b|\bequipe\s+top\b|\bmanager\s+que\s+j'adore\b|\bje\s+me\s+plais\b|"
            r"\bi\s+love\s+my\s+(?:job|team|role)\b|\bj'adore\s+mon\b|\bplus\s+en\s+recherche\b|\bnot\s+on\s+the\s+market\b|"
            r"\bstaying\s+(?:put|where)\b|\bje\s+reste\b|\bfor\s+now\s+i'?m\s+staying\b|\bnot\s+looking\s+to\s+(?:move|change)\b"
        ),
        3.5,
    ),
    (
        "other",
        _c(
            r"\btour\s+du\s+monde\b|\bworld\s+(?:trip|tour)\b|\btravel(?:l?ing)?\s+the\s+world\b|\byear\s+off\b|\bretraite\b|\bretir(?:e|ing)\w*|\bown\s+(?:company|business|startup)\b|\bma\s+propre\s+(?:boite|entreprise|societe|structure)\b|\b(?:creer|monter|lancer|lance|cree|monte)\s+(?:ma|mon)\s+"
            r"(?:boite|entreprise|societe|activite|cabinet)\b|\b(?:pars|partir|part)\s+vivre\b|\bmoving\s+(?:abroad|overseas)\b|"
            r"\bemigr\w+|"
            r"\bcreer\s+(?:ma|mon)\b|\bcreation\s+d'entreprise\b|\bright\s+to\s+work\b|\bwork\s+permit\b|\bvisa\b|\bsponsorship\b|"
            r"\bpermis\s+de\s+travail\b|\bnon[\s-]concurrence\b|\bnon[\s-]compete\b|\betudes\b|\bstudies\b|\bback\s+to\s+school\b|"
            r"\breprendre\s+(?:mes|les)\s+etudes\b|\bsante\b|\bhealth\b|\bmalad\w*|\billness\b|\bsick\b|\bexpatri\w*|\babroad\b|"
            r"\bl'etranger\b|\bsabbati\w*|\bgap\s+year\b|\braisons\s+de\s+sante\b|"
            r"\bconcurrent\s+direct\b|\bcompetitor\b|\bcareer\s+break\b|\bcongé\s+sabbatique\b|"
            r"\bsalaried\s+role\b|\bfonction\s+publique\b|\bconcours\b|\bdiplome\b|\bclause\b"
        ),
        2.6,
    ),
]

# A few reason cues only count when they are strong and specific.
REASON_STRONG: list[tuple[str, Cue, float]] = [
    (
        "salary",
        _c(
            r"\b(?:less|lower)\s+than\s+(?:i'?m\s+(?:on|earning|making|paid)|what\s+i|my\s+current)\b|\bmoins\s+que\s+(?:mon\s+salaire|ce\s+que\s+je)\b|"
            r"\bpour\s+ce\s+(?:salaire|prix|tarif)\b|\ba\s+ce\s+prix\b|\bfor\s+that\s+(?:money|salary|pay|price)\b|\bdeja\s+au[\s-]dessus\b|\balready\s+(?:above|earn(?:ing)?\s+more|on\s+more|paid\s+more)\b|\bje\s+gagne\s+(?:deja\s+)?plus\b|"
            r"\b(?:salaire|remuneration|package|salary|pay|compensation|budget|offre)\s+(?:ne\s+suit\s+pas|est\s+(?:trop\s+bas|"
            r"insuffisant\w*)|is\s+(?:too\s+low|not\s+enough|below)|isn'?t\s+(?:enough|competitive)|doesn'?t\s+(?:match|cut\s+it))|"
            r"\bwhat\s+i\s+(?:earn|make|get\s+paid)\b|\bce\s+que\s+je\s+(?:gagne|touche)\b|\bpay\s+cut\b|"
            r"\bbaisse\s+de\s+(?:salaire|remuneration)\b|\btrop\s+(?:mal\s+)?paye\b|\bmal\s+paye\b|\bwell\s+below\b|\ben\s+dessous\s+de\s+mon\s+salaire\b|"
            r"\bbelow\s+what\s+i\b|\bsalaire\s+actuel\b|\bcurrent\s+salary\b|\bnot\s+enough\b|\bpas\s+assez\b|"
            r"\bpour\s+\d[\d\s]*(?:€|k|euros)|\bfor\s+[£€$]\d"
        ),
        3,
    ),
    (
        "location",
        _c(
            r"\bne\s+(?:veux|souhaite)\s+pas\s+(?:demenager|faire\s+plus\s+de)\b|\bnot\s+willing\s+to\s+relocate\b|"
            r"\bcommute\b|\btrop\s+loin\b|\btoo\s+far\b"
        ),
        3,
    ),
    (
        "remote",
        _c(
            r"\bsans\s+teletravail\b|\bfull(?:y)?[\s-]remote\b|\bdays?\s+in\s+the\s+office\b|\bjours?\s+sur\s+site\b|"
            r"\bonly\s+(?:considering\s+)?(?:fully\s+)?remote\b|\bjours?\s+de\s+teletravail\b"
        ),
        2,
    ),
    (
        "contract",
        _c(
            r"\bje\s+(?:ne\s+)?cherche\s+(?:que|uniquement)\s+(?:un|du)\s+(?:cdi|cdd|temps|freelance)|\bcontract\s+work\b|"
            r"\bpart[\s-]time\s+only\b|\bonly\s+(?:do\s+)?(?:contract|freelance|part[\s-]time|permanent)\b|\bfreelance\s+depuis\b|"
            r"\bne\s+repasserai\s+pas\s+en\s+cdi\b|\bun\s+cdd\b"
        ),
        2,
    ),
    (
        "timing",
        _c(
            r"\b(?:only|just|recently)\s+(?:joined|moved|started)\b|\bjoined\s+(?:my\s+current|this|a\s+new)\b|"
            r"\b(?:arrivee?|embauchee?|recrutee?)\s+(?:il\s+y\s+a|depuis)\s+(?:peu|\w+\s+(?:mois|semaines))\b|"
            r"\bsigne\s+(?:un|mon)\s+\w+\s+il\s+y\s+a\b|\bleaving\s+now\b|\bpartir\s+maintenant\b|\brepartir\b|"
            r"\bpreavis\b|\bnotice\s+period\b|\bperiode\s+d'essai\b|\bjust\s+started\b|\bviens\s+(?:tout\s+juste\s+)?de\s+"
            r"(?:prendre|commencer)\b"
        ),
        2,
    ),
]


def reason_scores(rewritten: str) -> dict[str, float]:
    scores = dict.fromkeys(REASONS, 0.0)
    for reason, pattern, weight in REASON_CUES:
        n = len(pattern.findall(rewritten))
        if n:
            scores[reason] += weight * (1 + 0.25 * min(n - 1, 2))
    for reason, pattern, weight in REASON_STRONG:
        if pattern.search(rewritten):
            scores[reason] += weight
    return scores
