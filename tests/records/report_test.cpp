// Progress reports: the HTML page stands alone (no scripts, links or network) and escapes
// names; the CSV parses back (RFC 4180) with one row per attempt; unknown students are refused.
#include <gtest/gtest.h>

#include "records/progress_report.hpp"
#include "records/recorder.hpp"
#include "records_support.hpp"

namespace palpa::records::test {
namespace {

// RFC 4180 rows (quoted fields, doubled quotes, CRLF or LF line ends).
std::vector<std::vector<std::string>> parseCsv(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false, any = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
            any = true;
        } else if (c == ',') {
            row.push_back(field);
            field.clear();
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            row.push_back(field);
            rows.push_back(row);
            row.clear();
            field.clear();
            any = false;
        } else {
            field += c;
            any = true;
        }
    }
    EXPECT_FALSE(quoted) << "unterminated quoted field";
    if (any || !row.empty()) {
        row.push_back(field);
        rows.push_back(row);
    }
    return rows;
}

class ReportTest : public RecordsTest {
  protected:
    Progress sample(const std::string& student) {
        auto store = openStore(sqliteUrl());
        storeAttempt(*store, student, asset("good-left.jsonl"),
                     sampleResult(55, false, scoring::bit(scoring::Fault::HoldShort)),
                     "2025-03-01T09:00:00.000Z");
        storeAttempt(*store, student, asset("hold-short.jsonl"),
                     sampleResult(70, false,
                                  scoring::bit(scoring::Fault::HoldShort) |
                                      scoring::bit(scoring::Fault::TooDeep)),
                     "2025-03-02T09:00:00.000Z");
        storeAttempt(*store, student, asset("good-left.jsonl"), sampleResult(100, true),
                     "2025-03-05T09:00:00.000Z");
        store->addQuizResult(
            {0, newUid(), student, "psoas-anatomy", 8, 10, "[]", "2025-03-03T09:00:00.000Z", ""});
        return loadProgress(*store, student);
    }
};

TEST_F(ReportTest, HtmlStandsAlone) {
    const std::string html = formatHtml(sample("<b>Ann</b> & \"Co\""));
    EXPECT_EQ(html.find("http"), std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("<link"), std::string::npos);
    EXPECT_EQ(html.find("url("), std::string::npos);
    EXPECT_EQ(html.find("@import"), std::string::npos);
    EXPECT_EQ(html.find("<img"), std::string::npos);
    EXPECT_NE(html.find("<svg"), std::string::npos);
    EXPECT_NE(html.find("<polyline"), std::string::npos);
    EXPECT_EQ(html.find("<b>Ann</b>"), std::string::npos) << "a name was not escaped";
    EXPECT_NE(html.find("&lt;b&gt;Ann&lt;/b&gt; &amp; &quot;Co&quot;"), std::string::npos);
    EXPECT_NE(html.find("hold_short"), std::string::npos);
    EXPECT_NE(html.find("psoas-anatomy"), std::string::npos);
    EXPECT_EQ(std::count(html.begin(), html.end(), '\0'), 0);
}

TEST_F(ReportTest, FaultsByKindAreCounted) {
    const auto counts = faultCounts(sample("Ann"));
    ASSERT_EQ(counts.size(), 2u);
    EXPECT_EQ(counts[0], (std::pair<std::string, int>{"hold_short", 2}));
    EXPECT_EQ(counts[1], (std::pair<std::string, int>{"too_deep", 1}));
}

TEST_F(ReportTest, CsvParsesWithOneRowPerAttempt) {
    const std::string name = "Smith, \"Jo\"\nsecond line";
    const auto rows = parseCsv(formatCsv(sample(name)));
    ASSERT_EQ(rows.size(), 4u);
    const std::vector<std::string>& header = rows[0];
    EXPECT_EQ(header[0], "attempt_id");
    for (const auto& row : rows) ASSERT_EQ(row.size(), header.size());
    EXPECT_EQ(rows[1][1], name);
    EXPECT_EQ(rows[1][5], "55");
    EXPECT_EQ(rows[3][5], "100");
    EXPECT_EQ(rows[3][6], "yes");
    EXPECT_EQ(rows[2][7], "too_deep;hold_short");
    // A cell a spreadsheet would run as a formula is defused.
    EXPECT_EQ(parseCsv(formatCsv(sample("=HYPERLINK(1)")))[1][1], "'=HYPERLINK(1)");
}

TEST_F(ReportTest, TextSummaryAndUnknownStudent) {
    const std::string text = formatTextReport(sample("Ann"));
    EXPECT_NE(text.find("Attempts: 3 (1 passed), best 100, latest 100"), std::string::npos) << text;
    EXPECT_NE(text.find("hold_short       2"), std::string::npos) << text;
    EXPECT_NE(text.find("psoas-anatomy  8/10 (80 %)"), std::string::npos) << text;
    auto store = openStore(sqliteUrl());
    EXPECT_THROW(loadProgress(*store, "Nobody"), InputError);
}

TEST(ParseUtc, Timestamps) {
    EXPECT_DOUBLE_EQ(*parseUtc("1970-01-02T00:00:00Z"), 86400.0);
    EXPECT_DOUBLE_EQ(*parseUtc("1970-01-01T00:00:01.250Z"), 1.25);
    EXPECT_FALSE(parseUtc("yesterday"));
    EXPECT_TRUE(parseUtc(nowUtc()));
}

}  // namespace
}  // namespace palpa::records::test
