// Role: typed access to a parsed JSON document (nlohmann::json) in which every failure is an
// InputError naming the file, the field's path ("steps[3].layers.skin") and what was
// expected. Used by the loaders of every data file (quizzes, walkthroughs, ...).
#pragma once

#include <cstdlib>

#include <cerrno>

#include <cmath>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace palpa {

class JsonReader {
public:
    using json = nlohmann::ordered_json;

    explicit JsonReader(std::string source) : source_(std::move(source)) {}
    const std::string& source() const { return source_; }

    [[noreturn]] void fail(const std::string& place, const std::string& problem) const {
        throw InputError(source_, place, problem);
    }

    // Parses text; malformed JSON is reported with its line and column.
    json parse(std::string_view text) const {
        try {
            return json::parse(text.begin(), text.end());
        } catch (const json::parse_error& e) {
            fail(position(text, e.byte > 0 ? e.byte - 1 : 0), "malformed JSON");
        } catch (const json::exception&) {
            // A number that overflows a double (1e400, a 5,000-digit integer): find it.
            fail(position(text, overflowingNumber(text)), "a number too large to read (beyond about 1.8e308)");
        }
    }

    // "line L, column C" of byte `at`.
    static std::string position(std::string_view text, std::size_t at) {
        std::size_t line = 1, column = 1;
        for (std::size_t i = 0; i < at && i < text.size(); ++i) {
            if (text[i] == '\n') { line = 1 + line; column = 1; }
            else ++column;
        }
        return "line " + std::to_string(line) + ", column " + std::to_string(column);
    }
    // The offset of the first number token that overflows a double (the end when none does).
    static std::size_t overflowingNumber(std::string_view text) {
        bool inString = false;
        for (std::size_t i = 0; i < text.size(); ++i) {
            const char c = text[i];
            if (inString) {
                if (c == '\\') ++i;
                else if (c == '"') inString = false;
                continue;
            }
            if (c == '"') { inString = true; continue; }
            if (c != '-' && (c < '0' || c > '9')) continue;
            std::size_t end = i;
            while (end < text.size() && std::string_view("0123456789+-.eE").find(text[end]) != std::string_view::npos) ++end;
            const std::string token(text.substr(i, end - i));
            errno = 0;
            const double v = std::strtod(token.c_str(), nullptr);
            if (errno == ERANGE && std::abs(v) > 1.0) return i;
            i = end;
        }
        return text.size();
    }

    // "a.b" / "a[3]" paths.
    static std::string join(const std::string& place, std::string_view key) {
        return place.empty() ? std::string(key) : place + "." + std::string(key);
    }
    static std::string index(const std::string& place, std::size_t i) { return place + "[" + std::to_string(i) + "]"; }

    const json& member(const json& obj, const std::string& place, std::string_view key) const {
        if (!obj.is_object()) fail(place.empty() ? "top level" : place, "expected an object");
        auto it = obj.find(key);
        if (it == obj.end()) fail(join(place, key), "missing");
        return *it;
    }
    bool has(const json& obj, std::string_view key) const { return obj.is_object() && obj.contains(key); }

    std::string string(const json& obj, const std::string& place, std::string_view key) const {
        const json& v = member(obj, place, key);
        if (!v.is_string() || v.get<std::string>().empty()) fail(join(place, key), "expected a non-empty string");
        return v.get<std::string>();
    }
    std::string string(const json& obj, const std::string& place, std::string_view key, const std::string& fallback) const {
        return has(obj, key) ? string(obj, place, key) : fallback;
    }
    double number(const json& obj, const std::string& place, std::string_view key) const {
        const json& v = member(obj, place, key);
        if (!v.is_number() || !std::isfinite(v.get<double>())) fail(join(place, key), "expected a number");
        // Read as the float it is stored in: past a float's range it would become infinite.
        if (std::abs(v.get<double>()) > 3.4e38) fail(join(place, key), "expected a number within a float's range (|x| < 3.4e38)");
        return v.get<double>();
    }
    double number(const json& obj, const std::string& place, std::string_view key, double fallback) const {
        return has(obj, key) ? number(obj, place, key) : fallback;
    }
    bool boolean(const json& obj, const std::string& place, std::string_view key, bool fallback) const {
        if (!has(obj, key)) return fallback;
        const json& v = obj.at(std::string(key));
        if (!v.is_boolean()) fail(join(place, key), "expected true or false");
        return v.get<bool>();
    }
    // An array (non-empty unless allowEmpty).
    const json& array(const json& obj, const std::string& place, std::string_view key, bool allowEmpty = false) const {
        const json& v = member(obj, place, key);
        if (!v.is_array() || (!allowEmpty && v.empty())) fail(join(place, key), allowEmpty ? "expected an array" : "expected a non-empty array");
        return v;
    }
    std::vector<std::string> strings(const json& obj, const std::string& place, std::string_view key) const {
        std::vector<std::string> out;
        if (!has(obj, key)) return out;
        const json& v = array(obj, place, key, true);
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (!v[i].is_string()) fail(index(join(place, key), i), "expected a string");
            out.push_back(v[i].get<std::string>());
        }
        return out;
    }

    // An optional object of name: opacity (0 to 1), e.g. a step's or an item's "layers".
    std::map<std::string, float> opacities(const json& obj, const std::string& place, std::string_view key) const {
        std::map<std::string, float> out;
        if (!has(obj, key)) return out;
        const std::string at = join(place, key);
        const json& v = member(obj, place, key);
        if (!v.is_object()) fail(at, "expected an object of layer: opacity");
        for (auto it = v.begin(); it != v.end(); ++it) {
            if (!it.value().is_number() || it.value().get<double>() < 0.0 || it.value().get<double>() > 1.0)
                fail(join(at, it.key()), "expected an opacity from 0 to 1");
            out[it.key()] = it.value().get<float>();
        }
        return out;
    }

private:
    std::string source_;
};

}  // namespace palpa
