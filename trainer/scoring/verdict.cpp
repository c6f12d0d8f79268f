#include "scoring/verdict.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace palpa::scoring {
namespace {

constexpr const char* kFaultCodes[kFaultCount] = {
    "placement_off", "hand_angle_off", "direction_off",   "too_shallow",
    "too_deep",      "hold_short",     "sudden_movement", "tracking_lost",
    "vessel_pressure", "hand_lifted",  "not_measured",    "ignored_discomfort",
};

// Share of a step's points for each band.
constexpr double kAcceptableCredit = 0.6;

const std::string& advice(const StepSpec& spec, std::string_view key) {
    static const std::string kNone;
    auto it = spec.advice.find(key);
    return it == spec.advice.end() ? kNone : it->second;
}

// Lower is better: good <= good_max, acceptable <= acceptable_max, else fault.
Band lowerIsBetter(double value, double good_max, double acceptable_max) {
    if (value <= good_max) return Band::Good;
    if (value <= acceptable_max) return Band::Acceptable;
    return Band::Fault;
}

std::string cm(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f cm", v);
    return buf;
}

}  // namespace

std::string safetyReason(Fault fault, const Metrics& m) {
    switch (fault) {
        case Fault::VesselPressure: {
            std::string why = "pressure on a vessel";
            if (m.min_vessel_distance_cm)
                why += ": a pressing joint came within " + cm(*m.min_vessel_distance_cm) + " of the " +
                       (m.nearest_vessel.empty() ? std::string("vessel") : m.nearest_vessel);
            if (m.max_depth_over_vessel_cm)
                why += "; pressed " + cm(*m.max_depth_over_vessel_cm) + " deep over its outline";
            return why + ". A pulse under the thumb means: move laterally.";
        }
        case Fault::TooDeep:
            return "too deep: a joint went " + cm(m.max_joint_depth_cm.value_or(0.0)) +
                   " under the skin. Deep pressure can injure the organs and vessels in front of the psoas.";
        case Fault::IgnoredDiscomfort:
            return "the patient said it was too much (peak discomfort " +
                   std::to_string(static_cast<int>(std::lround(100.0 * m.peak_discomfort))) +
                   " %) and the hands did not ease off within the time allowed.";
        default:
            return faultCode(fault);
    }
}

const char* faultCode(Fault fault) {
    return kFaultCodes[static_cast<int>(fault)];
}

std::vector<std::string> faultCodes(FaultSet faults) {
    std::vector<std::string> out;
    for (int i = 0; i < kFaultCount; ++i)
        if (faults & (FaultSet{1} << i)) out.emplace_back(kFaultCodes[i]);
    return out;
}

const char* bandName(Band band) {
    switch (band) {
        case Band::Good:
            return "good";
        case Band::Acceptable:
            return "acceptable";
        case Band::Fault:
            return "fault";
        case Band::NotMeasured:
            return "not_measured";
    }
    return "?";
}

