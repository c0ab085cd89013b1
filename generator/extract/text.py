"""Article text: scraper clean-up, dateline and outlet, headline, sentences.

Pure functions from text to values. What counts as page furniture, the
abbreviations that do not end a sentence and the words scrapers glue together
are in `data/text.yml`; outlet signatures in `data/outlets.yml`, so that a
curator can teach the generator a new outlet or a new kind of leftover.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..reference.text import VERB, HeadlineRules, Outlets, TextRules


# A lower-case word glued to a capitalised one where a scraper removed a link
# ("memperingatiHari", "olehUstaz"); a sentence glued to the next ("gizi.Makanan").
_GLUED_WORD = re.compile(r"\b[a-z]{3,}[A-Z][A-Za-z]*|\b[A-Z][a-z]{3,}[A-Z][a-z]{3,}[A-Za-z]*")
_GLUED_BOUNDARY = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z]{2})")
_GLUED_NAMES = re.compile(r"(?<=[a-z]{4})(?=[A-Z][a-z]{3})")
_GLUED_SENTENCE = re.compile(r"(?:(?<=[a-z0-9)\]”\"])|(?<=[A-Z]{2}))[.!?](?=[\"“]?[A-Z][a-z])")


def unglue(line: str, rules: TextRules) -> str:
    """Put back the spaces that scrapers lose when they strip a link."""
    line = _GLUED_SENTENCE.sub(lambda m: m.group(0) + " ", line)
    line = rules.glued_prefix.sub(r"\1 ", line)

    def split(m: re.Match) -> str:
        word = m.group(0)
        if word in rules.camel_case_words:
            return word
        # "BhayangkariJuliati": two names, both four letters or more; "memperingatiHari" any.
        return (_GLUED_NAMES if word[0].isupper() else _GLUED_BOUNDARY).sub(" ", word)
    return _GLUED_WORD.sub(split, line)

_DASH = r"(?:\s+(?:-{1,3}|–|—)\s*|\s*(?:–|—|-{2,3})\s+|(?<=[A-Za-z)])-\s+(?=[A-Z\"“]))"
# A dateline segment: a place or an outlet ("Liputan6.com", "CNBTV.CO.ID"), no sentence in it.
_LEAD_SEGMENT = re.compile(r"^\s*((?:[^\n–—.!?\"“]|\.(?=(?:com|co|id|net|org)\b)){2,45}?(?:\s*\([^)]{2,30}\))?)" + _DASH, re.I)
_PAREN_OUTLET = re.compile(r"\(([^)]{2,30})\)\s*$")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘(]?[A-Z0-9])")
_LAST_WORD = re.compile(r"(\w+)\.$")
# Control characters are never article text (HTML forbids them, Markdown uses
# some as placeholders); tabs become spaces.
_CONTROL = dict.fromkeys([*range(0, 9), *range(11, 32), 127], None) | {9: " "}


@dataclass(frozen=True)
class ArticleText:
    """An article's text after clean-up, and what its furniture told us."""

    paragraphs: tuple[str, ...]
    dateline: str | None
    outlet: str | None
    headline: str | None
    date_line: str | None  # a publication date line found apart from the text
    lead_prefix: str = ""  # what came off the first paragraph: "SIGI, Senin (3/6/2024) -" may hold the date


def article_lines(text: str, rules: TextRules) -> list[str]:
    """The text's lines without page furniture ("Baca juga", ADVERTISEMENT, share prompts,
    everything from the comments or the tags on); blank lines kept between paragraphs."""
    lines = [unglue(ln.strip(), rules) for ln in text.translate(_CONTROL).split("\n")]
    kept: list[str] = []
    drop_headline = False  # after "Baca Juga" alone: the linked headline follows
    for ln in lines:
        if rules.tail_marker.match(ln):
            break
        if rules.link_announcement.match(ln):
            drop_headline = True
            continue
        if drop_headline and ln:
            drop_headline = False
            if not ln.rstrip().endswith((".", "!", "?", "\"", "”")) and len(ln.split()) <= 20:
                continue
        if rules.junk_line.match(ln):
            continue
        kept.append(ln)
    while kept and not kept[-1]:
        kept.pop()
    return kept


def clean(text: str, outlets: Outlets, rules: TextRules) -> ArticleText:
    kept = article_lines(text, rules)
    headline, date_line = _trailing_headline(kept, rules)
    if headline is None:
        headline, leading_date = _leading_headline(kept, rules)
        date_line = date_line or leading_date
    paragraphs = [p for p in kept if p]
    dateline = outlet = None
    prefix = ""
    if paragraphs:
        first, dateline, outlet = split_dateline(paragraphs[0], outlets)
        prefix = paragraphs[0][:len(paragraphs[0]) - len(first)].strip() if paragraphs[0].endswith(first) else ""
        paragraphs[0] = first
        last, signed = split_sign_off(paragraphs[-1], outlets)
        paragraphs[-1] = last
        outlet = outlet or signed
    if outlet is None and "[Gambas:" in text:  # CNN Indonesia's video embeds
        outlet = outlets.find("cnn indonesia")
    paragraphs = [" ".join(p.split()) for p in paragraphs]
    return ArticleText(tuple(p for p in paragraphs if p), dateline, outlet, headline, date_line, prefix)


