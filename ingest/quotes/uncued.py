"""Quoted words whose sentence gives them no cue: the last speaker goes on (the next
sentence, the next paragraph, a part-quoted sentence right after), a name and any verb
after a quote (``"...," Hanna Roos pressed``), or a headline ``X: "..."``."""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.lexicon.cues import MEDIA_NOUNS, SPEECH_CUES, WRITTEN_SOURCES
from ingest.lexicon.function_words import CARRY_ON, COPULAR_VERBS, NON_NAME_WORDS
from ingest.lexicon.people import SPEAKER_NOUNS
from ingest.quotes.attribution import subject_before
from ingest.quotes.content import title_word_before
from ingest.quotes.cues import Cue
from ingest.quotes.marks import Marked
from ingest.quotes.phrases import Phrase, clause_subject
from ingest.quotes.state import Speaker, State, add_quote, fragment, make_speaker
from ingest.sentences import Sentence

_PAREN = re.compile(r"\s*\([^()]{1,20}\)")


def inherit_source(st: State, si: int, sent: Sentence, m: Marked) -> Speaker | None:
    last = st.last
    if m.continued and last is not None:
        return replace(last, method=last.method if last.method != "explicit" else "inherited")
    if st.pending is not None:
        return st.pending
    text = st.text
    lead = text[sent.start : m.open_start].strip()
    if lead and lead.lower() not in ("and", "but", "so"):
        return None
    n_words = len(text[m.start : m.end].split())
    if n_words < 3 and not (m.closed and text[m.end - 1 : m.end] in ".?!"):
        return None
    if title_word_before(text, sent.start, m.open_start):
        return None
    if m.single and _own_paragraph(text, sent):
        return None  # "\n'A healthy environment.'\n": a subheading in single marks
    if text[m.close_end : sent.end].strip(" .,;:!?\u2014-\"'\u201d\u2019"):
        return None  # '"Sons of Rain" is a play': the quoted words are a name
    if last is None or sent.paragraph - last.paragraph > 1:
        return None
    group = last.group if sent.paragraph == last.paragraph and si - last.sentence <= 1 else -1
    if group < 0:
        st.groups += 1
        group = st.groups
    return replace(
        last,
        method="inherited",
        sentence=si,
        paragraph=sent.paragraph,
        group=group,
        cue=None,
        confidence=0.75,
    )


def _own_paragraph(text: str, sent: Sentence) -> bool:
    return text[: sent.start].rstrip(" \t").endswith("\n") and text[sent.end :].lstrip(" \t")[
        :1
    ] in ("\n", "")


def carries_on(st: State, si: int, sent: Sentence, m: Marked) -> bool:
    """A sentence right after an attribution that goes on quoting its speaker in part:
    '"That is the fight we're taking" to the country.' / 'Unless he quits, "it is over."'"""
    last = st.last
    if last is None or last.sentence != si - 1 or last.paragraph != sent.paragraph:
        return False
    if m.single or len(st.text[m.start : m.end].split()) < 3:
        return False
    text = st.text
    after = text[m.close_end : sent.end].strip(" .,;:!?")
    if m.open_start == sent.start:  # the quote opens the sentence and a phrase goes on
        return after.split(" ", 1)[0] in CARRY_ON
    lead = text[sent.start : m.open_start].split()
    return (
        not after and 0 < len(lead) <= 15 and not title_word_before(text, sent.start, m.open_start)
    )


def inherit_mixed(st: State, si: int, sent: Sentence, mids: list[int]) -> None:
    last = st.last
    assert last is not None
    sp = replace(last, method="inherited", sentence=si, cue=None, confidence=0.7)
    for i in mids:
        st.used.add(i)
    frags = tuple(fragment(st.text, st.marked[i]) for i in mids)
    end = sent.end
    while end > sent.start and st.text[end - 1] in " .,;:":
        end -= 1
    add_quote(st, sent.start, end, "mixed", sp, frags, sp.method, sp.confidence)


_NAME_RE = r"(?:[A-Z][\w.'\u2019-]*\s+){0,4}[A-Z][\w.'\u2019-]*"


_TRAILING = re.compile(
    rf"[\s,]*(?:(?P<np>{_NAME_RE}|(?:the|a|an|one)(?:\s+[A-Za-z][\w-]*){{1,4}}?|he|she|they|it|we)"
    r"\s+(?P<verb>[a-z]{3,})"
    rf"|(?P<verb2>[a-z]+ed)\s+(?P<np2>{_NAME_RE}|the\s+[a-z]+(?:\s+[a-z]+)?))"
    r"(?:\s+(?P<part>back|out|up|off))?"  # "Lund shot back"
    r"(?:\s+[a-z]+ly|(?:\s+[A-Z][\w.'\u2019-]*){1,3})?"
    r"\s*(?P<end>[.,;]|\s+(?:of|who|from|in|at|on|to|with|about|during|and|as|while|before|after|when)\b|$)"
)


_SIGNED = re.compile(
    r"[ \t]*\n\s*[-\u2013\u2014]\s*(?P<name>(?:[A-Z][\w.'\u2019-]*\s+){0,4}[A-Z][\w'\u2019-]*)"
    r"\.?[ \t]*(?:\n|$)"
)


