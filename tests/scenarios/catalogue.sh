#!/usr/bin/env bash
# The catalogue refuses what the law forbids, end to end through the real binary.
# Rules: TAR-04 TAR-05 TAR-07 BEN-05 BEN-07
source "$(dirname "$0")/lib.bash"
C="$(db_target c)"
T="$(db_target t)"
BAD="$ROOT/tests/data/catalogues"

expect_exit 0 "the sample catalogue is valid" -- "$MUTUA" catalogue check "$ROOT/config/catalogue.yaml"

expect_exit 3 "TAR-04: a solidarity ratio over 3 is refused" -- "$MUTUA" catalogue check "$BAD/solidarity_broken.yaml"
expect_contains stderr "error: TAR-04:" "TAR-04 violation names the rule"
expect_exit 3 "BEN-05: non-OPTAM excess over the cap is refused" -- "$MUTUA" catalogue check "$BAD/non_optam_excess.yaml"
expect_contains stderr "error: BEN-05:" "BEN-05 violation names the rule"
expect_exit 3 "BEN-07: optics allowance over the legal maximum is refused" -- "$MUTUA" catalogue check "$BAD/optics_over_cap.yaml"
expect_contains stderr "error: BEN-07:" "BEN-07 violation names the rule"
expect_exit 3 "TAR-07: a regional increase over the cap is refused" -- "$MUTUA" catalogue check "$BAD/regional_increase.yaml"
expect_contains stderr "error: TAR-07:" "TAR-07 violation names the rule"
expect_exit 3 "a YAML syntax error is refused" -- "$MUTUA" catalogue check "$BAD/syntax_error.yaml"
expect_contains stderr "syntax_error.yaml:" "syntax error names the file and line"
expect_exit 3 "a type error is refused" -- "$MUTUA" catalogue check "$BAD/type_error.yaml"
expect_contains stderr "type_error.yaml:" "type error names the file and line"

# --json on a refused catalogue: one document on stdout.
expect_exit 3 "check --json still exits 3" -- "$MUTUA" --json catalogue check "$BAD/solidarity_broken.yaml"
expect_contains stdout '"rule": "TAR-04"' "JSON lists the violation with its rule"

# Load, then load again: idempotent (TAR-05: versions are never edited).
expect_exit 0 "catalogue load" -- "$MUTUA" --db "$C" catalogue load "$ROOT/config/catalogue.yaml"
expect_exit 0 "loading the same catalogue again changes nothing" -- "$MUTUA" --db "$C" catalogue load "$ROOT/config/catalogue.yaml"
expect_contains stdout "0 new tariff versions" "second load adds no version"

# Editing a stored year is refused (exit 4, TAR-05); nothing is stored.
sed 's/member: \[31.20/member: [31.90/' "$DATA/catalogue_small.yaml" > edited.yaml
"$MUTUA" --db "$T" catalogue load "$DATA/catalogue_small.yaml" >/dev/null
expect_exit 4 "editing a stored tariff year is refused (TAR-05)" -- "$MUTUA" --db "$T" catalogue load edited.yaml
expect_contains stderr "error: TAR-05:" "refusal names TAR-05"

finish
