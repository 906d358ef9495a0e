#!/usr/bin/env python3
"""Rehearses examples/ci/github/funnel.yml as GitHub would run it, here (run by scripts/ci-rehearsal.sh).

The workflow file is read with a YAML parser and its jobs run step by step: `run:` blocks through
`bash --noprofile --norc -eo pipefail` (GitHub's `shell: bash`) with `${{ … }}` and `if:` evaluated
(scripts/gha_expressions.py), $GITHUB_OUTPUT / $GITHUB_ENV / $GITHUB_PATH / $GITHUB_STEP_SUMMARY
honoured. The `uses:` steps are played by stand-ins: the funnel action runs this repository's
action.yml (its own run: steps, so scripts/install.sh builds and installs funnel); actions/cache keeps
entries in a folder (exact key, then the newest entry of a restore-keys prefix); upload-artifact
copies files; github-script runs the step's JavaScript under node with a recording `github` client.
An unknown action fails the rehearsal.

The user's repository is a temporary git repository holding only the example's funnel.yaml and
leads.csv (its `wix.sandbox:` keeps the emulated Wix site in .funnel/, which the state cache
carries between runs). Every job starts from a fresh clone and a fresh $RUNNER_TEMP.

Runs, in order (each asserted):
  1. pull request          plan job: exit 2, the markdown plan as a comment and in the summary, plan artifact
  2. push to main          apply job: plan exit 2, apply, state saved in the cache
  3. hourly schedule       apply job: state restored, plan exit 0, nothing applied, nothing saved
  4. the pull request again  plan exit 0 "No changes", the same comment updated (still one)
  5. a pull request deleting 5 of 24 leads: policy.max_archive refuses (exit 3), the check fails with
     an ::error annotation naming the gate; the comment shows the refusal
  6. that change pushed to main: the apply job fails the same way, applying and saving nothing
  7. a pull request adding 400 leads: the comment is cut below GitHub's 65,536 characters, and says so
  8. push and 9. hourly run with a FUNNEL_STATE_URL secret (a private PostgreSQL server started by
     scripts/ci-rehearsal.sh) and `state: ${FUNNEL_STATE_URL}`: the cache steps are skipped, apply
     then no changes, and the database password appears in no output
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

import yaml

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gha_expressions import ExpressionError, condition, substitute  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
WORKFLOW = os.path.join(ROOT, "examples/ci/github/funnel.yml")
EXAMPLE = os.path.join(ROOT, "examples/lead-funnel")
PR_NUMBER = 7
GATE_ANNOTATION = "::error title=funnel: a policy gate refused the plan::"


class RehearsalFailure(Exception):
    pass


def expect(ok, message):
    if not ok:
        raise RehearsalFailure(message)
    print(f"    ok: {message}")


def read_pairs(path):
    """name=value lines and name<<DELIMITER blocks, as in $GITHUB_OUTPUT and $GITHUB_ENV."""
    pairs = {}
    if not os.path.exists(path):
        return pairs
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            value = []
            while index < len(lines) and lines[index] != delimiter:
                value.append(lines[index])
                index += 1
            index += 1
            pairs[name] = "\n".join(value)
        elif "=" in line:
            name, value = line.split("=", 1)
            pairs[name] = value
        elif line.strip():
            raise RehearsalFailure(f"malformed line in {os.path.basename(path)}: {line!r}")
    return pairs


class Cache:
    """actions/cache: entries by key, each a copy of the cached paths; restore-keys pick the newest."""

    def __init__(self, folder):
        self.folder = folder
        self.entries = {}  # key -> (sequence, folder)
        self.sequence = 0

    def lookup(self, key, restore_keys):
        if key in self.entries:
            return key
        for prefix in restore_keys:
            matches = [(sequence, name) for name, (sequence, _) in self.entries.items() if name.startswith(prefix)]
            if matches:
                return max(matches)[1]
        return None

    def restore(self, key, paths, workspace):
        folder = self.entries[key][1]
        for index, path in enumerate(paths):
            source, target = os.path.join(folder, str(index)), os.path.join(workspace, path)
            if os.path.isdir(source):
                shutil.copytree(source, target, dirs_exist_ok=True)
            elif os.path.exists(source):
                os.makedirs(os.path.dirname(target), exist_ok=True)
                shutil.copy2(source, target)

    def save(self, key, paths, workspace):
        if key in self.entries:
            return f"Cache entry {key} exists already: not saved"
        self.sequence += 1
        folder = os.path.join(self.folder, str(self.sequence))
        os.makedirs(folder)
        found = 0
        for index, path in enumerate(paths):
            source, target = os.path.join(workspace, path), os.path.join(folder, str(index))
            if os.path.isdir(source):
                shutil.copytree(source, target)
                found += 1
            elif os.path.exists(source):
                shutil.copy2(source, target)
                found += 1
        if not found:
            return f"Path does not exist: nothing cached under {key}"
        self.entries[key] = (self.sequence, folder)
        return f"Cache saved with key: {key}"


def multiline(value):
    return [line.strip() for line in str(value or "").splitlines() if line.strip()]


class Job:
    """One job of one run: a fresh clone, a fresh $RUNNER_TEMP, steps in order, then post steps."""

    def __init__(self, rehearsal, run, name, spec):
        self.rehearsal, self.run, self.name, self.spec = rehearsal, run, name, spec
        self.folder = tempfile.mkdtemp(prefix=f"{run['github']['run_id']}-{name}-", dir=rehearsal.work)
        self.workspace = os.path.join(self.folder, "workspace")
        rehearsal.repo.clone(run["branch"], self.workspace)
        self.temp = os.path.join(self.folder, "runner-temp")
        os.makedirs(self.temp)
        self.files = {name: os.path.join(self.folder, name) for name in ("path", "env", "summary")}
        for path in self.files.values():
            open(path, "w").close()
        self.status = "success"
        self.steps = {}       # the job's steps context
        self.results = []     # every step run or skipped, in order, composite steps included
        self.post = []        # post steps registered by actions (actions/cache)
        self.summary = ""
        self.env = {}

    def contexts(self, steps, env, inputs=None, action_path=None):
        github = dict(self.run["github"])
        github["workspace"] = self.workspace
        if action_path:
            github["action_path"] = action_path
        return {
            "github": github, "secrets": self.run["secrets"], "env": env, "steps": steps,
            "runner": {"os": "Linux", "arch": "X64", "temp": self.temp, "tool_cache": os.path.join(self.folder, "tool-cache")},
            "inputs": inputs or {}, "job": {"status": self.status}, "vars": {},
        }

    def environment(self, env, extra=None):
        """The process environment of a run: step: the machine's, GitHub's variables, the job's env."""
        paths = [line for line in open(self.files["path"]).read().splitlines() if line][::-1]
        base = {name: os.environ[name] for name in ("HOME", "LANG", "TERM", "TMPDIR") if name in os.environ}
        base["PATH"] = os.pathsep.join(paths + [self.rehearsal.system_path])
        base.update({
            "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": self.workspace,
            "GITHUB_EVENT_NAME": self.run["github"]["event_name"], "GITHUB_REF": self.run["github"]["ref"],
            "GITHUB_RUN_ID": self.run["github"]["run_id"], "GITHUB_REPOSITORY": self.run["github"]["repository"],
            "RUNNER_TEMP": self.temp, "RUNNER_OS": "Linux", "RUNNER_ARCH": "X64",
            "GITHUB_PATH": self.files["path"], "GITHUB_ENV": self.files["env"],
            "GITHUB_STEP_SUMMARY": self.files["summary"],
        })
        base.update(read_pairs(self.files["env"]))
        base.update(env)
        base.update(extra or {})
        return base

    def execute(self):
        workflow = self.rehearsal.workflow
        self.env = substitute(dict(workflow.get("env") or {}), self.contexts({}, {}))
        self.env.update(substitute(dict(self.spec.get("env") or {}), self.contexts({}, self.env)))
        shell = ((self.spec.get("defaults") or workflow.get("defaults") or {}).get("run") or {}).get("shell", "bash")
        print(f"  job {self.name}")
        self.run_steps(self.spec["steps"], self.steps, self.env, shell=shell, label=self.name)
        for post in reversed(self.post):
            post()
        return self.status

    def run_steps(self, steps, steps_context, env, shell, label, inputs=None, action_path=None):
        for index, step in enumerate(steps):
            step_env = dict(env)
            contexts = self.contexts(steps_context, step_env, inputs, action_path)
            step_env.update(substitute(dict(step.get("env") or {}), contexts))
            contexts["env"] = step_env
            title = step.get("name") or step.get("id") or step.get("uses") or f"run #{index}"
            step_id = step.get("id")
            if not condition(step.get("if"), contexts, self.status):
                self.record(label, title, step_id, steps_context, "skipped", {}, "")
                continue
            if "run" in step:
                outcome, outputs, output = self.run_script(step, contexts, step_env, step.get("shell", shell), action_path)
            else:
                outcome, outputs, output = self.use(step, contexts, step_env, label)
            self.record(label, title, step_id, steps_context, outcome, outputs, output)
            if outcome == "failure" and not step.get("continue-on-error"):
                self.status = "failure"

    def record(self, label, title, step_id, steps_context, outcome, outputs, output):
        mark = {"success": "ok", "failure": "failed", "skipped": "skipped"}[outcome]
        print(f"    [{label}] {title}: {mark}")
        if outcome == "failure":
            print("      " + output.rstrip().replace("\n", "\n      "))
        if step_id:
            steps_context[step_id] = {"outcome": outcome, "conclusion": outcome, "outputs": outputs}
        self.results.append({"job": label, "title": title, "id": step_id, "outcome": outcome, "output": output,
                             "outputs": outputs})

    def run_script(self, step, contexts, env, shell, action_path):
        if shell != "bash":
            raise RehearsalFailure(f"the rehearsal runs shell: bash only, not {shell}")
        script = substitute(step["run"], contexts)
        script_path = os.path.join(self.folder, f"step-{len(self.results)}.sh")
        with open(script_path, "w") as handle:
            handle.write(script)
        output_file = os.path.join(self.folder, f"step-{len(self.results)}.output")
        open(output_file, "w").close()
        summary_before = os.path.getsize(self.files["summary"])
        extra = {"GITHUB_OUTPUT": output_file}
        if action_path:
            extra["GITHUB_ACTION_PATH"] = action_path
        workdir = os.path.join(self.workspace, step.get("working-directory", "."))
        result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script_path], cwd=workdir,
                                env=self.environment(env, extra), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, text=True, timeout=3600)
        with open(self.files["summary"]) as handle:
            handle.seek(summary_before)
            self.summary += handle.read()
        return ("success" if result.returncode == 0 else "failure"), read_pairs(output_file), result.stdout

    def use(self, step, contexts, env, label):
        uses = step["uses"]
        options = substitute(dict(step.get("with") or {}), contexts)
        name, _, _ = uses.partition("@")
        if name == "actions/checkout":
            return "success", {}, "(the job's workspace is a fresh clone)"
        if uses == "./" or name.endswith("/funnel"):
            return self.funnel_action(options, env, label)
        if name in ("actions/cache", "actions/cache/restore"):
            return self.cache_restore(options, post=name == "actions/cache")
        if name == "actions/cache/save":
            return "success", {}, self.rehearsal.cache.save(options["key"], multiline(options["path"]), self.workspace)
        if name == "actions/upload-artifact":
            return self.upload(options)
        if name == "actions/github-script":
            return self.github_script(options, env)
        raise RehearsalFailure(f"the rehearsal has no stand-in for uses: {uses}")

    def funnel_action(self, options, env, label):
        with open(os.path.join(ROOT, "action.yml")) as handle:
            action = yaml.safe_load(handle)
        inputs = {name: str(spec.get("default", "")) for name, spec in (action.get("inputs") or {}).items()}
        unknown = set(options) - set(inputs)
        if unknown:
            raise RehearsalFailure(f"the funnel action has no input(s) {sorted(unknown)}")
        inputs.update(options)
        steps_context = {}
        before = self.status
        self.run_steps(action["runs"]["steps"], steps_context, env, shell="bash", label=f"{label} > funnel action",
                       inputs=inputs, action_path=ROOT)
        outcome = "failure" if self.status == "failure" and before != "failure" else "success"
        contexts = self.contexts(steps_context, env, inputs, ROOT)
        outputs = {name: substitute(spec["value"], contexts) for name, spec in (action.get("outputs") or {}).items()}
        return outcome, outputs, ""

    def cache_restore(self, options, post):
        paths = multiline(options["path"])
        key = options["key"]
        matched = self.rehearsal.cache.lookup(key, multiline(options.get("restore-keys")))
        if matched:
            self.rehearsal.cache.restore(matched, paths, self.workspace)
        if post and matched != key:
            # actions/cache saves in its post step, when the job succeeded and the key was not hit.
            def save():
                if self.status == "success":
                    message = self.rehearsal.cache.save(key, paths, self.workspace)
                    self.results.append({"job": self.name, "title": "Post actions/cache", "id": None,
                                         "outcome": "success", "output": message, "outputs": {}})
                    print(f"    [{self.name}] Post actions/cache: {message}")
            self.post.append(save)
        outputs = {"cache-hit": "true" if matched == key else "false", "cache-primary-key": key,
                   "cache-matched-key": matched or ""}
        return "success", outputs, f"restored from {matched}" if matched else f"Cache not found for key {key}"

    def upload(self, options):
        name = options.get("name", "artifact")
        store = os.path.join(self.rehearsal.work, "artifacts", self.run["github"]["run_id"], name)
        if os.path.exists(store):
            return "failure", {}, f"an artifact named {name} exists already in this run"
        os.makedirs(store)
        missing = []
        for path in multiline(options["path"]):
            source = os.path.join(self.workspace, path)
            if os.path.exists(source):
                shutil.copy2(source, store)
            else:
                missing.append(path)
        if missing and options.get("if-no-files-found", "warn") == "error":
            return "failure", {}, f"no file at {missing}"
        return "success", {"artifact-id": "1"}, f"uploaded {sorted(os.listdir(store))}"

    def github_script(self, options, env):
        harness = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ci_rehearsal_github_script.js")
        extra = {"REHEARSAL_SCRIPT": options["script"], "REHEARSAL_COMMENTS": self.rehearsal.comments,
                 "REHEARSAL_ISSUE": str(self.run["github"]["event"].get("pull_request", {}).get("number", "")),
                 "REHEARSAL_REPOSITORY": self.run["github"]["repository"],
                 "REHEARSAL_EVENT": self.run["github"]["event_name"]}
        result = subprocess.run(["node", harness], cwd=self.workspace, env=self.environment(env, extra),
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
        return ("success" if result.returncode == 0 else "failure"), {}, result.stdout


def system_path():
    """The machine's PATH without any funnel on it: the jobs must use the one they install."""
    return os.pathsep.join(folder for folder in os.environ.get("PATH", "/usr/bin:/bin").split(os.pathsep)
                           if folder and not os.path.exists(os.path.join(folder, "funnel")))


class UserRepo:
    """The user's repository: a git repository holding only the example's funnel.yaml and leads.csv."""

    def __init__(self, path):
        self.path = path
        os.makedirs(path)
        for name in ("funnel.yaml", "leads.csv"):
            shutil.copy(os.path.join(EXAMPLE, name), path)
        with open(os.path.join(path, "funnel.yaml")) as handle:
            sandbox = yaml.safe_load(handle)["wix"]["sandbox"]
        resolved = os.path.realpath(os.path.join(path, sandbox))
        expect(resolved.startswith(os.path.realpath(path) + os.sep),
               f"the example's wix.sandbox ({sandbox}) lies inside the user's repository")
        self.git("init", "-q", "-b", "main")
        self.git("add", "funnel.yaml", "leads.csv")
        self.git("commit", "-q", "-m", "funnel.yaml and leads.csv")
        expect(sorted(self.output("ls-files").split()) == ["funnel.yaml", "leads.csv"],
               "the user's repository holds only funnel.yaml and leads.csv")

    def git(self, *arguments):
        subprocess.run(["git", "-C", self.path, "-c", "user.name=Rehearsal", "-c", "user.email=rehearsal@example.invalid",
                        *arguments], check=True, stdout=subprocess.DEVNULL)

    def output(self, *arguments):
        return subprocess.run(["git", "-C", self.path, *arguments], capture_output=True, text=True, check=True).stdout.strip()

    def clone(self, branch, workspace):
        subprocess.run(["git", "clone", "-q", "--branch", branch, self.path, workspace], check=True)

    def drop_leads(self, branch, count=5):
        """A branch without the first `count` leads (all in active phases): a plan archiving them."""
        self.git("checkout", "-q", "-b", branch)
        leads = os.path.join(self.path, "leads.csv")
        with open(leads) as handle:
            lines = handle.readlines()
        with open(leads, "w") as handle:
            handle.writelines(lines[:1] + lines[1 + count:])
        self.git("commit", "-q", "-am", f"drop {count} leads")


class Rehearsal:
    def __init__(self, work):
        self.work = work
        with open(WORKFLOW) as handle:
            self.workflow = yaml.safe_load(handle)
        self.cache = Cache(os.path.join(work, "cache"))
        self.comments = os.path.join(work, "comments.json")
        self.system_path = system_path()
        self.repo = UserRepo(os.path.join(work, "user-repo"))
        self.run_id = 1000

    def trigger(self, event_name, branch, secrets=None):
        """Runs every job whose `if:` holds for this event; returns {job name: Job}."""
        self.run_id += 1
        head = {"repo": {"full_name": "example/leads"}}
        event = {"pull_request": {"number": PR_NUMBER, "head": head}} if event_name == "pull_request" else {}
        ref = f"refs/pull/{PR_NUMBER}/merge" if event_name == "pull_request" else f"refs/heads/{branch}"
        run = {"branch": branch, "secrets": secrets or {},
               "github": {"event_name": event_name, "ref": ref, "run_id": str(self.run_id), "run_attempt": "1",
                          "repository": "example/leads", "event": event, "sha": "0" * 40}}
        triggers = self.workflow.get("on") or self.workflow.get(True)  # PyYAML reads a bare `on` as True
        expect(event_name in triggers, f"the workflow runs on {event_name}")
        print(f"\n== run {self.run_id}: {event_name} on {branch}")
        jobs = {}
        for name, spec in self.workflow["jobs"].items():
            # A job's if: sees github, needs, vars and inputs (not env, secrets or steps).
            if condition(spec.get("if"), {"github": run["github"], "needs": {}, "vars": {}, "inputs": {}}, "success"):
                job = Job(self, run, name, spec)
                job.execute()
                jobs[name] = job
        return jobs


def step(job, step_id=None, title=None):
    for result in job.results:
        if (step_id and result["id"] == step_id and result["job"] == job.name) or (title and result["title"] == title):
            return result
    raise RehearsalFailure(f"job {job.name} has no step {step_id or title}")


def action_step(job, step_id):
    """A step of the funnel action (action.yml) as run inside `job`."""
    for result in job.results:
        if result["job"] == f"{job.name} > funnel action" and result["id"] == step_id:
            return result
    raise RehearsalFailure(f"the funnel action in job {job.name} has no step {step_id}")


def comments():
    with open(REHEARSAL.comments) as handle:
        return [comment for comment in json.load(handle) if comment["issue_number"] == PR_NUMBER]


def rehearse(work):
    global REHEARSAL
    REHEARSAL = rehearsal = Rehearsal(work)
    started = time.monotonic()

    jobs = rehearsal.trigger("pull_request", "main")
    expect(list(jobs) == ["plan"], "a pull request runs the plan job only")
    plan = jobs["plan"]
    expect(plan.status == "success", "the plan job succeeds")
    install = action_step(plan, "install")
    expect(action_step(plan, "cache")["outputs"].get("cache-hit") == "false" and install["outcome"] == "success"
           and "install.sh: installed" in install["output"],
           "the funnel action built and installed funnel with scripts/install.sh (cache miss)")
    expect(action_step(plan, "installed")["outputs"].get("path", "").endswith("/bin/funnel"),
           "the funnel action's output names the binary")
    expect(step(plan, "plan")["outputs"].get("exitcode") == "2", "plan exits 2: changes")
    expect("### funnel plan: Lead Funnel" in plan.summary, "the markdown plan is in the job summary")
    expect("maya.cohen@brightpath.io" not in plan.summary, "personal data is masked in the summary")
    posted = comments()
    expect(len(posted) == 1 and posted[0]["body"].startswith("<!-- funnel-plan -->")
           and "### funnel plan: Lead Funnel" in posted[0]["body"], "the plan is a comment on the pull request")
    artifact = os.path.join(work, "artifacts", str(rehearsal.run_id), "funnel-plan")
    expect(sorted(os.listdir(artifact)) == ["plan.json", "plan.md"], "plan.json and plan.md are the funnel-plan artifact")
    expect(step(plan, title="Fail the check when a policy gate refused the plan")["outcome"] == "skipped",
           "no gate refused")

    jobs = rehearsal.trigger("push", "main")
    expect(list(jobs) == ["apply"], "a push to main runs the apply job only")
    apply = jobs["apply"]
    expect(apply.status == "success", "the apply job succeeds")
    expect(action_step(apply, "cache")["outputs"].get("cache-hit") == "true"
           and action_step(apply, "install")["outcome"] == "skipped",
           "the funnel action restored the binary from its cache (no second build)")
    expect(step(apply, "plan")["outputs"].get("exitcode") == "2", "plan exits 2 on main")
    expect(step(apply, "apply")["outcome"] == "success", "apply ran and succeeded")
    expect(step(apply, title="Save the state")["outcome"] == "success"
           and any(key.startswith("funnel-state-") for key in rehearsal.cache.entries), "the state was saved in the cache")
    expect("### funnel plan: Lead Funnel" in apply.summary, "the applied plan is in the job summary")

    jobs = rehearsal.trigger("schedule", "main")
    apply = jobs["apply"]
    expect(list(jobs) == ["apply"] and apply.status == "success", "the hourly run applies and succeeds")
    expect(step(apply, "plan")["outputs"].get("exitcode") == "0", "after restoring the state, plan exits 0: no changes")
    expect("No changes" in apply.summary, "the summary says No changes")
    expect(step(apply, "apply")["outcome"] == "skipped", "nothing is applied")
    expect(step(apply, title="Save the state")["outcome"] == "skipped", "nothing new is saved")

    jobs = rehearsal.trigger("pull_request", "main")
    plan = jobs["plan"]
    expect(plan.status == "success" and step(plan, "plan")["outputs"].get("exitcode") == "0",
           "the pull request planned again: exit 0")
    posted = comments()
    expect(len(posted) == 1 and "No changes" in posted[0]["body"], "the same comment now says No changes (one comment)")

    # A pull request that deletes 5 of the 24 leads: policy.max_archive (10%) refuses the plan.
    rehearsal.repo.drop_leads("drop-leads")
    jobs = rehearsal.trigger("pull_request", "drop-leads")
    plan = jobs["plan"]
    expect(plan.status == "failure", "the check fails")
    expect(step(plan, "plan")["outputs"].get("exitcode") == "3", "plan exits 3: a policy gate refused")
    gate = step(plan, title="Fail the check when a policy gate refused the plan")
    annotation = [line for line in gate["output"].splitlines() if line.startswith(GATE_ANNOTATION)]
    expect(gate["outcome"] == "failure" and annotation and "max_archive" in annotation[0],
           f"an ::error annotation names the gate: {annotation[0] if annotation else gate['output']!r}")
    expect("Refused" in comments()[0]["body"], "the comment shows the refusal")

    # The same change pushed to main: the apply job refuses it too, and applies nothing.
    rehearsal.repo.git("checkout", "-q", "main")
    before = rehearsal.repo.output("rev-parse", "HEAD")
    rehearsal.repo.git("merge", "-q", "--ff-only", "drop-leads")
    apply = rehearsal.trigger("push", "main")["apply"]
    expect(apply.status == "failure" and step(apply, "plan")["outputs"].get("exitcode") == "3",
           "on main, the refused plan fails the apply job")
    expect(any(line.startswith(GATE_ANNOTATION) and "max_archive" in line for line in step(apply, "plan")["output"].splitlines()),
           "with an ::error annotation naming the gate")
    expect(step(apply, "apply")["outcome"] == "skipped" and step(apply, title="Save the state")["outcome"] == "skipped",
           "nothing is applied or saved")
    rehearsal.repo.git("reset", "-q", "--hard", before)

    # A pull request adding 400 leads: the plan is longer than a comment may be; the comment is cut
    # and says where the whole plan is, the summary holds it all.
    rehearsal.repo.git("checkout", "-q", "-b", "many-leads")
    leads_path = os.path.join(rehearsal.repo.path, "leads.csv")
    with open(leads_path) as handle:
        header = handle.readline().strip().split(",")
    with open(leads_path, "a") as handle:
        for index in range(400):
            # By column name, so the rows follow the example's header whatever columns it gains.
            values = {"id": f"N-{index}", "first_name": "Lead", "last_name": f"Number {index}",
                      "email": f"lead{index}@example.com", "company": f"Company {index}", "stage": "new",
                      "updated_at": "2026-11-30", "owner": "Dana Levi", "amount": str(1000 + index),
                      "close_date": "2027-03-01"}
            handle.write(",".join(values.get(column, "") for column in header) + "\n")
    rehearsal.repo.git("commit", "-q", "-am", "400 more leads")
    plan = rehearsal.trigger("pull_request", "many-leads")["plan"]
    body = comments()[0]["body"]
    expect(plan.status == "success" and step(plan, "plan")["outputs"].get("exitcode") == "2", "the large plan exits 2")
    expect(len(plan.summary) > 65536 and len(body) <= 65536 and "longer than a comment" in body,
           f"the comment is cut to {len(body)} characters and says so; the summary holds all {len(plan.summary)}")

    # PostgreSQL: with a FUNNEL_STATE_URL secret and `state: ${FUNNEL_STATE_URL}` in funnel.yaml, the
    # state lives in the database and the cache steps stand aside. The Wix site (the sandbox's data)
    # now lives outside the workspace, as a real one does, since no cache carries it.
    url = os.environ.get("REHEARSAL_STATE_URL", "")
    if not url:
        raise RehearsalFailure("REHEARSAL_STATE_URL (a PostgreSQL URL) is not set: run scripts/ci-rehearsal.sh")
    password = urllib.parse.urlsplit(url).password
    rehearsal.repo.git("checkout", "-q", "main")
    config = os.path.join(rehearsal.repo.path, "funnel.yaml")
    with open(config) as handle:
        text = handle.read()
    for old, new in (("sandbox: .funnel/sandbox.json", f"sandbox: {os.path.join(work, 'wix-site', 'sandbox.json')}"),
                     ("state: .funnel/state.db", "state: ${FUNNEL_STATE_URL}")):
        expect(old in text, f"funnel.yaml has {old!r}, changed to {new!r}")
        text = text.replace(old, new)
    with open(config, "w") as handle:
        handle.write(text)
    rehearsal.repo.git("commit", "-q", "-am", "state in PostgreSQL")
    cached = set(rehearsal.cache.entries)
    secrets = {"FUNNEL_STATE_URL": url}
    outputs = []
    for event, exitcode in (("push", "2"), ("schedule", "0")):
        apply = rehearsal.trigger(event, "main", secrets)["apply"]
        expect(apply.status == "success", f"the {event} run succeeds with the state in PostgreSQL")
        expect(step(apply, title="Restore the state")["outcome"] == "skipped"
               and step(apply, title="Save the state")["outcome"] == "skipped", "the cache steps are skipped")
        expect(step(apply, "plan")["outputs"].get("exitcode") == exitcode, f"plan exits {exitcode}")
        expect(step(apply, "apply")["outcome"] == ("success" if exitcode == "2" else "skipped"),
               "applied" if exitcode == "2" else "nothing applied")
        outputs += [result["output"] or "" for result in apply.results] + [apply.summary]
        expect(not os.path.exists(os.path.join(apply.workspace, ".funnel", "state.db")), "no state file in the workspace")
    listed = subprocess.run([action_step(apply, "installed")["outputs"]["path"], "state", "list", "-c", "funnel.yaml"],
                            cwd=apply.workspace, env=dict(os.environ, FUNNEL_STATE_URL=url), capture_output=True, text=True)
    with open(os.path.join(rehearsal.repo.path, "leads.csv")) as handle:
        leads = len(handle.readlines()) - 1
    expect(listed.returncode == 0 and listed.stdout.count("card[") == leads,
           f"funnel state list reads a card for each of the {leads} leads from PostgreSQL"
           f" ({listed.stdout.count('card[')} listed{listed.stderr.strip()})")
    expect(set(rehearsal.cache.entries) == cached, "no state was cached")
    expect(not any(password in output for output in outputs), "the database password appears in no log or summary")
    print(f"\nThe rehearsal passed in {time.monotonic() - started:.1f} s.")


def in_work_folder(title, rehearse):
    """Runs rehearse(work) in a new temporary folder, removed afterwards unless --keep (or
    REHEARSAL_KEEP=1); a failed expectation exits 1 naming it."""
    keep = "--keep" in sys.argv or bool(os.environ.get("REHEARSAL_KEEP"))
    work = tempfile.mkdtemp(prefix=f"funnel-{title.lower().replace(' ', '-')}-")
    try:
        rehearse(work)
    except (RehearsalFailure, ExpressionError) as error:
        print(f"\n{title.upper()} FAILED: {error}" + (f"\n(work folder kept: {work})" if keep else " (--keep keeps the work folder)"))
        sys.exit(1)
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    in_work_folder("CI rehearsal", rehearse)
