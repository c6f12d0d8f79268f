#include "scene/names.hpp"

#include <cctype>
#include <vector>

namespace palpa::scene {
namespace {

// A vertebra's code (C1-C7, T1-T12, L1-L5, S1-S5), kept as it is.
bool vertebra(std::string_view t) {
    if (t.size() < 2 || t.size() > 3) return false;
    const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(t[0])));
    if (c != 'C' && c != 'T' && c != 'L' && c != 'S') return false;
    for (std::size_t i = 1; i < t.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(t[i]))) return false;
    return true;
}

// Short forms read as capitals.
bool acronym(std::string_view t) {
    for (std::string_view a : {"asis", "psis", "ivc"})
        if (t == a) return true;
    return false;
}

}  // namespace

std::string displayName(std::string_view code) {
    std::vector<std::string> words;
    std::string word;
    for (char c : code) {
        if (c == '_' || c == ' ' || c == '-') {
            if (!word.empty()) words.push_back(word), word.clear();
        } else {
            word += c;
        }
    }
    if (!word.empty()) words.push_back(word);
    std::string side;
    if (!words.empty() && (words.back() == "left" || words.back() == "right")) {
        side = words.back();
        words.pop_back();
    }
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        std::string w = words[i];
        if (vertebra(w) || acronym(w))
            for (char& c : w) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        // Two vertebrae in a row are a range: "L4-L5".
        const bool range = i > 0 && vertebra(words[i - 1]) && vertebra(words[i]);
        if (!out.empty()) out += range ? "-" : " ";
        out += w;
    }
    if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
    if (!side.empty()) out += (out.empty() ? "(" : " (") + side + ")";
    return out.empty() ? std::string(code) : out;
}

}  // namespace palpa::scene
