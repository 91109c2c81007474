#!/usr/bin/env bash
# Issue 15, claims items, end to end through the real binary with config/catalogue.yaml:
# renewal periods of glasses and hearing aids per beneficiary (BEN-16, the issue's second pair of
# glasses paid 150.06 again), hearing aids at 20 or under (BEN-18), the forfait patient urgences
# (BEN-19), the RO's deductions in the explanation (BEN-20), benefit tables by year (BEN-17) and
# the TSA shown by `catalogue check` (TAX-01).
# Rules: BEN-16 BEN-17 BEN-18 BEN-19 BEN-20 TAX-01 DUN-02
source "$(dirname "$0")/lib.bash"

MDB="$(db_target m)"
db="--db $MDB"
expect_exit 0 "TAX-01: the sample catalogue is valid" -- "$MUTUA" catalogue check "$ROOT/config/catalogue.yaml"
expect_contains stdout "LABEL2: responsible contract, taxe de solidarité additionnelle 13.27 %" \
  "TAX-01: the TSA of a responsible product is shown (13.27 %)"
expect_exit 0 "TAX-01: check --json" -- "$MUTUA" --json catalogue check "$ROOT/config/catalogue.yaml"
expect_json stdout '[p["tsa_pct"] for p in d["products"] if p["code"] == "LABEL2"][0]' 13.27 \
  "TAX-01: tsa_pct in the JSON"

"$MUTUA" $db catalogue load "$ROOT/config/catalogue.yaml" >/dev/null
cat > members.csv <<'CSV'
contract_id,beneficiary_id,role,last_name,first_name,birth_date,product,start_date
K1,B1,member,MARTIN,Anne,1980-05-01,LABEL2,2025-01-01
K1,B2,child,MARTIN,Leo,2016-05-01,LABEL2,2025-01-01
K1,B3,child,MARTIN,Zoe,2010-05-01,LABEL2,2025-01-01
K2,B4,member,BLANC,Luc,1975-03-03,LABEL2,2025-01-01
K2,B5,spouse,BLANC,Rose,1978-03-03,LABEL2,2025-01-01
CSV
expect_exit 0 "members imported" -- "$MUTUA" $db members import members.csv

# BEN-17: benefit tables by year. The same catalogue plus a dated LABEL2 table for 2027 (glasses
# 100% BR + 250.00 per equipment); the undated table stays the one of 2026 and before. Loaded
# before any 2027 line is decided: once one is (A2 below), 2027 is a stored year and its table
# can no longer change.
python3 - "$ROOT/config/catalogue.yaml" <<'PY' > dated.yaml
import sys, copy, yaml
doc = yaml.safe_load(open(sys.argv[1]))
for p in doc["products"]:
    if p["code"] == "LABEL2":
        table = copy.deepcopy(p["benefits"])
        for b in table:
            if b["category"] == "OPTICS_FRAME_LENSES":
                b["formula"]["plus"]["amount"] = "250.00"
        p["benefit_tables"] = [{"year": 2027, "decided": "2026-10-15",
                                "decision_ref": "CA-2026-10-15", "benefits": table}]
yaml.safe_dump(doc, sys.stdout, allow_unicode=True, sort_keys=False)
PY
expect_exit 0 "BEN-17: a catalogue with a dated benefit table is valid" -- "$MUTUA" catalogue check dated.yaml
expect_exit 0 "BEN-17: load it" -- "$MUTUA" $db catalogue load dated.yaml
expect_contains stdout "1 new dated benefit tables, 0 already stored (BEN-17)" "BEN-17: the 2027 table stored"
expect_exit 0 "BEN-17: the same file again" -- "$MUTUA" $db catalogue load dated.yaml
expect_contains stdout "0 new dated benefit tables, 1 already stored (BEN-17)" "BEN-17: nothing changed"
sed 's/250.00/260.00/' dated.yaml > changed.yaml
expect_exit 4 "BEN-17: a stored year cannot be changed" -- "$MUTUA" $db catalogue load changed.yaml
expect_contains "$WORK/stderr" "LABEL2 2027: a benefit table is already stored for this year and differs" \
  "BEN-17: the refusal names product and year"

