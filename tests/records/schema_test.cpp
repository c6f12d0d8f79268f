// Opening stores that palpa must not change: a newer schema (refused, left byte-identical),
// a file that is not a database, palpa-looking tables without schema_version; an unreachable
// server; the SQLite durability settings; SHA-256 test vectors.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "records/schema.hpp"
#include "records/sha256.hpp"
#include "records_support.hpp"
#include "support/run.hpp"

namespace palpa::records::test {
namespace {


using SchemaTest = RecordsTest;

TEST_F(SchemaTest, SqliteNewerSchemaIsRefusedAndLeftByteIdentical) {
    const std::string url = sqliteUrl();
    const std::string path = url.substr(7);
    openStore(url).reset();
    // What a newer palpa would leave: version 99, in rollback-journal mode.
    querySql(url, "PRAGMA journal_mode = DELETE");
    querySql(url, "INSERT INTO schema_version (version, applied_at) VALUES (99, 'later')");
    const std::string before = palpa::test::slurp(path);
    const auto listing = [&] {
        std::vector<std::string> names;
        for (const auto& e : std::filesystem::directory_iterator(dir)) names.push_back(e.path());
        std::sort(names.begin(), names.end());
        return names;
    };
    const auto filesBefore = listing();
    try {
        openStore(url);
        FAIL() << "a newer schema was accepted";
    } catch (const InputError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find(path), std::string::npos) << what;
        EXPECT_NE(what.find("99"), std::string::npos) << what;
        EXPECT_NE(what.find("(" + std::to_string(knownSchemaVersion()) + ")"), std::string::npos)
            << what;
        EXPECT_EQ(what.find('\n'), std::string::npos);
    }
    // Through the CLI too: exit 2, one line, nothing changed.
    const auto r = palpa::test::run(palpaBin() + " score " + shellQuote(asset("good-left.jsonl")) +
                                    " --student Ada --db " + shellQuote(url));
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(r.errLines(), 1) << r.err;
    EXPECT_NE(r.err.find("newer"), std::string::npos) << r.err;
    EXPECT_EQ(palpa::test::slurp(path), before);
    EXPECT_EQ(listing(), filesBefore);
    EXPECT_EQ(pendingCount(), 0);
}

TEST_F(SchemaTest, PostgresNewerSchemaIsRefusedAndLeftAlone) {
    const std::string url = freshPgDatabase();
    ASSERT_FALSE(url.empty());
    openStore(url).reset();
    querySql(url, "INSERT INTO schema_version (version, applied_at) VALUES (99, 'later')");
    querySql(url, "CREATE TABLE from_the_future (x INTEGER)");
    const std::string tables =
        querySql(url,
                 "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM "
                 "information_schema.tables WHERE table_schema = 'public'");
    EXPECT_THROW(openStore(url), InputError);
    const auto r = palpa::test::run(palpaBin() + " report --student Ada --db " + shellQuote(url));
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("schema version 99"), std::string::npos) << r.err;
    EXPECT_EQ(querySql(url, "SELECT count(*) FROM schema_version"),
              std::to_string(knownSchemaVersion() + 1));
    EXPECT_EQ(querySql(url,
                       "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM "
                       "information_schema.tables WHERE table_schema = 'public'"),
              tables);
}

TEST_F(SchemaTest, NotADatabaseIsBadInputAndUntouched) {
    const auto path = dir / "notes.sqlite3";
    const std::string text(4096, 'x');
    { std::ofstream(path, std::ios::binary) << text; }
    EXPECT_THROW(openStore(path.string()), InputError);
    EXPECT_EQ(palpa::test::slurp(path), text);

    const auto other = dir / "other.sqlite3";
    querySql("sqlite:" + other.string(), "CREATE TABLE mine (x INTEGER)");
    try {
        openStore(other.string());
        FAIL() << "a foreign database was accepted";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("not a palpa progress database"), std::string::npos);
    }
}

TEST_F(SchemaTest, UnreachablePostgresIsStoreUnavailable) {
    const std::string url =
        "postgresql://palpa:secret@127.0.0.1:" + std::to_string(closedPort()) + "/palpa";
    try {
        openStore(url);
        FAIL() << "opened an unreachable server";
    } catch (const InputError&) {
        FAIL() << "an unreachable server is not bad input";
    } catch (const StoreUnavailable& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("cannot reach"), std::string::npos) << what;
        EXPECT_EQ(what.find("secret"), std::string::npos) << "password shown: " << what;
    }
}

TEST_F(SchemaTest, SqliteIsWalWithFullSync) {
    auto store = openStore(sqliteUrl());
    EXPECT_EQ(querySql(sqliteUrl(), "PRAGMA journal_mode"), "wal");
    EXPECT_EQ(querySql(sqliteUrl(), "PRAGMA integrity_check"), "ok");
}

TEST_F(SchemaTest, DefaultStoreIsInTheDataFolder) {
    EXPECT_EQ(defaultStoreUrl(), "sqlite:" + (data() / "progress.sqlite3").string());
    ::setenv("PALPA_DB", "postgresql://school/palpa", 1);
    EXPECT_EQ(defaultStoreUrl(), "postgresql://school/palpa");
    ::unsetenv("PALPA_DB");
    EXPECT_EQ(maskPassword("postgresql://u:pw@h:5/d"), "postgresql://u:***@h:5/d");
    EXPECT_EQ(maskPassword("postgresql://u@h/d"), "postgresql://u@h/d");
}

TEST(Sha256, KnownVectors) {
    EXPECT_EQ(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(sha256Hex(std::string(1000000, 'a')),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

}  // namespace
}  // namespace palpa::records::test
