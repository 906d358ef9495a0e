#!/usr/bin/env python3
"""Rehearses examples/ci/gitlab/.gitlab-ci.yml here (run by scripts/ci-rehearsal.sh after the GitHub one).

The file is read with a YAML parser; `workflow:rules` and each job's `rules:` pick the jobs of a
pipeline; `extends:` is merged; each job's before_script + script runs as one `bash -eo pipefail`
script (as GitLab's runner does) in a fresh clone of a temporary repository holding only the
example's funnel.yaml and leads.csv, with the job's variables. Stand-ins: the `cache:` keys live in a
folder (restored before a job, saved after it by its policy and `when`); `artifacts:` of the jobs
named in `needs:` are copied into the workspace; `apt-get` is a shim that checks the packages are
installed; the funnel:install job finds its binary in the cache (seeded by scripts/install.sh, as a
first pipeline would have left it), so its build branch is the one path not run here.

Pipelines (each asserted):
  1. merge request     install, plan (exit 2, plan.md and plan.json artifacts); the manual job waits
  2. default branch    install, apply: plan exit 2, apply, state cached
  3. schedule          apply: state restored, "No changes: nothing to apply."
  4. merge request dropping 5 of 24 leads: the plan job fails naming policy.max_archive
  5. merge request moving a lead, then its manual job played: the reviewed plan applied as saved
"""
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time

import yaml

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ci_rehearsal import ROOT, Cache, RehearsalFailure, UserRepo, expect, in_work_folder, system_path  # noqa: E402

PIPELINE = os.path.join(ROOT, "examples/ci/gitlab/.gitlab-ci.yml")
RESERVED = {"stages", "variables", "workflow", "default", "include", "image", "services", "cache",
            "before_script", "after_script"}
RULE = re.compile(r"""\s*(?:(?P<variable>\$[A-Za-z_][A-Za-z0-9_]*)|(?P<string>"[^"]*"|'[^']*')|(?P<op>==|!=|&&|\|\||\(|\)))""")
APT_GET = """#!/bin/sh
# apt-get stand-in for the rehearsal: the packages a job asks for must already be installed.
[ "$1" = install ] || exit 0
for package in "$@"; do
  case "$package" in install|-*) continue ;; esac
  dpkg -s "$package" >/dev/null 2>&1 || { echo "apt-get stand-in: $package is not installed here" >&2; exit 100; }
done
"""


