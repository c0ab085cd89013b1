"""MkDocs hook: run the same pipeline before MkDocs collects the docs, and hand
MkDocs the generated files.

Declared in mkdocs.yml under `hooks:`. Generated pages live in the output
folder (`extra.kb.output`, default `generated/`), outside the hand-written
docs/, and join the site in `on_files`; the generator writes only files whose
content changed, so `mkdocs serve --dirty` builds again only what changed.
Everything here is integration: the pipeline itself is in generator/build.py.
"""
from __future__ import annotations

import json
import logging
import os
import re
import sys
from pathlib import Path

try:
    from generator.build import BuildError, build
except ImportError:  # mkdocs run from a checkout without `pip install -e .`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from generator.build import BuildError, build
from generator import urls
from generator.build import site_dir_problem
from generator.config import BuildConfig, search_language
from generator.search import shards
from generator.errors import one_line
from generator.html import (heading_tree, searchable, with_content_security_policy, with_named_dialogs,
                            without_search_attributes)
from generator.incremental.templates import COMPILED
from generator.state import read_manifest
from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc

log = logging.getLogger("mkdocs.hooks.generator")


@event_priority(50)
def on_config(config):
    if problem := site_dir_problem(config.site_dir, os.path.dirname(config.config_file_path or ".")):
        raise PluginError(problem)  # before MkDocs empties a linked site folder
    # Indonesian search: MkDocs refuses `search: lang: id` (it ships no lunr
    # file for it); Material's search plugin takes it when set before its own
    # on_config runs, and its worker then loads our lunr.id.min.js.
    offline = False
    for plugin in config.plugins.values():
        module = plugin.__class__.__module__
        if module.startswith("material.plugins.search") and search_language(config.extra.get("kb") or {}) == "id":
            plugin.config.lang = ["id"]
            plugin.config.pipeline = ["stemmer", "stopWordFilter", "trimmer"]
        elif module.startswith("material.plugins.offline"):
            offline = bool(plugin.config.enabled)
    # Instant navigation fetches pages with XHR, which file:// refuses.
    if offline:
        config.theme["features"] = [f for f in config.theme.get("features", []) if not f.startswith("navigation.instant")]
    # Hand-written pages include generated fragments from the output folder, wherever it is.
    snippets = config.mdx_configs.get("pymdownx.snippets")
    if snippets is not None:
        snippets["base_path"] = [str(BuildConfig.from_mkdocs(config).output / Path(urls.HOME_SNIPPET).parent)]
    return config


def on_pre_build(config) -> None:
    try:
        report = build(BuildConfig.from_mkdocs(config))
    except BuildError as exc:
        raise PluginError(str(exc)) from exc
    except Exception as exc:  # noqa: BLE001 - a bug of ours: the last good pages are still there
        # An error (not an exception): `mkdocs build --strict` fails on it, while
        # `mkdocs serve` goes on serving the pages of the last good build, each
        # with a banner that says what went wrong (see on_page_content).
        log.error("pembangkit gagal; situs menampilkan halaman terakhir yang berhasil dibuat: %s", one_line(exc), exc_info=log.isEnabledFor(logging.DEBUG))
        config.extra["kb_failure"] = one_line(exc)
        return
    config.extra["kb_prebuilt_search"] = report.search_prebuilt
    # Seed problems are the curator's business, not MkDocs warnings: a bad
    # seed must not fail `mkdocs build --strict`.
    for line in report.lines():
        log.info(line.strip())


def on_files(files, config):
    """The generated files join the site as if they were in docs/ (as Material's blog
    plugin adds its views). A hand-written file at the same path wins."""
    output = BuildConfig.from_mkdocs(config).output
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
    for f in added:
        files.append(f)
    # The site (and the offline bundle) carries only what its pages load.
    languages = _search_languages(config)
    for f in [f for f in files if not f.generated_by and _unused_theme_file(f.src_uri, languages)]:
        if f.src_dir and os.path.normpath(f.src_dir) != os.path.normpath(config.docs_dir):
            files.remove(f)
    return files


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


