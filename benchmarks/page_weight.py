"""Page weight budget: what a phone downloads for home, a guide without images, and search.

    .venv/bin/python benchmarks/page_weight.py                 # starts its own server
    .venv/bin/python benchmarks/page_weight.py --url http://127.0.0.1:8000

For each page it fetches the HTML and every file the HTML asks for (stylesheets, scripts,
images, icons, preloads, and what the CSS imports or points to with url()), each with
``Accept-Encoding: br, gzip`` as a browser sends it, and counts the bytes on the wire as the
server sends them (whitenoise serves its precompressed .br/.gz files). The app does not
compress HTML itself, so for HTML sent uncompressed it also counts the gzip size a compressing
proxy would send, and the budget uses that.

Checks (issue 5): HTML + CSS + JS under 60 KB compressed (61,440 bytes); no render-blocking
JavaScript (every external script has defer, async or type="module"); at most one stylesheet.
Exit status 1 if a check fails.
"""

import argparse
import gzip
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

from serve import BENCH, get, local_server, log

BUDGET_BYTES = 60 * 1024
PAGES = [
    ("home", "/"),
    ("guide", "/treatments/microneedling/"),
    ("search", "/search/?q=microneedling"),
]
EXECUTABLE_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


class Resources(HTMLParser):
    """Collects what the browser would fetch, and how scripts and styles are loaded."""

    def __init__(self):
        super().__init__()
        self.stylesheets: list[str] = []
        self.scripts: list[dict] = []
        self.inline_scripts = 0
        self.inline_styles = 0
        self.images: list[str] = []
        self.other: list[str] = []
        self.in_head = False
        self._script_is_inline_js = False

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        elif tag == "link":
            rel = a.get("rel", "").lower().split()
            if "stylesheet" in rel and a.get("href"):
                self.stylesheets.append(a["href"])
            elif a.get("href") and {"icon", "preload", "modulepreload", "manifest"} & set(rel):
                self.other.append(a["href"])
        elif tag == "script":
            kind = a.get("type", "").lower()
            if a.get("src"):
                self.scripts.append(
                    {
                        "src": a["src"],
                        "defer": "defer" in a,
                        "async": "async" in a,
                        "module": kind == "module",
                        "in_head": self.in_head,
                    }
                )
            elif kind in EXECUTABLE_SCRIPT_TYPES:
                self.inline_scripts += 1
        elif tag == "style":
            self.inline_styles += 1
        elif tag in ("img", "source"):
            src = a.get("src") or (a.get("srcset", "").split(",")[0].strip().split(" ")[0])
            if src:
                self.images.append(src)


