"""Render stage: the knowledge base -> the site's pages, feeds and pictures.

`pages.py` is the page table (every kind of page, its template, what it
shows); `renderer.py` the Jinja2 environments and what templates call;
`site.py` every file of the site in write order; `markup.py`, `format.py`,
`charts.py` and `feeds.py` the pieces. Layouts are in `generator/templates/`.
"""
from .pages import Page, PageKind, PageTable
from .renderer import Renderer

__all__ = ["Page", "PageKind", "PageTable", "Renderer"]
