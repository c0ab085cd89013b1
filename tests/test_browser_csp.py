"""The Content-Security-Policy lets the site's own scripts run and nothing else, on every page kind,
online and in the offline bundle: no violation, and the site still works (search included)."""
from __future__ import annotations

import pytest

from browser import browser_context, search
from conftest import build_bundle, make_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# One page of every kind (paths without the directory-URL ending).
INDEXES = {"", "wilayah", "wilayah/kalimantan-timur", "program", "aktor", "sasaran", "linimasa", "data", "glosarium", "kurasi"}
PAGES = ["", "wilayah", "wilayah/kalimantan-timur", "wilayah/kalimantan-timur/kota-balikpapan", "program",
         "program/posyandu", "aktor", "aktor/jenis/swasta", "sasaran", "sasaran/balita", "linimasa", "data",
         "glosarium", "kurasi", "tentang", "artikel/000_677c019573854520"]

RECORD = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
"""


def visit_all(context, url_of) -> list[str]:
    problems: list[str] = []
    page = context.new_page()
    page.add_init_script(RECORD)
    page.on("console", lambda m: problems.append(f"{page.url}: {m.text}")
            if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: problems.append(f"{page.url}: {e}"))
    for path in PAGES:
        page.goto(url_of(path))
        page.wait_for_load_state("load")
        assert page.locator("meta[http-equiv=Content-Security-Policy]").count() == 1, path
        problems += [f"{path}: {v}" for v in page.evaluate("window.__violations")]
    # Search runs in a worker (an iframe from file://): it must still work under the policy.
    assert search(page, "posyandu").count() >= 1
    problems += [f"search: {v}" for v in page.evaluate("window.__violations")]
    return problems


def test_no_policy_violation_online(served_seed_site):
    with browser_context() as context:
        problems = visit_all(context, lambda p: served_seed_site + (p + "/" if p else ""))
    assert not [p for p in problems if "Content Security Policy" in p or "script-src" in p or "policy" in p.lower()], problems


def test_no_policy_violation_in_the_offline_bundle(tmp_path):
    index = build_bundle(make_project(tmp_path / "project"), tmp_path / "kb.zip")
    root = index.parent.as_uri()
    with browser_context() as context:
        problems = visit_all(context, lambda p: f"{root}/{p + '/' if p else ''}index.html" if p in INDEXES
                             else f"{root}/{p}.html")
    assert not [p for p in problems if "Content Security Policy" in p or "script-src" in p or "policy" in p.lower()], problems


def test_an_injected_script_would_be_blocked(served_seed_site):
    """The policy is live: a script the page did not ship is refused."""
    with browser_context() as context:
        page = context.new_page()
        page.add_init_script(RECORD)
        page.goto(served_seed_site)
        page.evaluate("""() => { const s = document.createElement('script');
            s.textContent = 'window.__ran = true'; document.body.appendChild(s); }""")
        assert page.evaluate("window.__ran === undefined")
        assert any("script-src" in v for v in page.evaluate("window.__violations"))
