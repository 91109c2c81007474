#!/usr/bin/env bash
# The regional scheme « Ma mutuelle Région Auvergne-Rhône-Alpes » end to end, as the convention
# between Saint-Chamond and the Mutuelle MILTIS tells it (CONV art. 2-8): its terms and tacit
# renewals, non-renewal notices and their deadline, a breach and its termination, an amendment,
# the alerts, the mutuelle's duties (meetings, office hours, materials reviewed by the commune),
# CSS orientations, a regional enrolment, the yearly report to the commune with its small counts
# masked, and the erasure of partner contacts five years after a convention's end.
# Rules: PAR-01 PAR-02 PAR-03 PAR-04 PAR-05 PAR-06 PAR-07 PAR-08 PAR-09 PAR-10 ELIG-10 GDPR-03
# A relative path to the binary still works once lib.bash moves into the work directory.
case "${1:-}" in /*) ;; */*) set -- "$PWD/$1" "${@:2}" ;; esac
source "$(dirname "$0")/lib.bash"

export MUTUA_DB="$(db_target p)"  # the database of every command below
# show ID DATE: the convention as of DATE, into show.json
show() { "$MUTUA" --today "$2" partners convention show "$1" --json > show.json; }

echo "# PAR-01: the seed convention, signed at Saint-Chamond on 17 March 2025"
seed=(--commune 42207 --commune-name Saint-Chamond --mutuelle MILTIS --mutuelle-name "Mutuelle MILTIS"
      --siren 417934817 --signed 2025-03-17 --json)
expect_exit 0 "PAR-01: the convention is recorded" -- "$MUTUA" --today 2025-03-20 partners convention add "${seed[@]}"
cp stdout add.json
C1="$(python3 -c 'import json; print(json.load(open("add.json"))["id"])')"
expect_json add.json 'd["id"]' CONV-42207-2025-1 "PAR-01: its id names the commune and the year of signature"
expect_json add.json 'd["already_recorded"]' False "PAR-01: a new convention"
expect_exit 0 "PAR-01: the same convention again" -- "$MUTUA" --today 2025-03-21 partners convention add "${seed[@]}"
expect_json stdout 'd["id"]' "$C1" "PAR-01: recording it again returns the same id"
expect_json stdout 'd["already_recorded"]' True "PAR-01: and records nothing twice"
expect_exit 3 "PAR-01: a commune already stored under another name is refused" -- "$MUTUA" --today 2025-03-21 \
  partners convention add --commune 42207 --commune-name "St-Chamond" --mutuelle MILTIS --signed 2025-03-18
expect_contains stderr "error: --commune-name" "PAR-01: the error names --commune-name"
expect_exit 3 "PAR-01: the seed convention repeated under another commune name is not the same values: refused" -- \
  "$MUTUA" --today 2025-03-21 partners convention add --commune 42207 --commune-name "St-Chamond" --mutuelle MILTIS \
  --signed 2025-03-17
expect_exit 4 "PAR-01: the seed convention repeated with a DPO is refused: it changes only by amendment" -- \
  "$MUTUA" --today 2025-03-21 partners convention add --commune 42207 --mutuelle MILTIS --signed 2025-03-17 \
  --commune-dpo dpo@ville.fr --json
expect_contains stderr "error: PAR-01:" "PAR-01: the refusal names the rule"
expect_exit 3 "PAR-01: a SIREN with a wrong check digit is refused" -- "$MUTUA" --today 2025-03-21 \
  partners convention add --commune 42218 --mutuelle MILTIS --siren 417934818 --signed 2025-03-17
expect_exit 0 "PAR-01: the conventions of Saint-Chamond" -- "$MUTUA" --today 2025-03-21 partners convention list --commune 42207 --json
expect_json stdout '[c["id"] for c in d]' "['$C1']" "PAR-01: one convention for Saint-Chamond, nothing recorded by the refusals"

echo "# PAR-02: first term to 31 December 2025, then three tacit renewals of one year: end 2028-12-31"
show "$C1" 2025-03-10
expect_json show.json 'd["status"]' not_in_force "PAR-02: before its effect date the convention is not in force"
show "$C1" 2025-06-01
expect_json show.json 'd["status"]' active "PAR-02: active on 2025-06-01"
expect_json show.json 'd["current_term_end"]' 2025-12-31 "PAR-02: the first term ends on 31 December of the signature year"
expect_json show.json 'd["renewals_left"]' 3 "PAR-02: three tacit renewals left in the first term"
expect_json show.json 'd["notice_deadline"]' 2025-10-31 "PAR-03: notice to be received by 31 October, two months before the term"
expect_json show.json 'd["next_notice_deadline"]' 2025-10-31 "PAR-03: the next deadline is this term's"
expect_json show.json 'd["final_end"]' 2028-12-31 "PAR-02: renewed at most 3 times: final end 2028-12-31"
expect_json show.json 'd["last_possible_end"]' 2028-12-31 "PAR-02: the last possible end is 31 December of the effect year + 3"
expect_json show.json 'd["contacts_kept_until"]' 2033-12-31 "GDPR-03: contacts kept 5 years after the end"
expect_json show.json '(d["commune"]["name"], d["mutuelle"]["name"], d["mutuelle"]["siren"])' \
  "('Saint-Chamond', 'Mutuelle MILTIS', '417934817')" "PAR-01: the parties are recorded"
