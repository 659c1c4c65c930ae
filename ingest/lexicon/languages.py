"""What tells a text that is not English: the scripts other languages are written in, and
the commonest function words of English and of the languages that share its alphabet.

Quotecheck reads every article and question as English (its cue verbs, names and sentence
rules are English). These lists let it say so when a text is plainly in another language;
they are a cheap signal, not a language identifier: a few distinctive words per language
(none that English also uses often: no "a", "in", "die", "was", "also").
"""

from __future__ import annotations

from ingest.lexicon import word_set

# (what the text is called, code point ranges): letters of these scripts are not English
SCRIPTS: tuple[tuple[str, tuple[tuple[int, int], ...]], ...] = (
    ("text in Cyrillic script", ((0x0400, 0x052F),)),
    ("Greek", ((0x0370, 0x03FF), (0x1F00, 0x1FFF))),
    ("text in Arabic script", ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF))),
    ("Hebrew", ((0x0590, 0x05FF),)),
    ("text in Devanagari script", ((0x0900, 0x097F),)),
    ("Bengali", ((0x0980, 0x09FF),)),
    ("Tamil", ((0x0B80, 0x0BFF),)),
    ("Thai", ((0x0E00, 0x0E7F),)),
    ("Georgian", ((0x10A0, 0x10FF),)),
    ("Armenian", ((0x0530, 0x058F),)),
    ("Korean", ((0xAC00, 0xD7AF), (0x1100, 0x11FF), (0x3130, 0x318F))),
    ("Japanese", ((0x3040, 0x30FF),)),  # kana; kanji alone read as Chinese below
    ("Chinese", ((0x4E00, 0x9FFF), (0x3400, 0x4DBF))),
)

ENGLISH = word_set(
    """
    the and of to is are was were be been being it its this that these those he she they
    we you his her their our who what when where why how which did does do said says say
    not has have had will would can could about with from for by as than then there
    after before into over also but or if because should may might must
    """
)

# Latin-script languages, by a few dozen words each that English text hardly ever holds
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "French": word_set(
        """
        le la les des du une est et que qui dans pour pas sur avec ce cette sont il elle
        nous vous ils elles au aux mais où été être avoir fait dit plus très aussi comme
        leur je qu cela ont sans selon
        """
    ),
    "Spanish": word_set(
        """
        el los las del que y es por para con se su sus al lo como más pero muy también
        fue han dijo quién qué cómo cuándo dónde esto esta este eso está están ser sobre
        entre una nunca
        """
    ),
    "German": word_set(
        """
        der das und ist nicht ein eine mit von zu den dem des auf für sich auch es wie wer
        hat haben sind wurde wurden werden aber oder nach bei aus sagte dass noch nur über
        vor ich nie
        """
    ),
    "Italian": word_set(
        """
        il lo gli di che è e un una per non con del della dei delle nel sono ha ma come più
        anche questo questa chi cosa detto ha hanno mai
        """
    ),
    "Portuguese": word_set(
        """
        os as do da dos das que e um uma é em no na para com não se por mais mas como foi
        disse quem isso este esta ao nunca
        """
    ),
    "Dutch": word_set(
        """
        het een en van dat op te zijn niet met voor er maar ook wat wie zei heeft hebben
        werd wordt naar bij nog nooit
        """
    ),
    "Polish": word_set(
        """
        na się nie że jest do co jak po ale od przez jego jej oraz tak już był była
        powiedział kto
        """
    ),
    "Turkish": word_set(
        """
        ve bir bu da de ile için çok ne mi değil gibi daha olan olarak kim dedi
        """
    ),
    "Indonesian": word_set(
        """
        yang dan di itu dengan untuk tidak ini dari dalam akan pada juga siapa kata
        mengatakan
        """
    ),
}
