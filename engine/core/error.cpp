#include "core/error.hpp"

#include <algorithm>

namespace palpa {
namespace {

// Messages must stay on one line so that a user (or a script) sees exactly one error line.
std::string oneLine(std::string text) {
    std::replace(text.begin(), text.end(), '\n', ' ');
    std::replace(text.begin(), text.end(), '\r', ' ');
    return text;
}

std::string compose(const std::string& file, const std::string& place, const std::string& problem) {
    std::string out = file.empty() ? std::string("<input>") : file;
    if (!place.empty()) out += ": " + place;
    out += ": " + problem;
    return oneLine(out);
}

}  // namespace

InputError::InputError(std::string file, std::string place, std::string problem)
    : Error(compose(file, place, problem)),
      file_(std::move(file)),
      place_(std::move(place)),
      problem_(std::move(problem)) {}

}  // namespace palpa
