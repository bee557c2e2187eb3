"""Fake GitHub, GitLab and download hosts on 127.0.0.1 for the crawl tests and benchmark.

Responses follow the shapes of the recorded exchanges in ../shared/data (github_pygithub_replay,
github_octokit_fixtures, gitlab/swh_lister): search pages with ``total_count`` /
``incomplete_results`` / ``Link`` headers, repository objects with ``license`` null or
``spdx_id: NOASSERTION``, a renamed repository answering 301 to ``/repositories/<id>``, the tarball
endpoint answering 302 to a separate download host, GitLab keyset pages with ``Link: rel="next"``.

Search pages follow the real service's quirks: any page can answer ``incomplete_results: true``
(``incomplete`` for first pages, ``incomplete_pages`` for later ones), a page past the result cap
answers 422 "Only the first N search results are available", ``on_search`` may create repositories
between pages (``total_count`` changes), and items are ordered by name, so a repository created
mid-listing shifts later pages. Search answers carry no ``ETag`` (as recorded); ``/repos``,
``/repositories/<id>`` and GitLab's ``/projects`` answers do, and honour ``If-None-Match`` with a 304.
The download host serves the documented ``/OWNER/REPO/tar.gz/refs/heads/BRANCH`` pattern (404 for
a branch that is not the default; ``refuse_direct`` makes it answer 403) and the API's
``legacy.tar.gz`` redirect target, with an ``ETag`` and conditional 304s.

Faults are injected per request key (``"tarball:<full_name>"``, ``"download:<full_name>"``,
``"repo:<full_name>"``, ``"search"``, ``"gitlab_list"``, ``"archive:<id>"``): each key has a queue of
faults consumed one per request: ``429``, ``429_retry_after``, ``403_secondary``,
``403_secondary_retry_after``, ``403_primary``, ``500``, ``502``, ``reset``, ``truncate``, ``404``,
or ``ok`` (served normally: lets faults start after some successful requests).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import socket
import struct
import tarfile
import threading
import time
from collections import Counter, defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

LICENSES = {
    "MIT": ("mit", "MIT License"),
    "Apache-2.0": ("apache-2.0", "Apache License 2.0"),
    "BSD-3-Clause": ("bsd-3-clause", 'BSD 3-Clause "New" or "Revised" License'),
    "GPL-3.0": ("gpl-3.0", "GNU General Public License v3.0"),
    "NOASSERTION": ("other", "Other"),
}


def make_tarball(full_name: str, files: dict[str, str]) -> bytes:
    """A codeload-style ``.tar.gz``: one top folder ``owner-name-<sha>/`` holding ``files``."""
    buf = io.BytesIO()
    top = full_name.replace("/", "-") + "-0123abc"
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for path, text in sorted(files.items()):
            data = text.encode()
            info = tarfile.TarInfo(f"{top}/{path}")
            info.size = len(data)
            info.mtime = 1_700_000_000
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def github_repo(rid: int, full_name: str, *, stars: int = 10, license_id: str | None = "MIT",
                created: str = "2015-06-01T12:00:00Z", fork: bool = False, archived: bool = False,
                language: str = "Python", branch: str = "main") -> dict[str, Any]:
    """A repository object shaped like GitHub's (search item / GET /repos)."""
    owner, name = full_name.split("/")
    lic = None
    if license_id:
        key, lname = LICENSES.get(license_id, (license_id.lower(), license_id))
        lic = {"key": key, "name": lname, "spdx_id": license_id, "url": None if license_id == "NOASSERTION"
               else f"https://api.github.com/licenses/{key}", "node_id": "MDc6TGljZW5zZTA="}
    return {
        "id": rid, "node_id": "R_kgDO" + str(rid), "name": name, "full_name": full_name,
        "owner": {"login": owner, "id": rid * 7, "type": "User", "site_admin": False},
        "private": False, "html_url": f"https://github.com/{full_name}", "description": f"repo {name}",
        "fork": fork, "url": f"https://api.github.com/repos/{full_name}", "created_at": created,
        "updated_at": "2023-01-01T00:00:00Z", "pushed_at": "2023-01-01T00:00:00Z",
        "clone_url": f"https://github.com/{full_name}.git", "size": 100, "stargazers_count": stars,
        "watchers_count": stars, "language": language, "forks_count": 1, "archived": archived,
        "disabled": False, "open_issues_count": 0, "license": lic, "topics": [], "visibility": "public",
        "default_branch": branch, "score": 1.0,
    }


