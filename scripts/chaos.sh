#!/usr/bin/env bash
# Chaos tests for `funnel apply` (issue #6), run by .ci/run. Bounded in time; talks only to 127.0.0.1.
#  (a) 300 leads, sandbox with latency: kill -9 the apply at 10 random moments, re-run each time,
#      then check through the sandbox: exactly 300 contacts and 300 cards, each in the CSV's phase.
#  (b) the same with the sandbox injecting 10% 5xx, 5% 429 and 5% commit-then-fail.
#  (c) (a) again with the state in PostgreSQL (a private server started here on a loopback port,
#      stopped on exit): the advisory lock of a killed apply must be free at once, and the
#      database password must never appear in any output.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
swift build --product funnel >/dev/null
FUNNEL="$ROOT/.build/debug/funnel"
WORK=$(mktemp -d)
# shellcheck source=scripts/private-postgres.sh
source "$ROOT/scripts/private-postgres.sh"
trap 'kill $(jobs -p) 2>/dev/null || true; stop_postgres; rm -rf "$WORK"' EXIT

LEADS=300
python3 scripts/chaos_leads.py "$WORK/leads.csv" "$LEADS"

start_sandbox() { # $1 = data file, rest = sandbox flags; sets PORT and SANDBOX_PID
  local data=$1; shift
  "$FUNNEL" sandbox serve --port 0 --data "$data" "$@" > "$WORK/sandbox.out" 2>"$WORK/sandbox.err" &
  SANDBOX_PID=$!
  for _ in $(seq 1 100); do
    if grep -q "listening on" "$WORK/sandbox.out" 2>/dev/null; then break; fi
    sleep 0.1
  done
  PORT=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$WORK/sandbox.out" | head -1)
  [ -n "$PORT" ] || { echo "sandbox did not start"; cat "$WORK/sandbox.err"; exit 1; }
}

write_config() { # $1 = dir
  cat > "$1/funnel.yaml" <<YAML
version: 1
wix:
  siteId: chaos-site
  apiKey: \${CHAOS_WIX_KEY}
  endpoint: http://127.0.0.1:$PORT
  rate_limit: 3000  # the sandbox has no limit; 200/min would make each scenario's final apply take minutes
workflow:
  name: Lead Funnel
  phases: [New Lead, Contacted, Qualified, Proposal Sent, Negotiating]
source:
  type: csv
  path: $WORK/leads.csv
  key: id
contact:
  match: email
  fields:
    first: "{{ first_name }}"
    last: "{{ last_name }}"
    email: "{{ email }}"
card:
  source: My CRM
  name: "{{ first_name }} {{ last_name }}"
  phase:
    from: stage
    map: { new: New Lead, contacted: Contacted, qualified: Qualified, proposal: Proposal Sent,
           negotiation: Negotiating, won: \$win, lost: \$archive }
policy:
  max_archive: 100%
YAML
  if [ -n "${CHAOS_STATE_URL:-}" ]; then echo 'state: ${CHAOS_STATE_URL}' >> "$1/funnel.yaml"; fi
}
export CHAOS_WIX_KEY=chaos-key

run_scenario() { # $1 = name, rest = sandbox flags
  local name=$1; shift
  local dir="$WORK/$name"; mkdir -p "$dir"
  start_sandbox "$dir/sandbox.json" "$@"
  write_config "$dir"
  echo "[$name] sandbox on port $PORT ($*)"
  for kill in $(seq 1 10); do
    "$FUNNEL" apply -c "$dir/funnel.yaml" --auto-approve --parallelism 8 --lock-timeout 10s >"$dir/apply.$kill.log" 2>&1 &
    local pid=$!
    sleep "$(python3 -c 'import random; print(round(random.uniform(0.3, 2.5), 2))')"
    if kill -9 "$pid" 2>/dev/null; then echo "[$name] killed apply #$kill"; else echo "[$name] apply #$kill had finished"; fi
    wait "$pid" 2>/dev/null || true
  done
  local converged=0
  for attempt in 1 2 3 4 5 6; do
    if "$FUNNEL" apply -c "$dir/funnel.yaml" --auto-approve --parallelism 8 --lock-timeout 10s >"$dir/final.$attempt.log" 2>&1; then
      converged=1; break
    fi
    echo "[$name] final apply attempt $attempt did not finish cleanly; retrying"; tail -5 "$dir/final.$attempt.log"
  done
  [ "$converged" = 1 ] || { echo "[$name] did not converge"; exit 1; }
  "$FUNNEL" plan -c "$dir/funnel.yaml" --detailed-exitcode >"$dir/plan.log" 2>&1 || {
    echo "[$name] plan after convergence is not clean:"; cat "$dir/plan.log"; exit 1; }
  python3 scripts/chaos_check.py "http://127.0.0.1:$PORT" chaos-site chaos-key "$WORK/leads.csv"
  kill "$SANDBOX_PID"; wait "$SANDBOX_PID" 2>/dev/null || true
  if grep -rl "chaos-db-secret" "$dir" >/dev/null 2>&1; then echo "[$name] the database password was printed"; exit 1; fi
  echo "[$name] converged: no duplicates"
}

run_scenario kill9 --latency 20 --jitter 10 --seed 7
run_scenario faults --latency 5 --fault-rate 0.10 --throttle-rate 0.05 --commit-then-fail-rate 0.05 --seed 11
start_postgres chaos-db-secret
export CHAOS_STATE_URL="$POSTGRES_URL"
run_scenario postgres --latency 20 --jitter 10 --seed 13
"$FUNNEL" state list -c "$WORK/postgres/funnel.yaml" > "$WORK/postgres/state-list.log" 2>&1 || {
  echo "[postgres] state list failed:"; cat "$WORK/postgres/state-list.log"; exit 1; }
[ "$(grep -c '^card\[' "$WORK/postgres/state-list.log")" -gt 0 ] || { echo "[postgres] the state holds no cards"; exit 1; }
echo "chaos: 3 scenarios passed"
