// Use case of CSS detection for the regional scheme (PAR-08): decide with the table in force on
// the request date (partners/css.hpp) and, when the user gives a reference, record the check so
// the orientation to the Assurance Maladie is kept (and counted by the yearly report, PAR-10).
//
// Contract of record_css_check:
// - The reference is the only identifier stored (no name): 1 to 64 characters among letters,
//   digits and `-_./`; anything else is an error on --record.
// - Every check is a row (a later check of the same case, e.g. corrected resources, is a new
//   row), but recording the same check again (same reference, date and figures) is a no-op that
//   returns the stored row: a retried command does not count an orientation twice.
#pragma once

#include <string>

#include "partners/css.hpp"
#include "regulation/regulation.hpp"
#include "storage/store.hpp"

namespace mutua {

// The reference rule above (an error on --record), checked before any database is opened.
Status check_css_reference(const std::string& reference);

// The decision alone; nothing is written.
Result<CssDecision> css_check(const Regulation& regulation, Date date, const CssRequest& request);

struct CssRecorded {
  CssDecision decision;
  int64_t id = 0;
  bool already_recorded = false;
};

// Decides, then records the check under `reference` (business date `today`), in one transaction.
// `commune` (INSEE code, may be empty) is the partner commune where the check was made: the
// yearly report counts the orientations by commune (PAR-10). It is part of the check: the same
// figures recorded for another commune are a new row.
Result<CssRecorded> record_css_check(Store& store, const Regulation& regulation, Date date,
                                     const CssRequest& request, const std::string& reference,
                                     const std::string& commune, Date today);

}  // namespace mutua