def _trailing_headline(lines: list[str], rules: TextRules) -> tuple[str | None, str | None]:
    """Some scrapers put the headline and its date line after the text (as in ANTARA pages)."""
    nonempty = [i for i, ln in enumerate(lines) if ln]
    if len(nonempty) >= 3 and rules.date_line.match(lines[nonempty[-1]]):
        cand = lines[nonempty[-2]]
        if _looks_like_headline(cand, rules):
            date_line = lines[nonempty[-1]]
            del lines[nonempty[-2]:]
            return cand, date_line
    if nonempty and rules.date_line.match(lines[nonempty[-1]]):
        date_line = lines[nonempty[-1]]
        del lines[nonempty[-1]:]
        return None, date_line
    return None, None


def _leading_headline(lines: list[str], rules: TextRules) -> tuple[str | None, str | None]:
    """A short first line without a full stop, followed by text, is a headline
    (by two lines or more, or by one long line: some scrapers keep no paragraphs)."""
    nonempty = [i for i, ln in enumerate(lines) if ln]
    enough = len(nonempty) >= 3 or (len(nonempty) == 2 and len(lines[nonempty[1]].split()) >= 40)
    if enough and _looks_like_headline(lines[nonempty[0]], rules) and not _LEAD_SEGMENT.match(lines[nonempty[0]]):
        head = lines[nonempty[0]]
        date_line = None
        if rules.date_line.match(lines[nonempty[1]]):
            date_line = lines[nonempty[1]]
            lines[nonempty[1]] = ""
        lines[nonempty[0]] = ""
        return head, date_line
    return None, None


def _looks_like_headline(line: str, rules: TextRules) -> bool:
    words = line.split()
    return 3 <= len(words) <= 20 and not line.endswith((".", ",", ":", ";", "\"", "”")) and not rules.date_line.match(line)


def split_dateline(first: str, outlets: Outlets) -> tuple[str, str | None, str | None]:
    """'BALIKPAPAN, Fokusborneo.com — Pemkot ...' -> (text, 'Balikpapan', 'Fokusborneo')."""
    dateline = outlet = None
    rest = outlets.byline.sub("", first)
    for _ in range(3):
        m = _LEAD_SEGMENT.match(rest)
        if not m:
            break
        segment = m.group(1).strip()
        if len(segment.split()) > 5:
            break
        for part in re.split(r",\s*", segment):
            part = part.strip()
            paren = _PAREN_OUTLET.search(part)
            if paren:
                outlet = outlet or outlets.find(paren.group(1)) or paren.group(1).strip()
                part = part[: paren.start()].strip()
            if not part:
                continue
            found = outlets.find(part)
            if found or re.search(r"\.(com|co\.id|id|net|org|co)$", part, re.I):
                outlet = outlet or found or re.sub(r"\.(com|co\.id|id|net|org|co)$", "", part, flags=re.I)
            elif dateline is None and _is_place_name(part):
                dateline = _title_case(part)
        rest = rest[m.end():]
    if dateline is None and outlet is None:
        # "Liputan6.com, Jakarta Guna menekan ...": the dash went with a scraped link.
        m = _DOMAIN_PLACE.match(rest)
        if m is None:
            return first, None, None
        outlet = outlets.find(m.group(1)) or re.sub(r"\.(com|co\.id|id|net)$", "", m.group(1), flags=re.I)
        dateline, rest = m.group(2), rest[m.end():]
    return rest.strip(), dateline, outlet


_DOMAIN_PLACE = re.compile(r"^\s*([\w-]+\.(?:com|co\.id|id|net))\s*,\s*([A-Z][a-z]+)\s+(?=[A-Z])")


def _is_place_name(part: str) -> bool:
    words = part.split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


def _title_case(name: str) -> str:
    if name.isupper():
        return " ".join(w.capitalize() for w in name.split())
    return name


def split_sign_off(last: str, outlets: Outlets) -> tuple[str, str | None]:
    """'... program. ant' / '... (oc)' -> text without the sign-off, and its outlet if known."""
    m = outlets.sign_off.search(last)
    if not m:
        return last, None
    token = (m.group("paren") or m.group("bare") or "").strip()
    outlet = None
    for part in re.split(r"[/,]", token):
        outlet = outlet or outlets.find(part)
    if outlet is None:
        # A press release or paid content: its sign-off names the source.
        for part in re.split(r"[/,]", token):
            outlet = outlet or outlets.press_office(part)
    return last[: m.start()].rstrip(), outlet


# No sentence is longer than this: a run-on "sentence" of a hostile or broken
# text is cut into pieces, so that what is done per sentence stays bounded and a
# whole article's extraction linear in its length.
MAX_SENTENCE = 1000


