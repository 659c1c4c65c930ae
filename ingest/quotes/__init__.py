"""Quote and speaker extraction: ``extract_quotes(article) -> list[Quote]`` (pure, no I/O).

Every returned quote has a speaker. Quoted words with no speaker near them (titles of books,
films and shows, scare quotes, signs nobody is said to have written) yield nothing rather
than a flagged quote, so every record in the index is an attributed statement.

``Quote.method`` says how the speaker was found:

- ``explicit``: named next to the cue (``X said``, ``said X``, ``according to X``, ``X:``);
- ``pronoun``: a pronoun (``he said``) resolved by ``coref`` over the article's name
  model (``entities``: each name typed person/organisation/place and gendered): the
  candidates of its kind and gender in the sentences before are scored by recency,
  subjecthood and whether they spoke last; ``confidence`` carries the margin (``speaker``
  keeps the pronoun as written);
- ``pronoun-unresolved``: a pronoun with no candidate clearly ahead (``canonical_speaker`` is
  the pronoun);
- ``role``: a role noun (``the mayor said``) resolved to the person the article introduced
  in that role, or a bare organisation word (``according to police``) to the organisation's
  full name given earlier (``Lowell Police``); ``speaker`` keeps the words as written;
- ``inherited``: a quotation with no cue of its own that follows on from the last speaker
  (the next sentence or paragraph, or the next paragraph of a multi-paragraph quote).

Layers, bottom up: the words come from ``ingest.lexicon`` and the sentences from
``ingest.sentences.split_quoted`` (the quote-aware mode).

- ``marks``: quoted spans; ``cues``: words with offsets and reporting cues;
- shallow parse: ``phrases`` (noun-phrase tails, clause subjects, appositives),
  ``names`` (canonical names), ``entities`` (the name model), ``coref`` (pronouns),
  ``roles`` (role nouns to introduced names), ``content`` (where the reported words are),
  ``after_cue`` (the phrase after a cue);
- rules (``rules`` says how they run): ``attribution`` (``SUBJECT_RULES``, the speaker
  before a cue), ``cue_rules`` (``ATTRIBUTION_RULES``, a cue's speaker and words),
  ``uncued`` (quotes whose sentence has no cue);
- ``state`` (building records) and ``extract`` (the walk over sentences).
"""

from ingest.quotes.extract import extract_quotes

__all__ = ["extract_quotes"]
