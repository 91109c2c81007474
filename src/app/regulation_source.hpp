// Where the regulatory parameters come from at run time. The figures are data
// (config/regulation.yaml): an explicit --regulation file or MUTUA_REGULATION wins; otherwise
// config/regulation.yaml in the working directory or beside the source tree the binary was built
// from; as a last resort, the copy embedded at build time (so an installed binary still works).
#pragma once

#include <string>

#include "core/result.hpp"
#include "regulation/regulation.hpp"

namespace mutua {

// `explicit_path` empty = search as described above. `used` receives the path or "(embedded)".
Result<Regulation> load_regulation(const std::string& explicit_path, std::string* used = nullptr);

// The default catalogue shipped with mutua (config/catalogue.yaml), found the same way; empty
// when not found.
std::string find_config_file(const std::string& name);

}  // namespace mutua
