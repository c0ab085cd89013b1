"""Indonesian morphology, once for every cue: a word's root, and a pattern for its
affixed forms.

A cue written as "pendampingan" should also match "mendampingi", "didampingi" and
"pendampingnya"; "sosialisasi" also "mensosialisasikan" and "disosialisasikan".
Instead of listing inflections by hand, a cue word is reduced to its root by
`stem` (prefixes me-/mem-/men-/meng-/meny-, pe-/pem-/pen-/peng-/peny-, per-, ber-,
di-, ter-, ke-, se-; suffixes -kan, -an, -i, -nya and the particles -lah, -kah,
-pun), and `forms` gives a regular expression for the root with any of those
affixes, nasal assimilation included (pantau -> memantau, salur -> menyalurkan,
ukur -> pengukuran, timbang -> penimbangan).

The stemmer has no dictionary: it is checked against PySastrawi on every cue word
of the taxonomy in tests/test_morph.py. Words it must leave whole (a root that ends
like a suffix: "jamban", "pangan") are listed in `KEEP`; a word shorter than
`MIN_ROOT` letters after stripping is left whole too.
"""
from __future__ import annotations

import re
from functools import lru_cache

MIN_ROOT = 4

# Roots that look affixed and are not (-an, -i, -kan, pe-, ke-, se-, ber-, ter- in the root itself).
KEEP = frozenset("""
jamban pangan yayasan perempuan pelajar pengantin perilaku perbup pergub perwali diseminasi sembako seminar
serentak kelompok keluarga kepada dengan
""".split())

_VOWEL = "aeiou"
# Two consonants may start a root only as these (a loanword's "pr", "tr", "kl"... or "ng", "ny", "sy", "kh").
_CLUSTER_OK = re.compile(r"^(?:[^aeiou][rl]|ng|ny|sy|kh|[aeiou]|[^aeiou][aeiou])")


def _root_like(w: str) -> bool:
    return len(w) >= MIN_ROOT and bool(_CLUSTER_OK.match(w))


def _unprefixed(w: str) -> list[str]:
    """The word without one derivational prefix, each possible recoding of a nasal's dropped letter."""
    out: list[str] = []
    for p in ("memper", "diper", "per", "di", "ter", "ber"):
        if w.startswith(p):
            out.append(w[len(p):])
    if w.startswith("be") and not w.startswith("ber"):
        out.append(w[2:])
    for p in ("me", "pe"):
        if not w.startswith(p):
            continue
        rest = w[2:]
        if rest.startswith("ny") and rest[2:3] in tuple(_VOWEL):
            out.append("s" + rest[2:])
        elif rest.startswith("ng"):
            tail = rest[2:]
            out += [tail, "k" + tail] if tail[:1] in tuple(_VOWEL) else [tail]
        elif rest.startswith("m"):
            tail = rest[1:]
            out += ["p" + tail, "m" + tail] if tail[:1] in tuple(_VOWEL) else [tail]  # memantau, memasak; membagi
        elif rest.startswith("n"):
            tail = rest[1:]
            out += ["t" + tail, "n" + tail] if tail[:1] in tuple(_VOWEL) else [tail]  # menimbang, menilai; mendata
        elif rest[:1] in ("l", "r", "w", "y"):
            out.append(rest)  # melatih, pelatihan
    return [r for r in out if _root_like(r)]


def _unsuffixed(w: str, prefixed: bool) -> list[str]:
    """The word's readings without a derivational suffix: -an always, -kan and -i after a
    prefix (or -kan on a long word); -i not after "s" (mengedukasi), and the word with its
    -i is a reading too (mengalami: alam or alami)."""
    out = []
    if w.endswith("kan") and (prefixed or len(w) - 3 >= 5):
        out.append(w[:-3])
    if w.endswith("an") and (prefixed or len(w) - 2 >= 5):
        out.append(w[:-2])
    if w.endswith("i") and prefixed and w[-2:-1] != "s":
        out += [w[:-1], w]
    return [r for r in out if len(r) >= MIN_ROOT and (r == w or r not in KEEP)]


