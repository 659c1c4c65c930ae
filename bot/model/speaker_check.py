"""The speaker check of model-written answers: each attribution against the quote index.

Handed to :func:`bot.model.grounding.ground_answer` as ``speakers=`` by the fluent engine.
"""

from __future__ import annotations

import re

from bot.answers.markdown import plain
from bot.index.quote_index import ANYWHERE, QuoteIndex
from bot.model.attribution import NAME_RUN, SPEECH, SUBJECT_PRONOUNS, Claimed, claimed_speaker
from bot.model.blocks import quotes_in
from bot.model.grounding import Said
from bot.model.quoted import outside_quotes, unescape
from bot.verdicts.normalise import words
from bot.verdicts.verify import Occurrence, find_occurrences
from ingest.lexicon.function_words import DETERMINERS


class SpeakerClaims:
    """Checks a sentence's attributions against the quote index (``ground_answer(speakers=)``).

    A verified quote that a speech verb attributes (:func:`bot.model.attribution.claimed_speaker`)
    must be the claimed speaker's in the index. A name must be one of theirs (name, alias,
    surname); any other name, one the index has never seen included, is wrong. A pronoun must
    point back at one of their names in the answer, or, with no name before it, be the word
    the article itself uses for the speaker of that quote; a title phrase must be the article's
    own words for that speaker. A quote with no attribution beside it, and reported speech,
    are checked against the index's names the sentence mentions.
    """

    def __init__(self, index: QuoteIndex) -> None:
        self.index = index
        forms: dict[str, set[str]] = {}
        for key, info in index.speakers.items():
            for alias in {info.name, *info.aliases}:
                names = alias.split()
                for form in (alias, names[-1] if len(names) > 1 else ""):
                    if len(form) >= 3 and form[:1].isupper():
                        forms.setdefault(form, set()).add(key)
        self.forms = forms
        alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        self.pattern = re.compile(rf"\b(?:{alternation})\b") if forms else None
        self.outlets = {o.lower() for o in index.outlets}

    def named(self, sentence: str) -> set[str]:
        if self.pattern is None:
            return set()
        outside = outside_quotes(sentence)
        return {k for m in self.pattern.finditer(outside) for k in self.forms[m.group(0)]}

    def owners(self, quoted: str) -> tuple[set[str], set[str], list[Occurrence]]:
        """Who the index records saying these words (exactly; in reported speech), and every
        verbatim occurrence of them (none: the articles do not hold them)."""
        claim = words(unescape(quoted)).tokens
        if not claim:
            return set(), set(), []
        occ = [
            o for o in find_occurrences(self.index, claim, ANYWHERE) if o.match.kind == "verbatim"
        ]
        exact = {o.entry.speaker_key for o in occ if o.exact_words and o.entry.speaker_key}
        reported = {
            o.entry.speaker_key for o in occ if o.entry.kind == "reported" and o.entry.speaker_key
        }
        return exact, reported, occ

    def _names(self, keys: set[str]) -> str:
        return " or ".join(sorted(plain(self.index.display_name(k)) for k in keys))

    def _verdict(self, keys: set[str], exact: set[str], reported: set[str]) -> str | None:
        """Why words the index records as ``exact``/``reported`` are not ``keys``' own."""
        if exact & keys:
            return None
        if reported & keys:
            return (
                f"these are the reporter's words for what {self._names(reported & keys)} "
                "said, not exact words"
            )
        if exact:
            return f"the quote index attributes these words to {self._names(exact)}"
        return "these are the reporter's words, not a quotation"

    def _antecedent(self, text: str) -> set[str] | None:
        """The speakers the last name in ``text`` may mean (empty for a name the index does
        not know); ``None`` when ``text`` names nobody."""
        last: list[str] = []
        for m in NAME_RUN.finditer(outside_quotes(text)):
            name = re.sub(r"['’]s$", "", m.group()).split()  # Thorne's plan: Thorne
            while name and name[0].lower() in DETERMINERS | SUBJECT_PRONOUNS:
                name.pop(0)
            joined = " ".join(name)
            if joined.lower() in self.outlets or (len(name) == 1 and joined not in self.forms):
                continue  # an outlet, a place, a sentence's first word
            last = name or last
        return set(self.index.find_speakers(" ".join(last))) if last else None

    def _claimed(self, claim: Claimed, quoted: str, before: str) -> str | None:
        exact, reported, occ = self.owners(quoted)
        if not occ:
            return None  # not in the articles at all: nothing to check it against
        said_as = [o.entry.quote for o in occ if o.exact_words and o.entry.quote is not None]
        keys: set[str] = set()
        if claim.kind == "pronoun":
            found = self._antecedent(before)
            if found is None and any(q.speaker.strip().lower() == claim.form for q in said_as):
                return None  # "she said", as the article says it
            keys = found or set()
        elif claim.kind == "title":
            wanted = set(words(claim.form).tokens) - DETERMINERS
            if wanted and any(
                wanted <= set(words(f"{q.speaker} {q.role}").tokens) for q in said_as
            ):
                return None  # "the mayor said", as the article says it
        elif claim.form.lower() in self.outlets and not exact:
            return None  # the outlet's own (reporter's) words
        else:
            keys = set(self.index.find_speakers(claim.form))
        return self._verdict(keys, exact, reported)

    def __call__(self, said: Said) -> str | None:
        sentence = said.sentence
        named = self.named(sentence)
        for q in said.quotes:
            claim = claimed_speaker(sentence, q, said.quotes)
            if claim is not None:
                reason = self._claimed(claim, q.words, said.before + sentence[: q.start])
            else:
                exact, reported, occ = self.owners(q.words) if named else (set(), set(), [])
                reason = self._verdict(named, exact, reported) if occ else None
            if reason is not None:
                return reason
        if said.quotes or not named or not SPEECH.search(sentence):
            return None
        if not said.cited:
            if re.search(r"[.!?][”\"’»]?\s*$", sentence):  # a finished claim, not "X said:"
                return "no cited passage records it"
            return None
        spoke: set[str] = set()
        for c in said.cited:
            entries = quotes_in(self.index, c)
            if not entries:
                return None  # a passage of reporting: the claim cannot be checked here
            spoke |= {e.speaker_key for e in entries if e.speaker_key}
        if spoke and not (spoke & named):
            return f"the cited passage records words of {self._names(spoke)}"
        return None