def expand(text, variables):
    """$NAME and ${NAME} from the job's variables, as GitLab expands keys and variables."""
    return re.sub(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?", lambda match: variables.get(match.group(1), ""), str(text))


def rule_holds(expression, variables):
    """A rules `if:` made of $VARIABLES, "strings", ==, !=, &&, || and parentheses."""
    tokens, position = [], 0
    while position < len(expression.rstrip()):
        match = RULE.match(expression, position)
        if not match:
            raise RehearsalFailure(f"the rehearsal cannot read the rule {expression!r} at {expression[position:]!r}")
        tokens.append((match.lastgroup, match.group(match.lastgroup)))
        position = match.end()
    index = 0

    def value():
        nonlocal index
        kind, token = tokens[index]
        index += 1
        if token == "(":
            result = disjunction()
            index += 1
            return result
        return variables.get(token[1:]) if kind == "variable" else token[1:-1]

    def comparison():
        nonlocal index
        left = value()
        if index < len(tokens) and tokens[index][1] in ("==", "!="):
            operator = tokens[index][1]
            index += 1
            right = value()
            return (left == right) == (operator == "==")
        return bool(left)

    def conjunction():
        nonlocal index
        result = comparison()
        while index < len(tokens) and tokens[index][1] == "&&":
            index += 1
            result = comparison() and result
        return result

    def disjunction():
        nonlocal index
        result = conjunction()
        while index < len(tokens) and tokens[index][1] == "||":
            index += 1
            result = conjunction() or result
        return result

    return disjunction()


def merged(base, override):
    """`extends:`: mappings merged key by key, anything else replaced."""
    result = dict(base)
    for key, value in override.items():
        result[key] = merged(result[key], value) if isinstance(value, dict) and isinstance(result.get(key), dict) else value
    return result


def lines(value):
    return [value] if isinstance(value, str) else list(value or [])


class GitLab:
    def __init__(self, work, funnel_binary):
        self.work = work
        with open(PIPELINE) as handle:
            self.pipeline = yaml.safe_load(handle)
        self.repo = UserRepo(os.path.join(work, "user-repo"))
        self.cache = Cache(os.path.join(work, "cache"))
        self.shims = os.path.join(work, "shims")
        os.makedirs(self.shims)
        with open(os.path.join(self.shims, "apt-get"), "w") as handle:
            handle.write(APT_GET)
        os.chmod(os.path.join(self.shims, "apt-get"), stat.S_IRWXU)
        self.artifacts = {}  # (pipeline id, job) -> folder
        self.pipeline_id = 500
        self.seed_install_cache(funnel_binary)

    def job_spec(self, name):
        spec = self.pipeline[name]
        for parent in lines(spec.get("extends")):
            spec = merged(self.job_spec(parent), {key: value for key, value in spec.items() if key != "extends"})
        return spec

    def variables(self, source, branch):
        variables = {"CI": "true", "GITLAB_CI": "true", "CI_PIPELINE_SOURCE": source, "CI_DEFAULT_BRANCH": "main",
                     "CI_PIPELINE_ID": str(self.pipeline_id)}
        if source == "merge_request_event":
            variables.update({"CI_MERGE_REQUEST_IID": "3", "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME": branch})
        else:
            variables["CI_COMMIT_BRANCH"] = branch
        return variables

    def seed_install_cache(self, funnel_binary):
        """The cache a first pipeline's funnel:install job leaves: .funnel-bin/bin/funnel."""
        variables = {name: str(value) for name, value in (self.pipeline.get("variables") or {}).items()}
        spec = self.job_spec("funnel:install")
        staging = os.path.join(self.work, "seed")
        os.makedirs(os.path.join(staging, ".funnel-bin", "bin"))
        shutil.copy2(funnel_binary, os.path.join(staging, ".funnel-bin", "bin", "funnel"))
        self.cache.save(expand(spec["cache"]["key"], variables), lines(spec["cache"]["paths"]), staging)

    def run_pipeline(self, source, branch, play=()):
        """The jobs of one pipeline, stage by stage; manual jobs run only when named in `play`."""
        self.pipeline_id += 1
        variables = self.variables(source, branch)
        print(f"\n== GitLab pipeline {self.pipeline_id}: {source} on {branch}")
        if not any(rule_holds(rule["if"], variables) for rule in self.pipeline["workflow"]["rules"]):
            return {}
        results = {}
        for stage in self.pipeline["stages"]:
            for name in self.pipeline:
                if name in RESERVED or name.startswith("."):
                    continue
                spec = self.job_spec(name)
                if spec.get("stage") != stage:
                    continue
                rule = next((rule for rule in spec.get("rules", [{}]) if "if" not in rule or rule_holds(rule["if"], variables)), None)
                if rule is None or rule.get("when") == "never":
                    continue
                if rule.get("when") == "manual" and name not in play:
                    results[name] = ("manual", "")
                    print(f"  [{name}] manual: waiting to be played")
                    continue
                needs = lines(spec.get("needs"))
                if any(results.get(need, ("",))[0] != "success" for need in needs):
                    results[name] = ("skipped", "")
                    print(f"  [{name}] skipped: a needed job did not succeed")
                    continue
                results[name] = self.run_job(name, spec, variables, branch, needs)
        return results

    def run_job(self, name, spec, pipeline_variables, branch, needs):
        folder = tempfile.mkdtemp(prefix=f"{self.pipeline_id}-{name.replace(':', '-')}-", dir=self.work)
        workspace = os.path.join(folder, "workspace")
        self.repo.clone(branch, workspace)
        variables = dict(pipeline_variables, CI_PROJECT_DIR=workspace, CI_JOB_NAME=name)
        for key, value in {**(self.pipeline.get("variables") or {}), **(spec.get("variables") or {})}.items():
            variables[key] = expand(value, variables)
        for need in needs:
            source = self.artifacts.get((self.pipeline_id, need))
            if source:
                shutil.copytree(source, workspace, dirs_exist_ok=True)
        cache = spec.get("cache")
        if cache:
            key, paths = expand(cache["key"], variables), lines(cache["paths"])
            if cache.get("policy", "pull-push") in ("pull", "pull-push") and self.cache.lookup(key, []):
                self.cache.restore(key, paths, workspace)
        script = "\n".join(lines(spec.get("before_script")) + lines(spec.get("script"))) + "\n"
        script_path = os.path.join(folder, "script.sh")
        with open(script_path, "w") as handle:
            handle.write(script)
        environment = {name: os.environ[name] for name in ("HOME", "LANG", "TMPDIR") if name in os.environ}
        environment.update(variables)
        environment["PATH"] = os.pathsep.join([self.shims, system_path()])
        result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script_path], cwd=workspace,
                                env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, text=True, timeout=3600)
        status = "success" if result.returncode == 0 else "failure"
        print(f"  [{name}] {status}")
        if status == "failure":
            print("    " + result.stdout.rstrip().replace("\n", "\n    "))
        if cache and cache.get("policy", "pull-push") in ("push", "pull-push") \
                and (cache.get("when", "on_success") == "always" or status == "success"):
            self.cache.entries.pop(key, None)  # GitLab overwrites a key
            self.cache.save(key, paths, workspace)
        artifacts = spec.get("artifacts")
        if artifacts and (artifacts.get("when", "on_success") == "always" or status == "success"):
            store = os.path.join(folder, "artifacts")
            os.makedirs(store)
            for path in lines(artifacts.get("paths")):
                source = os.path.join(workspace, path)
                if os.path.isdir(source):
                    shutil.copytree(source, os.path.join(store, path))
                elif os.path.exists(source):
                    shutil.copy2(source, store)
            self.artifacts[(self.pipeline_id, name)] = store
        return status, result.stdout

    def artifact(self, job, name):
        return os.path.join(self.artifacts[(self.pipeline_id, job)], name)


