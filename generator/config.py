"""Build options: one typed object, made in one place for the command line and for MkDocs.

The plugin's options in mkdocs.yml become one (generator/plugin/config.py), for
`mkdocs` and `python -m generator` alike; the pipeline receives a `BuildConfig`
and passes down what each stage needs.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

PACKAGE_DATA = Path(__file__).parent / "data"
# The generator's own build folder: generated pages live here, outside the
# hand-written docs/, and reach MkDocs as generated files (see plugin/plugin.py).
DEFAULT_OUTPUT = Path("generated")


@dataclass(frozen=True)
class SiteSettings:
    """What the site shows, beyond the articles (the plugin's options in mkdocs.yml, or the command line)."""

    full_text: bool = True  # False: lead paragraph, extracted facts and a link to the source
    directory_urls: bool = True  # MkDocs' use_directory_urls: the offline bundle uses .html URLs
    site_url: str = ""  # absolute links in feeds when known
    # Paragraphs of an article's text that go into the search index (the lead
    # and the next ones): the browser builds the index at every page load, so
    # its size decides how soon search is ready on a large knowledge base.
    # None: the whole text up to render.SEARCH_FULL_TEXT_UP_TO articles, the lead above.
    search_paragraphs: int | None = None
    # "auto": Material's lunr search up to SEARCH_FULL_TEXT_UP_TO articles, and above
    # an index built at build time and split (generator/search/shards.py), which
    # holds every word of every article; "lunr" or "prebuilt" to choose.
    search_index: str = "auto"
    # The prebuilt index stems with our Indonesian stemmer: with Material's English
    # search (`search_language: en`, the benchmark's reference) lunr is kept.
    search_language: str = "id"
    # Articles listed on an entry page (region, programme, actor...); the rest go to its archive pages.
    list_page_size: int = 100


@dataclass(frozen=True)
class BuildConfig:
    seeds: Path = Path("seeds")
    output: Path = DEFAULT_OUTPUT  # receives the generated pages and data/ (`--docs DIR`)
    # The hand-written docs folder, when it is not `output`: a docs folder that
    # still holds pages of an older generator (which wrote into it) is reported.
    docs: Path | None = None
    data: Path = PACKAGE_DATA  # gazetteer, taxonomy, actor rules, outlets, site words
    taxonomy: Path | None = None  # defaults to data/taxonomy.yml
    templates: Path | None = None  # templates here replace the package's of the same name
    site: SiteSettings = field(default_factory=SiteSettings)
    # Incremental builds keep what the last build knew in output/.cache and redo
    # only what changed; off, every build does everything (same output).
    incremental: bool = True
    # Worker processes for extraction and rendering: 0 = one per core (up to 8), 1 = none.
    workers: int = 0
    # Below this many seeds to extract (or pages to render), workers cost more than they save.
    parallel_from: int = 400

    def with_command_line(self, seeds: Path | None, output: Path | None, lead_only: bool,
                          site_url: str | None) -> "BuildConfig":
        """These options (mkdocs.yml's, or the defaults) with what the command line says instead."""
        changes: dict[str, Any] = {}
        if seeds is not None:
            changes["seeds"] = seeds
        if output is not None:  # a folder of its own: no hand-written docs folder to clean
            changes.update(output=output, docs=None)
        site = self.site
        if lead_only:
            site = replace(site, full_text=False)
        if site_url is not None:
            site = replace(site, site_url=site_url)
        return replace(self, site=site, **changes)


# Up to this many articles, Material's search (lunr, built in the browser) is ready soon
# enough with their whole text; above, the site gets a prebuilt index (`search_index`).
SEARCH_FULL_TEXT_UP_TO = 1000


def prebuilt_search(settings: SiteSettings, articles: int) -> bool:
    if settings.search_language != "id":
        return False
    if settings.search_index in ("prebuilt", "lunr"):
        return settings.search_index == "prebuilt"
    return articles > SEARCH_FULL_TEXT_UP_TO
