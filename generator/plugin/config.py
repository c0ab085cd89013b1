"""The plugin's options in mkdocs.yml (`plugins: - stunting-kb: {...}`), typed and
validated by MkDocs: a wrong value stops the build with MkDocs' own error, which
names the valid values; an unknown key is an error that lists the valid keys."""
from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from ..config import BuildConfig, SiteSettings


class _Count(c.Type):
    """A whole number, 0 or more."""

    def __init__(self, default: int):
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool):  # YAML's yes/no are not numbers of workers
            raise ValidationError(f"Expected a whole number (0 or more) but received: {value!r}")
        value = super().run_validation(value)
        if value < 0:
            raise ValidationError(f"Expected a whole number (0 or more) but received: {value!r}")
        return value


class KnowledgeBaseConfig(base.Config):
    # The article files (.txt, one article each), relative to mkdocs.yml.
    seeds = c.Dir(exists=False, default="seeds")
    # Where the generator writes its pages, data/ and cache (outside docs_dir);
    # MkDocs takes them from there (on_files).
    output = c.Dir(exists=False, default="generated")
    # false: publish only the lead paragraph, the extracted facts and a link to the
    # source (public deployments); true: the whole article text.
    full_text = c.Type(bool, default=True)
    # id: our Indonesian search (stemmer, place names); en: Material's default.
    search_language = c.Choice(("id", "en"), default="id")
    # auto: Material's lunr search up to 1,000 articles, a prebuilt split index above;
    # lunr / prebuilt to choose (prebuilt needs search_language: id).
    search_index = c.Choice(("auto", "lunr", "prebuilt"), default="auto")
    # Worker processes for extraction and pages: 0 = one per core (up to 8), 1 = none.
    workers = _Count(default=0)
    # A folder of templates that replace the package's of the same name.
    templates = c.Optional(c.Dir(exists=True))


UNKNOWN = "Unrecognised configuration name"


def unknown_keys_are_errors(errors: list, warnings: list, valid: list[str]) -> tuple[list, list]:
    """MkDocs only warns about an unknown key (a typo would silently mean the default);
    here it is an error that lists the valid keys."""
    unknown = [key for key, message in warnings if isinstance(message, str) and message.startswith(UNKNOWN)]
    if not unknown:
        return errors, warnings
    listed = ", ".join(sorted(valid))
    errors = [*errors, *((key, ValidationError(f"opsi tidak dikenal; opsi yang sah: {listed}")) for key in unknown)]
    return errors, [w for w in warnings if w[0] not in unknown]


def plugin_options(config) -> KnowledgeBaseConfig:
    """The stunting-kb options of a loaded MkDocs configuration; the defaults (paths
    relative to its mkdocs.yml) when the site does not name the plugin."""
    for plugin in config.plugins.values():
        if isinstance(getattr(plugin, "config", None), KnowledgeBaseConfig):
            return plugin.config
    options = KnowledgeBaseConfig(config_file_path=config.config_file_path)
    options.load_dict({})
    options.validate()
    return options


def build_config(config, options: KnowledgeBaseConfig | None = None) -> BuildConfig:
    """The pipeline's options from an MkDocs configuration: the plugin's, and what MkDocs
    itself decides (URL style, site URL, docs folder)."""
    options = options or plugin_options(config)
    return BuildConfig(
        seeds=Path(options.seeds), output=Path(options.output), docs=Path(config.docs_dir),
        templates=Path(options.templates) if options.templates else None, workers=options.workers,
        site=SiteSettings(full_text=options.full_text, directory_urls=config.use_directory_urls,
                          site_url=config.site_url or "", search_index=options.search_index,
                          search_language=options.search_language))


def load_mkdocs(config_file: Path):
    """mkdocs.yml loaded and validated as `mkdocs build` does (the plugin's options included)."""
    from mkdocs.config import load_config

    return load_config(str(config_file))
