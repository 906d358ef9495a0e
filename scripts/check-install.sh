#!/usr/bin/env bash
# Checks scripts/install.sh as a user would meet it (run by .ci/run):
#  1. install.sh into a temporary PREFIX, called from a folder outside the source tree;
#  2. `ldd` lists no Swift runtime library (libswiftCore, Foundation, libdispatch…) and nothing missing;
#  3. that binary, with only /usr/bin:/bin on PATH and run from a copy of examples/lead-funnel outside
#     the source tree, validates, plans (exit 2), applies on the sandbox, then plans again (exit 0);
#  4. install.sh run again replaces the binary in place (idempotent), and refuses bad arguments.
# Prints how long each install took.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
fail() { echo "check-install: FAIL: $*" >&2; exit 1; }
ok() { echo "ok   $*"; }

cd "$WORK"
start=$(date +%s)
installed=$(bash "$ROOT/scripts/install.sh" "$WORK/prefix")
echo "install.sh took $(( $(date +%s) - start )) s (release build included)"
[ "$installed" = "$WORK/prefix/bin/funnel" ] || fail "install.sh printed $installed, expected $WORK/prefix/bin/funnel"
[ -x "$WORK/prefix/bin/funnel" ] || fail "no executable $WORK/prefix/bin/funnel"
ok "install.sh installed PREFIX/bin/funnel from $WORK"

libraries=$(ldd "$WORK/prefix/bin/funnel")
echo "     ldd: $(awk '{print $1}' <<<"$libraries" | tr '\n' ' ')"
if echo "$libraries" | grep -Ei 'libswift|foundation|libdispatch|libBlocksRuntime|libXCTest'; then
  fail "the binary loads a Swift runtime library (see above): it was not linked with --static-swift-stdlib"
fi
if echo "$libraries" | grep -F 'not found'; then fail "the binary needs a library this machine lacks"; fi
ok "ldd lists no Swift runtime library"

# The example, copied out of the source tree (its paths are relative to funnel.yaml).
mkdir "$WORK/project"
cp "$ROOT/examples/lead-funnel/funnel.yaml" "$ROOT/examples/lead-funnel/leads.csv" "$WORK/project/"
cd "$WORK/project"
bare() { env -i HOME="$WORK" PATH=/usr/bin:/bin CI=true "$WORK/prefix/bin/funnel" "$@"; }
bare validate >"$WORK/validate.log" 2>&1 || { cat "$WORK/validate.log"; fail "funnel validate failed"; }
ok "funnel validate (outside the source tree, PATH=/usr/bin:/bin)"
code=0; bare plan --detailed-exitcode >"$WORK/plan.log" 2>&1 || code=$?
[ "$code" = 2 ] || { cat "$WORK/plan.log"; fail "funnel plan exited $code, expected 2 (changes)"; }
ok "funnel plan --detailed-exitcode exits 2: $(grep -m1 -E 'Plan:|to create' "$WORK/plan.log" || true)"
bare apply --auto-approve >"$WORK/apply.log" 2>&1 || { cat "$WORK/apply.log"; fail "funnel apply failed"; }
ok "funnel apply --auto-approve on the sandbox"
code=0; bare plan --detailed-exitcode >"$WORK/plan2.log" 2>&1 || code=$?
[ "$code" = 0 ] || { cat "$WORK/plan2.log"; fail "the plan after apply exited $code, expected 0 (no changes)"; }
grep -q 'No changes' "$WORK/plan2.log" || { cat "$WORK/plan2.log"; fail "the plan after apply does not say No changes"; }
ok "the plan after apply exits 0: No changes"
# The sandbox keeps `wix.sandbox: .funnel/sandbox.json` in SQLite beside it (docs/sandbox.md).
if [ ! -f "$WORK/project/.funnel/sandbox.sqlite" ] || [ ! -f "$WORK/project/.funnel/state.db" ]; then
  fail "the sandbox data and the state are not in the project's .funnel/"
fi
ok "the sandbox data and the state are in the project's .funnel/"

# Idempotent: a second run rebuilds nothing and replaces the binary.
before=$(stat -c %i "$WORK/prefix/bin/funnel")
start=$(date +%s)
bash "$ROOT/scripts/install.sh" "$WORK/prefix" >/dev/null 2>"$WORK/install2.log" || { cat "$WORK/install2.log"; fail "the second install failed"; }
echo "install.sh again took $(( $(date +%s) - start )) s"
[ "$(stat -c %i "$WORK/prefix/bin/funnel")" != "$before" ] || fail "the second install did not replace the binary"
leftovers=$(find "$WORK/prefix/bin" -name '*.tmp')
[ -z "$leftovers" ] || fail "a temporary file was left in PREFIX/bin: $leftovers"
ok "install.sh again: the binary replaced atomically, nothing left behind"

# Clear failures.
if out=$(bash "$ROOT/scripts/install.sh" a b 2>&1); then fail "install.sh accepted two arguments"; fi
echo "$out" | grep -q 'expected at most one argument' || fail "unclear message for two arguments: $out"
if out=$(bash "$ROOT/scripts/install.sh" /proc/funnel 2>&1); then fail "install.sh accepted an unwritable PREFIX"; fi
echo "$out" | grep -q 'cannot create /proc/funnel/bin' || fail "unclear message for an unwritable PREFIX: $out"
ok "install.sh refuses two arguments and an unwritable PREFIX, saying why"
