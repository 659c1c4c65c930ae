"""Function words: determiners, auxiliaries, prepositions, conjunctions and the stop
words that bound a noun phrase or a clause when the extractor walks a sentence."""

from __future__ import annotations

from ingest.lexicon import word_set
from ingest.lexicon.time import WEEKDAYS

# Words that open an adjunct of time, place or circumstance ("on Tuesday", "when asked")
# rather than reported words. Each rule that skips adjuncts adds the words its position
# allows (segments, content, extract, state), so the core is kept in one place.
ADJUNCT_PREPOSITIONS = word_set("in on at during after before")

ADJUNCT_CONJUNCTIONS = word_set("when while as")

ADJUNCT_CORE = ADJUNCT_PREPOSITIONS | ADJUNCT_CONJUNCTIONS

# Words that open a noun phrase before its head ("the mayor", "his nephew", "that report").
DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "this", "that"})
# Forms that read as nouns or adjectives at the start of a noun phrase ("the said man").
NOT_AFTER = DETERMINERS - {"our"}

# Words that may sit between a subject and its cue: "he also said", "she has said".
AUX_ADVERBS = word_set(
    """
    also has have had will would could can may might should must did does do later then
    again previously repeatedly reportedly once recently first further publicly
    privately earlier often still only just flatly simply bluntly quickly initially
    ultimately now once already
    """
)

# Quantifiers that float after a plural subject ("Wendt and Ruiz have both argued", "they
# all said"): no part of the subject, though a subject of their own when alone ("Both said").
FLOATING_QUANTIFIERS = word_set("both all each")

# Words that end a noun phrase when walking backward from a cue.
SUBJECT_STOPS = word_set(
    """
    after before when while because although though and but or nor as that which who
    whom whose where if since so than to in on at with by from during into over under
    about is was were are be been being not no yes what why how whether until unless
    once upon against among between through without within across off out up down
    """
)


# Words opening a sentence that are never part of a name ("The", "But", "When").
NON_NAME_WORDS = WEEKDAYS | word_set(
    """
    the a an but and or so when while after before if as in on at for of by with from
    this that these those his her its their our my your it he she they we i there here
    then now today yesterday tomorrow january february march april may june july august
    september october november
    december according said says say told asked meanwhile however still yet also even
    just only despite during since until though although because instead one two three
    some many most all several other another each every no not what which who how why
    where unlike like last next first earlier later was were is are did does has had have
    could would should
    """
)

# Words after an inverted cue that end the speaker ("said Smith in a statement").
OBJECT_STOPS = WEEKDAYS | word_set(
    """
    in on at during after before when while to that who which whose because as and but
    of last this next earlier later on yesterday today tonight
    """
)

SENTENCE_OPENERS = word_set("he she they we it i the but and this there his her their its our")

BE_FORMS = frozenset({"is", "are", "was", "were", "been", "be"})
AUXILIARIES = BE_FORMS | {"being", "has", "have", "had"}

ADJUNCT_START = ADJUNCT_CORE | word_set("last this today yesterday later then of to about with")

PASSIVE_AUXILIARIES = BE_FORMS | {"being", "get", "gets", "got"}

BEFORE_BASE_FORM = word_set("to did does do will would could can may might should must not")

QUANTIFIERS = word_set(
    """
    one another some many most all several few each every both two three four those these
    """
)

# Words that follow a verb, never a subject: after one word opening a sentence they show an
# order ("Ignore all previous instructions", "Tell the user").
IMPERATIVE_OBJECTS = word_set("the a an all every any his her its their our my your me him us them")

PLACE_PREPOSITIONS = frozenset({"from", "in", "at", "near", "outside", "of", ","})


SETTING_PREPOSITIONS = frozenset({"during", "in", "on", "at"})

LISTENING_PREPOSITIONS = frozenset({"to", "with"})

APPOSITIVE_LINKS = frozenset({"and", "of", "at", "for", "in"})

CLAUSE_LINKS = word_set("and but so yet then still also")

TO_PHRASES = frozenset(
    {
        ("on", "went"),
        ("on", "goes"),
        ("on", "go"),
        ("quick", "was"),
        ("quick", "is"),
        ("continued", "to"),
        ("went", "on"),
        ("proceeded", "to"),
        ("on", "going"),
    }
)

CONTENT_PREAMBLE = (
    ADJUNCT_PREPOSITIONS | WEEKDAYS | word_set("yesterday today tonight last this earlier later")
)

TIME_PREPOSITIONS = ADJUNCT_PREPOSITIONS | word_set("since by")

NO_CONTENT = frozenset({"to", "for", "of", "about", "with", "up", "by", "out", "off", "so", "over"})

MANNER_NEXT = (NO_CONTENT - {"about"}) | {"into"}  # said softly into the phone

QUESTION_WORDS = frozenset({"whether", "if", "why", "how", "what", "who", "when", "where", "which"})

# Words that open a share of a group before its number or quantifier: "Nearly half said",
# "Perhaps most agreed", "Roughly 40 percent of voters".
SHARE_OPENERS = word_set("nearly almost about roughly perhaps some over only just barely")

# "said at least 40 shops had closed", "said about sixty homes were dark": an approximate
# number opens the content; it is neither a time preamble nor a topic ("said about it").
APPROXIMATORS = frozenset({("at", "least"), ("at", "most"), ("more", "than"), ("fewer", "than")})

NUMBER_WORDS = word_set(
    """
    one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty
    forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands million
    millions billion dozen dozens half a an
    """
)

NOT_CLAUSE_OPENERS = SUBJECT_STOPS | word_set(
    """because although though since unless whereas according adding saying noting who
    which whose whom where"""
)

FINITE_AUXILIARIES = word_set(
    """is was were are has have had will would could should can may might must does did
    isn't wasn't weren't aren't hasn't haven't won't wouldn't"""
)

RELATIVE_OPENERS = word_set("who whom which where when while as after before if because")

SUBORDINATORS = word_set(
    "while although though because since if when whereas as after before and but so that"
)

# Words that open an adjunct rather than reported words ('In his book, "X," he wrote, "...")
ADJUNCT_OPENERS = ADJUNCT_CORE | word_set("although though since speaking asked according")

CLAUSE_ADVERBS = word_set("then now today yesterday also still however meanwhile so yet")

CAPITAL_LINKS = frozenset({"Then", "And", "But", "So", "Later", "Still", "Now"})

NOT_SUBJECTS = word_set("was is were are did does do has have had can could will would should")

SUBJECT_ADJUNCTS = ADJUNCT_CORE | word_set("moments minutes hours days and but where because")

CARRY_ON = word_set("to and or for in on at from by with of because as over about into than")

COPULAR_VERBS = word_set(
    """
    is was has does goes needed seemed appeared remained
    """
)

AFTER_SPEAKER = WEEKDAYS | word_set(
    """
    in on at during after before who which whose last this next earlier later yesterday
    today tonight when while as
    """
)

# "said the authority would publish": a modal after the noun makes it the reported clause's
# subject, not the speaker.
MODALS = word_set("would will could can may might should must has have had did does do")

# "a source close to the inquiry", "people familiar with the talks": the phrase goes on.
PROXIMITY = word_set("close familiar")

CLOSE_TO = LISTENING_PREPOSITIONS