Result judge(const Technique& technique, const Metrics& m, Side side) {
    Result result;
    result.side = side;
    result.technique = technique.id;
    result.metrics = m;
    // A step a required hand could not be measured on: how many required hands have a value.
    const auto measured = [&](auto field) {
        int n = 0;
        for (const HandMetrics& h : m.hands) n += h.target >= 0 && (h.*field).has_value();
        return n;
    };
    double total_weight = 0.0, earned = 0.0;
    for (const StepSpec& spec : technique.steps) {
        StepResult step;
        step.id = spec.id;
        step.title = spec.title;
        step.metric = spec.metric;
        std::string_view advice_key;  // band name or fault code
        FaultSet faults = 0;
        const auto banded = [&](std::optional<double> value, double scale, Fault fault) {
            if (!value) return;
            step.value = *value;
            step.band = lowerIsBetter(*value * scale, spec.good_max, spec.acceptable_max);
            if (step.band == Band::Fault) faults |= bit(fault);
        };
        switch (spec.metric) {
            case Metric::Placement:
                step.unit = "cm";
                banded(m.placement_cm, 0.01, Fault::PlacementOff);
                if (m.contact && m.targets_missed > 0) {
                    step.band = Band::Fault;
                    faults |= bit(Fault::PlacementOff);
                    advice_key = "missing_hand";
                } else if (measured(&HandMetrics::placement_cm) < m.required_hands) {
                    step.band = Band::NotMeasured;
                    faults |= bit(Fault::NotMeasured);
                    advice_key = "not_measured";
                }
                break;
            case Metric::HandAngle:
                step.unit = "deg";
                banded(m.hand_angle_deg, 1.0, Fault::HandAngleOff);
                if (measured(&HandMetrics::hand_angle_deg) < m.required_hands) {
                    if (step.band != Band::Fault) step.band = Band::NotMeasured;
                    faults |= bit(Fault::NotMeasured);
                    if (!(faults & bit(Fault::HandAngleOff))) advice_key = "not_measured";
                }
                break;
            case Metric::PressDirection:
                step.unit = "deg";
                banded(m.direction_deg, 1.0, Fault::DirectionOff);
                if (measured(&HandMetrics::direction_deg) < m.required_hands) {
                    if (step.band != Band::Fault) step.band = Band::NotMeasured;
                    faults |= bit(Fault::NotMeasured);
                    if (!(faults & bit(Fault::DirectionOff))) advice_key = "not_measured";
                }
                break;
            case Metric::Depth: {
                step.unit = "cm";
                step.value = m.max_depth_cm;
                const double deepest = m.max_depth_cm.value_or(-1e9) * 0.01;
                const double deepest_joint =
                    std::max(deepest, m.max_joint_depth_cm.value_or(-1e9) * 0.01);
                const FaultSet unsafe = m.live_faults & (bit(Fault::VesselPressure) | bit(Fault::IgnoredDiscomfort));
                if (unsafe) {
                    step.band = Band::Fault;
                    faults |= unsafe;
                    advice_key = unsafe & bit(Fault::VesselPressure) ? "vessel_pressure" : "ignored_discomfort";
                }
                if (deepest_joint > spec.max) {
                    step.band = Band::Fault;
                    faults |= bit(Fault::TooDeep);
                    if (advice_key.empty()) advice_key = "too_deep";
                }
                if (!m.contact) {
                    step.band = Band::Fault;
                    faults |= bit(Fault::TooShallow);
                    advice_key = "too_shallow";
                } else if (step.band == Band::Fault) {
                } else {
                    step.band = deepest >= spec.gentle_min && deepest <= spec.gentle_max
                                    ? Band::Good
                                    : Band::Acceptable;
                }
                break;
            }
            case Metric::Hold:
                step.unit = "s";
                step.value = m.hold_s;
                step.band = m.hold_s < spec.min          ? Band::Fault
                            : m.hold_s <= spec.ideal_max ? Band::Good
                                                         : Band::Acceptable;
                if (step.band == Band::Fault)
                    faults |= bit(m.hold_ended_by_lift ? Fault::HandLifted : Fault::HoldShort);
                break;
            case Metric::Smoothness:
                step.unit = "m/s";
                banded(m.max_speed_m_s, 1.0, Fault::SuddenMovement);
                break;
            case Metric::Tracking:
                step.unit = "s";
                step.value = m.longest_loss_s;
                step.band = m.longest_loss_s > spec.acceptable_max ? Band::Fault : Band::Good;
                if (step.band == Band::Fault) faults |= bit(Fault::TrackingLost);
                break;
        }
        result.faults |= faults;
        step.faults = faultCodes(faults);
        if (advice_key.empty())
            advice_key = step.band == Band::Fault && !step.faults.empty()
                             ? std::string_view(step.faults.front())
                             : std::string_view(bandName(step.band));
        step.advice = advice(spec, advice_key);
        if (step.advice.empty() && step.band == Band::Fault && !step.faults.empty())
            step.advice = advice(spec, "fault");
        step.max_points = spec.weight;
        step.points = step.band == Band::Good         ? spec.weight
                      : step.band == Band::Acceptable ? spec.weight * kAcceptableCredit
                                                      : 0.0;
        total_weight += step.max_points;
        earned += step.points;
        result.steps.push_back(std::move(step));
    }
    for (StepResult& step : result.steps) {
        const double scale = total_weight > 0 ? 100.0 / total_weight : 0.0;
        step.points *= scale;
        step.max_points *= scale;
    }
    result.score =
        total_weight > 0 ? static_cast<int>(std::lround(100.0 * earned / total_weight)) : 0;
    result.passed = result.faults == 0;
    if (!result.passed && result.score == 100) result.score = 99;
    for (Fault f : {Fault::VesselPressure, Fault::TooDeep, Fault::IgnoredDiscomfort})
        if (result.faults & bit(f)) {
            result.safety.push_back(faultCode(f));
            result.safety_reasons.push_back(safetyReason(f, m));
        }
    if (result.faults & kSafetyFaults) result.score = std::min(result.score, kUnsafeScoreCap);
    return result;
}

}  // namespace palpa::scoring
