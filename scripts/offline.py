#!/usr/bin/env python3
"""One self-contained file of the release build: `dist-offline/callcalc.html`.

Opened from disk (`file://`) the normal build shows nothing: its scripts are
module scripts loaded by URL, which browsers refuse for `file://` pages, and
its paths point at separate files. This script turns the already-built
`dist/` (`trunk build --release`, after `scripts/embed_wasm.py`) into one
HTML file that needs nothing else, without a second cargo build:

- the stylesheet becomes an inline `<style>`, the favicon a `data:` URL;
- the wasm-bindgen glue (`--target web`, an ES module) becomes part of one
  classic inline script: its `export` lines are dropped (the boot code calls
  `__wbg_init` directly) and `import.meta.url`, used only for a default wasm
  path that is never taken, becomes `document.baseURI`. A classic script, not
  a module: nothing is loaded by URL, so Chromium and Firefox run it from
  `file://` alike;
- the gzip-compressed, base64-encoded wasm (the `*_bg.wasm.js` file of
  embed_wasm.py) goes into a data block, `<script type="application/gzip+base64">`,
  which browsers never execute; the boot code reads it, inflates it with
  `DecompressionStream` (Chromium 80+, Firefox 113+) and instantiates it
  (`'wasm-unsafe-eval'`);
- the Content-Security-Policy keeps the promise of the normal build: no
  connection at all (`connect-src 'none'`), and the one inline script and the
  one inline style are allowed only by their SHA-256 hashes, computed here
  (no `'unsafe-inline'`).

The script refuses (exit status 1, a message naming what it expected) when
the build does not look as expected: anything it cannot place is an error,
never silently left out.

Usage: scripts/offline.py [DIST_DIR [OUT_FILE]]   (default: dist, dist-offline/callcalc.html)
Only the standard library is used.
"""
import base64
import hashlib
import html
import re
import sys
from pathlib import Path

# The policy of index.html with 'self' replaced by hashes (a file:// page
# has no meaningful origin to allow).
CSP = (
    "default-src 'none'; script-src {script} 'wasm-unsafe-eval'; style-src {style}; img-src data:; "
    "font-src 'none'; connect-src 'none'; worker-src 'none'; manifest-src 'none'; base-uri 'none'; "
    "form-action 'none'; object-src 'none'"
)

DATA_ID = "callcalc-wasm"

ICON_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon"}


class BuildError(Exception):
    pass


