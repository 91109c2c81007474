// The yearly report of the mutuelle to a partner commune, as a French PDF (CONV art. 2 last
// paragraph; PAR-05, PAR-10). A pure builder: the report (already aggregated and masked by
// partners/report.hpp) in, a PdfDocument out; documents/pdf_render.hpp writes it.
//
// Contract:
// - Title « Bilan annuel <year> — Ma mutuelle Région », the commune's name and INSEE code, the
//   mutuelle (sender), the generation date in French; the conventions of the commune with their
//   periods; then sections: adhésions and personnes protégées (totals, new, ended), by product,
//   by link (résidence / lieu de travail), by priority public; Complémentaire santé solidaire
//   (checks and orientations); the mutuelle's activity (meetings, office hours, staff sessions,
//   report presentations held, with attendees), material reviews; and a note on the rule that
//   hides counts below 5 (« < 5 »).
// - Only what the report holds is printed: counts (masked ones as « < 5 »), dates, places, kinds.
//   No member, contract or health data exists in the input, so none can appear (PAR-06).
#pragma once

#include "documents/pdf_document.hpp"
#include "partners/report.hpp"

namespace mutua {

PdfDocument annual_report_document(const AnnualReport& report);

}  // namespace mutua