def gitlab_project(pid: int, full_name: str, *, stars: int = 3, license_key: str | None = None,
                   forked: bool = False, archived: bool = False, branch: str = "master") -> dict[str, Any]:
    """A ``/projects`` object shaped like gitlab.com's listing (no licence unless asked)."""
    name = full_name.rsplit("/", 1)[-1]
    obj = {
        "id": pid, "description": None, "name": name, "name_with_namespace": full_name.replace("/", " / "),
        "path": name, "path_with_namespace": full_name, "created_at": "2016-03-01T10:00:00.000Z",
        "default_branch": branch, "tag_list": [], "topics": [], "ssh_url_to_repo": f"git@gitlab.com:{full_name}.git",
        "http_url_to_repo": f"https://gitlab.com/{full_name}.git", "web_url": f"https://gitlab.com/{full_name}",
        "readme_url": None, "avatar_url": None, "forks_count": 0, "star_count": stars,
        "last_activity_at": "2022-05-01T10:00:00.000Z", "archived": archived, "visibility": "public",
        "_license_key": license_key,
    }
    if forked:
        obj["forked_from_project"] = {"id": pid + 100000, "path_with_namespace": "upstream/" + name}
    return obj


class FakeForge:
    """Both fake API hosts (GitHub routes and GitLab ``/api/v4`` routes) plus a download host."""

    def __init__(self, latency_s: float = 0.0, search_cap: int = 1000) -> None:
        self.latency_s = latency_s
        self.search_cap = search_cap
        self.github: dict[str, dict[str, Any]] = {}
        self.gitlab: dict[int, dict[str, Any]] = {}
        self.renamed: dict[str, int] = {}
        self.tarballs: dict[str, bytes] = {}
        self.faults: dict[str, list[str]] = defaultdict(list)
        self.incomplete: dict[str, int] = {}  # created-range (or "*") -> times to answer incomplete_results
        self.incomplete_pages: dict[int, int] = {}  # page number (> 1) -> times any slice's page answers incomplete
        self.on_search: Any = None  # callable(forge, n-th search request) run before each search answer
        self.link_past_cap = False  # Link rel="next" also past the cap (the next page then answers 422)
        self.listed_branch: dict[str, str] = {}  # full_name -> branch search reports (renamed since)
        self.refuse_direct = False  # the download host refuses the documented URL pattern (403)
        self.not_modified: Counter = Counter()  # 304 answers per route
        self.requests: Counter = Counter()
        self.downloads: Counter = Counter()  # full bodies served per full_name
        self.auth_seen: dict[str, set[str]] = defaultdict(set)  # host role -> Authorization values
        self.lock = threading.Lock()
        self.api = _Server(self, "api")
        self.dl = _Server(self, "download")

    # -- data
    def add_github(self, repo: dict[str, Any], files: dict[str, str] | None = None) -> None:
        self.github[repo["full_name"]] = repo
        self.tarballs[repo["full_name"]] = make_tarball(repo["full_name"], files or {"README.md": f"# {repo['name']}\n"})

    def add_gitlab(self, project: dict[str, Any], files: dict[str, str] | None = None) -> None:
        self.gitlab[project["id"]] = project
        self.tarballs[project["path_with_namespace"]] = make_tarball(project["path_with_namespace"], files or {"a.py": "x = 1\n"})

    def rename(self, old_full_name: str, new_full_name: str) -> None:
        self.renamed[old_full_name] = self.github[new_full_name]["id"]

    def move(self, old_full_name: str, new_full_name: str) -> None:
        """Rename a GitHub repository in place: same id, new name; the old name answers 301."""
        repo = self.github.pop(old_full_name)
        owner, name = new_full_name.split("/")
        repo.update(full_name=new_full_name, name=name, html_url=f"https://github.com/{new_full_name}",
                    url=f"https://api.github.com/repos/{new_full_name}")
        self.github[new_full_name] = repo
        self.tarballs[new_full_name] = self.tarballs.pop(old_full_name)
        self.renamed[old_full_name] = repo["id"]

    def push(self, full_name: str, files: dict[str, str], pushed_at: str = "2024-06-01T00:00:00Z") -> None:
        """A new commit on the default branch: new archive bytes and push time."""
        self.tarballs[full_name] = make_tarball(full_name, files)
        repo = self.github.get(full_name) or next(p for p in self.gitlab.values() if p["path_with_namespace"] == full_name)
        repo["pushed_at" if "pushed_at" in repo else "last_activity_at"] = pushed_at

    def fault(self, key: str, *faults: str) -> None:
        self.faults[key].extend(faults)

    @property
    def api_url(self) -> str:
        return self.api.url

    @property
    def gitlab_url(self) -> str:
        return self.api.url + "/api/v4"

    def start(self) -> FakeForge:
        self.api.start()
        self.dl.start()
        return self

    def stop(self) -> None:
        self.api.stop()
        self.dl.stop()

    def __enter__(self) -> FakeForge:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def take_fault(self, key: str) -> str | None:
        with self.lock:
            queue = self.faults.get(key)
            return queue.pop(0) if queue else None