show "$C1" 2025-11-15
expect_json show.json 'd["current_term_end"]' 2025-12-31 "PAR-02: on 2025-11-15 still in the first term"
expect_json show.json 'd["renewals_left"]' 3 "PAR-02: no renewal done before 1 January"
expect_json show.json 'd["notice_deadline"]' 2025-10-31 "PAR-03: this term's deadline has passed (31 October)"
expect_json show.json 'd["next_notice_deadline"]' 2026-10-31 "PAR-03: after 31 October the next deadline is next year's"
expect_json show.json 'd["final_end"]' 2028-12-31 "PAR-02: final end unchanged"
show "$C1" 2026-06-01
expect_json show.json 'd["status"]' active "PAR-02: renewed on 1 January 2026"
expect_json show.json 'd["current_term_end"]' 2026-12-31 "PAR-02: the second term ends on 2026-12-31"
expect_json show.json '(d["renewals_done"], d["renewals_left"])' "(1, 2)" "PAR-02: one renewal done, two left"
expect_json show.json 'd["notice_deadline"]' 2026-10-31 "PAR-03: notice deadline 2026-10-31"
expect_json show.json 'd["next_notice_deadline"]' 2026-10-31 "PAR-03: next deadline 2026-10-31"
expect_json show.json 'd["final_end"]' 2028-12-31 "PAR-02: final end 2028-12-31"
show "$C1" 2027-06-01
expect_json show.json 'd["current_term_end"]' 2027-12-31 "PAR-02: the third term ends on 2027-12-31"
expect_json show.json 'd["renewals_left"]' 1 "PAR-02: one renewal left in 2027"
expect_json show.json 'd["notice_deadline"]' 2027-10-31 "PAR-03: notice deadline 2027-10-31"
expect_json show.json 'd["next_notice_deadline"]' 2027-10-31 "PAR-03: next deadline 2027-10-31"
show "$C1" 2027-11-15
expect_json show.json 'd["next_notice_deadline"]' None "PAR-02: after 2027-10-31 no deadline is left (2028 is the last term)"
show "$C1" 2028-06-01
expect_json show.json 'd["status"]' active "PAR-02: active in its last term"
expect_json show.json 'd["current_term_end"]' 2028-12-31 "PAR-02: the last term ends on 2028-12-31"
expect_json show.json 'd["renewals_left"]' 0 "PAR-02: no renewal left in the last term"
expect_json show.json 'd["notice_deadline"]' None "PAR-03: no notice deadline in the last term"
expect_json show.json 'd["next_notice_deadline"]' None "PAR-03: and no next deadline"
expect_json show.json 'd["final_end"]' 2028-12-31 "PAR-02: final end 2028-12-31"
show "$C1" 2029-01-01
expect_json show.json 'd["status"]' ended "PAR-02: ended on 2029-01-01, no fourth renewal"
expect_json show.json 'd["renewals_left"]' 0 "PAR-02: no renewal left after the end"
expect_json show.json '(d["notice_deadline"], d["next_notice_deadline"])' "(None, None)" "PAR-03: no deadline after the end"
expect_json show.json 'd["final_end"]' 2028-12-31 "PAR-02: it ended on 2028-12-31"

echo "# PAR-03: non-renewal notices by registered letter, two months before a term"
expect_exit 0 "PAR-01: a convention with Lyon" -- "$MUTUA" --today 2025-04-10 partners convention add --commune 69123 \
  --commune-name Lyon --mutuelle MILTIS --signed 2025-04-10 --json
C2="$(python3 -c 'import json; print(json.load(open("'"$WORK"'/stdout"))["id"])')"
expect_exit 0 "PAR-01: a convention with Villeurbanne" -- "$MUTUA" --today 2025-04-10 partners convention add \
  --commune 69266 --commune-name Villeurbanne --mutuelle MILTIS --signed 2025-04-10 --json
C3="$(python3 -c 'import json; print(json.load(open("'"$WORK"'/stdout"))["id"])')"
expect_exit 3 "PAR-03: a notice received before it was sent is invalid" -- "$MUTUA" --today 2025-11-05 \
  partners notice "$C3" --sent 2025-10-30 --received 2025-10-29 --by commune
expect_exit 3 "PAR-03: a notice sent before the signature is invalid" -- "$MUTUA" --today 2025-11-05 \
  partners notice "$C3" --sent 2025-03-01 --received 2025-10-29 --by commune
expect_exit 0 "PAR-03: Lyon's notice received on 31 October 2025 (the deadline, inclusive)" -- "$MUTUA" --today 2025-11-02 \
  partners notice "$C2" --sent 2025-10-28 --received 2025-10-31 --by commune --reference "RAR 1A 001" --json
expect_json stdout 'd["status"]' not_renewed "PAR-03: received by 31 October: not renewed"
expect_json stdout 'd["ends_on"]' 2025-12-31 "PAR-03: it ends at this term, 2025-12-31"
expect_json stdout 'd["notice_deadline"]' None "PAR-03: no notice deadline once a notice ends the convention"
expect_json stdout 'len(d["notices"])' 1 "PAR-03: the notice is kept with the convention"
expect_exit 0 "PAR-03: the same notice recorded again" -- "$MUTUA" --today 2025-11-04 \
  partners notice "$C2" --sent 2025-10-28 --received 2025-10-31 --by commune --reference "RAR 1A 001" --json
expect_json stdout '(len(d["notices"]), d["ends_on"])' "(1, '2025-12-31')" "PAR-03: a repeated command records nothing twice"
show "$C2" 2026-01-01
expect_json show.json 'd["status"]' ended "PAR-03: Lyon's convention has ended on 2026-01-01"
expect_exit 4 "PAR-03: a notice after the end is refused" -- "$MUTUA" --today 2026-02-05 \
  partners notice "$C2" --sent 2026-02-01 --received 2026-02-03 --by mutuelle
expect_contains stderr "error: PAR-03" "PAR-03: the refusal names the rule"
expect_exit 0 "PAR-03: Villeurbanne's notice received on 1 November 2025 (one day late)" -- "$MUTUA" --today 2025-11-03 \
  partners notice "$C3" --sent 2025-10-30 --received 2025-11-01 --by mutuelle --json
expect_json stdout 'd["status"]' not_renewed "PAR-03: received after 31 October: not renewed at the next term"
expect_json stdout 'd["ends_on"]' 2026-12-31 "PAR-03: it ends on the next 31 December, 2026-12-31"
show "$C3" 2026-06-01
expect_json show.json '(d["status"], d["current_term_end"], d["final_end"])' "('not_renewed', '2026-12-31', '2026-12-31')" \
  "PAR-03: renewed once on 1 January 2026, for the last time"
expect_json show.json 'd["why"][:6]' PAR-03 "PAR-03: the end is explained by the notice"
expect_exit 4 "PAR-03: a second notice when the convention already ends at that term" -- "$MUTUA" --today 2026-03-05 \
  partners notice "$C3" --sent 2026-03-01 --received 2026-03-03 --by commune
expect_contains stderr "error: PAR-03" "PAR-03: the refusal names the rule"
expect_exit 0 "PAR-01: a new Villeurbanne convention overlapping the one still in force" -- "$MUTUA" --today 2026-06-01 \
  partners convention add --commune 69266 --mutuelle MILTIS --signed 2026-06-01 --json
