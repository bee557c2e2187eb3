"""Opt-out lists: repositories, owners and Stack Exchange users whose work must not be in a corpus.

No Beam here: ``incoder build`` (``build.exclude``, stage ``ExcludeOptedOut``) and
``incoder release remove --exclude`` both load a list with ``load_exclude`` and ask it about each
document. Authors asking to be left out of a code corpus is the norm since BigCode's "Am I in The
Stack?" (The Stack paper, arXiv:2211.15533, section 3.4); every match is dropped with reason
``opted_out``.

Format: UTF-8 text, one entry per line; blank lines and ``#`` comments (whole line or trailing after
whitespace) are ignored; a ``# version: X`` comment names the list's version for the data card::

    # version: 2024-06-01
    octo/hello                      # a repository, owner/name (repo: prefix optional)
    repo:octo/experiments-*         # fnmatch glob (* ? [..]); * also crosses "/" (GitLab subgroups)
    repo:requests-2.*               # repo: also takes a name without an owner (local, python-env)
    github.com/octo/tool            # host-qualified: only that host's repository
    https://gitlab.com/grp/sub/lib  # a repository URL (scheme and trailing .git dropped)
    owner:octo                      # every repository of an owner (glob allowed: owner:octo-*)
    so-user:stackoverflow.com:12345 # a Stack Exchange user id on one site (ids are per site)
    so-user:*:12345                 # that user id on every site read
    https://stackoverflow.com/users/12345/name   # a profile URL (same as so-user:stackoverflow.com:12345)

Matching is case-insensitive (GitHub and GitLab names are). A repository is identified by the
``repo`` of its documents (``owner/name`` for crawled hosts, the folder or archive stem for a local
source; a name already host-qualified, ``github.com/owner/name``, is read as such) and its ``source``
(``github`` -> ``github.com``, ``gitlab`` -> ``gitlab.com``): a bare
pattern matches the repository name on any host, a host-qualified one only that host's. The owner is
the first ``/`` component of the name. A malformed line is a ``ConfigError`` naming the line: a
list silently matching nothing would publish what someone asked to remove.

``ExcludeList.describe()`` gives the list's location, version, SHA-256 and entry counts, recorded in
``stats.json`` and the release's data card so a reader knows which requests a release honours.
"""

from __future__ import annotations

import fnmatch
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from pipeline.errors import ConfigError

REASON = "opted_out"
HOSTS = {"github": "github.com", "gitlab": "gitlab.com"}
_VERSION_RE = re.compile(r"^#\s*version\s*:\s*(\S.*?)\s*$", re.IGNORECASE)
_USER_URL_RE = re.compile(r"^/users/(-?\d+)(?:/|$)")
_GLOB_CHARS = frozenset("*?[")
FETCH_TIMEOUT_S = 30


@dataclass(frozen=True)
class Entry:
    """One line of the list: ``kind`` is ``repo``, ``owner`` or ``so_user``."""

    kind: str
    pattern: str  # lower-cased; repo: "[host/]owner/name", owner: "name", so_user: "site:id"
    line: int
    text: str  # the line as written (for the rejected row's detail)


@dataclass
class ExcludeList:
    """A parsed opt-out list; ``excluded``/``so_user_excluded`` answer membership questions."""

    location: str = ""
    sha256: str = hashlib.sha256(b"").hexdigest()
    version: str | None = None
    entries: list[Entry] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._exact: dict[str, Entry] = {}
        self._globs: list[tuple[re.Pattern[str], Entry]] = []
        self._owners: dict[str, Entry] = {}
        self._owner_globs: list[tuple[re.Pattern[str], Entry]] = []
        self._users: dict[tuple[str, int], Entry] = {}
        for entry in self.entries:
            if entry.kind == "so_user":
                site, _, uid = entry.pattern.rpartition(":")
                self._users.setdefault((site, int(uid)), entry)
            elif entry.kind == "owner":
                _add(entry, self._owners, self._owner_globs)
            else:
                _add(entry, self._exact, self._globs)

    def __bool__(self) -> bool:
        return bool(self.entries)

    def match_repository(self, repo: str, source: str | None = None) -> Entry | None:
        """The first entry excluding repository ``repo`` of ``source`` (``github``...), or ``None``."""
        name = repo.strip().strip("/").lower()
        first, _, rest = name.partition("/")
        host = HOSTS.get(source or "")
        if "." in first and "/" in rest:  # already host-qualified ("github.com/owner/name")
            host, name = first, rest
        keys = [name, f"{host}/{name}"] if host else [name]
        for key in keys:
            if key in self._exact:
                return self._exact[key]
        for regex, entry in self._globs:
            if any(regex.match(key) for key in keys):
                return entry
        owner = name.split("/", 1)[0] if "/" in name else None
        if owner:
            if owner in self._owners:
                return self._owners[owner]
            for regex, entry in self._owner_globs:
                if regex.match(owner):
                    return entry
        return None

    def excluded(self, repo: str, source: str | None = None) -> str | None:
        """``"opted_out"`` when repository ``repo`` (of ``source``) is on the list, else ``None``."""
        return REASON if self.match_repository(repo, source) is not None else None

    def match_so_user(self, site: str, user_id: int | None) -> Entry | None:
        if user_id is None or not self._users:
            return None
        site = site.strip().lower()
        return self._users.get((site, int(user_id))) or self._users.get(("*", int(user_id)))

    def so_user_excluded(self, site: str, user_id: int | None) -> bool:
        """Whether Stack Exchange user ``user_id`` of ``site`` (``stackoverflow.com``) opted out."""
        return self.match_so_user(site, user_id) is not None

    def describe(self) -> dict[str, Any]:
        """What the data card and ``stats.json`` record about the list."""
        kinds = {"repo": 0, "owner": 0, "so_user": 0}
        for entry in self.entries:
            kinds[entry.kind] += 1
        return {"location": self.location, "version": self.version, "sha256": self.sha256,
                "repositories": kinds["repo"], "owners": kinds["owner"], "so_users": kinds["so_user"]}