H=claim_id,line,contract_id,beneficiary_id,care_date,received_date,category,act_code,quantity,charged,base,ro_rate,ro_paid,flat_fee,franchise,optam,out_of_pathway,basket,country,emergency,prior_approval,other_payers,payee,provider,early_renewal
G="OPTICS_FRAME_LENSES,LPP,1,350.00,0.15,60,0.09,0.00,0.00,,0,FREE,FR,0,0,0.00,member,"
cat > lines.csv <<CSV
$H
O1,1,K1,B1,2026-01-15,2026-01-20,$G,
O2,1,K1,B1,2026-06-15,2026-06-20,$G,
O3,1,K1,B2,2026-01-20,2026-01-25,$G,
O4,1,K1,B2,2026-03-20,2026-03-25,$G,vision_change
O5,1,K1,B2,2026-05-20,2026-05-25,$G,
A1,1,K1,B1,2026-02-01,2026-02-05,HEARING_FREE,LPP,2,3000.00,800.00,60,480.00,0.00,0.00,,0,FREE,FR,0,0,0.00,member,,
A2,1,K1,B1,2027-02-01,2027-02-05,HEARING_FREE,LPP,1,1500.00,400.00,60,240.00,0.00,0.00,,0,FREE,FR,0,0,0.00,member,,
A3,1,K1,B3,2026-02-01,2026-02-05,HEARING_FREE,LPP,1,1600.00,1400.00,60,840.00,0.00,0.00,,0,FREE,FR,0,0,0.00,member,,
E1,1,K1,B1,2026-02-10,2026-02-12,EMERGENCY_FEE,FPU,1,19.61,0.00,,0.00,0.00,0.00,,0,,FR,0,0,0.00,member,,
E2,1,K1,B1,2026-03-10,2026-03-12,EMERGENCY_FEE,FPU,1,23.00,0.00,,0.00,0.00,0.00,,0,,FR,0,0,0.00,member,,
E3,1,K1,B1,2026-03-11,2026-03-12,EMERGENCY_FEE,FPU,1,25.00,0.00,,0.00,0.00,0.00,,0,,FR,0,0,0.00,member,,
M1,1,K1,B2,2026-02-10,2026-02-12,CONSULT_GP,G,1,30.00,30.00,70,19.00,2.00,0.00,1,0,,FR,0,0,0.00,member,,
CSV

# Hand computation (LABEL2: glasses 100% BR + 150.00 per equipment; hearing class II 100% BR +
# 600.00 per equipment, at most 2 lines per 4 years; GP OPTAM 150%):
# O1  adult, first pair: min(350.00, 0.15) − 0.09 = 0.06 + 150.00 = 150.06 (legal maximum
#     420.00 − 0.09 and indemnity 350.00 − 0.09 = 349.91 do not limit)
# O2  the issue's example: the same adult five months later, within 24 months of 2026-01-15:
#     0.00 RENEWAL (150.06 before the fix); remaining 350.00 − 0.09 = 349.91 (BEN-16)
# O3  child of 9, first pair: 150.06
# O4  the same child two months later with a change of sight: under 16 no minimum: 150.06
# O5  the same child two months later, no change of sight: 12 months: 0.00 RENEWAL, 349.91
# A1  two ears: min(3000.00, 800.00) − 480.00 = 320.00 + 600.00 = 920.00 (legal maximum
#     3400.00 − 480.00, indemnity 2520.00: not limiting)
# A2  one ear a year later: both ears paid within 4 years: 0.00 RENEWAL (760.00 before the fix:
#     400.00 − 240.00 + 600.00); remaining 1500.00 − 240.00 = 1260.00 (BEN-16)
# A3  aged 15: 1400.00 − 840.00 + 600.00 = 1160.00; RO + RC ≤ 1400.00: 560.00 CAP_LEGAL
#     (BEN-18; 760.00 before: cap 1700.00 − 840.00, then indemnity 1600.00 − 840.00);
#     remaining 1600.00 − 840.00 − 560.00 = 200.00
# E1  FPU 19.61 before 1 March 2026: paid in full 19.61 (BEN-19; before issue 15 the category
#     did not exist and the line was refused as bad data)
# E2  FPU 23.00 from 1 March 2026: 23.00
# E3  25.00 charged: at most the FPU in force, 23.00 CAP_LEGAL; remaining 2.00
# M1  child's GP: min(30.00, 45.00) − 21.00 = 9.00; the 2.00 flat fee stays (BEN-04/BEN-20)
cat > expected.csv <<'CSV'
claim_id,line,status,rc,remaining,reasons
O1,1,PAID,150.06,199.85,
O2,1,PAID,0.00,349.91,RENEWAL
O3,1,PAID,150.06,199.85,
O4,1,PAID,150.06,199.85,
O5,1,PAID,0.00,349.91,RENEWAL
A1,1,PAID,920.00,1600.00,
A2,1,PAID,0.00,1260.00,RENEWAL
A3,1,PAID,560.00,200.00,CAP_LEGAL
E1,1,PAID,19.61,0.00,
E2,1,PAID,23.00,0.00,
E3,1,PAID,23.00,2.00,CAP_LEGAL
M1,1,PAID,9.00,2.00,
CSV

