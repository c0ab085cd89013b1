"""Where every generated page lives, and how pages link to each other.

A page is named by its source path, as MkDocs names files: `wilayah/aceh/index.md`.
Its URL follows MkDocs' rules (`File.url`): `wilayah/aceh/` with directory URLs,
`wilayah/aceh/index.html` without (the offline bundle). Renaming a section is
a change to `SECTIONS` below, and to what people wrote by hand: the `nav` of
mkdocs.yml and links in docs/.
"""
from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections import defaultdict

# Section id -> its folder. Section ids are what data/site.yml names.
SECTIONS = {
    "articles": "artikel",
    "regions": "wilayah",
    "programmes": "program",
    "actors": "aktor",
    "targets": "sasaran",
    "timeline": "linimasa",
    "curator": "kurasi",
    "data": "data",
    "glossary": "glosarium",
}

HOME = "index.md"  # hand-written: includes HOME_SNIPPET
ABOUT = "tentang.md"  # hand-written
# A fragment hand-written pages include (pymdownx.snippets, base_path in mkdocs.yml).
HOME_SNIPPET = ".snippets/beranda.md"
FEED_RSS = "feed.xml"
FEED_JSON = "feed.json"
DATA_JSON = "data/articles.json"
DATA_CSV = "data/articles.csv"
FIGURES_CSV = "data/figures.csv"
# The official survey prevalence as shipped (generator/data), and its sources.
OFFICIAL_CSV = "data/official_prevalence.csv"
OFFICIAL_SOURCES = "data/official_prevalence_sumber.txt"
BUILD_REPORT = "data/build-report.json"
# Material's search worker loads lunr.<lang>.min.js from here: ours is the Indonesian one.
SEARCH_LANGUAGE = "assets/javascripts/lunr/min/lunr.id.min.js"


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9_]+", "-", ascii_text.lower()).strip("-_") or "x"


# Slugs longer than this are cut and given a hash: a 251-character file name would
# break file systems and the offline bundle's zip.
MAX_SLUG = 80


def _short_hash(name: str) -> str:
    return hashlib.sha1(name.encode("utf-8")).hexdigest()[:6]


def article_slug(seed_id: str) -> str:
    """An article's slug from its seed's name alone, so that no other seed can change it:
    a name that is already a slug keeps it; any other (capitals, spaces, accents, over 80
    characters) gets a short hash of the name, and two names never share a slug."""
    slug = slugify(seed_id)
    # "index" is the articles' index page (artikel/index.md): a seed of that name gets a hash too.
    if slug == seed_id and len(slug) <= MAX_SLUG and slug != "index":
        return slug
    return f"{slug[:MAX_SLUG - 7].rstrip('-_')}-{_short_hash(seed_id)}"


def unique_slugs(names: list[str]) -> dict[str, str]:
    """Stable, unique ASCII slugs: two names that slugify alike get a short hash each."""
    by_slug: dict[str, list[str]] = defaultdict(list)
    for n in names:
        by_slug[slugify(n)].append(n)
    out: dict[str, str] = {}
    for slug, group in by_slug.items():
        for n in group:
            out[n] = slug if len(group) == 1 and len(slug) <= MAX_SLUG else f"{slug[:MAX_SLUG - 7].rstrip('-_')}-{_short_hash(n)}"
    return out



def index(section: str) -> str:
    """A section's index page: `wilayah/index.md`."""
    return f"{SECTIONS[section]}/index.md"


def section_of(path: str) -> str:
    """The section a page belongs to ("" for pages outside every section)."""
    folder = path.split("/")[0]
    return next((section for section, name in SECTIONS.items() if name == folder), "")


def article(slug: str) -> str:
    return f"{SECTIONS['articles']}/{slug}.md"


def province(name: str) -> str:
    return f"{SECTIONS['regions']}/{slugify(name)}/index.md"


def regency(province_name: str, name: str) -> str:
    return f"{SECTIONS['regions']}/{slugify(province_name)}/{slugify(name)}.md"


def province_feed(province_name: str) -> str:
    return f"{SECTIONS['regions']}/{slugify(province_name)}/{FEED_RSS}"


def programme(term_id: str) -> str:
    return f"{SECTIONS['programmes']}/{term_id}.md"


def target_group(term_id: str) -> str:
    return f"{SECTIONS['targets']}/{term_id}.md"


def actor_type(term_id: str) -> str:
    return f"{SECTIONS['actors']}/jenis/{term_id}.md"


def actor(slug: str) -> str:
    return f"{SECTIONS['actors']}/{slug}.md"


def year(number: int) -> str:
    return f"{SECTIONS['timeline']}/{number}.md"


def month(year_number: int, month_number: int) -> str:
    return f"{SECTIONS['timeline']}/{year_number}/{month_number:02d}.md"


def curator_unsure(number: int) -> str:
    """Page `number` (2, 3...) of the curator's "Perlu dicek" list (its first page is on the curator page)."""
    return archive(f"{SECTIONS['curator']}/perlu-dicek.md", number)


def archive(entry: str, number: int) -> str:
    """Page `number` (2, 3...) of an entry page's article list: `program/posyandu/halaman-2.md`."""
    base = entry[:-len("index.md")] if entry.endswith("/index.md") else entry[:-len(".md")] + "/"
    return f"{base}halaman-{number}.md"


@functools.lru_cache(maxsize=1 << 16)
def page_url(path: str, directory_urls: bool = True) -> str:
    """A page's URL relative to the site root, as MkDocs' `File.url` gives it:
    'a/b.md' -> 'a/b/' (or 'a/b.html'), 'a/index.md' -> 'a/' (or 'a/index.html')."""
    if not path.endswith(".md"):
        return path
    stem = path[:-3]
    if stem == "index":
        return "./" if directory_urls else "index.html"
    if stem.endswith("/index"):
        base = stem[:-5]
        return base if directory_urls else base + "index.html"
    return stem + "/" if directory_urls else stem + ".html"


@functools.lru_cache(maxsize=1 << 16)
def relative(target: str, here: str) -> str:
    """`target` as seen from `here`, both relative to the same root, like MkDocs'
    `get_relative_url` (a folder URL ends with "/"; a page links to itself as "./").
    Cached: a build makes about a hundred links per article, to a few thousand targets."""
    target, here = target.removeprefix("./"), here.removeprefix("./")
    t = target.split("/")
    here_dir = here[:-1] if here.endswith("/") else here.rpartition("/")[0]
    d = here_dir.split("/") if here_dir else []
    common = 0
    while common < len(d) and common < len(t) - 1 and d[common] == t[common]:
        common += 1
    return "/".join([".."] * (len(d) - common) + t[common:]) or "./"


def link(target: str, here: str, directory_urls: bool = True) -> str:
    """The relative URL of page `target` on page `here` (both source paths)."""
    return relative(page_url(target, directory_urls), page_url(here, directory_urls))


def source_link(target: str, here: str) -> str:
    """The relative path of source file `target` from source file `here`: Markdown links,
    which MkDocs checks and turns into URLs."""
    return relative(target, here)