def sha256(text: str) -> str:
    """The CSP source expression of an inline element's exact text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def one(pattern: str, text: str, what: str) -> re.Match:
    found = list(re.finditer(pattern, text, re.S))
    if len(found) != 1:
        raise BuildError(f"expected one {what} in index.html, found {len(found)}")
    return found[0]


def classic_glue(glue: str, name: str) -> str:
    """The wasm-bindgen ES-module glue as statements for a classic script."""
    out = []
    for line in glue.splitlines():
        s = line.strip()
        if re.match(r"export\s*\{[^}]*\}\s*;?$", s) or re.match(r"export\s+default\s+\w+\s*;?$", s):
            continue  # `export { initSync, __wbg_init as default };`, `export default __wbg_init;`
        if re.match(r"export\s+(async\s+)?(function|class|const|let)\b", s):
            line = line.replace("export ", "", 1)
        out.append(line)
    text = "\n".join(out).replace("import.meta.url", "document.baseURI")
    for bad, why in [
        (r"^\s*import\b", "an import statement"),
        (r"^\s*export\b", "an export statement"),
        (r"\bimport\s*\(", "a dynamic import"),
        (r"import\.meta", "import.meta"),
        (r"</script", "the text </script"),
    ]:
        if re.search(bad, text, re.M | re.I):
            raise BuildError(f"the glue {name} still has {why} after conversion: cannot make a classic script")
    if not re.search(r"\basync function __wbg_init\b", text):
        raise BuildError(f"the glue {name} has no `async function __wbg_init` (another wasm-bindgen version?)")
    return text


def boot_script(glue: str) -> str:
    """One classic script: the glue, then inflating and starting the wasm."""
    return (
        "(function () {\n"
        '"use strict";\n'
        f"{glue}\n"
        "async function boot() {\n"
        "  // A classic script in <head> runs during parsing; the app mounts on <body>.\n"
        "  if (document.readyState === 'loading') {\n"
        "    await new Promise(function (r) { document.addEventListener('DOMContentLoaded', r, { once: true }); });\n"
        "  }\n"
        f"  const text = document.getElementById('{DATA_ID}').textContent.trim();\n"
        "  const binary = atob(text);\n"
        "  const gz = new Uint8Array(binary.length);\n"
        "  for (let i = 0; i < binary.length; i++) gz[i] = binary.charCodeAt(i);\n"
        "  const inflated = new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'));\n"
        "  const bytes = await new Response(inflated).arrayBuffer();\n"
        "  await __wbg_init({ module_or_path: bytes });\n"
        "}\n"
        "boot().catch(function (e) {\n"
        "  const p = document.createElement('pre');\n"
        "  p.textContent = 'callcalc could not start / callcalc не запустился: ' + e;\n"
        "  document.body.appendChild(p);\n"
        "});\n"
        "})();\n"
    )


def build(dist: Path) -> str:
    index = (dist / "index.html").read_text(encoding="utf-8")
    css_link = one(r"<link\b[^>]*\brel=\"stylesheet\"[^>]*>", index, "stylesheet link")
    css_href = one(r"href=\"\.?/?([^\"/]+\.css)\"", css_link.group(0), "stylesheet href").group(1)
    boot_tag = one(r"<script type=\"module\" src=\"\.?/?(boot-[0-9a-f]+\.js)\"></script>", index, "boot script")
    boot = (dist / boot_tag.group(1)).read_text(encoding="utf-8")
    glue_name = one(r"import init from '\./([^']+\.js)';", boot, "glue import in the boot script").group(1)
    data_name = one(r"import wasmBase64 from '\./([^']+_bg\.wasm\.js)';", boot, "wasm import in the boot script").group(1)
    data = (dist / data_name).read_text(encoding="ascii")
    b64 = one(r'^export default "([A-Za-z0-9+/=]+)";\s*$', data, f"base64 export in {data_name}").group(1)
    glue = classic_glue((dist / glue_name).read_text(encoding="utf-8"), glue_name)
    script = boot_script(glue)
    style = (dist / css_href).read_text(encoding="utf-8")
    if re.search(r"url\(|@import", style):
        raise BuildError(f"{css_href} refers to other files (url() or @import): they would be missing offline")
    if "</style" in style.lower():
        raise BuildError(f"{css_href} contains </style")

    out = index
    csp = one(r"<meta http-equiv=\"Content-Security-Policy\" content=\"[^\"]*\">", out, "CSP meta")
    policy = CSP.format(script=sha256(script), style=sha256(style))
    if "connect-src 'none'" not in csp.group(0):
        raise BuildError("index.html's CSP has no connect-src 'none': refusing to write a weaker file")
    # The served build's comment about its policy ('self', files) is wrong
    # here (removed before any script or style text is put in).
    out = re.sub(r"<!--.*?-->\s*", "", out, flags=re.S)
    out = out.replace(
        csp.group(0),
        "<!-- callcalc in one file (scripts/offline.py): no network at run time (connect-src 'none'); "
        "the inline script and style run only by their SHA-256 hashes. -->\n  "
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy, quote=False)}">',
    )
    out = out.replace(css_link.group(0), f"<style>{style}</style>")
    # The favicon (and any other icon) becomes a data: URL (img-src data:).
    for icon in re.findall(r"<link\b[^>]*\brel=\"(?:icon|shortcut icon|apple-touch-icon)\"[^>]*>", out):
        href = one(r"href=\"\.?/?([^\"/]+)\"", icon, "icon href").group(1)
        kind = ICON_TYPES.get(Path(href).suffix.lower())
        if kind is None:
            raise BuildError(f"icon {href}: unknown image type (expected one of {sorted(ICON_TYPES)})")
        data = base64.b64encode((dist / href).read_bytes()).decode("ascii")
        inline = re.sub(r"\s+integrity=\"[^\"]*\"", "", icon)
        inline = re.sub(r"href=\"[^\"]*\"", lambda _: f'href="data:{kind};base64,{data}"', inline, count=1)
        out = out.replace(icon, inline)
    # Preload hints name files that are not there offline.
    out = re.sub(r"<link\b[^>]*\brel=\"(?:modulepreload|preload)\"[^>]*>\s*", "", out)
    out = out.replace(
        boot_tag.group(0),
        f'<script type="application/gzip+base64" id="{DATA_ID}">{b64}</script>\n<script>{script}</script>',
    )
    # Only inline content may remain: no element may point at another file.
    left = re.findall(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=\"(?!data:)[^\"]*\"", out)
    if left:
        raise BuildError(f"index.html still refers to other files: {left}")
    return out


def main() -> int:
    dist = Path(sys.argv[1] if len(sys.argv) > 1 else "dist")
    target = Path(sys.argv[2] if len(sys.argv) > 2 else "dist-offline/callcalc.html")
    if not (dist / "index.html").exists():
        print(f"offline: {dist}/index.html not found: run `trunk build --release` first", file=sys.stderr)
        return 1
    try:
        page = build(dist)
    except (BuildError, OSError, UnicodeDecodeError) as e:
        print(f"offline: {e}", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    print(f"offline: wrote {target} ({target.stat().st_size} bytes, sha256 {digest})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
