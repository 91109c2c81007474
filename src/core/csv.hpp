// CSV reading and writing (RFC 4180, INTERFACES.md "CSV conventions"), built for batch speed.
//
// Reader contract:
// - Streams a file through a large buffer; memory stays bounded by the longest record.
// - Quoted fields may hold commas, newlines and "" (an escaped quote); lines end in LF or CRLF;
//   a leading UTF-8 BOM is skipped; completely empty lines are skipped.
// - The first record is the header (required); columns are looked up by name.
// - Strict: a quote inside an unquoted field, text after a closing quote, an unterminated quote
//   or a record whose field count differs from the header's is an Error naming the file, the
//   physical line where the record starts and the column concerned.
// - Field views stay valid until the next call to next().
// - A record is at most kCsvRecordBytesMax bytes: a longer one is an Error on its line (field
//   "record"), and reading stops there, as after broken quoting (issue 14).
//
// Writer contract: quotes a field only when it holds a comma, a quote, CR or LF; appends to an
// in-memory buffer flushed to the FILE* or ostream in large blocks (and on flush/destruction).
#pragma once

#include <cstdint>
#include <cstdio>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace mutua {

inline constexpr size_t kCsvRecordBytesMax = 1 << 20;

class CsvReader {
 public:
  // Opens a file and reads its header. `display_name` (default: path) is used in errors.
  static Result<std::unique_ptr<CsvReader>> open(const std::string& path);
  // Reads CSV held in memory (tests, HTTP uploads); `name` is used in errors.
  static Result<std::unique_ptr<CsvReader>> from_string(std::string text, std::string name);

  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  const std::string& file() const { return name_; }
  const std::vector<std::string>& header() const { return header_; }
  // Index of a header column, or nullopt when the file has no such column.
  std::optional<size_t> column(std::string_view name) const;

  // Advances to the next record: true when one was read, false at end of input, or an Error.
  Result<bool> next();
  size_t size() const { return fields_.size(); }
  std::string_view operator[](size_t i) const { return fields_[i]; }
  const std::vector<std::string_view>& fields() const { return fields_; }
  // Physical line (1-based) where the current record starts.
  int line() const { return record_line_; }

 private:
  CsvReader(std::FILE* file, std::string text, std::string name);
  Status read_header();
  // Parses one record from buf_; returns false (without consuming) when more input is needed.
  enum class Parse { kRecord, kNeedMore, kEmptyLine, kError };
  Parse parse_record(bool at_eof);
  bool refill();
  Error error_at(size_t field_index, std::string message) const;

  std::FILE* file_ = nullptr;
  std::string name_;
  std::string buf_;       // holds [pos_, end_) unparsed bytes
  size_t pos_ = 0;
  size_t end_ = 0;
  bool eof_ = false;
  int line_ = 1;          // physical line of buf_[pos_]
  int record_line_ = 0;
  std::vector<std::string> header_;
  // Fields of the current record: spans into buf_ or, for fields with "" escapes, into scratch_.
  struct Span {
    size_t offset;
    size_t size;
    bool scratch;
  };
  std::vector<Span> spans_;
  std::string scratch_;
  std::vector<std::string_view> fields_;
  std::optional<Error> pending_error_;
};

// Appends one field to out, quoted only when needed.
void append_csv_field(std::string& out, std::string_view field);

class CsvWriter {
 public:
  explicit CsvWriter(std::FILE* out);
  explicit CsvWriter(std::ostream& out);
  ~CsvWriter();  // flushes
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  // Appends a field (with the separator when it is not the first of the row).
  CsvWriter& field(std::string_view value);
  CsvWriter& field(const char* value) { return field(std::string_view(value)); }
  CsvWriter& field(int64_t value);
  // Starts a field whose text the caller appends to raw() (dates, amounts: no quoting needed).
  std::string& raw_field();
  void end_row();
  void row(const std::vector<std::string_view>& fields);
  void flush();

 private:
  void separator();
  void maybe_flush() {
    if (buf_.size() >= kFlushBytes) flush();
  }
  static constexpr size_t kFlushBytes = 1 << 20;
  std::FILE* file_ = nullptr;
  std::ostream* stream_ = nullptr;
  std::string buf_;
  bool row_started_ = false;
};

}  // namespace mutua
