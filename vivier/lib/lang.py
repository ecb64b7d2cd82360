"""French or English, from stopwords: short texts are enough ("Oui", "No thanks", "Absent jusqu'au 3") and it
costs nothing. Used for a parsed message's language and for reading a reply (dates, day/month order)."""

import re

from vivier.lib.text import fold

_WORD = re.compile(r"[a-z']+")
_FRENCH_LETTERS = frozenset("éèêàùçôîâûëœ")

FR = frozenset(
    """
je j' tu il elle nous vous ils elles le la les l' un une des du de d' et ou mais donc car ne n' pas plus
ce c' ça ca cela ceci est suis es sommes etes sont ai as avons avez ont mon ma mes ton ta tes son sa ses
notre votre vos leur leurs que qu' qui quoi dont où ou en dans sur pour par avec sans chez au aux cette
ces merci bonjour bonsoir oui non si très tres bien aussi être etre avoir fait faire peut pouvez
voulez je m' me moi toi lui y a à quand comment pourquoi quel quelle quels quelles combien cordialement
actuellement absent absente retour jusqu'au poste salut svp stp rien encore déjà deja ma c'est j'ai
n'est d'un d'une qu'il l'annee moment depuis serai conges
""".split()
)

EN = frozenset(
    """
i you he she we they it me my your his her our their the a an and or but so not no yes is am are was were
be been have has had do does did this that these those to of in on at for with from by about as if
when what which who how why thanks thank please would could should will can can't don't i'm i'll i've
it's that's there here there's back out office regards best hi hello dear sorry just now right
any some more much very really looking role job interested still until
""".split()
)


def guess_lang(text: str, default: str = "fr", folded: str | None = None) -> str:
    """'fr' or 'en' by stopword count; accents count for French; ties go to ``default``."""
    if folded is None:
        folded = fold(text, keep_lines=True)
    words = _WORD.findall(folded)
    fr = en = 0.0
    for w in words:
        # "j'ai" -> "j'", "ai"
        parts = [w]
        if "'" in w:
            head, _, tail = w.partition("'")
            parts = [head + "'", tail, w]
        for p in parts:
            if p in FR:
                fr += 1
            if p in EN:
                en += 1
    if not (text or "").isascii():
        fr += 0.5 * sum(1 for ch in text if ch in _FRENCH_LETTERS)
    if fr > en:
        return "fr"
    if en > fr:
        return "en"
    return default
