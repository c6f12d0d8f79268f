#include "records/store.hpp"
#include "records/settings.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>

#include "core/log.hpp"
#include "records/backends.hpp"
#include "records/pending.hpp"
#include "records/schema.hpp"

namespace palpa::records {
namespace {

bool startsWith(const std::string& s, std::string_view prefix) {
    return s.compare(0, prefix.size(), prefix) == 0;
}

bool isPostgresUrl(const std::string& url) {
    return startsWith(url, "postgresql://") || startsWith(url, "postgres://");
}

}  // namespace

std::string newerSchemaProblem(int found) {
    return "schema version " + std::to_string(found) + " is newer than this palpa knows (" +
           std::to_string(knownSchemaVersion()) +
           "); upgrade palpa to use it (the database was left untouched)";
}

std::string canonicalUrl(const std::string& url) {
    if (isPostgresUrl(url)) return url;
    std::string path = startsWith(url, "sqlite:") ? url.substr(7) : url;
    if (startsWith(path, "//")) path = path.substr(2);  // sqlite:///abs/path
    if (path.empty()) throw InputError(url, "", "the store URL names no file");
    return "sqlite:" + std::filesystem::absolute(path).lexically_normal().string();
}

std::string maskPassword(const std::string& url) {
    if (!isPostgresUrl(url)) return url;
    const size_t scheme = url.find("://") + 3;
    const size_t at = url.find('@', scheme);
    if (at == std::string::npos) return url;
    const size_t colon = url.find(':', scheme);
    if (colon == std::string::npos || colon > at) return url;
    return url.substr(0, colon + 1) + "***" + url.substr(at);
}

std::unique_ptr<Store> openStore(const std::string& url, bool flushPending) {
    std::unique_ptr<Store> store;
    const std::string canonical = canonicalUrl(url);
    if (isPostgresUrl(canonical))
        store = openPostgresStore(canonical);
    else
        store = openSqliteStore(canonical.substr(7));
    if (flushPending) {
        const int stored = records::flushPending(*store, false);
        if (stored > 0) log::info("stored ", stored, " pending item(s) in ", store->displayName());
    }
    return store;
}

std::filesystem::path dataDir() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg && xdg[0] == '/')
        return std::filesystem::path(xdg) / "palpa";
    const char* home = std::getenv("HOME");
    if (!home || !*home)
        throw Error("cannot find the data folder: neither XDG_DATA_HOME nor HOME is set");
    return std::filesystem::path(home) / ".local" / "share" / "palpa";
}

std::string defaultStoreUrl() {
    if (const char* env = std::getenv("PALPA_DB"); env && *env) return env;
    if (std::string configured = loadSettings().db; !configured.empty()) return configured;
    return "sqlite:" + (dataDir() / "progress.sqlite3").string();
}

std::string nowUtc() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() %
        1000;
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[96];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                  utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                  static_cast<int>(ms));
    return text;
}

std::string newUid() {
    static std::random_device device;
    std::string uid;
    char part[9];
    for (int i = 0; i < 4; ++i) {
        std::snprintf(part, sizeof part, "%08x", static_cast<unsigned>(device()));
        uid += part;
    }
    return uid;
}

}  // namespace palpa::records

namespace palpa::records {

std::string joinFaults(const std::vector<std::string>& faults) {
    std::string text;
    for (const std::string& f : faults) text += (text.empty() ? "" : ",") + f;
    return text;
}

std::vector<std::string> splitFaults(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start < text.size()) {
        size_t comma = text.find(',', start);
        if (comma == std::string::npos) comma = text.size();
        if (comma > start) out.push_back(text.substr(start, comma - start));
        start = comma + 1;
    }
    return out;
}

}  // namespace palpa::records