def on_env(env, config, files):
    # Material's templates are compiled again at every build (and every rebuild
    # under `mkdocs serve`); keep the compiled code in memory (never on disk,
    # where a file would run as code: incremental/templates.py).
    env.bytecode_cache = COMPILED
    return env


def on_serve(server, config, builder):
    kb = BuildConfig.from_mkdocs(config)
    # Seeds, and the curator's data: taxonomy, gazetteer, rules. The output folder
    # is ours and not watched: a save is one rebuild.
    server.watch(str(kb.seeds))
    server.watch(str(kb.data))
    server.builder = _keeps_serving(server.builder)
    return server


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


# Entry pages come from the generator as HTML (front matter `kb_html`):
# Python-Markdown would hand the same HTML back, at most of a build's cost.
def on_page_markdown(markdown, page, config, files):
    if page.meta.get("kb_html"):
        page.kb_html = markdown
        return ""
    return markdown


_FAILURE_BANNER = ('<div class="admonition danger"><p class="admonition-title">Pembangunan terakhir gagal</p>'
                   '<p>Halaman ini dari pembangunan terakhir yang berhasil. Galat: {}</p></div>\n')


def on_page_content(html, page, config, files):
    failure = config.extra.get("kb_failure")
    if failure:
        html = _FAILURE_BANNER.format(escape(failure)) + html
    body = getattr(page, "kb_html", None)
    if body is None:
        return html
    if failure:
        body = _FAILURE_BANNER.format(escape(failure)) + body
    del page.kb_html
    tokens, ids = heading_tree(body)
    page.toc = get_toc(tokens)
    page.present_anchor_ids = ids
    return body


# Material's search parses a page's whole HTML to drop the blocks marked
# data-search-exclude; for our pages it is given only what it would keep.
@event_priority(100)
def _search_sees_what_it_indexes(context, page, config, nav):
    if page.meta.get("kb_html") and not (page.meta.get("search") or {}).get("exclude"):
        page.kb_full = page.content
        page.content = searchable(page.content)
    return context


@event_priority(-100)
def _page_shows_everything(context, page, config, nav):
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
def on_post_build(config):
    if not config.extra.get("kb_prebuilt_search"):  # the pipeline's decision (config.prebuilt_search)
        return
    site = Path(config.site_dir)
    index_file = site / "search" / "search_index.json"
    workers = sorted((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    language = site / urls.SEARCH_LANGUAGE
    if not index_file.exists() or not workers or not language.exists():
        log.warning("indeks pencarian jadi tidak dibuat: berkas Material tidak ditemukan")
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    if os.environ.get(_PREVIEW) and (site / "search" / "kb" / "index.js").exists():
        # Making the index takes seconds on a large site: a preview keeps the one made
        # when `mkdocs serve` started, so that a save stays a quick rebuild.
        log.info("pratinjau: indeks pencarian dari awal `mkdocs serve` dipakai lagi (mulai ulang untuk memperbaruinya)")
    else:
        try:
            files = shards.build(index, shards.Stemmer(language.read_text(encoding="utf-8")))
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


# Every HTML file the site serves carries a Content-Security-Policy: nothing but the
# site's own scripts runs, whatever a seed or a front matter might smuggle in. The
# live preview of `mkdocs serve` is the exception: MkDocs injects an inline script of
# its own, different at every request, to reload the page.
_PREVIEW = "KB_LIVE_PREVIEW"


def on_startup(command, dirty):
    # The hook module is loaded again at every rebuild; the process keeps this.
    if command == "serve":
        os.environ[_PREVIEW] = "1"


@event_priority(-100)
def on_post_page(output, page, config):
    output = with_named_dialogs(output)
    return output if os.environ.get(_PREVIEW) else with_content_security_policy(output)


def on_post_template(output_content, template_name, config):
    if template_name.endswith(".html"):
        output_content = with_named_dialogs(output_content)
        if not os.environ.get(_PREVIEW):
            return with_content_security_policy(output_content)
    return output_content
