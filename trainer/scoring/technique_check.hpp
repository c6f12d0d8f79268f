// Role: a technique checked against a model (`palpa technique check`), every problem found
// rather than the first: the landmarks it names exist, its targets land on the skin (clear of
// the vessels where it asks) for either side worked, the vessels its safety rules keep the
// hands off exist, and every live cue the scorer can show has a text. The file's own form
// (fields, ranges, bands in order) is the loader's to check (scoring/technique.hpp).
#pragma once

#include <string>
#include <vector>

#include "scoring/patient.hpp"
#include "scoring/technique.hpp"

namespace palpa::scoring {

// One problem: where (the technique's file and JSON place, or the model's file) and what was
// expected; as a line, "file: place: expected".
struct TechniqueProblem {
    std::string file, place, expected;
    std::string line() const { return file + ": " + place + ": " + expected; }
};

// What a checked technique resolves to on the model, for the summary.
struct TechniqueCheck {
    std::vector<TechniqueProblem> problems;
    int targets = 0;                 // resolved on each side
    double min_vessel_clearance = 0; // m, the nearest any target comes to a vessel's outline
};

TechniqueCheck checkTechnique(const Technique& technique, const Patient& patient);

}  // namespace palpa::scoring
