"""Fetching what the user asked for, politely: a user agent that says who we are, a
timeout, robots.txt obeyed, a pause between requests to one host, bounded answers.
Only http(s) addresses are fetched, and a redirect may not lead anywhere else."""
from __future__ import annotations

import ipaddress
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import urllib.robotparser
from dataclasses import dataclass
from typing import Callable

from ..reference.sources import SourceRules


class FetchError(Exception):
    """A page that could not be fetched; the message says why, in Indonesian."""


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    body: bytes
    content_type: str


def _refuse_internal_peer(sock: socket.socket) -> None:
    """The address a connection reached: a host whose name looked public when it was checked
    may resolve to an internal address when connected to (DNS rebinding)."""
    try:
        address = ipaddress.ip_address(sock.getpeername()[0].split("%")[0])
    except (OSError, ValueError):
        return
    if not address.is_global or address.is_multicast:
        sock.close()
        raise FetchError(f"alamat internal ({address}), tidak diambil")


def _checked(connection: type) -> type:
    class Checked(connection):  # type: ignore[misc, valid-type]
        def connect(self):
            super().connect()
            _refuse_internal_peer(self.sock)
    return Checked


class _PeerCheck:
    """A request that may not reach the internal network is checked where it connects (not
    through a proxy, which resolves the name itself: the name was checked before)."""

    def do_open(self, http_class, req, **kwargs):
        if getattr(req, "refuse_internal", False) and not req.has_proxy() and not getattr(req, "_tunnel_host", None):
            http_class = _checked(http_class)
        return super().do_open(http_class, req, **kwargs)


class _CheckedHTTP(_PeerCheck, urllib.request.HTTPHandler):
    pass


class _CheckedHTTPS(_PeerCheck, urllib.request.HTTPSHandler):
    pass


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urllib.parse.urlsplit(newurl).scheme not in ("http", "https"):
            raise FetchError(f"dialihkan ke alamat yang bukan http(s): {newurl[:80]}")
        if getattr(req, "refuse_internal", False) and (internal := internal_address(newurl)):
            raise FetchError(f"dialihkan ke alamat internal ({internal}), tidak diambil")
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            new.refuse_internal = getattr(req, "refuse_internal", False)
        return new


def internal_address(url: str) -> str | None:
    """The loopback, private, link-local or otherwise non-public address `url`'s host is or
    resolves to, if any: a feed may not send the importer into the user's own network."""
    name = urllib.parse.urlsplit(url).hostname
    if not name:
        return None
    try:
        addresses = [ipaddress.ip_address(name)]
    except ValueError:
        if name.lower() == "localhost" or name.lower().endswith(".localhost"):
            return name
        try:
            infos = socket.getaddrinfo(name, None, proto=socket.IPPROTO_TCP)
        except (OSError, UnicodeError):
            return None  # unknown host: the fetch itself fails and says so
        addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    for address in addresses:
        if not address.is_global or address.is_multicast:
            return str(address)
    return None


def is_web_address(text: str) -> bool:
    parts = urllib.parse.urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


class Fetcher:
    def __init__(self, rules: SourceRules, delay: float | None = None, timeout: float | None = None,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self.rules = rules
        self.delay = rules.delay if delay is None else delay
        self.timeout = rules.timeout if timeout is None else timeout
        self._opener = urllib.request.build_opener(_HttpOnlyRedirects(), _CheckedHTTP(), _CheckedHTTPS())
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._last: dict[str, float] = {}
        self._clock, self._sleep = clock, sleep

    def get(self, url: str, internal_ok: bool = True) -> Response:
        """`url`'s answer; with internal_ok=False (the pages a feed links to) neither the address
        nor a redirect may lead to an internal address."""
        if not is_web_address(url):
            raise FetchError("bukan alamat http(s)")
        if not internal_ok and (internal := internal_address(url)):
            raise FetchError(f"alamat internal ({internal}), tidak diambil")
        site = host(url)
        robots = self._robots_of(url, refuse_internal=not internal_ok)
        if robots is not None and not robots.can_fetch(self.rules.user_agent, url):
            raise FetchError("dilarang oleh robots.txt situs itu")
        asked = robots.crawl_delay(self.rules.user_agent) if robots is not None else None
        self._wait(site, max(self.delay, float(asked or 0)))
        return self._get(url, refuse_internal=not internal_ok)

    def _get(self, url: str, refuse_internal: bool = False) -> Response:
        request = urllib.request.Request(url, headers={
            "User-Agent": self.rules.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5",
        })
        request.refuse_internal = refuse_internal
        try:
            with self._opener.open(request, timeout=self.timeout) as answer:
                body = answer.read(self.rules.max_bytes + 1)
                if len(body) > self.rules.max_bytes:
                    raise FetchError(f"jawaban lebih dari {self.rules.max_bytes // 1_000_000} MB, tidak dibaca")
                return Response(answer.geturl(), body, answer.headers.get("Content-Type", ""))
        except urllib.error.HTTPError as exc:
            raise FetchError(f"HTTP {exc.code} ({exc.reason})") from exc
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise FetchError(f"tidak menjawab dalam {self.timeout:g} detik") from exc
            raise FetchError(f"tidak bisa dihubungi ({reason})") from exc
        except (socket.timeout, TimeoutError) as exc:
            raise FetchError(f"tidak menjawab dalam {self.timeout:g} detik") from exc
        except (OSError, ValueError) as exc:
            raise FetchError(f"tidak bisa diambil ({exc})") from exc
        finally:
            self._last[host(url)] = self._clock()

    def _robots_of(self, url: str, refuse_internal: bool = False) -> urllib.robotparser.RobotFileParser | None:
        """The host's robots.txt rules; None (everything allowed) when it has none."""
        parts = urllib.parse.urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            parser = urllib.robotparser.RobotFileParser(root + "/robots.txt")
            try:
                answer = self._get(root + "/robots.txt", refuse_internal=refuse_internal)
                parser.parse(answer.body.decode("utf-8", "replace").splitlines())
            except FetchError as exc:
                cause = exc.__cause__
                if isinstance(cause, urllib.error.HTTPError) and cause.code in (401, 403):
                    parser.disallow_all = True  # as robotparser itself reads a refused robots.txt
                else:
                    parser = None
            self._robots[root] = parser
        return self._robots[root]

    def _wait(self, site: str, pause: float) -> None:
        last = self._last.get(site)
        if last is not None:
            left = last + pause - self._clock()
            if left > 0:
                self._sleep(left)


def host(url: str) -> str:
    """An address's host, lower case: one politeness clock and one robots.txt each."""
    return urllib.parse.urlsplit(url).netloc.lower()
