// Role: the progress store's schema as numbered migrations, shared by the SQLite and
// PostgreSQL stores. Migration N (1-based) takes a database from version N-1 to N; the
// schema_version table records each one applied. Statements carry no user data.
#pragma once

#include <string>
#include <vector>

namespace palpa::records {

// The newest schema version this palpa knows.
int knownSchemaVersion();

enum class Dialect { Sqlite, Postgres };

// The DDL statements of migration `version` (1..knownSchemaVersion()), one statement each,
// spelled for `dialect` (the auto-increment key differs; statements marked "pg:" in the
// table, the roles and row-level security, are PostgreSQL's only).
std::vector<std::string> migrationStatements(int version, Dialect dialect);

// Creates the schema_version table when missing (both dialects accept it).
inline constexpr const char* kCreateSchemaVersion =
    "CREATE TABLE IF NOT EXISTS schema_version ("
    "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)";

}  // namespace palpa::records