expect_exit 0 "claims run" -- "$MUTUA" $db --today 2027-06-30 claims run --in lines.csv --out dec.csv
if cmp -s dec.csv expected.csv; then pass "BEN-16 BEN-18 BEN-19: every decision as computed by hand"; else
  fail "decisions differ"; diff expected.csv dec.csv | head -20; fi

expect_exit 0 "explain the second pair" -- "$MUTUA" $db claims explain O2 1
expect_contains stdout "previous equipment on 2026-01-15" "BEN-16: explain names the previous equipment's date"
expect_contains stdout "not renewable before 2028-01-15" "BEN-16: explain names the end of the period"
expect_contains stdout "16 and over: 24 months" "BEN-16: explain names the period applied"
expect_exit 0 "explain --json" -- "$MUTUA" $db --json claims explain O2 1
expect_contains stdout '"replay_matches": true' "BEN-16: the replay matches the stored decision"
expect_exit 0 "explain the child's third pair" -- "$MUTUA" $db claims explain O5 1
expect_contains stdout "previous equipment on 2026-01-20, 2026-03-20; not renewable before 2027-03-20" \
  "BEN-16: both previous pairs and the day the last one's period ends"
expect_exit 0 "explain the teenager's hearing aid" -- "$MUTUA" $db claims explain A3 1
expect_contains stdout "legal maximum 1400.00 RO included" "BEN-18: explain shows the price limit"
expect_exit 0 "explain the FPU" -- "$MUTUA" $db claims explain E3 1
expect_contains stdout "forfait patient urgences is covered in full" "BEN-19: explain names the mandatory coverage"
expect_exit 0 "explain the child's GP visit" -- "$MUTUA" $db claims explain M1 1
expect_contains stdout "the beneficiary is exempt (under 18 on the care date)" \
  "BEN-20: explain says a minor should not bear the flat fee"
expect_contains stdout "at most 50.00 of flat fees and, separately, 50.00 of franchises" \
  "BEN-20: the two separate yearly caps"
acc=$(db_rows "$MDB" claim_accumulators:category | grep -cx 'renewal:optics' || true)
[ "$acc" = 3 ] && pass "BEN-16: the three paid pairs recorded (O1, O3, O4)" || fail "renewal entries: $acc"