expect_json stdout 'd["id"]' CONV-69266-2026-1 "PAR-01: numbered in its signature year"
expect_contains stderr "warning: PAR-01" "PAR-01: the overlap is recorded with a warning"
expect_exit 4 "PAR-02: a notice in the last term is refused (it ends then anyway)" -- "$MUTUA" --today 2028-02-05 \
  partners notice "$C1" --sent 2028-02-01 --received 2028-02-03 --by commune
expect_contains stderr "error: PAR-02" "PAR-02: the refusal names the rule"
show "$C1" 2028-06-01
expect_json show.json '(d["status"], len(d["notices"]))' "('active', 0)" "PAR-02: the refused notice was not recorded"

echo "# PAR-04: a breach, 30 days to remedy after the formal notice, then one month's notice"
expect_exit 0 "PAR-01: a convention with Saint-Étienne" -- "$MUTUA" --today 2025-05-05 partners convention add \
  --commune 42218 --commune-name Saint-Étienne --mutuelle MILTIS --signed 2025-05-05 --json
C4="$(python3 -c 'import json; print(json.load(open("'"$WORK"'/stdout"))["id"])')"
expect_exit 0 "PAR-04: formal notice received on 2026-02-02" -- "$MUTUA" --today 2026-02-02 partners breach notify "$C4" \
  --date 2026-02-02 --by commune --reason "Permanences non assurées" --json
cp stdout breach.json
B4="$(python3 -c 'import json; print(json.load(open("breach.json"))["breach"])')"
expect_json breach.json 'd["breaches"][0]["remedy_by"]' 2026-03-04 "PAR-04: 30 days to remedy, to 2026-03-04 inclusive"
expect_exit 4 "PAR-04: termination on day 30 is refused" -- "$MUTUA" --today 2026-03-04 partners breach terminate "$B4" --date 2026-03-04
expect_contains stderr "error: PAR-04" "PAR-04: the refusal names the rule"
"$MUTUA" --today 2026-03-05 partners alerts --json > alerts.json
expect_json alerts.json "[a['rule'] for a in d if a['convention'] == '$C4']" "['PAR-04']" \
  "PAR-04: the unremedied breach raises an alert (termination is never automatic)"
show "$C4" 2026-03-20
expect_json show.json 'd["status"]' active "PAR-04: an unremedied breach alone does not end the convention"
expect_exit 0 "PAR-04: termination notified on day 31" -- "$MUTUA" --today 2026-03-05 partners breach terminate "$B4" --date 2026-03-05 --json
show "$C4" 2026-03-05
expect_json show.json 'd["status"]' terminating "PAR-04: the convention is terminating"
expect_json show.json 'd["ends_on"]' 2026-04-05 "PAR-04: it ends one month after the termination's notification"
expect_json show.json 'd["why"][:6]' PAR-04 "PAR-04: the end is explained by the breach"
show "$C4" 2026-04-05
expect_json show.json 'd["status"]' terminating "PAR-04: still in force on 2026-04-05"
show "$C4" 2026-04-06
expect_json show.json 'd["status"]' ended "PAR-04: ended on 2026-04-06"
expect_exit 0 "PAR-04: a breach notified to Villeurbanne" -- "$MUTUA" --today 2026-01-10 partners breach notify "$C3" \
  --date 2026-01-10 --by mutuelle --reason "Local non mis à disposition" --json
B3="$(python3 -c 'import json; print(json.load(open("'"$WORK"'/stdout"))["breach"])')"
expect_exit 0 "PAR-04: remedied within the 30 days" -- "$MUTUA" --today 2026-01-20 partners breach remedy "$B3" --date 2026-01-20
expect_exit 4 "PAR-04: a breach remedied in time cannot be terminated" -- "$MUTUA" --today 2026-02-15 \
  partners breach terminate "$B3" --date 2026-02-15
expect_contains stderr "error: PAR-04" "PAR-04: the refusal names the rule"

echo "# PAR-01: an amendment signed 2026-05-04, effective 2026-07-01 (a fourth renewal, the commune's DPO)"
expect_exit 0 "PAR-01: the amendment is recorded" -- "$MUTUA" --today 2026-05-04 partners amend "$C1" --signed 2026-05-04 \
  --effective 2026-07-01 --summary "Avenant n°1 : quatrième reconduction, DPO de la commune" \
  --set commune_dpo=dpo@ville.fr --set max_renewals=4 --json
cp stdout amend.json
expect_json amend.json 'd["number"]' 1 "PAR-01: amendment number 1"
expect_json amend.json 'sorted((c["field"], c["new"]) for c in d["changes"])' \
  "[('commune_dpo', 'dpo@ville.fr'), ('max_renewals', '4')]" "PAR-01: the amendment lists its changes"
expect_json amend.json '[str(c["old"]) for c in d["changes"] if c["field"] == "max_renewals"]' "['3']" \
  "PAR-01: with the old value of each term"
show "$C1" 2026-06-30
expect_json show.json '(d["max_renewals"], d["final_end"], d["contacts"]["commune_dpo"])' "(3, '2028-12-31', None)" \
  "PAR-01: the day before its effective date, the old terms"
show "$C1" 2026-07-01
expect_json show.json '(d["max_renewals"], d["renewals_left"], d["final_end"])' "(4, 3, '2029-12-31')" \
  "PAR-01: from its effective date, four renewals: final end 2029-12-31"
expect_json show.json 'd["contacts"]["commune_dpo"]' dpo@ville.fr "PAR-01: the commune's DPO is recorded by the amendment"
expect_json show.json 'd["contacts_kept_until"]' 2034-12-31 "GDPR-03: contacts kept to the new end + 5 years"
expect_json show.json '[a["number"] for a in d["amendments"]]' "[1]" "PAR-01: the amendment is listed with the convention"
show "$C1" 2028-06-01
expect_json show.json '(d["renewals_left"], d["notice_deadline"])' "(1, '2028-10-31')" \
  "PAR-02: with the amendment 2028 is no longer the last term"
expect_exit 0 "PAR-01: the same amendment command again" -- "$MUTUA" --today 2026-05-06 partners amend "$C1" --signed 2026-05-04 \
  --effective 2026-07-01 --summary "Avenant n°1 : quatrième reconduction, DPO de la commune" \
  --set commune_dpo=dpo@ville.fr --set max_renewals=4 --json
