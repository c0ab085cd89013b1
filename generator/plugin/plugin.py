"""The MkDocs plugin (`plugins: - search - stunting-kb` in mkdocs.yml): runs the
pipeline before MkDocs collects the docs and hands MkDocs the generated files.

Generated pages live in the output folder (option `output`, default
`generated/`), outside the hand-written docs, and join the site in `on_files`,
as Material's blog plugin adds its views; the generator writes only files whose
content changed, so `mkdocs serve --dirty` builds again only what changed. The
plugin also brings its theme files (generator/theme: stylesheet, footer, feed
links, the iframe-worker shim for file://, the table-sorting script), sets up
the Indonesian search, and after the build puts the prebuilt search index in
place. Everything here is
integration: the pipeline itself is in generator/build.py.
"""
from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc

from .. import urls
from .. import build as pipeline  # called through the module: tests put a failing build in its place
from ..config import BuildConfig
from ..errors import one_line
from ..html import (heading_tree, searchable, with_content_security_policy, with_named_dialogs,
                    without_search_attributes)
from ..incremental.templates import COMPILED
from ..search import shards
from ..state import Memory, read_manifest
from .config import KnowledgeBaseConfig, build_config, unknown_keys_are_errors

log = logging.getLogger("mkdocs.plugins.stunting-kb")

THEME = Path(__file__).resolve().parent.parent / "theme"
# Pages the knowledge base links to (the "Tentang" page on what its tags mean); a
# page of the site's own docs at the same path wins.
PAGES = Path(__file__).resolve().parent.parent / "pages"
STYLESHEET = "assets/kb.css"
# Lets Material's search worker run from file:// (our own shim; without a script
# named like this, Material's offline plugin would load one from a CDN).
IFRAME_SHIM = "assets/javascripts/iframe-worker-shim.js"
# Sortable tables (the data page's official prevalence table).
SORT_SCRIPT = "assets/javascripts/kb-sort.js"

_FAILURE_BANNER = ('<div class="admonition danger"><p class="admonition-title">Pembangunan terakhir gagal</p>'
                   '<p>Halaman ini dari pembangunan terakhir yang berhasil. Galat: {}</p></div>\n')


