"""Cue words by class: reporting verbs of speech and writing (with their lemmas), verbs
that report only with marks, utterance verbs, written sources and title introducers."""

from __future__ import annotations

from ingest.lexicon import word_set
from ingest.lexicon.time import WEEKDAYS

# Reporting verbs of speech: every form that introduces what somebody said. The lemma of
# each form is kept so that scorers can tell speech cues from belief and plan cues.
SPEECH_FORMS: dict[str, tuple[str, ...]] = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "add": ("added", "adds", "adding"),
    "state": ("stated", "stating"),
    "explain": ("explain", "explains", "explained", "explaining"),
    "note": ("noted", "noting"),
    "argue": ("argue", "argues", "argued", "arguing"),
    "claim": ("claimed", "claiming"),
    "insist": ("insist", "insists", "insisted", "insisting"),
    "declare": ("declare", "declares", "declared", "declaring"),
    "announce": ("announce", "announces", "announced", "announcing"),
    "ask": ("asked", "asks", "asking"),
    "reply": ("replied", "replies"),
    "respond": ("responded", "responds"),
    "write": ("write", "writes", "wrote", "writing"),
    "tweet": ("tweeted",),
    "warn": ("warn", "warns", "warned", "warning"),
    "acknowledge": ("acknowledged", "acknowledges", "acknowledging"),
    "admit": ("admitted", "admits", "admitting"),
    "recall": ("recalled", "recalls", "recalling"),
    "continue": ("continued", "continues", "went on", "goes on"),
    "answer": ("answered", "answers"),
    "suggest": ("suggested", "suggests", "suggesting"),
    "contend": ("contended", "contends"),
    "assert": ("asserted", "asserts"),
    "observe": ("observed",),
    "remark": ("remarked",),
    "comment": ("commented",),
    "complain": ("complained", "complains"),
    "joke": ("joked",),
    "quip": ("quipped",),
    "testify": ("testified",),
    "confirm": ("confirmed", "confirms"),
    "deny": ("denied", "denies"),
    "predict": ("predicted", "predicts"),
    "promise": ("promised", "promises"),
    "vow": ("vowed", "vows"),
    "urge": ("urged", "urges"),
    "report": ("reported",),
    "call": ("called", "calls", "calling"),
    "describe": ("described", "describes"),
    "boast": ("boasted",),
    "concede": ("conceded", "concedes"),
    "emphasize": ("emphasized", "emphasised", "stressed"),
    "point out": ("pointed out", "points out"),
    "shout": ("shouted", "yelled"),
    "mention": ("mentioned",),
    "counter": ("countered",),
    "write in": ("posted",),
    "put it": ("put it", "puts it"),
    "shoot back": ("shot back", "shoots back", "fired back", "fires back", "hit back", "hits back"),
}

SPEECH_CUES: dict[str, str] = {
    form: lemma for lemma, forms in SPEECH_FORMS.items() for form in forms
}

# Phrases that are speech cues for scoring gold cue text (``according to``, ``told``, ...).
SPEECH_CUE_PHRASES = frozenset({"according to", "in a statement", "in an interview"})

# Cues whose content must carry quotation marks to count (``called it "a disaster"``);
# without marks they name or describe rather than report speech.
NEEDS_MARKS = frozenset({"call", "describe", "marked"})

# Verbs of a sound made rather than a claim: quoted words right after them are all that
# was uttered (``mouthing "thank you" toward the crowd``, ``jeered, "Go home!"``).
UTTERANCE_CUES = word_set(
    """jeered mouthing mouthed sings sang hollered muttered chanted chanting screamed
    whispered shouted yelled"""
)