def _bounded(sentence: str) -> list[str]:
    pieces = []
    while len(sentence) > MAX_SENTENCE:
        cut = sentence.rfind(" ", MAX_SENTENCE // 2, MAX_SENTENCE)
        cut = cut if cut > 0 else MAX_SENTENCE
        pieces.append(sentence[:cut].strip())
        sentence = sentence[cut:].strip()
    return pieces + [sentence]


def sentences(paragraphs: tuple[str, ...] | list[str], abbreviations: frozenset[str] = frozenset()) -> list[str]:
    return [piece for s in _sentences(paragraphs, abbreviations) for piece in _bounded(s) if piece]


def _sentences(paragraphs: tuple[str, ...] | list[str], abbreviations: frozenset[str]) -> list[str]:
    out: list[str] = []
    for p in paragraphs:
        start = 0
        for m in _SENTENCE_END.finditer(p):
            word = _LAST_WORD.search(p, max(start, m.start() - 12), m.start())
            if word and (word.group(1).lower() in abbreviations or len(word.group(1)) == 1):
                continue
            out.append(p[start:m.start()].strip())
            start = m.end()
        out.append(p[start:].strip())
    return [s for s in out if s]


def title_from_lead(lead: str, rules: HeadlineRules, abbreviations: frozenset[str] = frozenset()) -> str:
    """A headline from the lead sentence: its main clause, at most about `max_chars`
    long, never ending on a dangling word, a weekday or half a name."""
    first = sentences([lead], abbreviations)[0] if lead else ""
    text = _short_forms(first)
    text = rules.weekday.sub("", text)
    # A name between commas is an apposition: "ASN Pemkab Belitung, Provinsi Babel, menjadi".
    text = re.sub(r",\s+(?:[A-Z][\w.'-]*\s+){0,5}[A-Z][\w.'-]*,\s+", " ", text)
    verb = next((m for m in re.finditer(r"\s(" + VERB + r")\b", text) if m.group(1).lower() not in rules.companions), None)
    companion = rules.companion.search(text)
    if companion and verb and companion.start() < verb.start():
        text = text[:companion.start()] + text[companion.end():]
    text = " ".join(text.split()).rstrip(" .,;:")
    words = text.split()
    verb_at = next((i for i, w in enumerate(words) if re.fullmatch(VERB, w) and w.lower() not in rules.companions), None)
    # "At most about" the limit: a clause a tenth longer is kept whole.
    if len(text) > rules.max_chars * 1.1:
        def cut_at(i: int) -> bool:
            return (verb_at is None or i > verb_at + 1) and len(" ".join(words[:i])) <= rules.max_chars * 1.1
        # The first comma after the verb ends the main clause; else the last break that fits.
        commas = [i for i in range(1, len(words)) if words[i - 1].endswith(",") and cut_at(i)
                  and len(" ".join(words[:i])) >= 40]
        breaks = [i for i in range(1, len(words)) if words[i].lower() in rules.clause_breaks and cut_at(i)]
        end = commas[0] if commas else (breaks or [_fits(words, rules.max_chars)])[-1]
        # Never half a name: "... sebagai Presiden | Republik Indonesia".
        while end > 4 and end < len(words) and words[end][:1].isupper() and words[end - 1][:1].isupper():
            end -= 1
        words = words[:end]
    return " ".join(_tidy_end(words, rules)).rstrip(" .,;:")


def _short_forms(text: str) -> str:
    """'Rapat Koordinasi (Rakor) Tim ...' -> 'Rakor Tim ...', when the short form is made of
    the words before it; other brackets go."""
    def short(m: re.Match) -> str:
        words, acronym = m.group(1).split(), m.group(2)
        for n in range(2 if not acronym.isupper() else 1, min(len(words), 8) + 1):
            if _abbreviates(acronym, words[-n:]):
                return " ".join(words[:-n] + [acronym])
        return m.group(1)
    text = re.sub(r"((?:\S+\s+){0,8}?\S+)\s*\(([A-Z][A-Za-z0-9&]{1,11})\)", short, text)
    return re.sub(r"\s*\([^)]*\)", "", text)


def _abbreviates(acronym: str, words: list[str]) -> bool:
    """TPPS for Tim Percepatan Penurunan Stunting (initials), Rakor for Rapat Koordinasi
    (its letters in order, starting with the first word's)."""
    words = [w.strip(",") for w in words if w.lower() not in ("dan", "&")]
    if not words or not all(w[:1].isupper() for w in words) or words[0][:1].lower() != acronym[:1].lower():
        return False
    if acronym.isupper():
        return "".join(w[0] for w in words) == acronym
    letters = iter("".join(words).lower())
    return all(ch in letters for ch in acronym.lower())


def _fits(words: list[str], limit: int) -> int:
    end = len(words)
    while end > 1 and len(" ".join(words[:end])) > limit:
        end -= 1
    return end


def _tidy_end(words: list[str], rules: HeadlineRules) -> list[str]:
    """No dangling word, weekday or half name at the end."""
    words = list(words)
    while len(words) > 3:
        last = words[-1].rstrip(",.;:").lower()
        if last in rules.dangling or rules.weekday.fullmatch(words[-1]):
            words.pop()
            continue
        break
    return words
