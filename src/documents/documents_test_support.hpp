// Shared by the documents tests: a temporary directory per test and a command's output (the
// PDFs are read back with poppler's pdftotext, pdfinfo and pdffonts).
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "documents/pdf_render.hpp"

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

// Runs of whitespace (line breaks, layout padding) become one space.
inline std::string flat(const std::string& text) {
  std::string out;
  for (char c : text) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return out;
}

// A document's pages as text, whitespace collapsed.
struct Rendered {
  std::vector<std::string> pages;
  std::string all;
  bool has(const std::string& part) const { return all.find(flat(part)) != std::string::npos; }
};

inline ::testing::AssertionResult mentions(const Rendered& r, const std::string& part) {
  if (r.has(part)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "missing \"" << part << "\" in:\n" << r.all;
}

// Writes `doc` as a PDF in a temporary directory and reads it back with `pdftotext <mode>`
// ("-layout" keeps table rows on one line; "-raw" keeps the spaces of short cells).
inline Rendered render_pdf(const PdfDocument& doc, const char* mode) {
  TempDir dir;
  Rendered r;
  if (dir.path().empty()) return r;
  const std::string file = dir.path() + "/document.pdf";
  Status s = write_pdf(doc, file);
  EXPECT_TRUE(s.ok()) << s.error().to_string();
  const std::string text = run(std::string("pdftotext ") + mode + " '" + file + "' -");
  size_t start = 0;
  for (size_t ff; (ff = text.find('\f', start)) != std::string::npos; start = ff + 1) {
    r.pages.push_back(flat(text.substr(start, ff - start)));
    r.all += r.pages.back() + " ";
  }
  return r;
}

}  // namespace mutua::testing_support
