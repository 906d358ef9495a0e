#!/usr/bin/env bash
# Writes legacy-sandbox.json: a sandbox data file in the JSON format (version 1) the sandbox kept
# before the SQLite data file, produced by that sandbox itself (`funnel sandbox serve --data`), so the
# migration test reads exactly what users have on disk. Run with a `funnel` built from a commit that
# still writes JSON (5858d9e, say):
#   bash Tests/WixEmulatorTests/Fixtures/make-legacy-data-file.sh path/to/funnel
# The site holds every shape the store persists: phases in a custom order, a moved card, a card in the
# win phase, archived cards (one archived from a phase deleted afterwards), a deleted contact, a
# phone-only contact, and a second site.
set -euo pipefail
FUNNEL=${1:?usage: make-legacy-data-file.sh FUNNEL}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'kill "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
"$FUNNEL" sandbox serve --port 0 --data "$WORK/sandbox.json" >"$WORK/out" 2>"$WORK/err" &
PID=$!
for _ in $(seq 1 100); do grep -q "listening on" "$WORK/out" 2>/dev/null && break; sleep 0.1; done
URL=$(sed -n 's|^listening on \(http://[^ ]*\).*|\1|p' "$WORK/out" | head -1)
[ -n "$URL" ] || { cat "$WORK/err"; exit 1; }

SITE=legacy-site
call() { # METHOD PATH [BODY] [SITE]
  curl -sf -X "$1" "$URL$2" -H 'Authorization: key' -H "wix-site-id: ${4:-$SITE}" \
       -H 'Content-Type: application/json' ${3:+-d "$3"}
}
id() { jq -r '.id // .contact.id'; }

WF=$(call POST /workflows/v1/workflows '{"workflow": {"name": "Legacy Funnel", "description": "written by the JSON sandbox"}}' | id)
NEW=$(call POST "/workflows/v1/workflows/$WF/phases" '{"phase": {"name": "New"}}' | id)
TALK=$(call POST "/workflows/v1/workflows/$WF/phases" '{"phase": {"name": "Talking"}}' | id)
GONE=$(call POST "/workflows/v1/workflows/$WF/phases" '{"phase": {"name": "Dropped"}}' | id)
FIRST=$(call POST "/workflows/v1/workflows/$WF/phases" '{"phase": {"name": "First"}, "position": 0}' | id)
WIN=$(call GET "/workflows/v1/workflows/$WF" | jq -r '.workflow.winPhase.info.id')

contact() { call POST /contacts/v4/contacts "$1" | id; }
ANN=$(contact '{"info": {"name": {"first": "Ann", "last": "Lee"}, "emails": {"items": [{"email": "ann@example.com"}]}}}')
BOB=$(contact '{"info": {"name": {"first": "Bob"}, "emails": {"items": [{"email": "Bob@Example.com"}, {"email": "bob@work.example"}]}}}')
CAT=$(contact '{"info": {"name": {"first": "Cat"}, "phones": {"items": [{"phone": "+1 (555) 010-0003"}]}}}')
DAN=$(contact '{"info": {"name": {"first": "Dan"}, "emails": {"items": [{"email": "dan@example.com"}]}}}')
EVE=$(contact '{"info": {"name": {"first": "Eve"}, "emails": {"items": [{"email": "eve@example.com"}]}}}')
GIL=$(contact '{"info": {"name": {"first": "Gil"}, "emails": {"items": [{"email": "gil@example.com"}]}}}')
TMP=$(contact '{"info": {"name": {"first": "Temp"}, "emails": {"items": [{"email": "temp@example.com"}]}}}')
call DELETE "/contacts/v4/contacts/$TMP" >/dev/null

card() { # PHASE NAME CONTACT [POSITION]
  call POST "/workflows/v1/workflows/$WF/phases/$1/cards" \
    "{\"card\": {\"name\": \"$2\", \"primaryAttachment\": {\"contactId\": \"$3\"}}${4:+, \"position\": $4}}" | id
}
A=$(card "$NEW" "Ann Lee" "$ANN")
B=$(card "$NEW" "Bob" "$BOB")
C=$(card "$NEW" "Cat" "$CAT" 0)
D=$(card "$TALK" "Dan" "$DAN")
E=$(card "$GONE" "Eve" "$EVE")
G=$(card "$NEW" "Gil" "$GIL" 1)
call POST "/workflows/v1/cards/$B/move" "{\"newPhaseId\": \"$TALK\", \"newPosition\": 0}" >/dev/null
call POST "/workflows/v1/cards/$D/move" "{\"newPhaseId\": \"$WIN\"}" >/dev/null
call POST "/workflows/v1/cards/$E/archive" >/dev/null
call POST "/workflows/v1/cards/$G/archive" >/dev/null
call DELETE "/workflows/v1/phases/$GONE" >/dev/null
call PATCH "/workflows/v1/phases/$TALK" '{"phase": {"name": "In talks"}}' >/dev/null

OTHER=$(call POST /workflows/v1/workflows '{"workflow": {"name": "Other site"}}' other-site | id)
call POST "/workflows/v1/workflows/$OTHER/phases" '{"phase": {"name": "Only"}}' other-site >/dev/null

kill -TERM "$PID"; wait "$PID" || true
cp "$WORK/sandbox.json" "$HERE/legacy-sandbox.json"  # byte for byte as the sandbox wrote it
echo "wrote $HERE/legacy-sandbox.json"
