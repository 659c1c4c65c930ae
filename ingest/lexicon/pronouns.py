"""Pronouns by case, gender and number (``he``/``she`` singular persons, ``they`` plural)."""

from __future__ import annotations

from ingest.lexicon import word_set

# Written with a capital, opening a sentence.
CAPITAL_SUBJECT_PRONOUNS = frozenset({"He", "She", "They", "We"})

CAPITAL_POSSESSIVES = frozenset({"His", "Her", "Their", "Its", "Our", "My", "Your"})

MASCULINE = frozenset({"he"})
FEMININE = frozenset({"she"})
# Third person singular pronouns of a person: what a named speaker can be referred to by.
PERSON_PRONOUNS = MASCULINE | FEMININE
# Every form of a gendered pronoun: what tells a person's gender in running text.
MASCULINE_FORMS = word_set("he him his himself")
REFLEXIVES = word_set("himself herself itself themselves")
FEMININE_FORMS = word_set("she her hers herself")
# Subject pronouns of people, singular and plural.
SUBJECT_PRONOUNS = PERSON_PRONOUNS | {"i", "we", "they"}
# Every subject pronoun the extractor resolves to a speaker.
PRONOUNS = SUBJECT_PRONOUNS | {"it", "you"}

DUMMY_SUBJECTS = word_set("it there that what")

# Indefinite pronouns: written with a capital they open a sentence, and never name anyone.
INDEFINITE_PRONOUNS = word_set(
    "nobody everybody everyone somebody someone anybody anyone none nothing everything"
    " others another many most several few both each either neither"
)

# Honorifics and pronouns that give a speaker's gender.
FEMALE_MARKERS = frozenset({"mrs", "ms", "miss", "mrs.", "ms."}) | FEMININE

MALE_MARKERS = frozenset({"mr", "mr."}) | MASCULINE
