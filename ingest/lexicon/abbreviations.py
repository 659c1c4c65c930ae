"""Abbreviations: words whose full stop does not end a sentence, and their kinds."""

from __future__ import annotations

from ingest.lexicon import word_set

# Words whose full stop ends no sentence (passages); the quote-aware splitter adds "d.c".
ABBREVIATIONS = word_set(
    """
    mr mrs ms dr prof sr jr st mt gen col lt sgt capt cmdr adm gov sen rep rev hon pres
    supt insp det no nos vs etc inc ltd co corp dept univ jan feb mar apr jun jul aug
    sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m approx est fig ft
    """
)

QUOTE_ABBREVIATIONS = ABBREVIATIONS | {"d.c"}

# Abbreviations that may also end a sentence ("at 7 p.m. He said"), and the words that then
# open the next one.
FINAL_ABBREVIATIONS = word_set("a.m p.m etc inc ltd co corp u.s u.k u.n d.c jr sr")

# US state abbreviations: only after a party ("R-Pa."); "Lowell, Mass." may end a sentence.
STATE_ABBREVIATIONS = word_set(
    """
    ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo
    mont neb nev n.h n.j n.m n.y n.c n.d okla ore pa r.i s.c s.d tenn tex vt va wash wis
    wyo
    """
)

KEEP_DOT = frozenset({"jr.", "sr.", "inc.", "co.", "corp.", "u.s.", "u.k.", "u.n.", "d.c."})

# Titles written with a full stop ("Gov. Ruiz"); "the spokesman." ends a sentence.
TITLE_ABBREVIATIONS = word_set(
    "mr mrs ms dr gov sen rep gen lt col capt sgt adm rev hon prof pres supt insp det cmdr"
)

# Words that keep their full stop inside a name ("Sen. Ted Cruz", "Martin Luther King Jr.").
NAME_DOTTED = frozenset({"jr", "sr", "st", "mt", "ft", "messrs", "mme", "gov", "sen", "rep", "gen"})
