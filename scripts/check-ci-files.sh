#!/usr/bin/env bash
# Checks every CI file (action.yml, examples/ci/github/*.yml, examples/ci/gitlab/.gitlab-ci.yml) with
# tools we did not write: PyYAML, check-jsonschema's built-in GitHub and GitLab schemas, actionlint
# and shellcheck; then breaks copies of them in known ways and expects each check to catch its break.
# Run by .ci/run, which installs the tools; scripts/check_ci_files.py says what each file gets.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 scripts/check_ci_files.py "$PWD"
echo
python3 scripts/check_ci_files.py --self-test
