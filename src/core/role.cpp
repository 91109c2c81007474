#include "core/role.hpp"

namespace mutua {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::kMember: return "member";
    case Role::kSpouse: return "spouse";
    case Role::kChild: return "child";
  }
  return "member";
}

std::optional<Role> parse_role(std::string_view text) {
  if (text == "member") return Role::kMember;
  if (text == "spouse") return Role::kSpouse;
  if (text == "child") return Role::kChild;
  return std::nullopt;
}

}  // namespace mutua
