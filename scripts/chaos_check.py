"""Checks the sandbox after a chaos run: one contact per lead, one card per lead in its CSV phase."""
import csv
import http.client
import json
import sys
import time
import urllib.error
import urllib.request

base, site, key, leads_path = sys.argv[1:5]
PHASE = {"new": "New Lead", "contacted": "Contacted", "qualified": "Qualified", "proposal": "Proposal Sent",
         "negotiation": "Negotiating", "won": "Win"}


def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Authorization": key, "wix-site-id": site,
                                              "Content-Type": "application/json"})
    # The "faults" scenario's sandbox still injects 5xx and 429 while we check: reads are safe to retry.
    for attempt in range(40):
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.load(response)
        except urllib.error.HTTPError as error:
            if error.code not in (429, 500, 502, 503, 504) or attempt == 39:
                raise
        except (urllib.error.URLError, ConnectionError, http.client.HTTPException):
            if attempt == 39:
                raise
        time.sleep(0.05)


def pages(path, key_name, limit=100):
    offset, items = 0, []
    while True:
        sep = "&" if "?" in path else "?"
        page = call("GET", f"{path}{sep}limit={limit}&offset={offset}")
        batch = page.get(key_name, [])
        items += batch
        if len(batch) < limit:
            return items
        offset += limit


leads = list(csv.DictReader(open(leads_path)))
workflows = [w for w in call("GET", "/workflows/v1/workflows?limit=100")["workflows"] if w["name"] == "Lead Funnel"]
assert len(workflows) == 1, f"expected one workflow, found {len(workflows)}"
wf = workflows[0]["id"]
workflow = call("GET", f"/workflows/v1/workflows/{wf}?cardsPerPhase=0")["workflow"]
names = {p["info"]["id"]: p["info"]["name"] for p in workflow["phasesList"]["phases"]}
names[workflow["winPhase"]["info"]["id"]] = "Win"
cards = pages(f"/workflows/v1/workflows/{wf}/cards", "cards")
archived = pages(f"/workflows/v1/workflows/{wf}/cards?fetchArchived=true", "cards")

contacts, offset = [], 0
while True:
    page = call("POST", "/contacts/v4/contacts/query", {"query": {"paging": {"limit": 1000, "offset": offset}}})
    contacts += page["contacts"]
    if len(page["contacts"]) < 1000:
        break
    offset += 1000

emails = {}
for contact in contacts:
    for item in contact.get("info", {}).get("emails", {}).get("items", []):
        emails.setdefault(item["email"].lower(), []).append(contact["id"])
problems = []
if len(contacts) != len(leads):
    problems.append(f"{len(contacts)} contacts for {len(leads)} leads")
duplicated = {e: ids for e, ids in emails.items() if len(ids) > 1}
if duplicated:
    problems.append(f"{len(duplicated)} duplicated contacts, e.g. {next(iter(duplicated))}")
if archived:
    problems.append(f"{len(archived)} archived cards (expected none)")
by_contact = {}
for card in cards:
    by_contact.setdefault(card["info"]["primaryAttachment"]["contactId"], []).append(card)
if len(cards) != len(leads):
    problems.append(f"{len(cards)} cards for {len(leads)} leads")
for lead in leads:
    ids = emails.get(lead["email"].lower(), [])
    if len(ids) != 1:
        continue
    mine = by_contact.get(ids[0], [])
    if len(mine) != 1:
        problems.append(f"{lead['id']}: {len(mine)} cards")
    elif names.get(mine[0]["info"]["phaseId"]) != PHASE[lead["stage"]]:
        problems.append(f"{lead['id']}: in {names.get(mine[0]['info']['phaseId'])}, CSV says {PHASE[lead['stage']]}")
if problems:
    print("chaos check FAILED:\n  " + "\n  ".join(problems[:20]))
    sys.exit(1)
print(f"chaos check: {len(contacts)} contacts, {len(cards)} cards, each in its CSV phase, no duplicates")
