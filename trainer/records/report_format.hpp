// Role: the reports' shared formatting (the student's and the class's): percentages, points,
// CSV fields safe from spreadsheet formulas, and HTML escaping. Internal to trainer/records.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace palpa::records {

inline std::string percent(double score, double max) {
    if (max <= 0) return "-";
    char text[16];
    std::snprintf(text, sizeof text, "%.0f %%", 100.0 * score / max);
    return text;
}

inline std::string points(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

// A CSV field: quoted when needed; a text cell a spreadsheet would read as a formula gets a
// leading apostrophe.
inline std::string csvField(std::string value, bool text = true) {
    if (text && !value.empty() && std::string_view("=+-@\t\r").find(value[0]) != std::string::npos)
        value.insert(value.begin(), '\'');
    if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
    std::string quoted = "\"";
    for (char c : value) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

inline std::string joined(const std::vector<std::string>& items, const char* separator) {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
    return out;
}

inline std::string escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

}  // namespace palpa::records
