"""Words that carry a claim's meaning: numbers, negation, opposites, modality, synonyms.

The meaning check of the verdicts (``bot.verdicts.meaning``) reads only these lists; a new
opposite pair or number word is added here and nowhere else. All words are in their folded
form (lower case, straight apostrophes), as ``bot.normalise.words`` gives them.
"""

from __future__ import annotations


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "bn": 1_000_000_000,
    "mn": 1_000_000,
}
# A word that names a number by itself ("a dozen eggs", "a couple of weeks", "half").
COUNT_NOUNS = {"dozen": 12, "score": 20, "couple": 2, "pair": 2, "half": 0.5, "quarter": 0.25}
FRACTIONS = frozenset({"half", "quarter"})  # count nouns that need no "a" before them
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "hundredth": 100,
    "thousandth": 1000,
    "millionth": 1_000_000,
}
PERCENT_WORDS = frozenset({"percent", "per cent", "pct", "%", "percentage points", "points"})
CURRENCY_SIGNS = {"$": "dollar", "€": "euro", "£": "pound", "¥": "yen"}
CURRENCY_WORDS = {
    "dollar": "dollar",
    "dollars": "dollar",
    "euro": "euro",
    "euros": "euro",
    "pound": "pound",
    "pounds": "pound",
    "yen": "yen",
    "yuan": "yuan",
    "rupees": "rupee",
    "hryvnias": "hryvnia",
}
# Words before a number that change what it claims: "more than 3,000" is not "3,000".
QUANTITY_QUALIFIERS = {
    "more than": "more than",
    "over": "more than",
    "above": "more than",
    "at least": "at least",
    "upwards of": "more than",
    "fewer than": "less than",
    "less than": "less than",
    "under": "less than",
    "below": "less than",
    "at most": "at most",
    "up to": "at most",
    "no more than": "at most",
    "nearly": "about",
    "almost": "about",
    "about": "about",
    "around": "about",
    "roughly": "about",
    "some": "about",
    "approximately": "about",
    "an estimated": "about",
    "exactly": "exactly",
    "only": "only",
    "just": "only",
}

# Words that turn a statement into its negation.
NEGATIONS = frozenset(
    {
        "not",
        "never",
        "no",
        "without",
        "nobody",
        "nothing",
        "none",
        "neither",
        "nor",
        "cannot",
        "nowhere",
        "denied",
        "denies",
        "deny",
        "denying",
        "refused",
        "refuses",
        "refuse",
        "refusing",
    }
)
NEGATED_SUFFIX = "n't"  # don't, won't, isn't: the folded word ends with it

# Opposites news uses. Each row is a pair of groups: every word of the first group is the
# opposite of every word of the second. Words are lemmas (see ``IRREGULAR_LEMMAS``).
ANTONYM_GROUPS: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple(
    (frozenset(a.split()), frozenset(b.split()))
    for a, b in (
        ("true truth correct accurate right", "false untrue nonsense lie wrong baseless bogus"),
        ("rise increase grow climb gain boost raise jump soar", "fall decrease drop decline cut"),
        ("rise increase grow climb boost raise jump soar", "shrink reduce lower plunge slash"),
        ("support back endorse favour favor", "oppose reject resist"),
        ("win victory", "lose loss defeat"),
        ("guilty", "innocent"),
        ("accept approve agree", "reject refuse disagree veto"),
        ("legal lawful", "illegal unlawful"),
        ("allow permit lift", "ban forbid prohibit impose"),
        ("high higher highest", "low lower lowest"),
        ("more", "less fewer"),
        ("strong stronger strengthen", "weak weaker weaken"),
        ("success succeed", "failure fail"),
        ("open", "close shut"),
        ("start begin", "stop end halt"),
        ("include", "exclude"),
        ("before", "after"),
        ("possible able likely", "impossible unable unlikely"),
        ("safe", "dangerous unsafe"),
        ("peace", "war"),
        ("ally friend", "enemy foe"),
        ("confirm", "deny"),
        ("praise", "criticise criticize condemn"),
        ("good better best", "bad worse worst"),
        ("expand", "shrink"),
        ("majority", "minority"),
        ("positive", "negative"),
        ("always", "never"),
        ("easy", "hard difficult"),
        ("cheap", "expensive"),
        ("early earlier", "late later"),
        ("up", "down"),
        ("profit surplus", "loss deficit"),
        ("strengthen", "undermine"),
        ("attack", "defend"),
        ("arrive", "leave depart"),
        ("import", "export"),
        ("buy", "sell"),
        ("hire", "fire"),
        ("release free", "arrest detain jail"),
        ("resign quit", "stay remain"),
    )
)

