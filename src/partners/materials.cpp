#include "partners/materials.hpp"

#include <algorithm>

namespace mutua {

namespace {

struct MediumName {
  Medium medium;
  const char* code;
  const char* french;
};
constexpr MediumName kMedia[] = {
    {Medium::kPrint, "print", "Impression"},
    {Medium::kOnline, "online", "Mise en ligne"},
    {Medium::kSocialMedia, "social_media", "Réseaux sociaux"},
    {Medium::kMunicipalNewsletter, "municipal_newsletter", "Journal municipal"},
    {Medium::kPoster, "poster", "Affichage"},
    {Medium::kOther, "other", "Autre support"},
};

struct StatusName {
  MaterialStatus status;
  const char* code;
  const char* french;
};
constexpr StatusName kStatuses[] = {
    {MaterialStatus::kSubmitted, "submitted", "Soumis à validation"},
    {MaterialStatus::kApproved, "approved", "Validé"},
    {MaterialStatus::kRejected, "rejected", "Refusé"},
    {MaterialStatus::kPublished, "published", "Publié"},
};

}  // namespace

const char* to_string(Medium medium) {
  for (const MediumName& m : kMedia) {
    if (m.medium == medium) return m.code;
  }
  return "?";
}

std::optional<Medium> parse_medium(std::string_view text) {
  for (const MediumName& m : kMedia) {
    if (text == m.code) return m.medium;
  }
  return std::nullopt;
}

const char* french_label(Medium medium) {
  for (const MediumName& m : kMedia) {
    if (m.medium == medium) return m.french;
  }
  return "?";
}

const char* to_string(MaterialStatus status) {
  for (const StatusName& s : kStatuses) {
    if (s.status == status) return s.code;
  }
  return "?";
}

std::optional<MaterialStatus> parse_material_status(std::string_view text) {
  for (const StatusName& s : kStatuses) {
    if (text == s.code) return s.status;
  }
  return std::nullopt;
}

const char* french_label(MaterialStatus status) {
  for (const StatusName& s : kStatuses) {
    if (s.status == status) return s.french;
  }
  return "?";
}

namespace {

// Characters, not bytes: UTF-8 continuation bytes do not start a character.
size_t characters(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

bool blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

constexpr size_t kMaxTitle = 200;
constexpr size_t kMaxComment = 2000;

Status check_comment(const std::string& comment) {
  if (characters(comment) <= kMaxComment) return Status::success();
  return data_error("", 0, "--comment",
                    "at most " + std::to_string(kMaxComment) + " characters, got " +
                        std::to_string(characters(comment)));
}

Status check_replaced(const Material& material, const Material& previous) {
  if (previous.status != MaterialStatus::kRejected &&
      previous.status != MaterialStatus::kApproved) {
    return rule_error("PAR-05", "version " + std::to_string(previous.version) + " is " +
                                    to_string(previous.status) +
                                    ": only a rejected or approved version may be replaced");
  }
  if (previous.convention_id != material.convention_id) {
    return data_error("", 0, "--replaces",
                      "the replaced material belongs to convention " + previous.convention_id);
  }
  if (previous.decided && material.submitted < *previous.decided) {
    return data_error("", 0, "--date",
                      "a new version cannot be submitted (" + format_date(material.submitted) +
                          ") before the decision on the previous one (" +
                          format_date(*previous.decided) + ")");
  }
  return Status::success();
}

// What approve and reject both require: a pending material, a decision on or after the
// submission, the commune's decider named, a comment of reasonable length.
Status check_decision(const Material& material, Date on, const std::string& by,
                      const std::string& comment) {
  if (material.status != MaterialStatus::kSubmitted) {
    return rule_error("PAR-05", std::string("the material is already ") +
                                    to_string(material.status) + ": it cannot be decided again");
  }
  if (on < material.submitted) {
    return data_error("", 0, "--date",
                      "a decision (" + format_date(on) + ") cannot precede the submission (" +
                          format_date(material.submitted) + ")");
  }
  if (blank(by)) return data_error("", 0, "--by", "required: who decided for the commune");
  return check_comment(comment);
}

Material decided(Material material, MaterialStatus status, Date on, const std::string& by,
                 const std::string& comment) {
  material.status = status;
  material.decided = on;
  material.decided_by = by;
  // The comment is the commune's, on this decision (it replaces any note of the submission).
  material.comment = comment;
  return material;
}

}  // namespace

Result<Material> submit_material(Material material, const std::optional<Material>& previous) {
  if (blank(material.title) || characters(material.title) > kMaxTitle) {
    return data_error("", 0, "--title",
                      "a title of 1 to " + std::to_string(kMaxTitle) + " characters is required");
  }
  if (Status s = check_comment(material.comment); !s) return s.error();
  if (material.replaces && !previous) {
    return data_error("", 0, "--replaces", "the replaced version was not found");
  }
  if (previous) {
    if (Status s = check_replaced(material, *previous); !s) return s.error();
    material.version = previous->version + 1;
    material.replaces = previous->id;
  } else {
    material.version = 1;
  }
  // A new submission is undecided whatever the caller left in it.
  material.status = MaterialStatus::kSubmitted;
  material.decided.reset();
  material.decided_by.clear();
  material.published.reset();
  return material;
}

Result<Material> approve_material(Material material, Date on, const std::string& by,
                                  const std::string& comment) {
  if (Status s = check_decision(material, on, by, comment); !s) return s.error();
  return decided(std::move(material), MaterialStatus::kApproved, on, by, comment);
}

Result<Material> reject_material(Material material, Date on, const std::string& by,
                                 const std::string& comment) {
  if (Status s = check_decision(material, on, by, comment); !s) return s.error();
  if (blank(comment)) {
    return data_error("", 0, "--comment", "required: why the commune rejects the material");
  }
  return decided(std::move(material), MaterialStatus::kRejected, on, by, comment);
}

Result<Material> publish_material(Material material, Date on) {
  if (material.status != MaterialStatus::kApproved) {
    return rule_error("PAR-05", std::string("the material is ") + to_string(material.status) +
                                    ": nothing is published before the commune approves it");
  }
  if (material.decided && on < *material.decided) {
    return data_error("", 0, "--date",
                      "a publication (" + format_date(on) + ") cannot precede the approval (" +
                          format_date(*material.decided) + ")");
  }
  material.status = MaterialStatus::kPublished;
  material.published = on;
  return material;
}

}  // namespace mutua
