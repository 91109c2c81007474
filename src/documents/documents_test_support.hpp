// Shared by the documents tests: a temporary directory per test and a command's output (the
// PDFs are read back with poppler's pdftotext, pdfinfo and pdffonts).
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <string>

namespace mutua::testing_support {

// A fresh directory per test, removed at the end.
class TempDir {
 public:
  explicit TempDir(const char* prefix = "mutua_documents_") {
    std::string pattern = ::testing::TempDir() + prefix + "XXXXXX";
    path_ = mkdtemp(pattern.data()) ? pattern : std::string();
  }
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// What `command` writes on stdout.
inline std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  pclose(pipe);
  return out;
}

}  // namespace mutua::testing_support
