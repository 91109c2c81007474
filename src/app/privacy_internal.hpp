// Helpers shared by the personal-data use-case files (privacy_service.cpp, privacy_export.cpp,
// privacy_erasure.cpp); not part of the app/ interface.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "app/privacy_service.hpp"

namespace mutua {

// The contract holding a person, or the data error naming BENEFICIARY.
Result<Contract> contract_of_person(Store& store, const std::string& beneficiary_id);

// The open request `id` (when given) about one of `persons`, of one of `kinds`; data errors name
// --request. Nothing given: nullopt.
Result<std::optional<PrivacyRequest>> linked_request(Store& store, std::optional<int64_t> id,
                                                     const std::vector<std::string>& persons,
                                                     std::initializer_list<RequestKind> kinds);

// Closes `request` done with `reason` on `today` and stores it, in the caller's transaction.
PrivacyRequest close_done(Store& store, PrivacyRequest request, const std::string& reason,
                          Date today);

}  // namespace mutua
