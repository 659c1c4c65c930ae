"""People and bodies: titles and honorifics, person and office nouns, organisation words."""

from __future__ import annotations

from ingest.lexicon import word_set

# Party labels written before a name ("Democrat Hillary Clinton"): a role, never a name.
PARTY_WORDS = word_set(
    """
    democrat democrats democratic republican republicans gop labour tory tories
    conservative conservatives liberal liberals socialist socialists libertarian
    """
)

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

# What people do, written before a name as a title ("Actress Ana Ruiz", "columnist Ana
# Ruiz") or heading a description ("the columnist said").
OCCUPATIONS = word_set(
    """
    columnist writer reporter editor author host anchor co-anchor correspondent
    commentator historian actor actress singer pastor rabbi journalist filmmaker comedian
    consultant
    """
)

# Words before a name that describe the person and are no part of the name: party labels,
# occupations and titles in the plural as headlines write them ("Senators Mitch McConnell").
NAME_PREFIXES = (
    PARTY_WORDS
    | OCCUPATIONS
    | word_set(
        """
    senators representatives congressmen congresswomen governors mayors ministers mp mps
    mep
    """
    )
)

# Lower-case words that belong inside a name ("Ursula von der Leyen", "Nasser al Din").
NAME_PARTICLES = word_set("de van von der den da del della di du la le bin al el y dos das")

# Head nouns that make an uncapitalised phrase a plausible speaker ("the city's mayor").
SPEAKER_NOUNS = (
    word_set(
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
    respondents engineer engineers curator organiser organizer columnists writers
    reporters editors authors commentators historians journalists consultants
    front-runner frontrunner contributor contributors hopeful hopefuls nominee
    """
    )
    | OCCUPATIONS
)

# Head nouns that let a phrase without a name speak: a person, an office or a body
# ("the spokesman", "the senator", "the report").
SPEAKER_HEADS = SPEAKER_NOUNS | TITLES

ORG_WORDS = word_set(
    """
    kremlin ministry department house party committee inc corp company council agency
    government administration office commission court campaign university institute
    association union bureau service services police army military foundation center
    centre group network times post journal news reuters ap press chamber bank board
    federation league society academy college authority organization organisation
    corporation
    """
)

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "mr.", "mrs.", "ms.", "dr."})

ORG_LINKS = frozenset({"of", "and", "&"})

ROLE_ORG_LINKS = ORG_LINKS | {"for"}

# Role nouns a name is never introduced with by themselves ("the people", "the report").
# Organisations a bare word names ("police said"), when the article gave their full name.
BARE_ORGS = frozenset({"police", "union", "council", "ministry", "army", "military"})

NOT_ROLES = frozenset({"people", "statement", "report", "study", "survey", "poll", "data"})

# Words that end the name of a place ("South China Sea", "Cook County", "Wall Street").
PLACE_WORDS = word_set(
    """
    sea ocean river lake bay gulf strait channel canal island islands peninsula coast
    mountain mountains mount valley desert forest park square street avenue road boulevard
    highway bridge county province region district state states city town village
    republic kingdom emirates belt airport station harbor harbour beach hills
    """
)

# Prepositions that put a capitalised name in a place ("in Ohio", "from Kharkiv").
PLACE_PREPOSITIONS = word_set("in into from near across throughout outside inside toward towards")

# Role nouns only a person holds: in apposition they make the name a person's
# ("Ana Ruiz, the chief financial officer,"); bodies and documents are left out.
PERSON_ROLE_WORDS = (
    (TITLES | SPEAKER_NOUNS)
    - ORG_WORDS
    - word_set(
        """
    house senate state press foreign defense defence interior finance majority minority
    democratic republican gop statement report reports study survey poll polls data
    campaign administration government ministry department agency committee group groups
    court military army navy percent respondents sources source
    """
    )
)
