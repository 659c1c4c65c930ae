"""Word lists and mark sets used by quote extraction (module constants, no logic)."""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """A word list written as running text (one constant per list, easy to extend)."""
    return frozenset(text.split())


# Quotation marks. Straight marks and the two-apostrophe style (``''...''``, some outlets)
# are direction-less: their role is decided from the characters around them.
DOUBLE_OPENERS = frozenset({"\u201c", "\u201e", "\u00ab", "``"})  # “ „ « ``
DOUBLE_CLOSERS = frozenset({"\u201d", "\u00bb"})  # ” »
DOUBLE_NEUTRAL = frozenset({'"', "''", "\u2019\u2019", "\u2018\u2018"})
SINGLE_OPENERS = frozenset({"\u2018", "\u2039"})  # ‘ ‹
SINGLE_CLOSERS = frozenset({"\u2019", "\u203a"})  # ’ ›
SINGLE_NEUTRAL = frozenset({"'"})
ALL_MARK_CHARS = "\"'\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\u2039\u203a`"
OPEN_CONTEXT = frozenset(" \t\n([{\u2014\u2013-/:;,")

# Words that open an adjunct of time, place or circumstance ("on Tuesday", "when asked")
# rather than reported words. Each rule that skips adjuncts adds the words its position
# allows (segments, content, extract, state), so the core is kept in one place.
ADJUNCT_PREPOSITIONS = word_set("in on at during after before")
ADJUNCT_CONJUNCTIONS = word_set("when while as")
ADJUNCT_CORE = ADJUNCT_PREPOSITIONS | ADJUNCT_CONJUNCTIONS

# Reporting verbs of speech: every form that introduces what somebody said. The lemma of
# each form is kept so that scorers can tell speech cues from belief and plan cues.
_SPEECH_FORMS: dict[str, tuple[str, ...]] = {
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
    form: lemma for lemma, forms in _SPEECH_FORMS.items() for form in forms
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

# Forms that read as nouns or adjectives at the start of a noun phrase ("the said man").
NOT_AFTER = frozenset({"the", "a", "an", "this", "that", "his", "her", "its", "their"})

# Words that may sit between a subject and its cue: "he also said", "she has said".
AUX_ADVERBS = word_set(
    """
    also has have had will would could can may might should must did does do later then
    again previously repeatedly reportedly once recently first further publicly
    privately earlier often still only just flatly simply bluntly quickly initially
    ultimately now once already
    """
)

# Words that end a noun phrase when walking backward from a cue.
SUBJECT_STOPS = word_set(
    """
    after before when while because although though and but or nor as that which who
    whom whose where if since so than to in on at with by from during into over under
    about is was were are be been being not no yes what why how whether until unless
    once upon against among between through without within across off out up down
    """
)

PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
# Words that open a noun phrase before its head ("the mayor", "his nephew", "that report").
DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "this", "that"})
PERSON_PRONOUNS = frozenset({"he", "she"})

# Titles and honorifics: part of a role, never of a name.
TITLES = word_set(
    """
    mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sen sen. rep rep. gov gov. gen gen. lt
    lt. col col. capt capt. sgt sgt. adm adm. rev rev. hon hon. sir dame lord lady
    president vice secretary minister prime senator representative congressman
    congresswoman governor mayor chancellor ambassador judge justice chairman chairwoman
    chair director spokesman spokeswoman spokesperson general attorney deputy chief
    commissioner speaker leader candidate nominee former acting state press foreign
    defense defence interior finance house senate majority minority democratic
    republican gop sheriff officer police detective agent coach pope king queen prince
    princess ceo founder executive professor economist analyst senior assistant
    councilman councilwoman delegate superintendent lieutenant colonel captain sergeant
    admiral commander warden councillor councilor alderman magistrate inspector
    constable trustee
    """
)

# Head nouns that make an uncapitalised phrase a plausible speaker ("the city's mayor").
SPEAKER_NOUNS = word_set(
    """
    spokesman spokeswoman spokesperson official officials mayor aide aides adviser
    advisers advisor advisors expert experts analyst analysts critic critics lawyer
    lawyers attorney attorneys police officer officers source sources people person
    witness witnesses resident residents voter voters supporter supporters candidate
    candidates president senator governor minister secretary chief staff leader leaders
    representative congressman congresswoman economist economists researcher researchers
    scientist scientists statement report reports study survey poll polls data campaign
    administration government ministry department agency committee group groups
    spokespeople director manager executive chairman chairwoman founder professor
    democrats republicans member members organizers organisers investigators prosecutors
    prosecutor judge court lawmakers lawmaker activists activist authorities authority
    doctor doctors nurse teacher student students owner owners worker workers woman man
    women men mother father wife husband son daughter friend friends colleague
    colleagues operative operatives strategist strategists pollster pollsters observers
    economists diplomat diplomats commander military army navy ambassador envoy percent
    respondents engineer engineers curator organiser organizer
    """
)

# Head nouns that let a phrase without a name speak: a person, an office or a body
# ("the spokesman", "the senator", "the report").
SPEAKER_HEADS = SPEAKER_NOUNS | TITLES

WEEKDAYS = word_set("monday tuesday wednesday thursday friday saturday sunday")

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

ORG_WORDS = word_set(
    """
    kremlin ministry department house party committee inc corp company council agency
    government administration office commission court campaign university institute
    association union bureau service services police army military foundation center
    centre group network times post journal news reuters ap press chamber bank board
    federation league society academy college
    """
)
