#!/usr/bin/env bash
# Issue #15, "a fleet that never hangs": 5,000 short cycles of 12 funnels whose CSVs keep changing,
# served by two `funnel serve --funnels` processes (4 workers each) on one private PostgreSQL (the
# test fixture's server), then SIGTERM. Prints cycles, hung, given up, failed, cycle times, peak
# connections, the exit after SIGTERM and the journal runs left open; exits 1 on any hung or given-up
# cycle. Loopback only.
#   bash scripts/fleet-stress.sh [debug|release] [more `funnel-bench fleet` flags]
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG=${1:-debug}
shift || true
swift build -c "$CONFIG" --product funnel >/dev/null
swift build -c "$CONFIG" --product funnel-bench >/dev/null
exec ".build/$CONFIG/funnel-bench" fleet --cycles 5000 --funnels 12 --leads 4 --workers 8 --processes 2 --latency 0 \
  --interval 300ms --churn 50 --cycle-timeout 60s "$@"
