#!/usr/bin/env bash
# Rehearses the GitHub workflow example (examples/ci/github/funnel.yml) here, as GitHub would run it:
# its jobs and steps read from the file, the run: blocks executed in order in a temporary git
# repository holding only the example's funnel.yaml and leads.csv, funnel built and installed by this
# repository's action.yml (scripts/install.sh), Wix played by the built-in sandbox. Five runs: a pull
# request (plan, exit 2, comment), a push to main (apply, state cached), the hourly run (state
# restored, no changes), the pull request again (no changes, the same comment), and a pull request
# that a policy gate refuses (exit 3, ::error annotation, failed check); then, with a FUNNEL_STATE_URL
# secret naming a private PostgreSQL server started here, a push and an hourly run keeping the state
# there. See scripts/ci_rehearsal.py. Then the GitLab example's pipelines the same way
# (scripts/ci_rehearsal_gitlab.py). Needs python3 with PyYAML, node, git and Debian's postgresql.
# Pass --keep to keep the work folder.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/private-postgres.sh
source scripts/private-postgres.sh
prefix=$(mktemp -d)
trap 'stop_postgres; rm -rf "$prefix"' EXIT
start_postgres rehearsal-db-secret
REHEARSAL_STATE_URL="$POSTGRES_URL" python3 scripts/ci_rehearsal.py "$@"

# The GitLab example: its jobs' scripts, with funnel installed the same way (scripts/install.sh).
funnel=$(bash scripts/install.sh "$prefix" 2>/dev/null)
python3 scripts/ci_rehearsal_gitlab.py "$funnel" "$@"
