// Role: presenting a scored attempt: a human report (step by step: measured value, band,
// advice), unsafe presses first, and the JSON form {"passed", "score", "faults", "side",
// "technique", "safety", "metrics", "steps"}.
#pragma once

#include <string>

#include "scoring/verdict.hpp"

namespace palpa::scoring {

// Context shown in the human report's first line.
struct ReportContext {
    std::string recording;  // file name, or "" to omit
    std::string technique_name;
    std::string model;  // the patient's model and body size, or "" to omit
};

// The human-readable report, several lines ending in '\n'.
std::string formatHumanReport(const Result& result, const ReportContext& context = {});
// The JSON report, pretty-printed with a 2-space indent and a final '\n'. Numbers are
// rounded (3 decimals) so the text is stable.
std::string formatJsonReport(const Result& result);

}  // namespace palpa::scoring