def rehearse(work, funnel_binary):
    started = time.monotonic()
    gitlab = GitLab(work, funnel_binary)

    jobs = gitlab.run_pipeline("merge_request_event", "main")
    expect(list(jobs) == ["funnel:install", "funnel:plan", "funnel:apply-reviewed"],
           "a merge request pipeline: install, plan, and the manual apply of the reviewed plan")
    expect(jobs["funnel:install"][0] == "success" and "0.1.0" in jobs["funnel:install"][1],
           "funnel:install took the binary from its cache")
    expect(jobs["funnel:plan"][0] == "success", "funnel:plan succeeds on changes (exit 2)")
    with open(gitlab.artifact("funnel:plan", "plan.md")) as handle:
        expect(handle.read().startswith("### funnel plan: Lead Funnel"), "plan.md is the markdown plan, an artifact")
    expect(os.path.exists(gitlab.artifact("funnel:plan", "plan.json")), "plan.json is an artifact")
    expect(jobs["funnel:apply-reviewed"][0] == "manual", "the manual job waits")

    jobs = gitlab.run_pipeline("push", "main")
    expect(list(jobs) == ["funnel:install", "funnel:apply"] and jobs["funnel:apply"][0] == "success",
           "a default-branch pipeline: install, apply; it succeeds")
    expect("Plan: " in jobs["funnel:apply"][1] and "to create" in jobs["funnel:apply"][1]
           and gitlab.cache.lookup("funnel-state", []), "it planned, applied and cached the state")

    jobs = gitlab.run_pipeline("schedule", "main")
    expect(jobs["funnel:apply"][0] == "success" and "No changes: nothing to apply." in jobs["funnel:apply"][1],
           "the scheduled pipeline restores the state: No changes: nothing to apply.")

    gitlab.repo.drop_leads("drop-leads")
    jobs = gitlab.run_pipeline("merge_request_event", "drop-leads")
    expect(jobs["funnel:plan"][0] == "failure" and "a policy gate refused the plan" in jobs["funnel:plan"][1]
           and "max_archive" in jobs["funnel:plan"][1], "a refused plan fails funnel:plan, naming policy.max_archive")
    expect(jobs["funnel:apply-reviewed"][0] == "manual", "its manual job still waits (and needs the failed plan)")

    gitlab.repo.git("checkout", "-q", "main")
    gitlab.repo.git("checkout", "-q", "-b", "move-lead")
    leads = os.path.join(gitlab.repo.path, "leads.csv")
    with open(leads) as handle:
        text = handle.read()
    with open(leads, "w") as handle:
        handle.write(text.replace("Brightpath Analytics,new,", "Brightpath Analytics,qualified,", 1))
    gitlab.repo.git("commit", "-q", "-am", "L-1001 qualified")
    jobs = gitlab.run_pipeline("merge_request_event", "move-lead", play=("funnel:apply-reviewed",))
    expect(jobs["funnel:plan"][0] == "success", "the merge request's plan succeeds")
    expect(jobs["funnel:apply-reviewed"][0] == "success", "played by hand, funnel:apply-reviewed applies the saved plan")
    jobs = gitlab.run_pipeline("merge_request_event", "move-lead")
    with open(gitlab.artifact("funnel:plan", "plan.md")) as handle:
        expect("No changes" in handle.read(), "the next plan of the merge request: No changes")
    print(f"\nThe GitLab rehearsal passed in {time.monotonic() - started:.1f} s.")


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1].startswith("-"):
        sys.exit("usage: ci_rehearsal_gitlab.py FUNNEL_BINARY [--keep]")
    in_work_folder("GitLab rehearsal", lambda work: rehearse(work, sys.argv[1]))
