"""The MkDocs plugin `stunting-kb` (entry point in pyproject.toml): the knowledge base
as part of any Material for MkDocs site. `plugin.py` has the events, `config.py` the
typed options that `python -m generator` reads from mkdocs.yml too."""
from .plugin import KnowledgeBasePlugin

__all__ = ["KnowledgeBasePlugin"]
