// The role of an insured person on a contract: it selects the tariff row (TAR-01).
#pragma once

#include <optional>
#include <string_view>

namespace mutua {

enum class Role { kMember, kSpouse, kChild };

// "member" | "spouse" | "child" (the vocabulary of INTERFACES.md).
std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);

}  // namespace mutua