expect_json stdout 'd["number"]' 1 "PAR-01: a repeated command returns the stored amendment, nothing recorded twice"
expect_exit 4 "PAR-07: no commission can be set on a convention" -- "$MUTUA" --today 2026-05-10 partners amend "$C1" \
  --signed 2026-05-10 --summary "Commission" --set commission=5
expect_contains stderr "error: PAR-01" "PAR-01: an unknown field is refused with the rule"
expect_exit 4 "PAR-01: an unchanged value is refused" -- "$MUTUA" --today 2026-05-10 partners amend "$C1" \
  --signed 2026-05-10 --summary "Rien" --set notice_months=2
expect_exit 4 "PAR-01: an amendment of an ended convention is refused" -- "$MUTUA" --today 2026-05-10 partners amend "$C2" \
  --signed 2026-05-10 --summary "Trop tard" --set notice_months=3
show "$C1" 2026-07-01
expect_json show.json 'len(d["amendments"])' 1 "PAR-01: refused amendments leave nothing"

echo "# PAR-03: the system alerts from 30 days before the notice deadline"
"$MUTUA" --today 2026-09-30 partners alerts --json > alerts.json
expect_json alerts.json "[a['rule'] for a in d if a['convention'] == '$C1']" "[]" "PAR-03: no alert 31 days before 2026-10-31"
"$MUTUA" --today 2026-10-05 partners alerts --json > alerts.json
expect_json alerts.json "[a['rule'] for a in d if a['convention'] == '$C1']" "['PAR-03']" \
  "PAR-03: on 2026-10-05 the deadline of 2026-10-31 is alerted"
expect_json alerts.json "[a['commune'] for a in d if a['convention'] == '$C1']" "['42207']" "PAR-03: the alert names the commune"
expect_json alerts.json "'2026-10-31' in [a['text'] for a in d if a['convention'] == '$C1'][0]" True \
  "PAR-03: the alert gives the deadline"
expect_json alerts.json "[a['rule'] for a in d if a['convention'] == '$C3']" "[]" "PAR-03: no deadline alert for a convention not renewed"
show "$C1" 2026-10-05
expect_json show.json 'len(d["alerts"])' 1 "PAR-03: the convention shows the alert too"

echo "# PAR-05: meetings and office hours in the commune's premises"
expect_exit 0 "PAR-05: office hours planned on 2026-03-10, 09:00-12:00" -- "$MUTUA" --today 2026-03-01 partners event add \
  --convention "$C1" --kind office_hours --date 2026-03-10 --start 09:00 --end 12:00 --place "Mairie de Saint-Chamond" \
  --room "Salle 2" --json
cp stdout oh.json
OH="$(python3 -c 'import json; print(json.load(open("oh.json"))["id"])')"
expect_json oh.json '(d["status"], d["commune"], d["kind"])' "('planned', '42207', 'office_hours')" "PAR-05: a planned permanence"
expect_exit 0 "PAR-05: the same permanence planned again" -- "$MUTUA" --today 2026-03-02 partners event add \
  --convention "$C1" --kind office_hours --date 2026-03-10 --start 09:00 --end 12:00 --place "Mairie de Saint-Chamond" \
  --room "Salle 2" --json
expect_json stdout 'd["id"]' "$OH" "PAR-05: a repeated command returns the stored event (not a double booking)"
expect_exit 0 "PAR-05: an information meeting on 2026-03-12, 18:00-20:00" -- "$MUTUA" --today 2026-03-01 partners event add \
  --convention "$C1" --kind information_meeting --date 2026-03-12 --start 18:00 --end 20:00 --place "Salle des fêtes" --json
MEET="$(python3 -c 'import json; print(json.load(open("'"$WORK"'/stdout"))["id"])')"
expect_exit 4 "PAR-05: the same room booked 11:00-13:00 overlaps the permanence" -- "$MUTUA" --today 2026-03-01 partners event add \
  --convention "$C1" --kind staff_information --date 2026-03-10 --start 11:00 --end 13:00 \
  --place "mairie de  Saint-Chamond" --room "salle 2"
expect_contains stderr "error: PAR-05" "PAR-05: the double booking names the rule"
expect_exit 0 "PAR-05: the same room from 12:00, touching 09:00-12:00, is free" -- "$MUTUA" --today 2026-03-01 partners event add \
  --convention "$C1" --kind staff_information --date 2026-03-10 --start 12:00 --end 13:30 \
  --place "Mairie de Saint-Chamond" --room "Salle 2" --json
STAFF="$(python3 -c 'import json; print(json.load(open("'"$WORK"'/stdout"))["id"])')"
expect_exit 0 "PAR-05: another room at the same time is free" -- "$MUTUA" --today 2026-03-01 partners event add \
  --convention "$C1" --kind office_hours --date 2026-03-10 --start 10:00 --end 11:00 \
  --place "Mairie de Saint-Chamond" --room "Salle 3" --json
OH3="$(python3 -c 'import json; print(json.load(open("'"$WORK"'/stdout"))["id"])')"
expect_exit 3 "PAR-05: 25:00 is not a time" -- "$MUTUA" --today 2026-03-01 partners event add \
  --convention "$C1" --kind office_hours --date 2026-03-17 --start 09:00 --end 25:00 --place "Mairie de Saint-Chamond"
expect_contains stderr "error: --end" "PAR-05: the error names --end"
expect_exit 4 "PAR-05: an event after the convention's end is refused" -- "$MUTUA" --today 2026-01-05 partners event add \
  --convention "$C2" --kind office_hours --date 2026-01-10 --start 09:00 --end 12:00 --place "Mairie de Lyon"
expect_contains stderr "error: PAR-05" "PAR-05: the refusal names the rule"
expect_exit 4 "PAR-05: an event cannot be recorded held before its date" -- "$MUTUA" --today 2026-03-11 partners event record \
  "$MEET" --held --attendees 30
expect_exit 4 "PAR-05: an event dated after the business date cannot be added as held" -- "$MUTUA" --today 2026-03-01 \
  partners event add --convention "$C1" --kind information_meeting --date 2026-03-20 --start 18:00 --end 20:00 \
  --place "Salle des fêtes" --held --attendees 10
