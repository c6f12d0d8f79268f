// Role: shared helpers of the progress store tests: a fixture with a private data folder
// (HOME, XDG_DATA_HOME) per test, fresh PostgreSQL databases on the PALPA_TEST_PG server,
// raw SQL against either store for checks, and sample records.
#pragma once

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "records/store.hpp"
#include "scoring/verdict.hpp"

namespace palpa::records::test {

// Each test gets its own folder; HOME and XDG_DATA_HOME point into it, PALPA_DB is unset.
class RecordsTest : public ::testing::Test {
  protected:
    void SetUp() override;
    void TearDown() override;

    std::filesystem::path dir;  // the test's folder
    std::filesystem::path data() const { return dir / "data" / "palpa"; }
    std::filesystem::path pending() const { return data() / "pending"; }
    std::string sqliteUrl() const { return "sqlite:" + (dir / "progress.sqlite3").string(); }
    int pendingCount() const;
};

// The PostgreSQL server's URL from PALPA_TEST_PG; fails the test (never skips) when unset.
std::string pgServer();
// Creates an empty database on the test server and returns its URL; "" after a failure.
std::string freshPgDatabase();
// Drops the databases freshPgDatabase() made.
void dropPgDatabases();
// Runs SQL on a store URL (sqlite: or postgresql://) and returns the first column of the first
// row ("" when none). For checks only.
std::string querySql(const std::string& url, const std::string& sql);

// A scored result as the scorer would give one.
scoring::Result sampleResult(int score, bool passed, scoring::FaultSet faults = 0);
// A bundled recording.
std::filesystem::path asset(const std::string& name);
// The palpa binary, quoted for the shell.
std::string palpaBin();
// Single-quotes text for the shell.
std::string shellQuote(const std::string& text);
// A TCP port on 127.0.0.1 where nothing listens (bound, then released).
int closedPort();

}  // namespace palpa::records::test
