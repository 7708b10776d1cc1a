#!/usr/bin/env python3
"""Trunk post-build hook: puts the Content-Security-Policy in index.html.

The policy (a <meta http-equiv> first in <head>): scripts only from the
page's origin, plus the hash of each inline script Trunk writes (the module
that loads the wasm; it changes with every build, so the hash is computed
here), and 'wasm-unsafe-eval' to compile the WebAssembly; no eval; fetches
(the wasm, the worker's files) only from the origin; no plugins, no form
posts, no <base> elsewhere. Inline style attributes stay allowed (the
charts size their canvases with them; a style cannot run code). Workers
take their policy from their own responses, not from this tag.

Run by Trunk (Trunk.toml [[hooks]]) with TRUNK_STAGING_DIR set; or by hand:
scripts/csp.py DIR.
"""

import base64
import hashlib
import os
import re
import sys

POLICY = (
    "default-src 'self'; "
    "script-src 'self' 'wasm-unsafe-eval' {hashes}; "
    "worker-src 'self'; "
    "connect-src 'self'; "
    "img-src 'self' data: blob:; "
    "style-src 'self' 'unsafe-inline'; "
    "object-src 'none'; "
    "base-uri 'self'; "
    "form-action 'none'"
)


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("TRUNK_STAGING_DIR", "dist")
    path = os.path.join(folder, "index.html")
    html = open(path, encoding="utf-8").read()
    html = re.sub(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
        for s in scripts
    )
    meta = '<meta http-equiv="Content-Security-Policy" content="' + POLICY.format(hashes=hashes) + '" />'
    html = html.replace('<meta charset="utf-8" />', '<meta charset="utf-8" />\n    ' + meta, 1)
    if meta not in html:
        sys.exit("csp.py: no <meta charset> in index.html to put the policy after")
    open(path, "w", encoding="utf-8").write(html)
    print(f"csp.py: policy with {len(scripts)} inline script hash(es) in {path}")


if __name__ == "__main__":
    main()
