#!/usr/bin/env python3
"""Checks docs/architecture.md against Package.swift, and that its diagram is one Mermaid draws.

- The ```mermaid block's edges (`A --> B`) must be exactly the dependencies between the package's own
  non-test targets, as `swift package dump-package` reports them.
- Each non-test target has a `### Name` section whose `May import:` line names exactly that target's
  dependencies: its own targets and the products of other packages.
- With `--render`, the block is drawn by the real mermaid.js (scripts/fetch-mermaid.sh) in headless
  Chromium, the way GitHub draws it, and a parse error fails the check.

Usage: scripts/check-architecture.py [--render] [--package-json FILE]   (exit 1 on a mismatch)
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC = os.path.join(ROOT, "docs", "architecture.md")


def package_graph(package_json):
    """{target: (set of own-target dependencies, set of product dependencies)} for non-test targets."""
    if package_json:
        with open(package_json) as handle:
            package = json.load(handle)
    else:
        output = subprocess.run(["swift", "package", "dump-package"], cwd=ROOT, check=True,
                                capture_output=True, text=True).stdout
        package = json.loads(output)
    targets = {t["name"]: t for t in package["targets"] if t["type"] != "test"}
    own_names = {t["name"] for t in package["targets"]}
    graph = {}
    for name, target in targets.items():
        own, products = set(), set()
        for dependency in target["dependencies"]:
            (kind, value), = dependency.items()
            if kind in ("byName", "target"):
                (own if value[0] in own_names else products).add(value[0])
            elif kind == "product":
                products.add(value[0])
        graph[name] = (own, products)
    return graph


def diagram(markdown):
    match = re.search(r"```mermaid\n(.*?)\n```", markdown, re.S)
    if not match:
        sys.exit("docs/architecture.md: no ```mermaid block")
    return match.group(1)


def diagram_edges(source):
    edges = set()
    for line in source.splitlines():
        match = re.fullmatch(r"\s*(\w+)\s*-->\s*(\w+)\s*", line)
        if match:
            edges.add((match.group(1), match.group(2)))
    return edges


def documented_imports(markdown):
    """{target: set of names} from each `### Target` section's `May import:` line."""
    sections = {}
    for match in re.finditer(r"^### `?(\w+)`?\n(.*?)(?=^#{2,3} |\Z)", markdown, re.S | re.M):
        line = re.search(r"^May import: (.*?)(?:\n\n|\Z)", match.group(2), re.M | re.S)
        if line is None:
            sections[match.group(1)] = None
            continue
        text = line.group(1).strip().rstrip(".")
        sections[match.group(1)] = set() if text.startswith("nothing") else set(re.findall(r"`(\w+)`", text))
    return sections


def render(source):
    """Draws `source` with mermaid.js in headless Chromium; returns `rendered` or `error: …`."""
    mermaid = os.environ.get("FUNNEL_MERMAID_JS", os.path.join(ROOT, ".tools", "mermaid", "mermaid.min.js"))
    if not os.path.exists(mermaid):
        sys.exit(f"{mermaid} is missing: run scripts/fetch-mermaid.sh")
    chromium = os.environ.get("FUNNEL_CHROMIUM", "chromium")
    literal = json.dumps(source).replace("</", "<\\/")
    page = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><script src="file://{mermaid}"></script></head>
<body><pre id="status">pending</pre><div id="diagram"></div>
<script>
mermaid.initialize({{ startOnLoad: false, securityLevel: "strict" }});
mermaid.render("modules", {literal})
  .then(function (result) {{
    document.getElementById("diagram").innerHTML = result.svg;
    document.getElementById("status").textContent = "rendered " + document.querySelectorAll("#diagram g.node").length + " nodes";
  }})
  .catch(function (error) {{
    document.getElementById("status").textContent = "error: " + (error && error.message ? error.message : error);
  }});
</script></body></html>"""
    with tempfile.TemporaryDirectory() as scratch:
        path = os.path.join(scratch, "architecture.html")
        with open(path, "w") as handle:
            handle.write(page)
        # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                              f"--user-data-dir={scratch}/profile", "--virtual-time-budget=10000", "--dump-dom",
                              "file://" + path], check=True, capture_output=True, text=True, timeout=120).stdout
    match = re.search(r'<pre id="status">([^<]*)</pre>', dom)
    return match.group(1) if match else "error: no status in the page"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--render", action="store_true", help="also draw the diagram with mermaid.js in Chromium")
    parser.add_argument("--package-json", help="a saved `swift package dump-package` output")
    arguments = parser.parse_args()

    with open(DOC) as handle:
        markdown = handle.read()
    graph = package_graph(arguments.package_json)
    problems = []

    source = diagram(markdown)
    drawn = diagram_edges(source)
    declared = {(name, dependency) for name, (own, _) in graph.items() for dependency in own}
    for edge in sorted(declared - drawn):
        problems.append(f"diagram lacks {edge[0]} --> {edge[1]} (Package.swift declares it)")
    for edge in sorted(drawn - declared):
        problems.append(f"diagram draws {edge[0]} --> {edge[1]}, which Package.swift does not declare")

    sections = documented_imports(markdown)
    for name, (own, products) in sorted(graph.items()):
        if name not in sections:
            problems.append(f"no `### {name}` section")
        elif sections[name] is None:
            problems.append(f"### {name}: no `May import:` line")
        elif sections[name] != own | products:
            missing, extra = (own | products) - sections[name], sections[name] - (own | products)
            problems.append(f"### {name}: May import lacks {sorted(missing)}, lists undeclared {sorted(extra)}")
    for name in sorted(set(sections) - set(graph)):
        problems.append(f"### {name}: not a target of Package.swift")

    if arguments.render:
        status = render(source)
        print(f"mermaid: {status}")
        if not status.startswith("rendered"):
            problems.append(f"mermaid cannot draw the diagram: {status}")

    for problem in problems:
        print(f"docs/architecture.md: {problem}", file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"docs/architecture.md matches Package.swift: {len(declared)} edges between {len(graph)} targets")


if __name__ == "__main__":
    main()