@lru_cache(maxsize=4096)
def roots(word: str) -> tuple[str, ...]:
    """The possible roots of an Indonesian word (lower case), best first: without a
    dictionary, an ambiguous nasal (memasak: masak or pasak?) or suffix (kebijakan:
    bijak or bija?) gives each reading."""
    w = word.lower()
    if w in KEEP or not w.isalpha() or len(w) <= MIN_ROOT:
        return (w,)
    if w.endswith("nya") and len(w) - 3 >= MIN_ROOT:
        w = w[:-3]
    found: list[str] = []
    firsts = [x for x in _unprefixed(w) if x not in KEEP] if not w.startswith(("ke", "se")) else []
    if w.startswith("ke") and w.endswith("an") and len(w) - 4 >= MIN_ROOT:
        firsts = [w[2:]]  # ke-...-an
    for first in firsts:
        seconds = [x for x in _unprefixed(first) if x not in KEEP] if first[:2] in ("be", "pe", "te") else []
        for x in [first, *seconds]:
            cut = _unsuffixed(x, True)
            found += cut or [x]
    if not firsts:
        found += _unsuffixed(w, False) or [w]
    unique = tuple(dict.fromkeys(found))
    return unique or (w,)


def stem(word: str) -> str:
    """The root of an Indonesian word (its first reading)."""
    return roots(word)[0]


_SUFFIXES = r"(?:kan|an|i)?(?:nya|lah|pun)?"


def _nasal(root: str) -> str:
    """The forms of me(N)-/pe(N)- before a root, as a regular expression."""
    first = root[:1]
    if first in _VOWEL:
        return f"(?:me|pe)ng{root}"
    if first == "p":
        return f"(?:mem|pem)(?:{root[1:]}|{root})"
    if first in "bfv":
        return f"(?:mem|pem){root}"
    if first == "t":
        return f"(?:men|pen)(?:{root[1:]}|{root})"
    if first in "dcjz":
        return f"(?:men|pen){root}"
    if first == "s":
        return f"(?:meny|peny){root[1:]}|(?:men|pen){root}"
    if first == "k":
        return f"(?:meng|peng)(?:{root[1:]}|{root})"
    if first in "ghqx":
        return f"(?:meng|peng){root}"
    return f"(?:me|pe){root}"


@lru_cache(maxsize=4096)
def forms(word: str) -> str:
    """A regular expression (no capturing groups) for the word and its affixed forms.
    A word written with affixes ("pendataan", "pencatatan") matches the root's other
    forms of doing (mendata, didata, pencatat) but not the bare root or ter-/ke-/se-
    ("data", "tercatat" are a noun and a state, not the activity)."""
    w = word.lower()
    derived = roots(w) != (w,)
    usable = [r for r in roots(w) if len(r) >= MIN_ROOT and not (r == w and w in KEEP)]
    if not usable:
        return re.escape(w)
    prefixes = "(?:di|ber|(?:di|mem)?per)" if derived else "(?:di|ter|ke|se|ber|(?:di|mem)?per)?"
    stems = "|".join(usable)
    nasals = "|".join(_nasal(r) for r in usable)
    alts = [re.escape(w), f"(?:{prefixes}(?:{stems})|{nasals}){_SUFFIXES}"]
    return "(?:" + "|".join(alts) + ")"


# A word of a cue pattern that is plain lower-case letters, standing as a whole word
# (bounded by the pattern's start or end, a space, a bracket or an alternation bar).
_CUE_WORD = re.compile(r"(?<![\w\\\[{*+.])(?<![^)]\?)([a-z]{4,})(?=$|[\s)|])")


def _core(word: str) -> str:
    """The longest piece of text every form of the word contains (for skipping a cue cheaply)."""
    # A nasal prefix drops the first letter of a root in p, t, k, s (memantau, menimbang).
    pieces = [word] + [r[1:] if r[0] in "ptks" else r for r in roots(word) if len(r) >= MIN_ROOT and not (r == word and word in KEEP)]
    best = ""
    first = pieces[0]
    for i in range(len(first)):
        for j in range(len(first), i + len(best), -1):
            if all(first[i:j] in p for p in pieces[1:]):
                best = first[i:j]
                break
    return best


def with_forms(pattern: str) -> tuple[str, str]:
    """A cue pattern whose plain words also match their affixed forms, and a pattern of
    what every match must contain (each word cut to the piece all its forms share)."""
    def inside_class(m: re.Match) -> bool:
        return pattern.rfind("[", 0, m.start()) > pattern.rfind("]", 0, m.start())

    def expand(m: re.Match) -> str:
        return m.group(0) if inside_class(m) else forms(m.group(1))

    def core(m: re.Match) -> str:
        if inside_class(m):
            return m.group(0)
        piece = _core(m.group(1))
        # Empty groups end the piece: the words around it are not next to it in every form.
        return "(?:)" + piece + "(?:)" if len(piece) >= 3 else "(?:" + m.group(1) + ")"
    return _CUE_WORD.sub(expand, pattern), _CUE_WORD.sub(core, pattern)
