#!/usr/bin/env python3
"""Validates every example and valid fixture against schema/funnel.schema.json with an
independent validator (Python jsonschema, Draft 2020-12), and checks that the schema rejects
an unknown key and a literal secret, as the Swift loader does.

Usage: python3 scripts/check-schema.py   (installs jsonschema and PyYAML with pip if missing)
"""
import glob
import importlib
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Invalid fixtures whose problem only the loader can see (it needs the environment, the template
# engine, YAML details PyYAML hides, or cross-references between sections). Every other invalid
# fixture must be rejected by the schema too.
LOADER_ONLY = {
    "boolean-yes",                      # PyYAML reads `yes` as true; the loader refuses it
    "duplicate-key", "duplicate-key-three-times", "duplicate-key-crlf",  # PyYAML keeps the last value
    "duplicate-phase", "phase-named-win", "was-is-a-current-phase", "was-listed-twice",
    "map-target-not-a-phase", "map-target-win-by-name",
    "template-syntax-error", "env-variable-missing", "env-reference-malformed",
    "mirror-without-stages", "mirror-unknown-stages",
    "literal-http-authorization",       # depends on the header's name
    "state-literal-database-password",
}


def require(module, package):
    try:
        return importlib.import_module(module)
    except ImportError:
        subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", package])
        return importlib.import_module(module)


jsonschema = require("jsonschema", "jsonschema")
yaml = require("yaml", "PyYAML")


def load_yaml(path):
    with open(path, encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    # YAML allows integer keys (stage ids); JSON objects only have string keys.
    return json.loads(json.dumps(document, default=str))


def main():
    with open(os.path.join(ROOT, "schema", "funnel.schema.json"), encoding="utf-8") as handle:
        schema = json.load(handle)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    files = sorted(glob.glob(os.path.join(ROOT, "examples", "**", "funnel.yaml"), recursive=True))
    files += sorted(glob.glob(os.path.join(ROOT, "Tests", "FunnelConfigTests", "Fixtures", "valid", "*.yaml")))
    failures = 0
    for path in files:
        errors = sorted(validator.iter_errors(load_yaml(path)), key=lambda error: list(error.path))
        name = os.path.relpath(path, ROOT)
        if errors:
            failures += 1
            for error in errors:
                location = "/".join(str(part) for part in error.path) or "(root)"
                print(f"{name}: {location}: {error.message}")
        else:
            print(f"ok   {name}")
    if not files:
        print("no configs found to check")
        failures += 1

    invalid = sorted(glob.glob(os.path.join(ROOT, "Tests", "FunnelConfigTests", "Fixtures", "invalid", "*.yaml")))
    for path in invalid:
        name = os.path.splitext(os.path.basename(path))[0]
        try:
            document = load_yaml(path)
        except yaml.YAMLError:
            print(f"ok   invalid/{name} (not YAML)")
            continue
        if validator.is_valid(document):
            if name not in LOADER_ONLY:
                failures += 1
                print(f"FAIL invalid/{name} is accepted by the schema")
        elif name in LOADER_ONLY:
            print(f"ok   invalid/{name} (also rejected by the schema)")
        else:
            print(f"ok   invalid/{name} rejected")

    example = load_yaml(os.path.join(ROOT, "examples", "lead-funnel", "funnel.yaml"))
    rejected = {
        "an unknown top-level key": dict(example, workflows=example["workflow"]),
        "an unknown nested key": dict(example, wix=dict(example["wix"], sitId="abc")),
        "a literal API key": dict(example, wix={"siteId": "${WIX_SITE_ID}", "apiKey": "IST.literal"}),
        "both sandbox and siteId": dict(example, wix=dict(example["wix"], siteId="x", apiKey="${WIX_API_KEY}")),
    }
    for label, document in rejected.items():
        if validator.is_valid(document):
            failures += 1
            print(f"FAIL the schema accepts a config with {label}")
        else:
            print(f"ok   the schema rejects a config with {label}")

    if failures:
        print(f"{failures} problem(s)")
        return 1
    print(f"schema check passed: {len(files)} configs valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
