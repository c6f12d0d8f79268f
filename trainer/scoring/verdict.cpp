#include "scoring/verdict.hpp"

#include <cmath>

namespace palpa::scoring {
namespace {

constexpr const char* kFaultCodes[kFaultCount] = {
    "placement_off", "hand_angle_off", "direction_off",   "too_shallow",
    "too_deep",      "hold_short",     "sudden_movement", "tracking_lost",
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

}  // namespace

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
                }
                break;
            case Metric::HandAngle:
                step.unit = "deg";
                banded(m.hand_angle_deg, 1.0, Fault::HandAngleOff);
                break;
            case Metric::PressDirection:
                step.unit = "deg";
                banded(m.direction_deg, 1.0, Fault::DirectionOff);
                break;
            case Metric::Depth: {
                step.unit = "cm";
                step.value = m.max_depth_cm;
                const double deepest = m.max_depth_cm.value_or(-1e9) * 0.01;
                if (!m.contact) {
                    step.band = Band::Fault;
                    faults |= bit(Fault::TooShallow);
                    advice_key = "too_shallow";
                } else if (deepest > spec.max) {
                    step.band = Band::Fault;
                    faults |= bit(Fault::TooDeep);
                    advice_key = "too_deep";
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
                if (step.band == Band::Fault) faults |= bit(Fault::HoldShort);
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
    return result;
}

}  // namespace palpa::scoring
