// Role: the two Store implementations' factories, used only by openStore() (store.cpp).
// Each throws StoreUnavailable when the database cannot be reached and InputError when it is
// not a palpa progress database or its schema is newer than this palpa knows.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "records/store.hpp"

namespace palpa::records {

// SQLite at `path` (created with its folder when missing), WAL mode, synchronous=FULL.
std::unique_ptr<Store> openSqliteStore(const std::filesystem::path& path);
// PostgreSQL at a libpq connection URL.
std::unique_ptr<Store> openPostgresStore(const std::string& url);

// The message for a database at a newer schema version (both stores use it).
std::string newerSchemaProblem(int found);

}  // namespace palpa::records

namespace palpa::records {

// Fault codes as stored: comma-separated, "" for none.
std::string joinFaults(const std::vector<std::string>& faults);
std::vector<std::string> splitFaults(const std::string& text);

}  // namespace palpa::records
