#include "app/regulation_source.hpp"

#include <cstdlib>
#include <filesystem>

namespace mutua {

extern const char* const kEmbeddedRegulationYaml;

namespace fs = std::filesystem;

std::string find_config_file(const std::string& name) {
  std::error_code ec;
  for (const fs::path& dir : {fs::path("config"), fs::path(MUTUA_SOURCE_DIR) / "config"}) {
    fs::path p = dir / name;
    if (fs::is_regular_file(p, ec)) return p.string();
  }
  return {};
}

Result<Regulation> load_regulation(const std::string& explicit_path, std::string* used) {
  std::string path = explicit_path;
  if (path.empty()) {
    if (const char* env = std::getenv("MUTUA_REGULATION"); env && *env) path = env;
  }
  if (path.empty()) path = find_config_file("regulation.yaml");
  if (path.empty()) {
    if (used) *used = "(embedded)";
    return Regulation::load_string(kEmbeddedRegulationYaml, "(embedded regulation.yaml)");
  }
  if (used) *used = path;
  return Regulation::load_file(path);
}

}  // namespace mutua
