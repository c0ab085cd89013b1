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


@dataclass(frozen=True)
class ActorRules:
    rules: tuple[ActorRule, ...]
    type_cues: tuple[tuple[str, Pattern], ...]
    not_acting: re.Pattern  # words before an organisation that say it is not acting
    leading_words: re.Pattern  # words cut from the front of a name
    agencies: tuple[Agency, ...] = ()

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
            leading = re.compile(r"^(?:(?:" + "|".join(raw["leading_words"]) + r")\s+)+")
            return cls(rules, cues, not_acting, leading, agencies)

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