# Modality: the same claim is a different claim with "might" for "will", "some" for "all".
MODALITY_CLASSES: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (name, _set(group))
    for name, group in (
        ("certain", "will shall must definitely certainly surely"),
        ("possible", "might may could perhaps possibly maybe likely probably"),
        ("all", "all every everyone everybody everything each entire whole"),
        ("some", "some several many most few part sometimes often"),
    )
)
# Which modality classes are alternatives of each other (a class differs only from these).
MODALITY_RIVALS = {
    "certain": "possible",
    "possible": "certain",
    "all": "some",
    "some": "all",
}

# Words of the same meaning a paraphrase may use for each other (lemmas, both ways).
SYNONYM_GROUPS: tuple[frozenset[str], ...] = tuple(
    frozenset(g.split())
    for g in (
        "say tell state claim declare assert",
        "need require",
        "fire launch shoot",
        "missile rocket",
        "kill slay",
        "attack strike hit",
        "city town",
        "country nation state",
        "government administration",
        "president leader",
        "quick fast rapid swift",
        "big large huge vast",
        "small little tiny",
        "begin start commence",
        "end finish conclude",
        "help aid assist",
        "show demonstrate prove",
        "buy purchase",
        "child kid",
        "car vehicle",
        "job work employment",
        "money fund funding cash",
        "plan scheme proposal",
        "law legislation bill",
        "talk discuss",
        "try attempt",
        "build construct",
        "want wish",
        "stop halt",
        "protect defend",
        "fight battle combat",
        "grab seizure",
        "nonsense rubbish",
        "wrong mistaken incorrect",
        "important crucial vital key",
    )
)

# Forms no suffix rule reaches, to their lemma.
IRREGULAR_LEMMAS = {
    "rose": "rise",
    "risen": "rise",
    "fell": "fall",
    "fallen": "fall",
    "won": "win",
    "lost": "lose",
    "grew": "grow",
    "grown": "grow",
    "cut": "cut",
    "shut": "shut",
    "hit": "hit",
    "said": "say",
    "told": "tell",
    "fought": "fight",
    "bought": "buy",
    "sold": "sell",
    "began": "begin",
    "begun": "begin",
    "left": "leave",
    "kept": "keep",
    "held": "hold",
    "made": "make",
    "went": "go",
    "gone": "go",
    "took": "take",
    "taken": "take",
    "gave": "give",
    "given": "give",
    "got": "get",
    "saw": "see",
    "seen": "see",
    "knew": "know",
    "known": "know",
    "thought": "think",
    "brought": "bring",
    "ran": "run",
    "came": "come",
    "better": "better",
    "best": "best",
    "worse": "worse",
    "worst": "worst",
    "children": "child",
    "men": "man",
    "women": "woman",
    "people": "people",
    "lies": "lie",
    "lied": "lie",
    "needs": "need",
    "news": "news",
    "was": "be",
    "were": "be",
    "is": "be",
    "are": "be",
    "been": "be",
    "has": "have",
    "had": "have",
    "does": "do",
    "did": "do",
    "fired": "fire",
    "victories": "victory",
}
# Words that frame a claim rather than carry it: never counted when measuring support.
FRAMING_WORDS = frozenset(["say", "tell"])