expect_exit 0 "PAR-05: the permanence was held, 7 people came" -- "$MUTUA" --today 2026-03-10 partners event record "$OH" \
  --held --attendees 7 --json
expect_json stdout '(d["status"], d["attendees"])' "('held', 7)" "PAR-05: held with its headcount"
expect_exit 0 "PAR-05: the meeting was held, 25 people came" -- "$MUTUA" --today 2026-03-13 partners event record "$MEET" \
  --held --attendees 25 --notes "Questions sur la CSS" --json
expect_exit 4 "PAR-05: a held event is final" -- "$MUTUA" --today 2026-03-14 partners event record "$MEET" \
  --cancelled --notes "erreur"
expect_exit 3 "PAR-05: a cancellation says why" -- "$MUTUA" --today 2026-03-05 partners event record "$STAFF" --cancelled
expect_exit 0 "PAR-05: the staff information is cancelled" -- "$MUTUA" --today 2026-03-05 partners event record "$STAFF" \
  --cancelled --notes "Grève des transports"
expect_exit 0 "PAR-05: a past permanence added as held" -- "$MUTUA" --today 2026-03-01 partners event add \
  --convention "$C1" --kind office_hours --date 2026-02-17 --start 14:00 --end 17:00 --place "Mairie de Saint-Chamond" \
  --room "Salle 2" --held --attendees 4 --json
expect_exit 0 "PAR-05: the annual report is planned in December" -- "$MUTUA" --today 2026-03-01 partners event add \
  --convention "$C1" --kind annual_report --date 2026-12-15 --start 10:00 --end 11:00 --place "Mairie de Saint-Chamond" \
  --room "Salle du conseil" --json
expect_exit 0 "PAR-05: the calendar of Saint-Chamond" -- "$MUTUA" --today 2026-03-20 partners event list --commune 42207 --json
cp stdout events.json
expect_json events.json '[(e["date"], e["start"], e["kind"]) for e in d]' \
  "[('2026-02-17', '14:00', 'office_hours'), ('2026-03-10', '09:00', 'office_hours'), ('2026-03-10', '10:00', 'office_hours'), ('2026-03-10', '12:00', 'staff_information'), ('2026-03-12', '18:00', 'information_meeting'), ('2026-12-15', '10:00', 'annual_report')]" \
  "PAR-05: the calendar by date and start time"
expect_json events.json '[e["status"] for e in d]' "['held', 'held', 'planned', 'cancelled', 'held', 'planned']" \
  "PAR-05: each event with its outcome"
"$MUTUA" --today 2026-03-20 partners alerts --json > alerts.json
expect_json alerts.json "any(a['rule'] == 'PAR-05' and a['convention'] == '$C1' for a in d)" True \
  "PAR-05: the permanence of 2026-03-10 (Salle 3) past its date without an outcome is alerted"
expect_exit 0 "PAR-05: the second permanence was held" -- "$MUTUA" --today 2026-03-20 partners event record "$OH3" --held --attendees 2

echo "# PAR-05: the commune validates any material using its graphic charter before publication"
expect_exit 0 "PAR-05: a leaflet submitted" -- "$MUTUA" --today 2026-02-01 partners material submit --convention "$C1" \
  --title "Dépliant Ma mutuelle Région" --medium print --reference DEP-2026-01 --json
MAT1="$(python3 -c 'import json; print(json.load(open("'"$WORK"'/stdout"))["id"])')"
expect_json stdout '(d["status"], d["version"])' "('submitted', 1)" "PAR-05: submitted, version 1"
expect_exit 4 "PAR-05: it cannot be published before the commune approves it" -- "$MUTUA" --today 2026-02-02 partners material publish "$MAT1"
expect_contains stderr "error: PAR-05" "PAR-05: the refusal names the rule"
expect_exit 2 "PAR-05: a rejection without comment is bad usage" -- "$MUTUA" --today 2026-02-05 partners material reject "$MAT1" \
  --by "Service communication"
expect_exit 0 "PAR-05: the commune rejects it with its comments" -- "$MUTUA" --today 2026-02-05 partners material reject "$MAT1" \
  --by "Service communication" --comment "Logo de la ville à mettre à jour" --json
expect_json stdout '(d["status"], d["comment"])' "('rejected', 'Logo de la ville à mettre à jour')" "PAR-05: rejected with its comment"
expect_exit 4 "PAR-05: a rejected material cannot be published" -- "$MUTUA" --today 2026-02-06 partners material publish "$MAT1"
expect_exit 0 "PAR-05: version 2 submitted" -- "$MUTUA" --today 2026-02-10 partners material submit --convention "$C1" \
  --title "Dépliant Ma mutuelle Région" --medium print --reference DEP-2026-01 --replaces "$MAT1" --json
MAT2="$(python3 -c 'import json; print(json.load(open("'"$WORK"'/stdout"))["id"])')"
expect_json stdout '(d["version"], d["replaces"], d["status"])' "(2, $MAT1, 'submitted')" "PAR-05: the revision is version 2"
expect_exit 0 "PAR-05: the commune approves version 2" -- "$MUTUA" --today 2026-02-12 partners material approve "$MAT2" \
  --by "Service communication" --json
expect_json stdout 'd["status"]' approved "PAR-05: approved"
expect_exit 0 "PAR-05: published after approval" -- "$MUTUA" --today 2026-02-15 partners material publish "$MAT2" --json
expect_json stdout '(d["status"], d["published"])' "('published', '2026-02-15')" "PAR-05: published on 2026-02-15"
expect_exit 0 "PAR-05: a post for the municipal newsletter, waiting" -- "$MUTUA" --today 2026-03-02 partners material submit \
  --convention "$C1" --title "Article journal municipal" --medium municipal_newsletter --json

