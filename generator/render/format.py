"""Numbers, money and figures as Indonesian readers write them."""
from __future__ import annotations

from ..model import Figure


def number(value: float | int) -> str:
    """Indonesian notation: 7133 -> '7.133', 14.61 -> '14,61'."""
    if isinstance(value, float) and not value.is_integer():
        whole, frac = f"{value:.2f}".rstrip("0").split(".")
        return f"{int(whole):,}".replace(",", ".") + "," + frac
    return f"{int(value):,}".replace(",", ".")


def rupiah(value: float | int) -> str:
    """1500000000 -> 'Rp1,5 miliar', as Indonesian news writes money."""
    for size, word in ((1e12, "triliun"), (1e9, "miliar"), (1e6, "juta")):
        if value >= size:
            return f"Rp{number(round(value / size, 2))} {word}"
    return f"Rp{number(value)}"


def figure_text(f: Figure) -> str:
    if f.unit == "IDR":
        return rupiah(f.value)
    if f.unit == "percent":
        return number(f.value) + "%"
    return f"{number(f.value)} {f.subject}"


def figure_when(f: Figure, basis_words: dict[str, str]) -> str:
    """'2023', 'total sejak 2018', 'nilai sebelum perubahan' ... (words: data/site.yml figure_basis)."""
    basis = basis_words.get(f.basis, "").format(since=f.since)
    return ", ".join(str(part) for part in (f.year, basis) if part)


# The kinds a reader looks for first, in that order (the summary card shows a few).
KEY_KINDS = ("prevalence", "target", "budget", "beneficiaries", "cases", "unit-cost")


def key_figures(figures, limit: int = 3) -> list[Figure]:
    """The few figures that say most about an effort: rates, goals, money, people reached."""
    ranked = sorted((f for f in figures if f.kind in KEY_KINDS), key=lambda f: KEY_KINDS.index(f.kind))
    out, seen = [], set()
    for f in ranked:
        if (f.kind, f.value) not in seen:
            seen.add((f.kind, f.value))
            out.append(f)
    return out[:limit]