class _Server:
    def __init__(self, forge: FakeForge, role: str) -> None:
        handler = type("Handler", (_Handler,), {"forge": forge, "role": role})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


_CREATED = re.compile(r"created:(\S+)\.\.(\S+)")


class _Handler(BaseHTTPRequestHandler):
    forge: FakeForge
    role: str
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    # -- responses
    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None,
              content_type: str = "application/json; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-RateLimit-Limit", "5000")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, obj: Any, headers: dict[str, str] | None = None) -> None:
        self._send(status, json.dumps(obj).encode(), {"X-RateLimit-Remaining": "4999", **(headers or {})})

    def _conditional(self, obj: Any, weak: bool = False, headers: dict[str, str] | None = None) -> None:
        """200 with an ``ETag`` (GitHub: strong, GitLab: weak ``W/"md5"`` as recorded), or 304 when the
        request's ``If-None-Match`` matches it."""
        data = json.dumps(obj).encode()
        tag = f'W/"{hashlib.md5(data).hexdigest()}"' if weak else f'"{hashlib.sha256(data).hexdigest()}"'
        if self.headers.get("If-None-Match") == tag:
            with self.forge.lock:
                self.forge.not_modified[urlsplit(self.path).path] += 1
            self.send_response(304)
            self.send_header("ETag", tag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self._send(200, data, {"X-RateLimit-Remaining": "4999", "ETag": tag, **(headers or {})})

    def _fault(self, key: str) -> bool:
        fault = self.forge.take_fault(key)
        if fault is None or fault == "ok":  # "ok": this request is served normally
            return False
        msg = {"documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}
        if fault == "429":
            self._json(429, {"message": "Too Many Requests", **msg})
        elif fault == "429_retry_after":
            self._json(429, {"message": "Too Many Requests", **msg}, {"Retry-After": "0"})
        elif fault == "403_secondary":
            self._json(403, {"message": "You have exceeded a secondary rate limit. Please wait a few minutes.", **msg})
        elif fault == "403_secondary_retry_after":
            self._json(403, {"message": "You have exceeded a secondary rate limit.", **msg}, {"Retry-After": "0"})
        elif fault == "403_primary":
            reset = str(int(time.time()) + 1)
            self._json(403, {"message": "API rate limit exceeded for user ID 1.", **msg},
                       {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset})
        elif fault in ("500", "502", "404"):
            self._json(int(fault), {"message": "Server Error" if fault != "404" else "Not Found"})
        elif fault == "reset":
            self.close_connection = True
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
        elif fault == "truncate":
            data = self.forge.tarballs.get(key.split(":", 1)[-1], b"x" * 2048)
            self.send_response(200)
            self.send_header("Content-Type", "application/x-gzip")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
        else:
            raise ValueError(f"unknown fault {fault}")
        return True

    def do_GET(self) -> None:  # noqa: N802 -- http.server's name
        forge = self.forge
        if forge.latency_s:
            time.sleep(forge.latency_s)
        parts = urlsplit(self.path)
        path, query = unquote(parts.path), parse_qs(parts.query)
        auth = self.headers.get("Authorization")
        with forge.lock:
            forge.requests[f"{self.role} {path}"] += 1
            if auth:
                forge.auth_seen[self.role].add(auth)
        if self.role == "download":
            return self._download(path)
        if path.startswith("/api/v4/"):
            return self._gitlab(path[len("/api/v4"):], query)
        return self._github(path, query)

    # -- GitHub
    def _github(self, path: str, query: dict[str, list[str]]) -> None:
        forge = self.forge
        if path == "/search/repositories":
            if self._fault("search"):
                return
            return self._search(query)
        m = re.fullmatch(r"/repositories/(\d+)(/tarball(?:/(.+))?)?", path)
        if m:
            repo = next((r for r in forge.github.values() if r["id"] == int(m.group(1))), None)
            if repo is None or repo.get("private"):
                return self._json(404, {"message": "Not Found"})
            if m.group(2):
                return self._redirect_tarball(repo, m.group(3))
            return self._conditional(repo)
        m = re.fullmatch(r"/repos/([^/]+/[^/]+)(/tarball(?:/(.+))?)?", path)
        if not m:
            return self._json(404, {"message": "Not Found"})
        full_name, tarball, ref = m.group(1), m.group(2), m.group(3)
        if tarball and self._fault(f"tarball:{full_name}"):
            return
        if not tarball and self._fault(f"repo:{full_name}"):
            return
        if full_name in forge.renamed:
            target = f"{self.forge.api_url}/repositories/{forge.renamed[full_name]}" + (f"/tarball/{ref}" if tarball else "")
            body = {"message": "Moved Permanently", "url": target, "documentation_url": "https://docs.github.com/v3/#http-redirects"}
            return self._send(301, json.dumps(body).encode(), {"Location": target})
        repo = forge.github.get(full_name)
        if repo is None or repo.get("private"):  # GitHub answers 404 for a private repository too
            return self._json(404, {"message": "Not Found", "documentation_url": "https://docs.github.com/rest"})
        if tarball:
            return self._redirect_tarball(repo, ref)
        return self._conditional(repo)

    def _redirect_tarball(self, repo: dict[str, Any], ref: str | None) -> None:
        if ref and ref != repo["default_branch"]:  # the fake repositories have one branch
            return self._json(404, {"message": "Not Found", "documentation_url": "https://docs.github.com/rest"})
        ref = ref or repo["default_branch"]
        target = f"{self.forge.dl.url}/{repo['full_name']}/legacy.tar.gz/refs/heads/{quote(ref, safe='/')}"
        # as recorded (octokit get-archive): 302, quota headers, Location on the download host
        self._send(302, b"", {"Location": target, "X-RateLimit-Remaining": "4999", "X-RateLimit-Resource": "core"},
                   content_type="text/html;charset=utf-8")

    def _search(self, query: dict[str, list[str]]) -> None:
        forge = self.forge
        if forge.on_search is not None:
            with forge.lock:
                n = forge.requests["api /search/repositories"]
            forge.on_search(forge, n)
        q = query.get("q", [""])[0]
        per_page = int(query.get("per_page", ["30"])[0])
        page = int(query.get("page", ["1"])[0])
        m = _CREATED.search(q)
        lo, hi = (m.group(1), m.group(2)) if m else ("0000", "9999")
        wanted_license = re.search(r"license:(\S+)", q)
        wanted_lang = re.search(r"language:(\S+)", q)
        repos = [r for r in forge.github.values() if lo <= r["created_at"] <= hi]
        repos = [r for r in repos if not r["fork"] and not r["archived"] and not r.get("private")]
        if wanted_license:
            repos = [r for r in repos if r["license"] and r["license"]["key"] == wanted_license.group(1)]
        if wanted_lang:
            repos = [r for r in repos if (r["language"] or "").lower() == wanted_lang.group(1).lower()]
        repos.sort(key=lambda r: r["full_name"])  # not creation order: a new repository shifts later pages
        total = len(repos)
        reachable = repos[: forge.search_cap]
        if (page - 1) * per_page >= forge.search_cap:
            return self._json(422, {"message": f"Only the first {forge.search_cap} search results are available",
                                    "documentation_url": "https://docs.github.com/v3/search/"})
        items = reachable[(page - 1) * per_page: page * per_page]
        incomplete = False
        with forge.lock:
            if page > 1 and forge.incomplete_pages.get(page, 0) > 0:
                forge.incomplete_pages[page] -= 1
                incomplete = True
                items = items[: max(0, len(items) - 1)]
        with forge.lock:
            # "*": the next first page of a slice that fits under the cap answers incomplete
            key = f"{lo}..{hi}" if forge.incomplete.get(f"{lo}..{hi}") else ("*" if total <= forge.search_cap else "")
            if page == 1 and forge.incomplete.get(key, 0) > 0:
                forge.incomplete[key] -= 1
                incomplete = True
                items = items[: max(0, len(items) - 1)]
        headers = {"X-RateLimit-Limit": "30", "X-RateLimit-Remaining": "29", "X-RateLimit-Resource": "search",
                   "Cache-Control": "no-cache"}
        last = max(1, -(-(total if forge.link_past_cap else len(reachable)) // per_page))
        base = f"{forge.api_url}/search/repositories?q={quote(q)}&per_page={per_page}"
        if page < last:
            headers["Link"] = f'<{base}&page={page + 1}>; rel="next", <{base}&page={last}>; rel="last"'
        items = [{**r, "default_branch": forge.listed_branch.get(r["full_name"], r["default_branch"])} for r in items]
        self._json(200, {"total_count": total, "incomplete_results": incomplete, "items": items}, headers)

    # -- downloads
    def _download(self, path: str) -> None:
        forge = self.forge
        legacy = re.fullmatch(r"/(.+)/legacy\.tar\.gz/refs/heads/.+", path)
        direct = re.fullmatch(r"/([^/]+/[^/]+)/tar\.gz/refs/heads/(.+)", path)
        full_name = (legacy or direct).group(1) if (legacy or direct) else ""
        if self._fault(f"download:{full_name}"):
            return
        data = forge.tarballs.get(full_name)
        repo = forge.github.get(full_name)
        if direct and forge.refuse_direct:
            return self._json(403, {"message": "Forbidden"})
        if data is None or (direct and (repo is None or repo.get("private") or direct.group(2) != repo["default_branch"])):
            return self._json(404, {"message": "Not Found"})
        tag = f'W/"{hashlib.sha256(data).hexdigest()}"'
        if self.headers.get("If-None-Match") == tag:
            with forge.lock:
                forge.not_modified[path] += 1
            self.send_response(304)
            self.send_header("ETag", tag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        name = full_name.replace("/", "-") + ("-0123abc" if legacy else "")
        self._send(200, data, {"ETag": tag, "content-disposition": f"attachment; filename={name}.tar.gz"},
                   content_type="application/x-gzip")
        with forge.lock:
            forge.downloads[full_name] += 1

    # -- GitLab
    def _gitlab(self, path: str, query: dict[str, list[str]]) -> None:
        forge = self.forge
        if path == "/projects":
            if self._fault("gitlab_list"):
                return
            per_page = int(query.get("per_page", ["20"])[0])
            after = int(query.get("id_after", ["0"])[0])
            rows = sorted((p for p in forge.gitlab.values() if p["id"] > after and p["visibility"] == "public"),
                          key=lambda p: p["id"])
            if query.get("archived", [""])[0] == "false":
                rows = [p for p in rows if not p["archived"]]
            page = rows[:per_page]
            headers = {}
            if len(rows) > per_page:
                params = {k: v[0] for k, v in query.items() if k != "id_after"}
                params["id_after"] = str(page[-1]["id"])
                link = f"{forge.gitlab_url}/projects?" + "&".join(f"{k}={quote(v)}" for k, v in params.items())
                headers["Link"] = f'<{link}>; rel="next"'
            return self._conditional([self._public(p, False) for p in page], weak=True, headers=headers)
        m = re.fullmatch(r"/projects/([^/]+(?:/[^/]+)*?)(/repository/archive\.tar\.gz)?", path)
        if not m:
            return self._json(404, {"message": "404 Not Found"})
        ident, archive = m.group(1), m.group(2)
        project = (forge.gitlab.get(int(ident)) if ident.isdigit()
                   else next((p for p in forge.gitlab.values() if p["path_with_namespace"] == ident), None))
        if project is None or project["visibility"] != "public":
            return self._json(404, {"message": "404 Project Not Found"})
        if archive:
            if self._fault(f"archive:{project['id']}"):
                return
            self._send(200, forge.tarballs[project["path_with_namespace"]], content_type="application/x-gzip")
            with forge.lock:
                forge.downloads[project["path_with_namespace"]] += 1
            return
        return self._conditional(self._public(project, query.get("license", [""])[0] == "true"), weak=True)

    @staticmethod
    def _public(project: dict[str, Any], with_license: bool) -> dict[str, Any]:
        out = {k: v for k, v in project.items() if not k.startswith("_")}
        if with_license:
            key = project.get("_license_key")
            out["license_url"] = None
            out["license"] = None if key is None else {"key": key, "name": key.upper(), "nickname": None,
                                                       "html_url": f"https://choosealicense.com/licenses/{key}/",
                                                       "source_url": None}
        return out


def created(day: int) -> str:
    """``created_at`` of the ``day``-th day after 2015-01-01 (spreads repositories over time)."""
    return (dt.datetime(2015, 1, 1) + dt.timedelta(days=day)).strftime("%Y-%m-%dT%H:%M:%SZ")


FAST = {
    "rate": {"requests_per_second": None, "search_requests_per_minute": None, "concurrency": 4},
    "retry": {"backoff_base_s": 0.005, "backoff_max_s": 0.02, "secondary_min_wait_s": 0.01,
              "max_retry_after_s": 0.05, "max_attempts": 6, "timeout_s": 5},
    "progress_interval_s": 0.2,
}


def deep_merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        out[key] = deep_merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def crawl_section(api_url: str, host: str = "github", download_url: str | None = None, **extra: Any) -> dict[str, Any]:
    """A ``crawl:`` section for tests: the fake host, tiny waits, unpaced requests; ``download_url``:
    the fake download host (GitHub archives by URL pattern), else every archive goes through the API."""
    discovery = {"created_after": "2015-01-01", "created_before": "2016-12-31"}
    base = {"host": host, "api_url": api_url, "discovery": discovery, **FAST}
    if download_url:
        base["download_url"] = download_url
    return deep_merge(base, extra)