echo "# PAR-08: CSS checks made at the commune's office hours, recorded by case reference"
css() { "$MUTUA" --today 2026-03-20 css check --json "$@"; }
expect_exit 0 "PAR-08: SC-2026-001 participatory" -- css --record SC-2026-001 --commune 42207 --date 2026-02-17 --resources 16000 --person 41 --person 39
expect_json stdout '(d["result"], d["commune"])' "('participatory', '42207')" "PAR-08: the check carries its commune"
expect_exit 0 "PAR-08: SC-2026-001 corrected: free" -- css --record SC-2026-001 --commune 42207 --date 2026-02-17 --resources 14000 --person 41 --person 39
expect_json stdout 'd["result"]' free "PAR-08: corrected resources: free"
expect_exit 0 "PAR-08: SC-2026-002 free" -- css --record SC-2026-002 --commune 42207 --date 2026-03-10 --resources 9000 --person 67
expect_json stdout 'd["result"]' free "PAR-08: a single person at 9,000 EUR: free"
expect_exit 0 "PAR-08: SC-2026-003 free" -- css --record SC-2026-003 --commune 42207 --date 2026-03-10 --resources 12000 --person 35 --person 8
expect_json stdout 'd["result"]' free "PAR-08: a parent and a child at 12,000 EUR: free"
expect_exit 0 "PAR-08: SC-2026-004 participatory" -- css --record SC-2026-004 --commune 42207 --date 2026-03-10 --resources 12500 --person 72
expect_json stdout 'd["result"]' participatory "PAR-08: a single person at 12,500 EUR: participatory"
expect_exit 0 "PAR-08: SC-2026-005 participatory" -- css --record SC-2026-005 --commune 42207 --date 2026-03-12 --resources 19000 --person 45 --person 44
expect_json stdout 'd["result"]' participatory "PAR-08: a couple at 19,000 EUR: participatory"
expect_exit 0 "PAR-08: SC-2026-006 not eligible" -- css --record SC-2026-006 --commune 42207 --date 2026-03-12 --resources 30000 --person 50
expect_json stdout 'd["result"]' not_eligible "PAR-08: a single person at 30,000 EUR: not eligible"
expect_exit 0 "PAR-08: SC-2025-090 at Saint-Chamond in 2025" -- css --record SC-2025-090 --commune 42207 --date 2025-11-04 --resources 9000 --person 60
expect_exit 0 "PAR-08: LY-2026-001 in another commune" -- css --record LY-2026-001 --commune 69266 --date 2026-03-10 --resources 9000 --person 60
expect_json stdout 'd["commune"]' 69266 "PAR-08: recorded for Villeurbanne"
expect_exit 0 "PAR-08: XX-2026-001 without a commune" -- css --record XX-2026-001 --date 2026-03-10 --resources 9000 --person 60
expect_json stdout 'd["commune"]' None "PAR-08: no commune given: null"
expect_exit 3 "PAR-08: a commune that is not an INSEE code" -- css --record SC-2026-009 --commune 4220 --date 2026-03-10 --resources 9000 --person 60
expect_contains stderr "error: --commune" "PAR-08: the error names --commune"

echo "# ELIG-10 / PAR-09: a regional enrolment at Saint-Chamond"
"$MUTUA" catalogue load "$ROOT/config/catalogue.yaml" >/dev/null
regional_request() {  # FILE CONTRACT COMMUNE COLLECTIVE_COVER
  cat > "$1" <<JSON
{
  "contract_id": "$2",
  "product": "REGION_AURA",
  "signed": "2026-04-01",
  "payment_frequency": "monthly",
  "payment_method": "transfer",
  "email": "odette.vial@example.fr",
  "address": "4 rue de la Liberté, 42400 Saint-Chamond",
  "commune": "$3", "link": "residence",
  "regional": {"collective_cover": $4, "priority_public": "senior"},
  "member": {"beneficiary_id": "$2-M", "last_name": "VIAL", "first_name": "Odette",
             "birth_date": "1956-02-11", "status": "retired"},
  "received": [{"item": "first_contribution", "date": "2026-04-01", "reference": "VIR 4410"}]
}
JSON
}
regional_request enr.json RG26-ENR 42207 false
expect_exit 0 "ELIG-10: a regional request at Saint-Chamond" -- "$MUTUA" --today 2026-04-01 member enrol --request enr.json --json
cp stdout enr_out.json
expect_json enr_out.json 'd["status"]' incomplete "PAR-09: incomplete until the subscriber is informed of the 100% santé scheme"
expect_json enr_out.json '[m["item"] for m in d["missing"]]' "['info_100s']" \
  "PAR-09: only info_100s is missing (no ADH-04 majoration proofs on a regional product)"
expect_json enr_out.json '[m["rule"] for m in d["missing"]]' "['PAR-09']" "PAR-09: the missing item names its rule"
expect_exit 3 "ELIG-10: no subscription record while the file is incomplete (no contract yet)" -- "$MUTUA" --today 2026-04-02 partners subscription RG26-ENR
expect_exit 0 "PAR-09: information on 100% santé received 2026-04-03" -- "$MUTUA" --today 2026-04-03 member receive RG26-ENR \
  --item info_100s --date 2026-04-03 --json
expect_json stdout '(d["status"], d["effective_date"])' "('active', '2026-04-04')" "PAR-09: complete: active the next day (ADH-01)"
expect_exit 0 "ELIG-10: the subscription record" -- "$MUTUA" --today 2026-04-10 partners subscription RG26-ENR --json
cp stdout sub.json
expect_json sub.json 'd["convention"]' "$C1" "ELIG-10: the subscription names the Saint-Chamond convention"
expect_json sub.json 'd["priority_public"]' senior "PAR-10: the priority public is recorded"
expect_json sub.json 'd["no_collective_cover"]' 2026-04-01 "ELIG-10: no collective cover declared on the signature day"
expect_json sub.json 'd["informed_100s"]' 2026-04-03 "PAR-09: the date the subscriber was informed of 100% santé"
regional_request enr_ani.json RG26-ANI 42207 true
expect_exit 4 "ELIG-10: a subscriber covered by a mandatory collective contract is refused" -- "$MUTUA" --today 2026-04-01 \
  member enrol --request enr_ani.json
expect_contains stderr "error: ELIG-10" "ELIG-10: the refusal names the rule"
regional_request enr_far.json RG26-FAR 38185 false
expect_exit 4 "ELIG-10: a commune without a convention is refused" -- "$MUTUA" --today 2026-04-01 member enrol --request enr_far.json
expect_contains stderr "error: ELIG-10" "ELIG-10: the refusal names the rule"
regional_request enr_lyon.json RG26-LYO 69123 false
expect_exit 4 "ELIG-10: a commune whose convention has ended is refused" -- "$MUTUA" --today 2026-04-01 member enrol --request enr_lyon.json
expect_exit 3 "PAR-09: refused requests left no file" -- "$MUTUA" --today 2026-04-03 member receive RG26-ANI --item info_100s

