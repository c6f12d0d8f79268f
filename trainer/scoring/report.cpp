#include "scoring/report.hpp"

#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

namespace palpa::scoring {
namespace {

using nlohmann::ordered_json;

double rounded(double v) {
    return std::round(v * 1000.0) / 1000.0;
}

ordered_json optionalNumber(const std::optional<double>& v) {
    return v ? ordered_json(rounded(*v)) : ordered_json(nullptr);
}

std::string number(double v, int decimals) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

int decimalsFor(const std::string& unit) {
    if (unit == "deg") return 0;
    if (unit == "m/s") return 2;
    return 1;
}

}  // namespace

std::string formatHumanReport(const Result& r, const ReportContext& context) {
    const Metrics& m = r.metrics;
    std::string out;
    out += "Technique: " + (context.technique_name.empty() ? r.technique : context.technique_name);
    out += " (patient's " + std::string(sideName(r.side)) + " side)\n";
    if (!context.recording.empty()) out += "Recording: " + context.recording + "\n";
    out += "Frames:    " + std::to_string(m.frames) + " over " + number(m.duration_s, 1) + " s\n";
    if (!context.model.empty()) out += "Patient:   " + context.model + "\n";
    out += std::string("Verdict:   ") + (r.passed ? "PASSED" : "NOT PASSED") + ", score " +
           std::to_string(r.score) + "/100\n";
    // Safety first: an unsafe press fails whatever else went well, and is said before anything.
    for (const std::string& reason : r.safety_reasons) out += "UNSAFE:    " + reason + "\n";
    if (m.vessel_clearance_cm)
        out += "Vessels:   the thumbs were " + number(*m.vessel_clearance_cm, 1) +
               " cm from the nearest vessel at the hold (keep at least 1.5 cm)\n";
    if (m.inferred_hold_s > 0.05)
        out += "Tracking:  " + number(m.inferred_hold_s, 1) +
               " s of the hold rested on a thumb tip the headset only inferred (hidden under the palm); "
               "it counted as measured, and 0.5 cm deeper for the safety rules\n";
    if (m.reactions > 0)
        out += "Patient:   reacted " + std::to_string(m.reactions) + " time(s), peak discomfort " +
               std::to_string(static_cast<int>(std::lround(100.0 * m.peak_discomfort))) + " %" +
               (m.ignored_reactions > 0 ? ", " + std::to_string(m.ignored_reactions) + " not eased off in time"
                                        : std::string(", eased off each time")) +
               "\n";
    out += "\n";
    int index = 1;
    for (const StepResult& step : r.steps) {
        out += std::to_string(index++) + ". " + step.title + "\n";
        out += "   measured: ";
        out += step.value ? number(*step.value, decimalsFor(step.unit)) + " " + step.unit
                          : std::string("-");
        out += "   band: " + std::string(bandName(step.band));
        for (const std::string& fault : step.faults) out += "   fault: " + fault;
        out += "\n";
        if (!step.advice.empty()) out += "   advice: " + step.advice + "\n";
    }
    out += "\nFaults: ";
    const auto codes = faultCodes(r.faults);
    if (codes.empty()) out += "none";
    for (size_t i = 0; i < codes.size(); ++i) out += (i ? ", " : "") + codes[i];
    out += "\n";
    return out;
}

std::string formatJsonReport(const Result& r) {
    const Metrics& m = r.metrics;
    ordered_json root;
    root["passed"] = r.passed;
    root["score"] = r.score;
    root["faults"] = faultCodes(r.faults);
    root["side"] = sideName(r.side);
    root["technique"] = r.technique;
    root["safety"] = r.safety;

    ordered_json metrics;
    metrics["frames"] = m.frames;
    metrics["duration_s"] = rounded(m.duration_s);
    metrics["contact"] = m.contact;
    metrics["first_contact_t"] = m.contact ? ordered_json(rounded(m.first_contact_t)) : nullptr;
    metrics["placement_cm"] = optionalNumber(m.placement_cm);
    metrics["targets_missed"] = m.targets_missed;
    metrics["hand_angle_deg"] = optionalNumber(m.hand_angle_deg);
    metrics["direction_deg"] = optionalNumber(m.direction_deg);
    metrics["max_depth_cm"] = optionalNumber(m.max_depth_cm);
    metrics["hold_s"] = rounded(m.hold_s);
    metrics["hold_start_t"] = m.hold_s > 0 ? ordered_json(rounded(m.hold_start_t)) : nullptr;
    metrics["hold_end_t"] = m.hold_s > 0 ? ordered_json(rounded(m.hold_end_t)) : nullptr;
    metrics["max_speed_m_s"] = rounded(m.max_speed_m_s);
    metrics["longest_loss_s"] = rounded(m.longest_loss_s);
    metrics["inferred_hold_s"] = rounded(m.inferred_hold_s);
    metrics["max_joint_depth_cm"] = optionalNumber(m.max_joint_depth_cm);
    metrics["min_vessel_distance_cm"] = optionalNumber(m.min_vessel_distance_cm);
    metrics["vessel_clearance_cm"] = optionalNumber(m.vessel_clearance_cm);
    metrics["nearest_vessel"] = m.nearest_vessel.empty() ? ordered_json(nullptr) : ordered_json(m.nearest_vessel);
    metrics["max_depth_over_vessel_cm"] = optionalNumber(m.max_depth_over_vessel_cm);
    metrics["hold_ended_by_lift"] = m.hold_ended_by_lift;
    metrics["peak_discomfort"] = rounded(m.peak_discomfort);
    metrics["reactions"] = m.reactions;
    metrics["ignored_reactions"] = m.ignored_reactions;
    ordered_json hands;
    for (int h = 0; h < 2; ++h) {
        const HandMetrics& hm = m.hands[static_cast<size_t>(h)];
        ordered_json hand;
        hand["contacted"] = hm.contacted;
        hand["contact_t"] = hm.contacted ? ordered_json(rounded(hm.contact_t)) : nullptr;
        hand["target"] = hm.target >= 0 ? ordered_json(hm.target_id) : nullptr;
        hand["placement_cm"] = optionalNumber(hm.placement_cm);
        hand["hand_angle_deg"] = optionalNumber(hm.hand_angle_deg);
        hand["direction_deg"] = optionalNumber(hm.direction_deg);
        hands[std::string(sideName(static_cast<Side>(h)))] = hand;
    }
    metrics["hands"] = hands;
    root["metrics"] = metrics;

    ordered_json steps = ordered_json::array();
    for (const StepResult& step : r.steps) {
        ordered_json s;
        s["id"] = step.id;
        s["title"] = step.title;
        s["metric"] = metricName(step.metric);
        s["value"] = optionalNumber(step.value);
        s["unit"] = step.unit;
        s["band"] = bandName(step.band);
        s["faults"] = step.faults;
        s["advice"] = step.advice;
        s["points"] = rounded(step.points);
        s["max_points"] = rounded(step.max_points);
        steps.push_back(s);
    }
    root["steps"] = steps;
    return root.dump(2) + "\n";
}

}  // namespace palpa::scoring