class KnowledgeBasePlugin(BasePlugin[KnowledgeBaseConfig]):
    def __init__(self) -> None:
        # The instance lives as long as the `mkdocs` process (on_startup is defined):
        # under `mkdocs serve` it is the same across rebuilds.
        self.is_serve = False
        self.kb: BuildConfig | None = None
        self.failure: str | None = None  # the last generator run's error (the pages are the last good ones)
        self.prebuilt_search = False  # the pipeline's decision (config.prebuilt_search)
        # What one build knew that the next can use under `mkdocs serve` (a save then
        # costs what it changed, not a reading of every seed and cache file); see on_startup.
        self.memory: Memory | None = None

    def load_config(self, options, config_file_path=None):
        errors, warnings = super().load_config(options, config_file_path)
        return unknown_keys_are_errors(errors, warnings, [key for key, _ in self.config_scheme])

    def on_startup(self, *, command, dirty) -> None:
        # The live preview goes without a Content-Security-Policy (MkDocs injects an
        # inline reload script) and keeps the prebuilt search index made at its start.
        self.is_serve = command == "serve"
        # Only there: through a one-shot `mkdocs build` it would hold the whole knowledge
        # base while MkDocs renders every page (+300 MB at 10,000 articles), for no next
        # build. Set here, not kept: MkDocs reuses this instance for every command of a process.
        self.memory = Memory() if self.is_serve else None

    @event_priority(50)  # before Material's search plugin reads its language
    def on_config(self, config):
        if problem := pipeline.site_dir_problem(config.site_dir, os.path.dirname(config.config_file_path or ".")):
            raise PluginError(problem)  # before MkDocs empties a linked site folder
        if "kb" in config.extra:
            raise PluginError("extra.kb tidak dipakai lagi: pindahkan opsinya ke `plugins: - stunting-kb:` di mkdocs.yml "
                              f"(opsi yang sah: {', '.join(sorted(k for k, _ in self.config_scheme))})")
        if (config.theme.name or "") != "material":
            raise PluginError("stunting-kb memerlukan tema Material (`theme: name: material` di mkdocs.yml)")
        self.kb = build_config(config, self.config)
        self._theme_files(config)
        self._search_language(config)
        # Instant navigation fetches pages with XHR, which file:// refuses.
        if _offline(config):
            config.theme["features"] = [f for f in config.theme.get("features", []) if not f.startswith("navigation.instant")]
        # Hand-written pages include generated fragments from the output folder, wherever it is.
        snippets = config.mdx_configs.get("pymdownx.snippets")
        if snippets is not None:
            base = snippets.get("base_path", ["."])
            base = [base] if isinstance(base, str) else list(base)
            ours = str(self.kb.output / Path(urls.HOME_SNIPPET).parent)
            snippets["base_path"] = base if ours in base else [*base, ours]
        return config

    def _theme_files(self, config) -> None:
        """Our stylesheet, table-sorting script, footer and feed links, after the site's own custom_dir (which wins)."""
        dirs = config.theme.dirs
        if str(THEME) not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
        if STYLESHEET not in [str(css) for css in config.extra_css]:
            config.extra_css.append(STYLESHEET)
        if SORT_SCRIPT not in [str(getattr(js, "path", js)) for js in config.extra_javascript]:
            config.extra_javascript.append(SORT_SCRIPT)
        polyfills = config.extra.get("polyfills") or []
        if not any("iframe-worker" in str(script) for script in polyfills):
            config.extra["polyfills"] = [*polyfills, IFRAME_SHIM]

    def _search_language(self, config) -> None:
        # Indonesian search: MkDocs refuses `search: lang: id` (it ships no lunr
        # file for it); Material's search plugin takes it when set before its own
        # on_config runs, and its worker then loads our lunr.id.min.js.
        if self.config.search_language != "id":
            return
        for plugin in config.plugins.values():
            if plugin.__class__.__module__.startswith("material.plugins.search"):
                plugin.config.lang = ["id"]
                plugin.config.pipeline = ["stemmer", "stopWordFilter", "trimmer"]

    def on_pre_build(self, config) -> None:
        self.failure = None
        # Made again now that every plugin's on_config has run: Material's offline
        # plugin switches MkDocs to .html URLs in its own.
        self.kb = build_config(config, self.config)
        try:
            report = pipeline.build(self.kb, self.memory)
        except pipeline.BuildError as exc:
            raise PluginError(str(exc)) from exc
        except Exception as exc:  # noqa: BLE001 - a bug of ours: the last good pages are still there
            # An error (not an exception): `mkdocs build --strict` fails on it, while
            # `mkdocs serve` goes on serving the pages of the last good build, each
            # with a banner that says what went wrong (see on_page_content).
            log.error("pembangkit gagal; situs menampilkan halaman terakhir yang berhasil dibuat: %s", one_line(exc),
                      exc_info=log.isEnabledFor(logging.DEBUG))
            self.failure = one_line(exc)
            return
        self.prebuilt_search = report.search_prebuilt
        # Seed problems are the curator's business, not MkDocs warnings: a bad
        # seed must not fail `mkdocs build --strict`.
        for line in report.lines():
            log.info(line.strip())

    def on_files(self, files, config):
        """The generated files join the site as if they were in docs/. A hand-written file at the same path wins."""
        output = self.kb.output
        added = []
        for path in sorted(read_manifest(output)):
            if any(part.startswith(".") for part in path.split("/")):
                continue  # fragments for hand-written pages, not pages
            existing = files.get_file_from_path(path)
            if existing is not None:
                if existing.src_dir and os.path.normpath(existing.src_dir) == os.path.normpath(config.docs_dir):
                    log.info("%s: halaman tulisan tangan memakai jalur halaman buatan pembangkit; yang tulisan tangan yang diterbitkan", path)
                    continue
                files.remove(existing)  # a theme file we replace (the search language)
            added.append(File.generated(config, path, abs_src_path=str(output / path)))
        for page in sorted(PAGES.rglob("*.md")):
            path = page.relative_to(PAGES).as_posix()
            if files.get_file_from_path(path) is None and path not in {f.src_uri for f in added}:
                added.append(File.generated(config, path, abs_src_path=str(page)))
        for f in added:
            files.append(f)
        # The site (and the offline bundle) carries only what its pages load.
        languages = _search_languages(config)
        for f in [f for f in files if not f.generated_by and _unused_theme_file(f.src_uri, languages)]:
            if f.src_dir and os.path.normpath(f.src_dir) != os.path.normpath(config.docs_dir):
                files.remove(f)
        return files

    def on_env(self, env, config, files):
        # Material's templates are compiled again at every build (and every rebuild
        # under `mkdocs serve`); keep the compiled code in memory (never on disk,
        # where a file would run as code: incremental/templates.py).
        env.bytecode_cache = COMPILED
        return env

    def on_serve(self, server, config, builder):
        # Seeds, and the curator's data: taxonomy, gazetteer, rules. The output folder
        # is ours and not watched: a save is one rebuild.
        server.watch(str(self.kb.seeds))
        server.watch(str(self.kb.data))
        server.builder = _keeps_serving(server.builder)
        return server

    # Entry pages come from the generator as HTML (front matter `kb_html`):
    # Python-Markdown would hand the same HTML back, at most of a build's cost.
    def on_page_markdown(self, markdown, page, config, files):
        if page.meta.get("kb_html"):
            page.kb_html = markdown
            return ""
        return markdown

    def on_page_content(self, html, page, config, files):
        if self.failure:
            html = _FAILURE_BANNER.format(escape(self.failure)) + html
        body = getattr(page, "kb_html", None)
        if body is None:
            return html
        if self.failure:
            body = _FAILURE_BANNER.format(escape(self.failure)) + body
        del page.kb_html
        tokens, ids = heading_tree(body)
        page.toc = get_toc(tokens)
        page.present_anchor_ids = ids
        return body

    # Material's search parses a page's whole HTML to drop the blocks marked
    # data-search-exclude; for our pages it is given only what it would keep.
    @event_priority(100)
    def _search_sees_what_it_indexes(self, context, page, config, nav):
        if page.meta.get("kb_html") and not (page.meta.get("search") or {}).get("exclude"):
            page.kb_full = page.content
            page.content = searchable(page.content)
        return context

    @event_priority(-100)
    def _page_shows_everything(self, context, page, config, nav):
        full = getattr(page, "kb_full", None)
        if full is not None:
            del page.kb_full
            page.content = without_search_attributes(full)
        return context

    on_page_context = CombinedEvent(_search_sees_what_it_indexes, _page_shows_everything)

    # After Material's search plugin wrote search_index.json and its offline plugin
    # inlined it (priority -100): a large site gets the prebuilt, split index and
    # our worker instead, and the index Material's UI downloads keeps its
    # configuration only.
    @event_priority(-200)
    def on_post_build(self, config):
        if self.prebuilt_search:
            put_prebuilt_index(Path(config.site_dir), keep_made=self.is_serve)

    # Every HTML file the site serves carries a Content-Security-Policy: nothing but the
    # site's own scripts runs, whatever a seed or a front matter might smuggle in. The
    # live preview of `mkdocs serve` is the exception: MkDocs injects an inline script of
    # its own, different at every request, to reload the page.
    @event_priority(-100)
    def on_post_page(self, output, page, config):
        output = with_named_dialogs(output)
        return output if self.is_serve else with_content_security_policy(output)

    def on_post_template(self, output_content, template_name, config):
        if template_name.endswith(".html"):
            output_content = with_named_dialogs(output_content)
            if not self.is_serve:
                return with_content_security_policy(output_content)
        return output_content