# B4: glasses on 2026-12-10 received and decided in 2027: the 2026 table, 150.06.
# B5: glasses on 2027-02-10: the 2027 table, 0.06 + 250.00 = 250.06.
cat > years.csv <<CSV
$H
Y1,1,K2,B4,2026-12-10,2027-01-05,$G,
Y2,1,K2,B5,2027-02-10,2027-02-12,$G,
CSV
expect_exit 0 "claims run across the change of year" -- "$MUTUA" $db --today 2027-06-30 claims run --in years.csv --out years.out.csv
expect_contains years.out.csv "Y1,1,PAID,150.06,199.85," "BEN-17: a 2026 line decided in 2027 uses the 2026 table"
expect_contains years.out.csv "Y2,1,PAID,250.06,99.85," "BEN-17: a 2027 line uses the 2027 table"
expect_exit 0 "explain the 2026 line" -- "$MUTUA" $db --json claims explain Y1 1
expect_contains stdout '"replay_matches": true' "BEN-17: explain replays with the table of the care year"
expect_exit 0 "explain the 2026 line in words" -- "$MUTUA" $db claims explain Y1 1
expect_contains stdout "Benefit table: LABEL2, its undated table, in force for care in 2026 (BEN-17)" \
  "BEN-17: explain names the table that decided the line"
expect_exit 0 "explain the 2027 line" -- "$MUTUA" $db claims explain Y2 1
expect_contains stdout "Benefit table: LABEL2, the table of 2027 (decided 2026-10-15, CA-2026-10-15)" \
  "BEN-17: explain names the dated table"

expect_exit 0 "examples 2026" -- "$MUTUA" $db --json catalogue examples LABEL2 --year 2026
expect_json stdout '[e["rc"] for e in d["examples"] if e["category"] == "OPTICS_FRAME_LENSES"][0]' 150.06 \
  "BEN-17: catalogue examples --year 2026 with the 2026 table"
expect_exit 0 "examples 2027" -- "$MUTUA" $db --json catalogue examples LABEL2 --year 2027
expect_json stdout '[e["rc"] for e in d["examples"] if e["category"] == "OPTICS_FRAME_LENSES"][0]' 250.06 \
  "BEN-17: catalogue examples --year 2027 with the 2027 table"

# BEN-17, the acceptance tester's reproductions: a stored year keeps its table.
# (1) 2026 lines were decided under the undated table (O1: 150.06): a dated 2026 table (glasses
#     250.00) would change 2026 → refused, exit 4, nothing written (2026 examples stay 150.06).
python3 - dated.yaml <<'PY' > dated2026.yaml
import sys, copy, yaml
doc = yaml.safe_load(open(sys.argv[1]))
for p in doc["products"]:
    if p["code"] == "LABEL2":
        t = copy.deepcopy(p["benefit_tables"][0])
        t.update({"year": 2026, "decided": "2025-10-15", "decision_ref": "CA-2025-10-15"})
        p["benefit_tables"].insert(0, t)
yaml.safe_dump(doc, sys.stdout, allow_unicode=True, sort_keys=False)
PY
expect_exit 4 "BEN-17: a dated table for a year with decided lines is refused" -- "$MUTUA" $db catalogue load dated2026.yaml
expect_contains "$WORK/stderr" "BEN-17: LABEL2 2026: the benefit table in force in this year would change" \
  "BEN-17: the refusal names the rule, the product and the year"
expect_exit 0 "examples 2026 after the refusal" -- "$MUTUA" $db --json catalogue examples LABEL2 --year 2026
expect_json stdout '[e["rc"] for e in d["examples"] if e["category"] == "OPTICS_FRAME_LENSES"][0]' 150.06 \
  "BEN-17: nothing written, 2026 still pays 150.06 (0.06 + 150.00)"
# (2) A 2025 line decided at 150.06 (0.06 + 150.00), then an undated table paying 100.00 (which
#     would give 0.06 + 100.00 = 100.06 in 2025 and 2026) → refused for 2025 and 2026; 2027 keeps
#     its dated table (250.06) and is not named.
cat > y2025.csv <<CSV
$H
Z1,1,K2,B4,2025-06-10,2025-06-12,$G,
CSV
expect_exit 0 "claims run of a 2025 line" -- "$MUTUA" $db --today 2027-06-30 claims run --in y2025.csv --out y2025.out.csv
expect_contains y2025.out.csv "Z1,1,PAID,150.06,199.85," "BEN-17: the 2025 line decided under the undated table"
python3 - dated.yaml <<'PY' > undated100.yaml
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
for p in doc["products"]:
    if p["code"] == "LABEL2":
        for b in p["benefits"]:
            if b["category"] == "OPTICS_FRAME_LENSES":
                b["formula"]["plus"]["amount"] = "100.00"