# Verbs that report speech only when followed by quoted words (``condemned "such an
# attack"``); lemma "marked".
MARKED_CUES = (
    word_set(
        """
    read reads
    condemned condemns mocked mocks interjected interjects offered offers praised
    praises blasted blasts slammed slams touted touts pledged pledges proclaimed
    proclaims exclaimed mused chided scolded retorted snapped laughed sighed whispered
    recounted recounts lamented laments cautioned cautions concluded concludes reasoned
    opined lectured wondered wonders charged charges dubbed labeled labelled branded
    deemed termed quipped gushed raved railed ranted thundered screamed shouted yelled
    chanted tweeting posting texted emailed messaged
    accused accuses accusing decried decries decrying denounced denounces denouncing
    dismissed dismisses dismissing questioned questioning portrayed portrays portraying
    blamed blames blaming cited citing alleged alleges alleging referred refers
    referring bemoaned bemoans chided chides chiding assured assures implied implies
    pronounced criticized criticizes criticizing criticised criticises demanded
    demanding hailed hailing heralded reiterated reiterates derided derides insulted
    groused highlighted mentioning praising pledging promising lambasted lambasts
    attacked attacking faulted rebuked ridiculed ridicules disparaged lauded applauded
    applauds welcomed thanked thanking credited characterized characterizes
    characterised likened likens cast framed invoked invokes echoed echoing repeated
    repeating pressed disputed rejected wondered worried feared hoped hoping believes
    believed thinks thought expressed expresses voiced confided bragged brags boasts
    boasting vowing promoting touting endorsing proposing advocating pledges defended
    defends defending chanting exposed conclude riffed riffs claims cites jokes joking
    quips elaborated elaborates retorts predicting written
    proclaiming yelling shouting screaming lecturing lectured interjecting
    cracked wisecracked deadpanned intoned scoffed sniped fumed griped gloated marveled
    marvelled
    """
    )
    | UTTERANCE_CUES
)

# Nouns of a written statement that can introduce its words after a comma.
MEDIA_NOUNS = word_set("statement tweet post message memo email letter")

# Written sources that can give words of their own ("A footnote makes it clear: ...", "water
# bottles that said, ..."): what they carry was written, not spoken, and is quoted as such.
WRITTEN_SOURCES = MEDIA_NOUNS | word_set(
    """footnote editorial filing document report notice release video ad website sign banner
    signs banners placard placards poster posters shirt shirts t-shirts bottles headline
    caption messages ads videos letters"""
)

# Words signalling that the quoted words name a work or a term, not an utterance.
TITLE_INTRODUCERS = word_set(
    """
    book novel film movie song album show series play poem article essay column headline
    titled entitled called dubbed nicknamed named so-called word term phrase slogan
    hashtag program programme podcast documentary
    """
)

# Kinds of work whose title may follow in marks ("her memoir, "Hard Choices.""): the title
# introducers less the words for a name or a phrase, which also introduce what was said.
WORKS = (
    TITLE_INTRODUCERS
    - word_set("called dubbed nicknamed named so-called word term phrase slogan hashtag")
) | word_set("memoir")

# Base forms that are nouns or other verbs too ("a note", "add jobs"): a cue only after
# "to" or an auxiliary and before "that", a colon or a quote ("was quick to add that").
BASE_CUES = word_set(
    """add note stress claim deny suggest admit concede acknowledge quip joke remark reply
    respond answer comment boast complain exclaim recall vow promise predict urge confirm"""
)

# -s forms that are nouns too: a cue only right before "that", a colon or a quote.
NOUN_LIKE_CUES = word_set("notes remarks comments")

# Finite reporting verbs: a subject never runs back past one ("Ruiz said her team warned":
# the subject of "warned" is "her team", not "Ruiz said her team").
REPORTED_BY = word_set("said says told tells added adds stated wrote writes asked asks")

# Verbs by which someone puts out a written thing's words ("released a video that said");
# "cited a report that said" leaves the words to the report.
MAKING_VERBS = word_set(
    """released releases issued issues posted posts published publishes aired airs ran runs
    sent sends hoisted hoists held holds carried carries wore wears waved waves passed
    handed put distributed launched launches unveiled unveils"""
)

# "began by saying": the subject is before the verb that the cue completes
BY_VERBS = word_set("began begins begin started starts opened opens ended ends closed closes")

# Nouns of an occasion or a medium: "X in a statement said", "X during a rally thanked".
SETTING_NOUNS = WEEKDAYS | word_set(
    """
    statement statements interview interviews speech speeches rally rallies debate
    letter email post tweet video morning evening night call conference briefing hearing
    appearance
    """
)

# Things that come from a person ("an endorsement from Mike Lee, who said"), not a place.
WORDS_FROM_SOMEONE = word_set(
    """endorsement endorsements praise support reaction response rebuke criticism warning
    statement message letter call comment comments remarks word words pushback"""
)