def put_prebuilt_index(site: Path, keep_made: bool) -> None:
    """The prebuilt, split index and our worker in place of Material's; a preview
    (`keep_made`) keeps the index made when `mkdocs serve` started."""
    index_file = site / "search" / "search_index.json"
    workers = sorted((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    language = site / urls.SEARCH_LANGUAGE
    if not index_file.exists() or not workers or not language.exists():
        log.warning("indeks pencarian jadi tidak dibuat: berkas Material tidak ditemukan")
        return
    try:
        script = shards.own_stemmer(language.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        # A hand-written file in docs/ replaced the stemmer: the browser stems with it, and
        # the build runs no script a folder brings. Material's search indexes the site.
        log.warning("indeks pencarian jadi tidak dibuat: %s bukan penstem buatan pembangkit (diganti berkas "
                    "di docs/?); pencarian Material dipakai", urls.SEARCH_LANGUAGE)
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    if keep_made and (site / "search" / "kb" / "index.js").exists():
        # Making the index takes seconds on a large site: a preview keeps the one made
        # when `mkdocs serve` started, so that a save stays a quick rebuild.
        log.info("pratinjau: indeks pencarian dari awal `mkdocs serve` dipakai lagi (mulai ulang untuk memperbaruinya)")
    else:
        try:
            files = shards.build(index, shards.Stemmer(script))
            shards.write(files, site / "search" / "kb")
        except Exception as exc:  # noqa: BLE001 - Material's own search still works, only slower
            log.error("indeks pencarian jadi gagal dibuat; pencarian Material dipakai: %s", one_line(exc))
            return
    for worker in workers:
        worker.write_text(shards.WORKER.read_text(encoding="utf-8"), encoding="utf-8")
    stub = json.dumps({"config": index.get("config", {}), "docs": []}, ensure_ascii=False)
    index_file.write_text(stub, encoding="utf-8")
    inlined = site / "search" / "search_index.js"
    if inlined.exists():
        inlined.write_text(f"var __index = {stub}", encoding="utf-8")


def _offline(config) -> bool:
    """Material's offline plugin, switched on (`python -m generator bundle` does): .html
    URLs, the search index inlined as a script for file://."""
    return any(plugin.__class__.__module__.startswith("material.plugins.offline") and bool(plugin.config.enabled)
               for plugin in config.plugins.values())


def _keeps_serving(builder):
    """MkDocs' live server waits for a good build before it answers again: one
    failing rebuild would leave every browser request hanging. Keep the last good
    site served and say what failed instead."""
    def rebuild(*args, **kwargs):
        try:
            builder(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - reported; the served site stays as it was
            log.error("pembangunan ulang gagal; situs terakhir yang berhasil tetap disajikan: %s", one_line(exc))
    return rebuild


def _search_languages(config) -> set[str]:
    for plugin in config.plugins.values():
        if plugin.__class__.__module__.startswith("material.plugins.search"):
            return set(plugin.config.lang or ["en"])
    return {"en"}


_LUNR = re.compile(r"assets/javascripts/lunr/(?:min/lunr\.(?P<lang>[\w.-]+)\.min\.js|(?P<extra>wordcut|tinyseg)\.js)")
# Scripts lunr loads with a language: Japanese segments with tinyseg, Thai with wordcut.
_LANGUAGE_EXTRAS = {"tinyseg": "ja", "wordcut": "th"}


def _unused_theme_file(src_uri: str, languages: set[str]) -> bool:
    """Source maps (for developers' tools) and lunr's files for languages the search does not use."""
    if src_uri.endswith(".map"):
        return True
    m = _LUNR.fullmatch(src_uri)
    if m is None:
        return False
    if m.group("extra"):
        return _LANGUAGE_EXTRAS[m.group("extra")] not in languages
    lang = m.group("lang")
    needed = {"stemmer.support"} | ({"multi"} if len(languages) > 1 else set()) | languages
    return lang not in needed
