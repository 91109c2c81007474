// Generated documents: French formatting and PDF rendering (DOC-02: PDF, French, with accents).
// The PDF tests read the text back with poppler's pdftotext, as a member's PDF reader would.
#include <gtest/gtest.h>

#include "documents/documents_test_support.hpp"
#include <stdlib.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "documents/french.hpp"
#include "documents/pdf_document.hpp"
#include "documents/pdf_render.hpp"

namespace mutua {
namespace {

const std::string kNarrowNbsp = "\u202F";
const std::string kNbsp = "\u00A0";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

bool exists(const std::string& path) { return std::filesystem::exists(path); }

using testing_support::run;

class TempDir : public testing_support::TempDir {
 public:
  TempDir() : testing_support::TempDir("mutua_documents_") {}
};

std::vector<std::string> pdf_pages(const std::string& file) {
  std::string text = run("pdftotext -layout '" + file + "' -");
  std::vector<std::string> pages;
  size_t start = 0;
  for (size_t ff; (ff = text.find('\f', start)) != std::string::npos; start = ff + 1) {
    pages.push_back(text.substr(start, ff - start));
  }
  return pages;
}

std::string read_head(const std::string& file, size_t n) {
  std::ifstream in(file, std::ios::binary);
  std::string head(n, '\0');
  in.read(head.data(), static_cast<std::streamsize>(n));
  head.resize(static_cast<size_t>(in.gcount()));
  return head;
}

// The kind of letter the app will send: every part of the model, with French accents.
PdfDocument sample_letter(int table_rows) {
  PdfDocument doc;
  doc.title = "Attestation de non-majoration";
  doc.sender = {"« Ma mutuelle Région »", "12 rue de la République", "84000 Avignon"};
  doc.recipient = {"Mme Hélène Lefèvre", "3 place de l'Église", "13100 Aix-en-Provence"};
  doc.place_and_date = "Avignon, le " + french_date(make_date(2026, 11, 22));
  doc.reference = "Réf. : contrat C000123";
  doc.footer = "« Ma mutuelle Région » — mutuelle régie par le livre II du code de la mutualité";
  doc.blocks.push_back(heading("Résiliation du contrat"));
  doc.blocks.push_back(paragraph(
      "Madame, nous accusons réception de votre demande de résiliation. Le dernier "
      "prélèvement aura lieu le " + french_date(make_date(2026, 12, 5)) +
      ". Nous œuvrons à ce que la clôture soit rapide ; le garçon de bureau n'y est pour rien, "
      "à côté de l'été où tout a commencé.\nUne seconde ligne après un retour à la ligne."));
  doc.blocks.push_back(fields({{"Adhérent", "Hélène Lefèvre"},
                               {"Cotisation mensuelle", french_money(Money::from_cents(1250))},
                               {"Total annuel", french_money(Money::from_cents(123450))},
                               {"Date d'effet", french_date(make_date(2027, 1, 1))}}));
  doc.blocks.push_back(heading("Échéancier"));
  PdfTable t;
  t.header = {"N°", "Date d'échéance", "Libellé", "Montant"};
  t.right_align = {true, false, false, true};
  for (int i = 1; i <= table_rows; ++i) {
    t.rows.push_back({std::to_string(i), french_date(add_months(make_date(2027, 1, 1), i - 1)),
                      "Prélèvement mensuel", french_money(Money::from_cents(1250 * i))});
  }
  doc.blocks.push_back(table(t));
  doc.blocks.push_back(signature("Pour la mutuelle,\nLe directeur"));
  return doc;
}

TEST(FrenchDate, DOC_02_FirstDayIsOrdinal) {
  EXPECT_EQ(french_date(make_date(2027, 1, 1)), "1er janvier 2027");
  EXPECT_EQ(french_date(make_date(2026, 11, 22)), "22 novembre 2026");
  EXPECT_EQ(french_date(make_date(2026, 3, 2)), "2 mars 2026");
  EXPECT_EQ(french_date(make_date(2026, 5, 31)), "31 mai 2026");
}

TEST(FrenchDate, DOC_02_MonthNamesWithAccents) {
  const std::vector<std::string> names = {"janvier", "février",   "mars",    "avril",
                                          "mai",     "juin",      "juillet", "août",
                                          "septembre", "octobre", "novembre", "décembre"};
  for (unsigned m = 1; m <= 12; ++m) {
    EXPECT_EQ(french_date(make_date(2026, m, 15)), "15 " + names[m - 1] + " 2026");
  }
}

TEST(FrenchMoney, DOC_02_SeparatorsAndSign) {
  auto fm = [](int64_t cents) { return french_money(Money::from_cents(cents)); };
  EXPECT_EQ(fm(5), "0,05" + kNbsp + "€");
  EXPECT_EQ(fm(0), "0,00" + kNbsp + "€");
  EXPECT_EQ(fm(1250), "12,50" + kNbsp + "€");
  EXPECT_EQ(fm(99999), "999,99" + kNbsp + "€");
  EXPECT_EQ(fm(100000), "1" + kNarrowNbsp + "000,00" + kNbsp + "€");
  EXPECT_EQ(fm(123450), "1" + kNarrowNbsp + "234,50" + kNbsp + "€");
  EXPECT_EQ(fm(100000000), "1" + kNarrowNbsp + "000" + kNarrowNbsp + "000,00" + kNbsp + "€");
  EXPECT_EQ(fm(-1200), "-12,00" + kNbsp + "€");
  EXPECT_EQ(fm(-5), "-0,05" + kNbsp + "€");
  EXPECT_EQ(fm(-123456789), "-1" + kNarrowNbsp + "234" + kNarrowNbsp + "567,89" + kNbsp + "€");
  EXPECT_EQ(fm(INT64_MIN),
            "-92" + kNarrowNbsp + "233" + kNarrowNbsp + "720" + kNarrowNbsp + "368" +
                kNarrowNbsp + "547" + kNarrowNbsp + "758,08" + kNbsp + "€");
}

// DOC-02: the PDF carries the French text (accents, « », €, U+202F), a long table goes on over
// the next pages with its header repeated, and every page has the footer and "Page n / N".
TEST(WritePdf, DOC_02_FrenchTextComesBackAndTablesBreakAcrossPages) {
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  std::string file = dir.path() + "/attestation.pdf";
  Status s = write_pdf(sample_letter(120), file);
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  EXPECT_EQ(read_head(file, 5), "%PDF-");
  EXPECT_FALSE(exists(file + ".partial"));

  std::vector<std::string> pages = pdf_pages(file);
  ASSERT_GE(pages.size(), 3u);  // 120 rows of about 16 pt: three pages at least
  std::string all;
  for (const auto& p : pages) all += p;
  for (const char* expected :
       {"Attestation de non-majoration", "Résiliation du contrat", "prélèvement",
        "« Ma mutuelle Région »", "12 rue de la République", "Mme Hélène Lefèvre",
        "3 place de l'Église", "Réf. : contrat C000123", "Avignon, le 22 novembre 2026",
        "Nous œuvrons à ce que la clôture", "garçon", "côté de l'été", "1er janvier 2027",
        "Échéancier", "Prélèvement mensuel", "Le directeur"}) {
    EXPECT_TRUE(contains(all, expected)) << "missing: " << expected;
  }
  // Amounts: the U+202F and U+00A0 glyphs are printed (DejaVu Sans has them), and pdftotext
  // gives every space glyph back as a plain ' '.
  EXPECT_TRUE(contains(all, "12,50 €"));
  EXPECT_TRUE(contains(all, "1 234,50 €"));
  EXPECT_TRUE(contains(all, "1 500,00 €"));  // row 120, on the last page of the table

  std::string total = std::to_string(pages.size());
  for (size_t i = 0; i < pages.size(); ++i) {
    std::string number = "Page " + std::to_string(i + 1) + " / " + total;
    EXPECT_TRUE(contains(pages[i], number)) << "page " << i + 1 << " lacks " << number;
    EXPECT_TRUE(contains(pages[i], "mutuelle régie par le livre II du code de la mutualité"))
        << "page " << i + 1 << " lacks the footer";
  }
  // Page 2 is all table: the header row again, then the rows that follow page 1's.
  EXPECT_TRUE(contains(pages[1], "Date d'échéance"));
  EXPECT_TRUE(contains(pages[1], "Libellé"));
  EXPECT_TRUE(contains(pages[1], "Montant"));
  EXPECT_FALSE(contains(pages[1], "Résiliation du contrat"));
  EXPECT_TRUE(contains(pages.back(), "Le directeur"));
}

// DOC-02: the PDF says what it is (Title) and who made it (Creator).
TEST(WritePdf, DOC_02_MetadataTitleAndCreator) {
  TempDir dir;
  std::string file = dir.path() + "/short.pdf";
  ASSERT_TRUE(write_pdf(sample_letter(3), file).ok());
  std::string info = run("pdfinfo '" + file + "'");
  EXPECT_TRUE(contains(info, "Attestation de non-majoration")) << info;
  EXPECT_TRUE(contains(info, "Creator:         mutua")) << info;
  EXPECT_TRUE(contains(info, "Pages:           1")) << info;
  // Every character was found in DejaVu Sans: no fallback font was embedded.
  std::string fonts = run("pdffonts '" + file + "'");
  EXPECT_TRUE(contains(fonts, "DejaVuSans ")) << fonts;
  EXPECT_TRUE(contains(fonts, "DejaVuSans-Bold ")) << fonts;
  size_t embedded = 0;
  for (size_t at = 0; (at = fonts.find('+', at)) != std::string::npos; ++at) ++embedded;
  size_t dejavu = 0;
  for (size_t at = 0; (at = fonts.find("+DejaVuSans", at)) != std::string::npos; ++at) ++dejavu;
  EXPECT_EQ(embedded, dejavu) << fonts;
  std::vector<std::string> pages = pdf_pages(file);
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_TRUE(contains(pages[0], "Page 1 / 1"));
}

// DOC-02: a document that cannot be written is an error naming the path, and nothing is left.
TEST(WritePdf, DOC_02_MissingDirectoryIsAnErrorNamingThePath) {
  TempDir dir;
  std::string file = dir.path() + "/missing/attestation.pdf";
  Status s = write_pdf(sample_letter(3), file);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(contains(s.error().to_string(), file)) << s.error().to_string();
  EXPECT_FALSE(exists(file));
  EXPECT_FALSE(exists(file + ".partial"));
}

// DOC-02: the rename fails (the target is a directory) after the PDF was written: the partial
// file is removed, not left next to the target.
TEST(WritePdf, DOC_02_FailedRenameLeavesNoPartialFile) {
  TempDir dir;
  std::string target = dir.path() + "/taken";
  ASSERT_EQ(mkdir(target.c_str(), 0700), 0);
  std::ofstream(target + "/keep.txt") << "x";
  Status s = write_pdf(sample_letter(3), target);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(contains(s.error().to_string(), target)) << s.error().to_string();
  EXPECT_FALSE(exists(target + ".partial"));
  EXPECT_TRUE(exists(target + "/keep.txt"));
}

// DOC-02: text that is not UTF-8 is refused rather than printed garbled.
TEST(WritePdf, DOC_02_InvalidUtf8IsRefused) {
  TempDir dir;
  std::string file = dir.path() + "/bad.pdf";
  PdfDocument doc = sample_letter(3);
  doc.blocks.push_back(paragraph("caf\xe9"));  // Latin-1 "café"
  Status s = write_pdf(doc, file);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(contains(s.error().to_string(), file));
  EXPECT_TRUE(contains(s.error().to_string(), "not valid UTF-8"));
  EXPECT_FALSE(exists(file));
  EXPECT_FALSE(exists(file + ".partial"));
}

// DOC-02: writing again replaces the previous file whole.
TEST(WritePdf, DOC_02_RewriteReplacesTheFile) {
  TempDir dir;
  std::string file = dir.path() + "/letter.pdf";
  ASSERT_TRUE(write_pdf(sample_letter(120), file).ok());
  PdfDocument doc = sample_letter(0);
  doc.title = "Accusé de réception de résiliation";
  ASSERT_TRUE(write_pdf(doc, file).ok());
  std::vector<std::string> pages = pdf_pages(file);
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_TRUE(contains(pages[0], "Accusé de réception de résiliation"));
}

}  // namespace
}  // namespace mutua