echo "# PAR-10 / PAR-06: the yearly report to Saint-Chamond"
cat > members.csv <<'CSV'
contract_id,beneficiary_id,role,last_name,first_name,birth_date,product,start_date,end_date,payment_frequency,commune,link
RG26-001,RG26-001-M,member,DURAND,Sophie,1970-03-14,REGION_AURA,2025-06-01,,monthly,42207,residence
RG26-001,RG26-001-S,spouse,DURAND,Marc,1968-11-02,REGION_AURA,2025-06-01,,,42207,residence
RG26-002,RG26-002-M,member,BERNARD,Louise,1950-07-21,REGION_AURA,2025-09-01,,monthly,42207,residence
RG26-003,RG26-003-M,member,PETITJEAN,Jules,1990-01-30,REGION_AURA,2026-02-01,,monthly,42207,residence
RG26-003,RG26-003-C,child,PETITJEAN,Emma,2015-06-09,REGION_AURA,2026-02-01,,,42207,residence
RG26-004,RG26-004-M,member,ROUSSEL,Anne,1985-05-05,REGION_AURA,2025-10-01,2026-06-30,monthly,42207,residence
RG26-005,RG26-005-M,member,FAUVEL,Paul,1962-09-18,REGION_AURA,2026-01-01,,monthly,42207,residence
RG26-006,RG26-006-M,member,GIRARDOT,Nina,1995-12-01,REGION_AURA,2025-07-01,,monthly,42207,work
RG26-007,RG26-007-M,member,MORELLI,Hugo,1988-04-12,REGION_AURA,2026-03-01,,monthly,42207,work
RG26-008,RG26-008-M,member,LEROYER,Eve,1975-08-08,REGION_AURA,2025-05-01,2025-12-31,monthly,42207,residence
RG26-009,RG26-009-M,member,BLANCHET,Jean,1980-02-02,REGION_AURA,2025-06-01,,monthly,69266,work
CSV
expect_exit 0 "PAR-10: the regional members imported" -- "$MUTUA" --today 2026-04-15 members import members.csv
expect_exit 0 "PAR-10: staff record the priority public of an imported subscription" -- "$MUTUA" --today 2026-04-15 \
  partners subscription RG26-001 --priority-public job_seeker --json
expect_json stdout '(d["convention"], d["priority_public"])' "('$C1', 'job_seeker')" "ELIG-10/PAR-10: Saint-Chamond's convention, job seeker"
expect_exit 0 "ELIG-10: a subscription at Villeurbanne" -- "$MUTUA" --today 2026-04-15 partners subscription RG26-009 --json
expect_json stdout 'd["convention"]' "$C3" "ELIG-10: the convention in force at Villeurbanne on the adhesion date"
expect_exit 0 "PAR-10: the 2026 report of Saint-Chamond" -- "$MUTUA" --today 2026-12-31 partners report --commune 42207 --year 2026 --json
cp stdout report.json
# 2026 at Saint-Chamond: RG26-001..007 and the enrolment (8 contracts; RG26-008 ended in 2025,
# RG26-009 is Villeurbanne's); persons: 2+1+2+1+1+1+1+1 = 10.
expect_json report.json '(d["rule"], d["commune"], d["year"])' "('PAR-10', '42207', 2026)" "PAR-10: the report's commune and year"
expect_json report.json 'd["subscriptions"]' 8 "PAR-10: 8 subscriptions covered in 2026"
expect_json report.json 'd["insured_persons"]' 10 "PAR-10: 10 insured persons"
expect_json report.json 'd["new_subscriptions"]' "< 5" "PAR-06: 4 new subscriptions shown as < 5"
expect_json report.json 'd["ended_subscriptions"]' "< 5" "PAR-06: 1 ended subscription shown as < 5"
expect_json report.json '[(r["key"], r["subscriptions"], r["insured_persons"]) for r in d["by_product"]]' \
  "[('REGION_AURA', 8, 10)]" "PAR-10: by product"
expect_json report.json '{r["key"]: r["subscriptions"] for r in d["by_link"]}["residence"]' 6 "PAR-10: 6 subscriptions by residence, exact"
expect_json report.json '{r["key"]: r["subscriptions"] for r in d["by_link"]}["work"]' "< 5" "PAR-06: 2 by work shown as < 5"
expect_json report.json '{r["key"]: r["subscriptions"] for r in d["by_priority_public"]}["senior"]' "< 5" "PAR-06: 1 senior shown as < 5"
expect_json report.json '{r["key"]: r["subscriptions"] for r in d["by_priority_public"]}["job_seeker"]' "< 5" "PAR-06: 1 job seeker shown as < 5"
expect_json report.json '{r["key"]: r["subscriptions"] for r in d["by_priority_public"]}["not_recorded"]' 6 \
  "PAR-10: 6 imported subscriptions without a priority public"
expect_json report.json 'd["css"]["checks"]' 6 "PAR-08/PAR-10: 6 CSS cases in 2026 (the corrected one counted once, others excluded)"
expect_json report.json '(d["css"]["free"], d["css"]["participatory"], d["css"]["not_eligible"])' "('< 5', '< 5', '< 5')" \
  "PAR-06: 3 free, 2 participatory, 1 not eligible, each shown as < 5"
expect_json report.json 'd["css"]["orientations"]' 5 "PAR-10: 5 orientations (free + participatory)"
expect_json report.json '{e["kind"]: (e["held"], e["planned"], e["cancelled"], e["attendees"]) for e in d["events"]}["office_hours"]' \
  "(3, 0, 0, 13)" "PAR-10: 3 permanences held, 13 attendees (event counts exact)"
expect_json report.json '{e["kind"]: (e["held"], e["planned"], e["cancelled"], e["attendees"]) for e in d["events"]}["information_meeting"]' \
  "(1, 0, 0, 25)" "PAR-10: 1 information meeting held, 25 attendees"
expect_json report.json '{e["kind"]: (e["held"], e["planned"], e["cancelled"]) for e in d["events"]}["staff_information"]' \
  "(0, 0, 1)" "PAR-10: the staff information cancelled"