def trailing_attribution(st: State, si: int, sent: Sentence, m: Marked) -> Speaker | None:
    """'"...," Hannity pressed.' / '"...," read the statement.': a name and any verb after
    a quote that opens the sentence; or a quote paragraph signed on the next line
    ('"..."' then '- Bernie Sanders.', as fact-checks print them)."""
    text = st.text
    g = _TRAILING.match(text, m.close_end, sent.end)
    if g is None:
        sig = _SIGNED.match(text, sent.end)
        if sig is None or text[m.close_end : sent.end].strip(" .,"):
            return None
        phrase = Phrase(sig.start("name"), sig.end("name"), sig.group("name"))
        return make_speaker(st, si, sent, phrase, None, "explicit")
    name, verb = ("np", "verb") if g.group("np") else ("np2", "verb2")
    if g.group(verb) in COPULAR_VERBS or not _agrees(g.group(name), g.group(verb)):
        return None
    phrase = Phrase(g.start(name), g.end(name), g.group(name))
    cue_end = g.end("part") if g.group("part") else g.end(verb)
    cue = Cue(g.start(verb), cue_end, text[g.start(verb) : cue_end], "trailing")
    return make_speaker(st, si, sent, phrase, cue, "explicit")


def _agrees(subject: str, verb: str) -> bool:
    """A verb form that can follow ``subject``: past, an -s form, or a base form after a
    plural (``the ministers state``); ``"...," the ministers meeting`` is no attribution."""
    if verb.endswith(("ed", "s")) or verb in ("shot", "fired"):
        return True
    if verb.endswith("ing") or verb in SPEECH_CUES:  # 'said', 'told': the cues' own rules
        return False
    return subject.lower() in ("they", "we") or (
        subject.endswith("s") and not subject.endswith(("ss", "'s", "\u2019s"))
    )


def headline_speaker(st: State, si: int, sent: Sentence, m: Marked) -> Speaker | None:
    """``Kasich: 'We are going all the way.'``: a name, a colon, then the quote."""
    lead = st.text[sent.start : m.open_start]
    intro = lead.rstrip()
    media = intro.endswith(",") and intro[:-1].rsplit(" ", 1)[-1].lower() in MEDIA_NOUNS
    if not intro.endswith(":") and not media:  # "X:" / "X issued a statement, "..."
        return None
    if st.text[m.close_end : sent.end].strip(" .,;:!?"):
        return None
    if media:  # the subject of the clause that issued the statement
        return _clause_speaker(st, si, sent, m)
    phrase = first_person(st, sent.start, m.open_start)
    n_lead = len(lead.split())
    if phrase is None or phrase.start - sent.start > 4:
        # 'A voice-over in the ad states: "..."': a short clause, its subject first
        last_word = lead.rstrip().rstrip(":").rfind(" ")
        if n_lead > 8:
            return _clause_speaker(st, si, sent, m)
        if last_word <= 0:
            return None
        phrase = subject_before(st.text, sent.start, sent.start + last_word)
        if phrase is None or phrase.start - sent.start > 4:
            return _clause_speaker(st, si, sent, m)  # 'A footnote makes it clear: "..."'
        return make_speaker(st, si, sent, phrase, None, "explicit")
    if n_lead > 5:
        # 'Reid gave the Texan a back-handed compliment: "..."': the subject opens it
        if st.text[sent.start : phrase.start].strip() not in ("", "But", "And", "Then"):
            return _clause_speaker(st, si, sent, m)
        if st.text[phrase.end : phrase.end + 1] not in (" ", ","):  # "X, R-Ky., gave ...:"
            return None
    elif _PAREN.sub("", st.text[phrase.end : m.open_start]).strip() != ":" and n_lead > 3:
        # 'Rep. Al Roe (R-S.C.): "..."' keeps its party tag; 'Ada Holm issued a statement:'
        # is a short clause with its subject first
        return _clause_speaker(st, si, sent, m)
    return make_speaker(st, si, sent, phrase, None, "explicit")


def _clause_speaker(st: State, si: int, sent: Sentence, m: Marked) -> Speaker | None:
    """'In an interview later, Lund went further: "..."': a named (or he/she) subject opens
    the clause before the colon."""
    colon = st.text.rfind(":", sent.start, m.open_start)
    if colon < 0:
        colon = st.text.rfind(",", sent.start, m.open_start)
    phrase = clause_subject(st.text, sent.start, colon)
    if phrase is None:
        return None
    first = phrase.text.split()[0]
    named = phrase.text.lower() in ("he", "she") or (
        first[:1].isupper() and first.lower() not in NON_NAME_WORDS
    )
    if not named and not _source_noun_phrase(phrase.text):
        return None
    return make_speaker(st, si, sent, phrase, None, "explicit")


def _source_noun_phrase(phrase: str) -> bool:
    """``A footnote in the report``, ``One early supporter``: a determiner, then a person or
    a written source as the head noun."""
    ws = phrase.lower().split()
    if len(ws) < 2 or ws[0] not in ("a", "an", "the", "one"):
        return False
    head = ws[1:]
    if "in" in head or "of" in head:
        head = head[: head.index("in" if "in" in head else "of")]
    return bool(head) and (head[-1] in SPEAKER_NOUNS or head[-1] in WRITTEN_SOURCES)


def first_person(st: State, start: int, end: int) -> Phrase | None:
    """The first named person or organisation of ``text[start:end]``."""
    for mn in st.names.mentions_between(start, end):
        written = mn.written.rstrip(".,")
        if written.endswith(("'s", "\u2019s")):
            continue  # "Before Ruiz's speech, ...": the possessor is not the speaker
        return Phrase(mn.start, mn.start + len(written), written)
    return None
