#!/usr/bin/env bash
# Checks every CI file (action.yml, examples/ci/github/*.yml, examples/ci/gitlab/.gitlab-ci.yml) with
# tools we did not write: PyYAML, check-jsonschema's built-in GitHub and GitLab schemas, actionlint
# and shellcheck. Run by .ci/run, which installs them; see scripts/check_ci_files.py for what each
# file gets.
set -euo pipefail
exec python3 "$(dirname "$0")/check_ci_files.py" "$(cd "$(dirname "$0")/.." && pwd)"