def css_references(css: str) -> list[str]:
    refs = re.findall(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", css)
    refs += re.findall(r"@import\s+['\"]([^'\"]+)['\"]", css)
    return [r for r in refs if not r.startswith("data:")]


def fetch(base: str, url: str) -> dict:
    """One file as a browser gets it: status, encoding, bytes on the wire, decoded text."""
    parsed = urlparse(url)
    path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
    answer = get(base, path, headers={"Accept-Encoding": "br, gzip"})
    encoding = answer.headers.get("content-encoding", "")
    body = answer.body
    text = ""
    if encoding == "gzip":
        text = gzip.decompress(body).decode("utf-8", "replace")
    elif encoding == "":
        text = body.decode("utf-8", "replace")
    else:  # brotli: read the text from the gzip copy (no brotli decoder in the standard library)
        again = get(base, path, headers={"Accept-Encoding": "gzip"})
        if again.headers.get("content-encoding") == "gzip":
            text = gzip.decompress(again.body).decode("utf-8", "replace")
        else:
            text = again.body.decode("utf-8", "replace")
    return {
        "url": path,
        "status": answer.status,
        "encoding": encoding or "none",
        "wire": len(body),
        "gzip": len(gzip.compress(body, 6)) if encoding == "" else len(body),
        "type": answer.headers.get("content-type", ""),
        "text": text,
    }


def measure(base: str, name: str, path: str) -> dict:
    html = fetch(base, path)
    parser = Resources()
    parser.feed(html["text"])
    page_url = urljoin(base, path)
    same_site = urlparse(base).netloc

    def local(ref: str, against: str = page_url) -> str | None:
        url = urljoin(against, ref)
        return url if urlparse(url).netloc == same_site else None

    files = []
    external = []
    for kind, refs in (
        ("css", parser.stylesheets),
        ("js", [s["src"] for s in parser.scripts]),
        ("image", parser.images),
        ("other", parser.other),
    ):
        for ref in refs:
            url = local(ref)
            if url is None:
                external.append(ref)
                continue
            got = fetch(base, url)
            got["kind"] = kind
            files.append(got)
            if kind == "css":
                for inner in css_references(got["text"]):
                    inner_url = local(inner, url)
                    if inner_url is None:
                        external.append(inner)
                        continue
                    more = fetch(base, inner_url)
                    more["kind"] = "css-import" if inner.endswith(".css") else "css-asset"
                    files.append(more)
    favicon = (
        get(base, "/favicon.ico").status if not any(f["kind"] == "other" for f in files) else None
    )

    css = sum(f["wire"] for f in files if f["kind"] in ("css", "css-import"))
    js = sum(f["wire"] for f in files if f["kind"] == "js")
    html_budget_bytes = html["gzip"]
    total = html_budget_bytes + css + js
    blocking = [s["src"] for s in parser.scripts if not (s["defer"] or s["async"] or s["module"])]
    css_files = len(parser.stylesheets) + sum(1 for f in files if f["kind"] == "css-import")
    checks = {
        "budget": total < BUDGET_BYTES,
        "no_blocking_js": not blocking,
        "one_css": css_files <= 1,
        "all_200": html["status"] == 200 and all(f["status"] == 200 for f in files),
    }
    return {
        "page": name,
        "path": path,
        "status": html["status"],
        "html_wire": html["wire"],
        "html_encoding": html["encoding"],
        "html_gzip": html["gzip"],
        "css": css,
        "js": js,
        "images": sum(f["wire"] for f in files if f["kind"] in ("image", "css-asset")),
        "image_count": len(parser.images),
        "total": total,
        "requests": 1 + len(files),
        "css_files": css_files,
        "blocking_scripts": blocking,
        "inline_scripts": parser.inline_scripts,
        "inline_styles": parser.inline_styles,
        "external": external,
        "favicon_ico": favicon,
        "files": [{k: v for k, v in f.items() if k != "text"} for f in files],
        "checks": checks,
    }


def kb(n: int) -> str:
    return f"{n / 1024:.1f}"


def print_report(results: list[dict]) -> None:
    header = (
        f"{'page':<8} {'reqs':>4} {'HTML KB wire':>12} {'HTML KB gz':>10} {'CSS KB':>7} "
        f"{'JS KB':>6} {'total KB':>8} {'< 60 KB':>7} {'blocking JS':>11} {'CSS files':>9} "
        f"{'images':>6}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        wire = kb(r["html_wire"]) + ("" if r["html_encoding"] == "none" else "*")
        print(
            f"{r['page']:<8} {r['requests']:>4} {wire:>12} {kb(r['html_gzip']):>10} "
            f"{kb(r['css']):>7} {kb(r['js']):>6} {kb(r['total']):>8} "
            f"{'yes' if r['checks']['budget'] else 'NO':>7} "
            f"{len(r['blocking_scripts']):>11} {r['css_files']:>9} {r['image_count']:>6}"
        )
    print(
        "\nHTML KB wire: as the app sends it (* = compressed by the server); total = HTML gzip "
        "+ CSS + JS as sent."
    )
    for r in results:
        notes = []
        for f in r["files"]:
            notes.append(f"{f['kind']} {f['url']} {f['status']} {f['encoding']} {f['wire']} B")
        if r["inline_scripts"]:
            notes.append(f"{r['inline_scripts']} inline executable script(s)")
        if r["inline_styles"]:
            notes.append(f"{r['inline_styles']} inline <style> block(s)")
        if r["external"]:
            notes.append(f"third-party: {r['external']}")
        if r["favicon_ico"] not in (None, 200):
            notes.append(f"no icon link and /favicon.ico answers {r['favicon_ico']}")
        if r["blocking_scripts"]:
            notes.append(f"render-blocking: {r['blocking_scripts']}")
        failed = [name for name, ok in r["checks"].items() if not ok]
        notes.append("checks: " + ("all pass" if not failed else "FAILED " + ", ".join(failed)))
        print(f"  {r['page']}: " + "; ".join(notes))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", help="a running server (default: start one)")
    parser.add_argument("--guide", default=PAGES[1][1], help="path of a guide without images")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)
    pages = [(name, args.guide if name == "guide" else path) for name, path in PAGES]
    if args.url:
        results = [measure(args.url.rstrip("/"), name, path) for name, path in pages]
    else:
        with local_server() as base:
            results = [measure(base, name, path) for name, path in pages]
    print_report(results)
    out = args.json or BENCH / "results" / "page_weight.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    log(f"Saved {out}")
    guide = next(r for r in results if r["page"] == "guide")
    if guide["image_count"]:
        log(f"Note: {guide['path']} has {guide['image_count']} image(s); pick one without.")
    return 0 if all(all(r["checks"].values()) for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
