// The review, by the commune, of any material that uses its graphic charter before it is printed,
// put online or distributed (CONV art. 2: « valider en amont avec la Commune l'utilisation de sa
// charte graphique et ce avant impression, mise en ligne, ou diffusion »; PAR-05). Pure: the
// material and the action in, the material after it (or the refusal) out.
//
// Contract (the workflow):
//   submitted --approve--> approved --publish--> published
//   submitted --reject (comment required)--> rejected
//   a rejected or approved version may be replaced by a new version (submit with `replaces`):
//   the new one starts `submitted`, version + 1; the old one is left as it was.
// - Nothing is published before approval: publish() refuses (PAR-05) anything not approved.
// - Each action is dated on or after the previous one (a decision before the submission, a
//   publication before the approval: data errors on --date); approve and reject name who decided
//   for the commune (`by`, required). A decided material cannot be decided again (PAR-05).
// - Titles are 1-200 characters; a comment at most 2000.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/result.hpp"

namespace mutua {

enum class Medium { kPrint, kOnline, kSocialMedia, kMunicipalNewsletter, kPoster, kOther };
// "print", "online", "social_media", "municipal_newsletter", "poster", "other"
const char* to_string(Medium medium);
std::optional<Medium> parse_medium(std::string_view text);
const char* french_label(Medium medium);  // "Impression", "Mise en ligne", ...

enum class MaterialStatus { kSubmitted, kApproved, kRejected, kPublished };
const char* to_string(MaterialStatus status);  // "submitted", "approved", "rejected", "published"
std::optional<MaterialStatus> parse_material_status(std::string_view text);
const char* french_label(MaterialStatus status);  // "Soumis", "Validé", "Refusé", "Publié"

struct Material {
  int64_t id = 0;
  std::string convention_id;
  std::string commune;  // INSEE code of the convention's commune
  std::string title;
  Medium medium = Medium::kPrint;
  std::string reference;  // the document's file name or reference; may be empty
  int version = 1;
  std::optional<int64_t> replaces;  // the previous version's id
  MaterialStatus status = MaterialStatus::kSubmitted;
  Date submitted{};
  std::optional<Date> decided;
  std::string decided_by;
  std::string comment;
  std::optional<Date> published;
  friend bool operator==(const Material&, const Material&) = default;
};

// Checks a new material (title, comment length); `previous` is the version it replaces, if any:
// it must be rejected or approved, of the same convention, and the new submission not before its
// decision. Sets version from `previous`.
Result<Material> submit_material(Material material, const std::optional<Material>& previous);
Result<Material> approve_material(Material material, Date on, const std::string& by,
                                  const std::string& comment);
Result<Material> reject_material(Material material, Date on, const std::string& by,
                                 const std::string& comment);
Result<Material> publish_material(Material material, Date on);

}  // namespace mutua
