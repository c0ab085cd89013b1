"""How article text is cleaned and read (`data/text.yml`, `data/outlets.yml`), compiled."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .calendar import Calendar
from .files import compiling, yaml_mapping



def _any_line(patterns: list[str], flags: int = 0) -> re.Pattern:
    return re.compile(r"^\s*(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\s*$", flags)


@dataclass(frozen=True)
class TextRules:
    """How article text is cleaned (from data/text.yml)."""

    junk_line: re.Pattern
    link_announcement: re.Pattern
    tail_marker: re.Pattern
    abbreviations: frozenset[str]
    glued_prefix: re.Pattern
    camel_case_words: frozenset[str]
    headline: "HeadlineRules"
    date_line: re.Pattern  # a line that only says when the article was published

    @classmethod
    def load(cls, path: Path, calendar: Calendar) -> "TextRules":
        raw = yaml_mapping(path)
        with compiling(path):
            return cls(
                junk_line=_any_line(raw["junk_lines"]),
                link_announcement=_any_line(raw["link_announcements"]),
                tail_marker=re.compile(r"^\s*(?:" + "|".join(raw["tail_markers"]) + ")", re.I),
                abbreviations=frozenset(str(a).lower() for a in raw["abbreviations"]),
                glued_prefix=re.compile(r"\b(" + "|".join(re.escape(w) for w in raw["glued_prefixes"]) + r")(?=[A-Z][a-z])"),
                camel_case_words=frozenset(str(w) for w in raw["camel_case_words"]),
                headline=HeadlineRules.from_data(raw["headline"]),
                date_line=_date_line(calendar),
            )


def _date_line(calendar: Calendar) -> re.Pattern:
    """'Jumat, 10 Oktober 2025 17:11 WIB', 'Diperbarui 3 Juni 2024', '6/12/2024 10:05'."""
    weekdays = "|".join(re.escape(w.capitalize()) for w in calendar.weekdays)
    words = "|".join(re.escape(w) for w in calendar.date_line_words)
    return re.compile(
        r"^\s*(?:(?:" + weekdays + r"),?\s+)?\d{1,2}\s+\w+\s+\d{4}(?:,?\s+\d{1,2}[:.]\d{2}(?:\s*WI[BT]A?)?)?\s*$"
        r"|^\s*(?:" + words + r")\b.*\d{4}.*$"
        r"|^\s*\d{1,2}/\d{1,2}/20\d{2}\s+\d{1,2}:\d{2}\s*$"
    )


@dataclass(frozen=True)
class HeadlineRules:
    max_chars: int
    companion: re.Pattern  # "didampingi ... " up to the main verb
    companions: frozenset[str]
    clause_breaks: frozenset[str]
    dangling: frozenset[str]
    weekday: re.Pattern  # a weekday, with its date

    @classmethod
    def from_data(cls, raw: dict) -> "HeadlineRules":
        days = "|".join(re.escape(d) for d in raw["weekdays"])
        return cls(
            max_chars=int(raw["max_chars"]),
            companion=re.compile(r"\s+(?:" + "|".join(raw["companions"]) + r")\s+.+?(?=\s+" + VERB + r"\b)"),
            companions=frozenset(str(w).lower() for w in raw["companions"]),
            clause_breaks=frozenset(str(w).lower() for w in raw["clause_breaks"]),
            dangling=frozenset(str(w).lower() for w in raw["dangling"]),
            weekday=re.compile(r",?\s*(?:pada\s+)?(?:" + days + r")\b(?:\s*\([^)]*\))?(?:\s*\d{1,2}\s+\w+\s+\d{4})?"),
        )


# A verb: active (me-, ber-) or passive (di-) forms, as a lead's main clause has them.
VERB = r"(?:me(?:m|n|ng|ny)?[a-z]{3,}|ber[a-z]{3,}|di[a-z]{4,}|ter[a-z]{3,})"


@dataclass(frozen=True)
class PressOffice:
    """A sign-off that names a government press office or paid content (data/outlets.yml)."""

    pattern: re.Pattern
    name: str


@dataclass(frozen=True)
class Outlets:
    """Outlet names and the signatures that reveal them (from data/outlets.yml)."""

    names: dict[str, str]  # lowercased signature -> outlet name
    byline: re.Pattern  # a reporter's byline glued before the dateline
    sign_off: re.Pattern  # initials, a slug, an outlet or a press office closing the text
    press_offices: tuple[PressOffice, ...] = ()
    spellings: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> "Outlets":
        raw = yaml_mapping(path)
        with compiling(path):
            return cls(
                names={str(k).lower(): str(v) for k, v in (raw.get("outlets") or {}).items()},
                byline=_byline(raw["byline_words"]),
                sign_off=_sign_off(raw["sign_off_words"]),
                press_offices=tuple(PressOffice(re.compile(str(p["match"])), str(p["name"])) for p in raw.get("press_offices") or ()),
                spellings={str(k).lower(): str(v) for k, v in (raw.get("spellings") or {}).items()},
            )

    def find(self, token: str) -> str | None:
        key = token.strip().strip("()").lower()
        key = re.sub(r"^(www\.)", "", key)
        if key in self.names:
            return self.names[key]
        for sig, name in self.names.items():
            if key.startswith(sig + ".") or key == sig:
                return name
        return None

    def press_office(self, token: str) -> str | None:
        """'dkp3akaltim' -> 'DKP3A Kaltim', 'Humas Pemkab Sigi' -> itself, 'adv' -> 'Advertorial'."""
        token = token.strip()
        for office in self.press_offices:
            m = office.pattern.fullmatch(token)
            if m is None:
                continue

            def group(g: re.Match) -> str:
                value = m.group(int(g.group(1))) or ""
                how = g.group(2)
                if how == "name":
                    return self.spellings.get(value.lower(), value.capitalize())
                return value.title() if how == "title" else value
            return " ".join(re.sub(r"\{(\d)(?:\|(\w+))?\}", group, office.name).split())
        return None


def _byline(words: list[str]) -> re.Pattern:
    """'Laporan Wartawan Tribunnews.com, Eko Sutriyanto ' before 'TRIBUNNEWS.COM, JAKARTA - '."""
    return re.compile(r"^\s*Laporan\s+(?:" + "|".join(words) + r")\s+[\w.]+,\s+(?:[A-Z][\w'.]*\s+){1,4}(?=[A-Z]{2,})")


def _sign_off(words: list[str]) -> re.Pattern:
    """Sign-offs are lower-case initials or slugs, a press office or "adv": "ant", "(oc)",
    "(ldy/sfr)", "(dkp3akaltim/adpimprovkaltim)", "(Humas Pemkab Sigi)", "(adv/adv)"."""
    return re.compile(r"(?:\s*\((?P<paren>[a-z0-9/.,\s-]{1,60}|ANTARA|Antara|(?:" + "|".join(words) + r")\b[\w/.,\s-]{0,60})\)"
                      r"|(?<=[.\"”])\s+(?P<bare>[a-z]{2,4}))\s*$")
