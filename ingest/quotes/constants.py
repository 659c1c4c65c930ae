"""Transitional: the word lists moved to ``ingest.lexicon``; delete this module at merge.

Only importers outside this change still read these names (bot/, ingest/quote_eval.py,
ingest/speaker_index.py, which are being moved in parallel). Nothing in the extractor
imports this module.
"""

from ingest.lexicon.cues import SPEECH_CUE_PHRASES, SPEECH_CUES
from ingest.lexicon.function_words import DETERMINERS
from ingest.lexicon.people import SPEAKER_NOUNS, TITLES
from ingest.lexicon.pronouns import PRONOUNS

__all__ = [
    "DETERMINERS",
    "PRONOUNS",
    "SPEAKER_NOUNS",
    "SPEECH_CUES",
    "SPEECH_CUE_PHRASES",
    "TITLES",
]