expect_json report.json 'len(d["held_events"])' 4 "PAR-10: the list of held events"
expect_json report.json '(d["materials"]["submitted"], d["materials"]["published"], d["materials"]["rejected"], d["materials"]["pending"])' \
  "(3, 1, 1, 1)" "PAR-05/PAR-10: materials of the year by status"
expect_json report.json '[c["id"] if isinstance(c, dict) else c for c in d["conventions"]]' "['$C1']" "PAR-10: the convention reported on"
expect_exit 0 "PAR-10: the report as CSV" -- "$MUTUA" --today 2026-12-31 partners report --commune 42207 --year 2026 --format csv --out r.csv
expect_contains r.csv "section,key,label,measure,value" "PAR-10: the CSV header"
expect_contains r.csv "< 5" "PAR-06: small counts are < 5 in the CSV"
expect_contains r.csv "by_link,residence,Résidence,subscriptions,6" "PAR-10: CSV: 6 subscriptions by residence"
expect_contains r.csv "by_link,work,Lieu de travail,subscriptions,< 5" "PAR-06: CSV: subscriptions by work masked"
expect_contains r.csv "css,orientations,Orientations vers l'Assurance Maladie,count,5" "PAR-10: CSV: 5 CSS orientations"
expect_exit 0 "PAR-10: the report as PDF" -- "$MUTUA" --today 2026-12-31 partners report --commune 42207 --year 2026 --format pdf --out r.pdf
pdftotext -raw r.pdf r.txt
expect_contains r.txt "Bilan annuel 2026" "PAR-10: the PDF is the Bilan annuel 2026"
expect_contains r.txt "< 5" "PAR-06: small counts are < 5 in the PDF"
leaks=""
for f in report.json r.csv r.txt; do
  for word in DURAND Sophie BERNARD PETITJEAN Emma ROUSSEL FAUVEL GIRARDOT MORELLI VIAL Odette RG26- SC-2026 SC-2025 LY-2026; do
    if grep -qF -- "$word" "$f"; then leaks="$leaks $f:$word"; fi
  done
done
if [ -z "$leaks" ]; then pass "PAR-06: no name, contract id nor CSS case reference in the JSON, CSV and PDF reports"; else
  fail "PAR-06: individual data in the report:$leaks"; fi
expect_exit 3 "PAR-10: a year not yet begun" -- "$MUTUA" --today 2026-12-31 partners report --commune 42207 --year 2027
expect_exit 3 "PAR-10: a commune without a convention in force in the year" -- "$MUTUA" --today 2026-12-31 \
  partners report --commune 38185 --year 2026

echo "# GDPR-03: partner contacts erased 5 years after a convention's end (CONV art. 6)"
expect_exit 0 "PAR-01: an old convention with Grenoble, signed 2015-03-02" -- "$MUTUA" --today 2015-03-02 partners convention add \
  --commune 38185 --commune-name Grenoble --mutuelle MILTIS --signed 2015-03-02 \
  --commune-signatory "M. Jean GRANGE, maire" --mutuelle-signatory "M. Patrick JULIEN, directeur général" \
  --commune-dpo dpo@grenoble.fr --mutuelle-dpo contact-cnll@miltis.fr --commune-contact "Mme Lise ROCHE, 04 76 00 00 00" --json
C5="$(python3 -c 'import json; print(json.load(open("'"$WORK"'/stdout"))["id"])')"
show "$C5" 2019-01-01
expect_json show.json '(d["status"], d["final_end"], d["contacts_kept_until"])' "('ended', '2018-12-31', '2023-12-31')" \
  "GDPR-03: ended 2018-12-31, contacts kept until 2023-12-31"
"$MUTUA" --today 2023-12-31 partners retention --dry-run --json > ret.json
expect_json ret.json "'$C5' in json.dumps(d)" False "GDPR-03: on 2023-12-31 the contacts are still within their 5 years"
"$MUTUA" --today 2024-06-01 partners alerts --json > alerts.json
expect_json alerts.json "[a['rule'] for a in d if a['convention'] == '$C5']" "['GDPR-03']" "GDPR-03: contacts past their retention are alerted"
expect_exit 0 "GDPR-03: the dry run on 2024-06-01" -- "$MUTUA" --today 2024-06-01 partners retention --dry-run --json
cp stdout ret.json
expect_json ret.json "'$C5' in json.dumps(d)" True "GDPR-03: the dry run lists Grenoble's convention"
expect_json ret.json "'$C1' in json.dumps(d)" False "GDPR-03: not a convention in force"
show "$C5" 2024-06-01
expect_json show.json 'd["contacts"]["commune_dpo"]' dpo@grenoble.fr "GDPR-03: the dry run erases nothing"
expect_exit 0 "GDPR-03: the retention run on 2024-06-01" -- "$MUTUA" --today 2024-06-01 partners retention --json
show "$C5" 2024-06-01
expect_json show.json 'sorted(set(d["contacts"].values()), key=str)' "[None]" "GDPR-03: every contact erased"
expect_json show.json 'd["contacts_erased"]' 2024-06-01 "GDPR-03: the erasure is dated"
expect_json show.json '(d["signed"], d["commune"]["insee"], d["mutuelle"]["code"], d["final_end"])' \
  "('2015-03-02', '38185', 'MILTIS', '2018-12-31')" "GDPR-03: the dates and parties stay"
"$MUTUA" --today 2024-06-02 partners retention --dry-run --json > ret.json
expect_json ret.json "'$C5' in json.dumps(d)" False "GDPR-03: nothing left to erase"
show "$C1" 2026-07-01
expect_json show.json 'd["contacts"]["commune_dpo"]' dpo@ville.fr "GDPR-03: a convention in force keeps its contacts"
"$MUTUA" --json db stats > stats.json
if python3 - stats.json <<'PY'
import json, sys
shapes = json.load(open(sys.argv[1]))["tables"]
tables = [t for t in shapes if t.startswith(("convention", "partner", "communes", "regional", "css"))]
cols = [(t, c) for t in tables for c in shapes[t]["columns"]]
if len(tables) < 5: sys.exit(1)  # the partnership tables must be there to be checked
bad = [f"{t}.{c}" for t, c in cols if any(w in c.lower() for w in ("commission", "remuneration", "fee"))]
sys.exit(1 if bad else 0)
PY
then pass "PAR-07: no partnership table holds a remuneration, commission or fee"; else fail "PAR-07: a remuneration column exists"; fi

finish