def _add(entry: Entry, exact: dict[str, Entry], globs: list[tuple[re.Pattern[str], Entry]]) -> None:
    if _GLOB_CHARS & set(entry.pattern):
        globs.append((re.compile(fnmatch.translate(entry.pattern)), entry))
    else:
        exact.setdefault(entry.pattern, entry)


def parse_exclude(text: str, location: str = "<exclude>") -> ExcludeList:
    """Parse the list's text (see the module docstring); ``ConfigError`` names a bad line."""
    entries: list[Entry] = []
    version = None
    for number, raw_line in enumerate(text.splitlines(), 1):
        stripped = raw_line.strip()
        match = _VERSION_RE.match(stripped)
        if match and version is None:
            version = match.group(1)
        line = re.split(r"(?:^|\s)#", stripped, maxsplit=1)[0].strip()
        if not line:
            continue
        try:
            entries.append(parse_entry(line, number))
        except ValueError as exc:
            raise ConfigError(f"build.exclude: {location}:{number}: {exc}: {line[:120]!r}") from None
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return ExcludeList(location=location, sha256=digest, version=version, entries=entries)


def parse_entry(line: str, number: int = 0) -> Entry:
    """One non-comment line -> an ``Entry``; ``ValueError`` says what is wrong with it."""
    lower = line.lower()
    if lower.startswith(("http://", "https://")):
        return _url_entry(line, number)
    kind, sep, rest = lower.partition(":")
    if sep and kind in ("so-user", "so_user"):
        site, sep2, uid = rest.rpartition(":")
        if not sep2 or not site or not re.fullmatch(r"-?\d+", uid.strip()):
            raise ValueError("expected so-user:SITE:ID (SITE a host such as stackoverflow.com, or *)")
        return Entry("so_user", f"{site.strip()}:{int(uid)}", number, line)
    if sep and kind == "owner":
        owner = rest.strip().strip("/")
        if not owner or "/" in owner:
            raise ValueError("expected owner:NAME (one path component)")
        return Entry("owner", owner, number, line)
    if sep and kind == "repo":
        return Entry("repo", _repo_pattern(rest, require_owner=False), number, line)
    if sep:
        raise ValueError(f"unknown entry kind {kind!r} (repo:, owner:, so-user: or a URL)")
    return Entry("repo", _repo_pattern(lower), number, line)


def _repo_pattern(value: str, require_owner: bool = True) -> str:
    pattern = value.strip().strip("/")
    if pattern.endswith(".git"):
        pattern = pattern[:-4]
    if (require_owner and "/" not in pattern) or any(not part for part in pattern.split("/")) or " " in pattern:
        raise ValueError("expected owner/name (a glob allowed), optionally host-qualified (github.com/owner/name); "
                         "repo:NAME for a repository without an owner")
    return pattern


def _url_entry(line: str, number: int) -> Entry:
    parts = urlsplit(line)
    host = (parts.hostname or "").lower()
    path = parts.path.rstrip("/")
    user = _USER_URL_RE.match(path)
    if user and host and host not in HOSTS.values():
        # Stack Exchange profile URLs: https://<site>/users/<id>/<display-name>
        return Entry("so_user", f"{host}:{int(user.group(1))}", number, line)
    if not host or path.count("/") < 2:
        raise ValueError("a URL must name a repository (https://host/owner/name) or a Stack Exchange profile")
    return Entry("repo", _repo_pattern(f"{host}{path}".lower()), number, line)


def load_exclude(location: str | None) -> ExcludeList:
    """The list at ``location``: an http(s) URL (fetched with requests) or any Beam filesystem path.

    ``None`` or ``""`` gives an empty list. An unreachable list is a ``ConfigError``: building without
    it would publish what someone asked to remove.
    """
    if not location:
        return ExcludeList()
    if location.lower().startswith(("http://", "https://")):
        import requests

        try:
            response = requests.get(location, timeout=FETCH_TIMEOUT_S)
            response.raise_for_status()
        except requests.RequestException as exc:
            raise ConfigError(f"build.exclude: cannot fetch {_redact(location)}: {type(exc).__name__}") from None
        response.encoding = response.encoding or "utf-8"
        return parse_exclude(response.text, _redact(location))
    from pipeline import fsio

    try:
        text = fsio.read_text(location)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"build.exclude: cannot read {location}: {exc}") from None
    return parse_exclude(text, location)


def _redact(url: str) -> str:
    """The URL without credentials or query (a signed URL's token must not reach logs or the card)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"
