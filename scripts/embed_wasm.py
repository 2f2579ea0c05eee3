#!/usr/bin/env python3
"""Trunk post-build hook: embed the wasm module in a script so the page needs no fetch().

The Content-Security-Policy of index.html forbids every network connection
(`connect-src 'none'`), including the fetch() that wasm-bindgen's loader uses
for the .wasm file. This hook, run by Trunk in its staging directory:

1. writes the wasm bytes, gzip-compressed and base64-encoded, into
   `<name>_bg.wasm.js` (`export default "<base64>"`), a script loaded under
   `script-src 'self'` (compressing first keeps the page small whether or not
   the server compresses: base64 of raw wasm gzips poorly);
2. writes `boot-<hash>.js`, which decodes the base64, inflates it with the
   browser's DecompressionStream (no network involved) and calls the
   wasm-bindgen initialiser with the bytes (instantiation needs
   `'wasm-unsafe-eval'`);
3. replaces Trunk's inline loader (an inline script the CSP would block) and
   the wasm preload link in index.html with one `<script type="module" src>`;
4. removes the now unused .wasm file.

Only the standard library is used.
"""
import base64
import gzip
import hashlib
import os
import re
import sys
from pathlib import Path


def main() -> int:
    stage = Path(os.environ.get("TRUNK_STAGING_DIR", sys.argv[1] if len(sys.argv) > 1 else "dist"))
    index = stage / "index.html"
    html = index.read_text(encoding="utf-8")
    wasm_files = sorted(stage.glob("*_bg.wasm"))
    if len(wasm_files) != 1:
        print(f"embed_wasm: expected one *_bg.wasm in {stage}, found {len(wasm_files)}", file=sys.stderr)
        return 1
    wasm = wasm_files[0]
    glue = wasm.name[: -len("_bg.wasm")] + ".js"
    if not (stage / glue).exists():
        print(f"embed_wasm: wasm-bindgen glue {glue} not found", file=sys.stderr)
        return 1

    # mtime=0: the same wasm gives the same file (and hash) every build.
    b64 = base64.b64encode(gzip.compress(wasm.read_bytes(), compresslevel=9, mtime=0)).decode("ascii")
    data_name = wasm.name + ".js"
    (stage / data_name).write_text(f'export default "{b64}";\n', encoding="ascii")

    boot = (
        f"import init from './{glue}';\n"
        f"import wasmBase64 from './{data_name}';\n"
        "const text = atob(wasmBase64);\n"
        "const packed = new Uint8Array(text.length);\n"
        "for (let i = 0; i < text.length; i++) packed[i] = text.charCodeAt(i);\n"
        "const inflated = new Blob([packed]).stream().pipeThrough(new DecompressionStream('gzip'));\n"
        "const bytes = await new Response(inflated).arrayBuffer();\n"
        "await init({ module_or_path: bytes });\n"
    )
    boot_name = "boot-" + hashlib.sha256(boot.encode()).hexdigest()[:16] + ".js"
    (stage / boot_name).write_text(boot, encoding="ascii")

    inline = re.compile(r"<script type=\"module\">\s*import init.*?</script>", re.S)
    preload = re.compile(r"<link rel=\"preload\" href=\"[^\"]*_bg\.wasm\"[^>]*>")
    if not inline.search(html):
        print("embed_wasm: Trunk's inline loader was not found in index.html", file=sys.stderr)
        return 1
    html = inline.sub(lambda _: f'<script type="module" src="./{boot_name}"></script>', html, count=1)
    html = preload.sub("", html)
    index.write_text(html, encoding="utf-8")
    size = wasm.stat().st_size
    wasm.unlink()
    print(f"embed_wasm: {wasm.name} ({size} bytes) embedded as {data_name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
