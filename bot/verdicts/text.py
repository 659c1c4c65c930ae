"""The text of a verdict: headline, disputed attributions, evidence lines and provenance."""

from __future__ import annotations

from bot.answers import markdown as md
from bot.answers.markdown import Composer, plain
from bot.answers.records import Evidence, Verdict
from bot.verdicts.meaning import Difference


def verdict_markdown(v: Verdict, scope_note: str = "") -> None:
    """Compose ``v.markdown`` and ``v.citations``: the verdict, every attribution when the
    articles disagree, the evidence (or the closest candidates) and the provenance line."""
    c = Composer()
    who = plain(v.speaker) if v.speaker else "anyone"
    found = plain(v.found_speaker) if v.found_speaker else "the reporter (not a quotation)"
    reporter = "the reporter's own words, not a quotation"
    head = {
        "verbatim": f"**Verbatim.** {found} said these words.",
        "altered": f"**Altered.** {found} said nearly this; the words differ: "
        + md.render_diff(v.diff),
        "contradicted": f"**Contradicted.** {found} said something about this, but it "
        "disagrees with the claim: " + differences_text(v.differences) + ".",
        "paraphrase": f"**Paraphrase.** {found} said something with this meaning, but not "
        "in these words" + matched_text(v.evidence) + ".",
        "misattributed": f"**Misattributed.** The words were not said by {who}; "
        f"they are {'attributed to ' + found if v.found_speaker else reporter}.",
        "not_found": f"**Not found.** Nothing in the loaded articles{scope_note} "
        f"supports that {who} said this. {md.NOT_FOUND}",
    }[v.verdict]
    if v.verdict == "altered" and v.differences:
        head += " Change of meaning: " + differences_text(v.differences) + "."
    if v.verdict == "altered" and any(e.match == "stitched" for e in v.evidence):
        head = (
            f"**Altered.** {found} said each half of this, but never together: the claim "
            "joins words from two places (below)."
        )
    c.add(head, "", f"Claim checked: {plain(v.quote)}", "")
    if v.attributions:
        c.add(md.attribution_note(v.attributions), "")
    shown = v.evidence or v.candidates
    if shown:
        c.add("Evidence:" if v.evidence else "Closest statements found:", "")
    for e in shown[:6]:
        c.add(f"- {evidence_line(c, e)} ({c.source(e.article)})")
    if v.provenance:
        first = v.provenance[0].article
        line = f"First seen: {c.source(first)}"
        later = [p.article for p in v.provenance[1:]]
        if later:
            line += "; later in " + "; ".join(c.source(a) for a in later)
        c.add("", line + ".")
    g = c.finish()
    v.markdown, v.citations = g.markdown, g.citations


def differences_text(differences: tuple[Difference, ...]) -> str:
    """Each difference of meaning in words: claimed *three*, the source says *two*."""
    return "; ".join(
        f"{d.kind}: claimed *{plain(d.claimed or 'nothing')}*, the source says "
        f"*{plain(d.source or 'nothing')}*"
        for d in differences
    )


def matched_text(evidence: list[Evidence]) -> str:
    matched = evidence[0].matched if evidence else ()
    return " (matched: " + ", ".join(plain(w) for w in matched) + ")" if matched else ""


def highlighted(e: Evidence) -> str:
    """The evidence's text as plain text, the source's words of each difference in bold."""
    return "".join(
        _spaced(t, f"**{plain(t)}**" if marked else plain(t)) for t, marked in e.pieces()
    )


def _spaced(piece: str, shown: str) -> str:
    """``shown`` (an escaped ``piece``, whose edge spaces escaping drops) with them back."""
    lead = " " if piece[:1].isspace() else ""
    return lead + shown + (" " if piece[-1:].isspace() and shown else "")


def evidence_line(c: Composer, e: Evidence) -> str:
    """One piece of evidence: a quotation's words in marks, anything else as reported."""
    speaker = plain(e.speaker) if e.speaker else "the reporter"
    if (
        e.quote is not None
        and e.match in ("verbatim", "altered", "none", "stitched")
        and e.quote.kind != "indirect"
    ):
        in_marks = e.quote.kind == "direct" or any(
            f.start <= e.start and e.end <= f.end for f in e.quote.fragments
        )
        if in_marks:
            full = (
                c.quote(e.article, e.quote.start, e.quote.end, e.quote.text)
                if (e.quote.kind == "direct")
                else c.quote(e.article, e.start, e.end, e.text)
            )
            return f"{speaker}: {full}"
    n = c.cite(e.article, e.start, e.end, e.text)
    if e.differences and e.quote is not None and e.quote.kind == "direct":
        return f"{speaker}, in their words (differences in bold): {highlighted(e)} [{n}]"
    return f"{speaker}, reported (not exact words): {highlighted(e)} [{n}]"