yaml.safe_dump(doc, sys.stdout, allow_unicode=True, sort_keys=False)
PY
expect_exit 4 "BEN-17: changing the undated table of stored years is refused" -- "$MUTUA" $db catalogue load undated100.yaml
expect_contains "$WORK/stderr" "BEN-17: LABEL2 2025: the benefit table in force" "BEN-17: 2025 named"
expect_contains "$WORK/stderr" "BEN-17: LABEL2 2026: the benefit table in force" "BEN-17: 2026 named"
if grep -q "LABEL2 2027" "$WORK/stderr"; then fail "BEN-17: 2027 (its dated table unchanged) must not be named"; else
  pass "BEN-17: 2027 keeps its dated table and is not named"; fi
expect_exit 0 "examples 2025 after the refusal" -- "$MUTUA" $db --json catalogue examples LABEL2 --year 2025
expect_json stdout '[e["rc"] for e in d["examples"] if e["category"] == "OPTICS_FRAME_LENSES"][0]' 150.06 \
  "BEN-17: nothing written, 2025 still pays 150.06"
# Years not stored may still change: in a database without claims, the same undated change is
# accepted (2026 then pays 0.06 + 100.00 = 100.06), and a dated table for the future year 2028.
FRESHDB="$(db_target fresh)"
"$MUTUA" --db "$FRESHDB" catalogue load dated.yaml >/dev/null
expect_exit 0 "BEN-17: the undated table of unused years may change" -- "$MUTUA" --db "$FRESHDB" catalogue load undated100.yaml
expect_exit 0 "examples 2026 in the fresh database" -- "$MUTUA" --db "$FRESHDB" --json catalogue examples LABEL2 --year 2026
expect_json stdout '[e["rc"] for e in d["examples"] if e["category"] == "OPTICS_FRAME_LENSES"][0]' 100.06 \
  "BEN-17: 2026, not stored there, follows the new undated table (100.06)"

# DUN-02 (not SUS-01): care given during a suspension for non-payment that ended in a termination.
# The collection status is set as the dunning run leaves it (billing.sh runs the whole procedure:
# suspended on 2026-03-01, terminated on 2026-04-01, the suspension date kept).
db_exec "$MDB" "insert into contract_collection (contract_id, status, since, suspended_from) values ('K2', 'terminated', '2026-04-01', '2026-03-01')"
cat > susp.csv <<CSV
$H
S1,1,K2,B5,2026-03-10,2026-03-12,CONSULT_GP,G,1,30.00,30.00,70,19.00,2.00,0.00,1,0,,FR,0,0,0.00,member,,
CSV
# Rejected, rc 0; remaining = charged − ro_paid = 30.00 − 19.00 = 11.00.
expect_exit 0 "claims run during the suspension" -- "$MUTUA" $db --today 2026-05-01 claims run --in susp.csv --out susp.out.csv
expect_contains susp.out.csv "S1,1,REJECTED,0.00,11.00,SUSPENDED" "DUN-02: care during the suspension is rejected SUSPENDED"
expect_exit 0 "explain it" -- "$MUTUA" $db claims explain S1 1
expect_contains stdout "suspension of guarantees for non-payment that ended in a termination: no benefit [DUN-02]" \
  "DUN-02: explain names the non-payment suspension, as member rights does"
if grep -q "SUS-01" stdout; then fail "DUN-02: explain must not say SUS-01"; else pass "DUN-02: not SUS-01"; fi
expect_exit 0 "member rights that day" -- "$MUTUA" $db --today 2026-05-01 member rights B5 --date 2026-03-10 --json
expect_contains stdout "DUN-02" "DUN-02: member rights gives the same rule"

finish
