"""How actors are recognised and named (`data/actors.yml`), compiled."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..scan import Pattern
from .files import compiling, yaml_mapping


from .taxonomy import Cue, SearchableText, required_any


@dataclass(frozen=True)
class ActorRule:
    cue: Cue  # the rule's pattern, skipped at once on a text without any of its trigger words
    region: str  # required | none
    name: str
    type: str

    def finditer(self, text: SearchableText):
        return self.cue.finditer(text)


@dataclass(frozen=True)
class Agency:
    """A regional agency under its usual name, and the names it goes by."""

    name: str
    pattern: re.Pattern


_NAME = r"(?:[A-Z][\w&'-]*)(?:\s+[A-Z][\w&'-]*){0,2}"
# Words that may stand between a subject and its verb: "Trakindo terus memperkuat".
_ADVERBS = r"(?:(?:terus|juga|pun|kembali|akan|telah|sudah|turut|ikut|kini|selalu|rutin)\s+)*"


@dataclass(frozen=True)
class Discovery:
    """How an organisation no rule knows is found by the way the article speaks of it."""

    min_mentions: int
    head: re.Pattern  # a sentence that starts with a name doing something
    person_before: re.Pattern
    speech_after: re.Pattern
    not_names: frozenset[str]
    kinds: tuple[tuple[str, re.Pattern], ...]

    @classmethod
    def from_data(cls, raw: dict) -> "Discovery":
        def words(key: str) -> str:
            return "|".join(sorted(raw[key], key=len, reverse=True))
        return cls(
            min_mentions=int(raw["min_mentions"]),
            head=re.compile(r"^(?:[^,]{0,80},\s*)?(" + _NAME + r")\s+" + _ADVERBS + r"(?:" + words("actions") + r")(?!\w)"),
            # "Ketua panitia Budi": a title, perhaps a word of what of, then the name.
            person_before=re.compile(r"(?<!\w)(?:" + words("person_before") + r")(?:\s+[a-z]\w*)?[\s,]+$"),
            speech_after=re.compile(r"\s+" + _ADVERBS + r"(?:" + words("speech") + r")(?!\w)"),
            not_names=frozenset(raw["not_names"]),
            kinds=tuple((t, re.compile(r"(?<!\w)(?:" + "|".join(ps) + r")(?!\w)")) for t, ps in raw["kinds"].items()),
        )


@dataclass(frozen=True)
class ActorRules:
    rules: tuple[ActorRule, ...]
    type_cues: tuple[tuple[str, Pattern], ...]
    not_acting: re.Pattern  # words before an organisation that say it is not acting
    leading_words: re.Pattern  # words cut from the front of a name
    agencies: tuple[Agency, ...] = ()
    discovery: Discovery | None = None

    @classmethod
    def load(cls, path: Path) -> "ActorRules":
        raw = yaml_mapping(path)
        with compiling(path):
            rules = tuple(
                _rule(r["match"], r.get("region", "none"), r["name"], r["type"])
                for r in raw["rules"]
            )
            cues = tuple(
                (type_id, Pattern.compile(re.compile(r"(?<!\w)(?:" + c + r")(?!\w)", 0 if c.isupper() else re.I)))
                for type_id, patterns in raw.get("type_cues", {}).items()
                for c in patterns
            )
            words = "|".join(sorted(raw.get("not_acting") or ["(?!x)x"], key=len, reverse=True))
            # The words, then at most eight more (a programme's name, "dari") within the clause.
            not_acting = re.compile(r"(?<!\w)(?:" + words + r")(?!\w)(?:\s+[^\s,;.:]+){0,8}[\s(]+$", re.I)
            agencies = tuple(Agency(str(a["name"]), re.compile(r"(?:" + "|".join(a["match"]) + r")$"))
                             for a in raw.get("agencies") or ())
            discovery = Discovery.from_data(raw["discovery"]) if raw.get("discovery") else None
            leading = re.compile(r"^(?:(?:" + "|".join(raw["leading_words"]) + r")\s+)+")
            return cls(rules, cues, not_acting, leading, agencies, discovery)

    def agency(self, name: str) -> str:
        """An agency's usual name for whatever name the text gave it."""
        for a in self.agencies:
            if a.pattern.match(name):
                return a.name
        return name


def _rule(match: str, region: str, name: str, type_id: str) -> ActorRule:
    # Case-sensitive, unlike most taxonomy cues: names are told by their capitals.
    pattern = re.compile(r"(?<!\w)(?:" + match + r")(?!\w)")
    return ActorRule(Cue(pattern, required_any(match)), region, name, type_id)


