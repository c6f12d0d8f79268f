#include "records_support.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <vector>

namespace palpa::records::test {
namespace {

std::vector<std::pair<std::string, std::string>>& createdDatabases() {  // {server, name}
    static std::vector<std::pair<std::string, std::string>> names;
    return names;
}

// The server URL with another database name.
std::string withDatabase(const std::string& server, const std::string& name) {
    const size_t slash = server.find('/', server.find("://") + 3);
    return (slash == std::string::npos ? server : server.substr(0, slash)) + "/" + name;
}

}  // namespace

void RecordsTest::SetUp() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string(info->test_suite_name()) + "-" + info->name();
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '-';
    dir = std::filesystem::temp_directory_path() /
          ("palpa-records-" + std::to_string(::getpid()) + "-" + name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir / "home");
    ::setenv("HOME", (dir / "home").c_str(), 1);
    ::setenv("XDG_DATA_HOME", (dir / "data").c_str(), 1);
    ::setenv("XDG_CONFIG_HOME", (dir / "config").c_str(), 1);
    ::unsetenv("PALPA_DB");
}

void RecordsTest::TearDown() {
    dropPgDatabases();
    if (!HasFailure()) std::filesystem::remove_all(dir);
}

int RecordsTest::pendingCount() const {
    int n = 0;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(pending(), ec))
        if (e.path().extension() == ".json") ++n;
    return n;
}

std::string pgServer() {
    const char* url = std::getenv("PALPA_TEST_PG");
    if (!url || !*url) {
        ADD_FAILURE() << "PALPA_TEST_PG is unset: the PostgreSQL tests need a server; run them "
                         "through scripts/with-postgres.sh (scripts/test.sh does)";
        return "";
    }
    return url;
}

std::string freshPgDatabase() {
    const std::string server = pgServer();
    if (server.empty()) return "";
    static int counter = 0;
    const std::string name =
        "palpa_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    PGconn* conn = PQconnectdb(server.c_str());
    if (PQstatus(conn) != CONNECTION_OK) {
        ADD_FAILURE() << "cannot reach PALPA_TEST_PG " << server << ": " << PQerrorMessage(conn);
        PQfinish(conn);
        return "";
    }
    // Test-only DDL: the name is made above from digits, never from input.
    PGresult* r = PQexec(conn, ("CREATE DATABASE " + name).c_str());
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok) ADD_FAILURE() << "CREATE DATABASE failed: " << PQresultErrorMessage(r);
    PQclear(r);
    PQfinish(conn);
    if (!ok) return "";
    createdDatabases().push_back({server, name});
    return withDatabase(server, name);
}

void dropPgDatabases() {
    for (const auto& [server, name] : createdDatabases()) {
        PGconn* conn = PQconnectdb(server.c_str());
        PQclear(PQexec(conn, ("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").c_str()));
        PQfinish(conn);
    }
    createdDatabases().clear();
}

std::string querySql(const std::string& url, const std::string& sql) {
    std::string value;
    if (url.rfind("sqlite:", 0) == 0) {
        sqlite3* db = nullptr;
        if (sqlite3_open_v2(url.substr(7).c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                            nullptr) == SQLITE_OK) {
            sqlite3_busy_timeout(db, 10000);  // palpa may be writing meanwhile
            sqlite3_stmt* s = nullptr;
            if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK &&
                sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
                value = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
            else if (sqlite3_errcode(db) != SQLITE_OK && sqlite3_errcode(db) != SQLITE_DONE)
                ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db);
            sqlite3_finalize(s);
        }
        sqlite3_close(db);
        return value;
    }
    PGconn* conn = PQconnectdb(url.c_str());
    PGresult* r = PQexec(conn, sql.c_str());
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0)
        value = PQgetvalue(r, 0, 0);
    else if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
        ADD_FAILURE() << sql << ": " << PQresultErrorMessage(r);
    PQclear(r);
    PQfinish(conn);
    return value;
}

scoring::Result sampleResult(int score, bool passed, scoring::FaultSet faults) {
    scoring::Result r;
    r.score = score;
    r.passed = passed;
    r.faults = faults;
    r.technique = "psoas-release";
    r.side = scoring::Side::Left;
    r.metrics.frames = 120;
    r.metrics.duration_s = 4.0;
    r.metrics.hold_s = 2.5;
    return r;
}

std::filesystem::path asset(const std::string& name) {
    return std::filesystem::path(PALPA_TEST_ASSETS) / "recordings" / name;
}

std::string palpaBin() {
    return shellQuote(PALPA_BINARY);
}

std::string shellQuote(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}


int closedPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

}  // namespace palpa::records::test
