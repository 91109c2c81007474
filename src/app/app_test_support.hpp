// Shared by the app-layer tests: the regulation of config/regulation.yaml, dates from text, and
// short ways to read a use case's Result (its value, or the rule or field that refused it).
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "app/catalogue_service.hpp"
#include "app/regulation_source.hpp"
#include "core/date.hpp"
#include "core/result.hpp"
#include "storage/store.hpp"

namespace mutua::app_testing {

inline const Regulation& regulation() {
  static const Regulation r = [] {
    auto loaded = load_regulation(std::string(MUTUA_SOURCE_DIR) + "/config/regulation.yaml");
    if (!loaded) throw std::runtime_error(loaded.error().to_string());
    return std::move(loaded).value();
  }();
  return r;
}

inline Date d(const char* text) { return *parse_date(text); }

// A fresh, empty folder of its own under the system's temporary folder ("mutua_<prefix>_<pid>_<n>").
inline std::filesystem::path fresh_dir(const std::string& prefix) {
  static std::atomic<int> counter{0};
  const auto dir = std::filesystem::temp_directory_path() /
                   ("mutua_" + prefix + "_" + std::to_string(::getpid()) + "_" +
                    std::to_string(counter++));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// A database file at `path`, migrated, with config/catalogue.yaml loaded; throws on an error.
inline void create_with_catalogue(const std::string& path) {
  auto store = Store::open(path);
  store->migrate();
  auto loaded = load_catalogue_into(
      *store, std::string(MUTUA_SOURCE_DIR) + "/config/catalogue.yaml", regulation());
  if (!loaded.errors.empty()) throw std::runtime_error(loaded.errors.front().to_string());
}

// The value of a use case that must succeed; a failure ends the test with the error (gtest
// reports the exception) instead of aborting the whole binary on value().
template <typename T>
T must(Result<T> r, const std::string& what) {
  if (!r) throw std::runtime_error(what + ": " + r.error().to_string());
  return std::move(r).value();
}

// The rule that refused, or the field of a data error ("(ok)" when it succeeded).
template <typename T>
std::string rule_of(const Result<T>& r) {
  return r ? "(ok)" : r.error().rule_id;
}
template <typename T>
std::string field_of(const Result<T>& r) {
  return r ? "(ok)" : r.error().field;
}

inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace mutua::app_testing
