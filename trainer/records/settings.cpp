#include "records/settings.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "core/json_reader.hpp"

namespace palpa::records {

std::filesystem::path settingsPath() {
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg && xdg[0] == '/')
        return std::filesystem::path(xdg) / "palpa" / "config.json";
    const char* home = std::getenv("HOME");
    if (!home || !*home) throw Error("cannot find the settings folder: neither XDG_CONFIG_HOME nor HOME is set");
    return std::filesystem::path(home) / ".config" / "palpa" / "config.json";
}

void checkNoPassword(const std::string& url, const std::string& source) {
    // postgresql://user:secret@host/db, or a key=value string with password=.
    const std::size_t scheme = url.find("://");
    if (scheme != std::string::npos) {
        const std::size_t at = url.find('@', scheme);
        const std::size_t colon = url.find(':', scheme + 3);
        if (at != std::string::npos && colon != std::string::npos && colon < at)
            throw InputError(source, "db", "a database URL without a password (keep it in ~/.pgpass or PGPASSWORD)");
    }
    if (url.find("password=") != std::string::npos)
        throw InputError(source, "db", "a database URL without a password (keep it in ~/.pgpass or PGPASSWORD)");
}

Settings parseSettings(std::string_view text, const std::string& source) {
    const JsonReader in(source);
    const JsonReader::json doc = in.parse(text);
    if (!doc.is_object()) in.fail("top level", "expected an object such as {\"student\": \"Ann\"}");
    Settings s;
    for (auto it = doc.begin(); it != doc.end(); ++it) {
        const std::string& key = it.key();
        if (key != "student" && key != "db" && key != "bmi" && key != "palpa_settings")
            in.fail(key, "an unknown setting (known: student, db, bmi)");
    }
    if (in.has(doc, "palpa_settings") && !(doc["palpa_settings"].is_number_integer() && doc["palpa_settings"] == 1))
        in.fail("palpa_settings", "expected the format version 1");
    s.student = in.string(doc, "", "student", "");
    if (s.student.size() > 200) in.fail("student", "a name of at most 200 characters");
    s.db = in.string(doc, "", "db", "");
    if (!s.db.empty()) checkNoPassword(s.db, source);
    if (in.has(doc, "bmi")) {
        const double bmi = in.number(doc, "", "bmi");
        if (bmi < kMinBmi || bmi > kMaxBmi) in.fail("bmi", "a body-mass index from 17 to 40");
        s.bmi = static_cast<float>(bmi);
    }
    return s;
}

Settings loadSettings(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return {};
    if (std::filesystem::is_directory(path, ec)) throw InputError(path.string(), "", "is a folder, expected a settings file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path.string(), "", "cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    return parseSettings(text.str(), path.string());
}

void saveSettings(const Settings& s, const std::filesystem::path& path) {
    if (!s.db.empty()) checkNoPassword(s.db, path.string());
    nlohmann::ordered_json doc;
    doc["palpa_settings"] = 1;
    if (!s.student.empty()) doc["student"] = s.student;
    if (!s.db.empty()) doc["db"] = s.db;
    if (s.bmi) doc["bmi"] = *s.bmi;
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) throw Error("cannot create " + path.parent_path().string() + ": " + ec.message());
    const std::filesystem::path temp = path.string() + ".tmp";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out << doc.dump(2) << '\n';
        out.flush();
        if (!out) throw Error("cannot write " + temp.string());
    }
    std::filesystem::rename(temp, path, ec);
    if (ec) throw Error("cannot write " + path.string() + ": " + ec.message());
}

std::string studentOr(const std::string& given) {
    if (!given.empty()) return given;
    return loadSettings().student;
}

}  // namespace palpa::records
