#!/usr/bin/env bash
# The issue-15 measurement as a user makes it, with any funnel binary (old or new):
#   bash scripts/sandbox-data-bench.sh FUNNEL LEADS
# Applies LEADS new leads (--parallelism 8, no latency) to `funnel sandbox serve` in memory, then to
# one with --data; prints both wall times and their ratio. Loopback only.
set -euo pipefail
FUNNEL=${1:?usage: sandbox-data-bench.sh FUNNEL LEADS}; LEADS=${2:-1500}
WORK=$(mktemp -d); PID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT
python3 - "$WORK/leads.csv" "$LEADS" <<'PY'
import sys
stages = ["new", "contacted", "qualified", "proposal", "negotiation", "won"]
with open(sys.argv[1], "w") as f:
    f.write("id,first_name,last_name,email,stage\n")
    for i in range(int(sys.argv[2])):
        f.write(f"L-{i},First{i},Last{i},lead{i}@example.com,{stages[i % 6]}\n")
PY
run() { # $1 = label, rest = sandbox flags
  local label=$1; shift; local dir="$WORK/$label"; mkdir -p "$dir"
  "$FUNNEL" sandbox serve --port 0 "$@" >"$dir/out" 2>"$dir/err" & PID=$!
  for _ in $(seq 1 100); do grep -q "listening on" "$dir/out" 2>/dev/null && break; sleep 0.1; done
  local url; url=$(sed -n 's|^listening on \(http://[^ ]*\).*|\1|p' "$dir/out" | head -1)
  cat >"$dir/funnel.yaml" <<YAML
version: 1
wix:
  siteId: bench-site
  apiKey: \${BENCH_WIX_KEY}
  endpoint: "$url"
  rate_limit: 1000000
workflow: { name: Lead Funnel, phases: [New Lead, Contacted, Qualified, Proposal Sent, Negotiating] }
source: { type: csv, path: $WORK/leads.csv, key: id }
contact: { match: email, fields: { first: "{{ first_name }}", last: "{{ last_name }}", email: "{{ email }}" } }
card:
  source: My CRM
  name: "{{ first_name }} {{ last_name }}"
  phase: { from: stage, map: { new: New Lead, contacted: Contacted, qualified: Qualified, proposal: Proposal Sent, negotiation: Negotiating, won: \$win } }
state: $dir/state.db
YAML
  local start end
  start=$(date +%s.%N)
  BENCH_WIX_KEY=bench "$FUNNEL" apply -c "$dir/funnel.yaml" --auto-approve --parallelism 8 >"$dir/apply.log" 2>&1 \
    || { tail -5 "$dir/apply.log" >&2; exit 1; }
  end=$(date +%s.%N)
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
  python3 -c "print(f'{$end - $start:.2f}')"
}
memory=$(run memory)
data=$(run data --data "$WORK/data/sandbox.json")
python3 -c "print(f'$LEADS leads, --parallelism 8: in memory $memory s, --data $data s, ratio {$data / $memory:.2f}x')"
