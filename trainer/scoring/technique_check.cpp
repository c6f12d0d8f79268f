#include "scoring/technique_check.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "core/error.hpp"
#include "scoring/plan.hpp"
#include "scoring/scorer.hpp"

namespace palpa::scoring {
namespace {

constexpr double kOnSkin = 0.002;  // m: a target this near the skin's surface lies on it

class Checker {
  public:
    Checker(const Technique& t, const Patient& p) : t_(t), p_(p) {}

    void problem(std::string file, std::string place, std::string expected) {
        TechniqueProblem found{std::move(file), std::move(place), std::move(expected)};
        if (seen_.insert(found.line()).second) out_.problems.push_back(std::move(found));
    }

    // A landmark name (with "{side}" for either side) the technique needs.
    void landmark(const std::string& name, const std::string& place) {
        for (Side side : {Side::Left, Side::Right}) {
            const std::string resolved = withSide(name, side);
            if (p_.landmarks().count(resolved) == 0)
                problem(t_.source, place, "a landmark of the model (there is no \"" + resolved + "\" in " + modelName() + ")");
            if (resolved == name) break;
        }
    }

    // A direction name (with "{side}") the technique refers to.
    void direction(const std::string& name, const std::string& place) {
        for (Side side : {Side::Left, Side::Right}) {
            const std::string resolved = withSide(name, side);
            if (t_.directions.count(resolved) == 0)
                problem(t_.source, place, "a direction of the technique's \"directions\" (there is no \"" + resolved + "\")");
            if (resolved == name) break;
        }
    }

    void landmarks() {
        for (std::size_t i = 0; i < t_.targets.size(); ++i) {
            const TargetSpec& s = t_.targets[i];
            const std::string place = "targets[" + std::to_string(i) + "]";
            landmark(s.landmark, place + ".landmark");
            if (!s.lateral_over.empty()) landmark(s.lateral_over, place + ".lateral_over");
            direction(s.hand_axis, place + ".hand_axis");
        }
        direction(t_.press.along, "press.along");
        for (const auto& [name, d] : t_.directions) {
            landmark(d.from, "directions." + name + ".from");
            for (std::size_t j = 0; j < d.to.size(); ++j) landmark(d.to[j], "directions." + name + ".to[" + std::to_string(j) + "]");
        }
    }

    void safeZones() {
        const bool vesselRules = t_.safety.vessel_keep_out > 0 || t_.safety.over_vessel_depth > 0 || t_.safety.pulse_within > 0;
        bool clearance = false;
        for (const TargetSpec& s : t_.targets) clearance = clearance || s.clear_of_vessels > 0;
        if ((vesselRules || clearance) && !p_.hasVessels())
            problem(modelName(), "layer \"vessels\"",
                    "the vessels the technique keeps the hands off (its safety rules and targets' clearance need them)");
    }

    // Resolves the targets for each side worked: on the skin, as clear of the vessels as asked.
    void targets() {
        if (!out_.problems.empty()) return;  // a missing landmark or layer: resolving says the same again
        out_.min_vessel_clearance = 1e9;
        for (Side side : {Side::Left, Side::Right}) {
            try {
                const Plan plan = makePlan(t_, p_, side);
                out_.targets = static_cast<int>(plan.targets.size());
                for (std::size_t i = 0; i < plan.targets.size(); ++i) {
                    const ResolvedTarget& r = plan.targets[i];
                    const std::string place = "targets[" + std::to_string(i) + "] (" + std::string(sideName(side)) + " side worked)";
                    const SkinSample skin = p_.skin(r.point);
                    if (std::abs(skin.depth) > kOnSkin)
                        problem(t_.source, place, "a point on the skin (it lies " + cm(std::abs(skin.depth)) + " from it)");
                    const double asked = t_.targets[i].clear_of_vessels;
                    if (asked > 0 && r.vessel_clearance + 1e-4 < asked)
                        problem(t_.source, place + ".clear_of_vessels_cm",
                                cm(asked) + " from the vessels (it is " + cm(r.vessel_clearance) + ")");
                    if (p_.hasVessels()) out_.min_vessel_clearance = std::min(out_.min_vessel_clearance, r.vessel_clearance);
                }
            } catch (const InputError& e) {
                problem(e.file(), e.place() + " (" + std::string(sideName(side)) + " side worked)", e.problem());
            }
        }
        if (out_.min_vessel_clearance > 1e8) out_.min_vessel_clearance = 0;
    }

    void cues() {
        for (const std::string& key : liveCueKeys())
            if (t_.cue(key).empty()) problem(t_.source, "cues." + key, "a text for the live cue \"" + key + "\"");
    }

    TechniqueCheck result() { return std::move(out_); }

  private:
    std::string modelName() const { return p_.identity().file.empty() ? std::string("the model") : p_.identity().file; }
    static std::string cm(double m) {
        char s[32];
        std::snprintf(s, sizeof s, "%.1f cm", m * 100.0);
        return s;
    }

    const Technique& t_;
    const Patient& p_;
    TechniqueCheck out_;
    std::set<std::string> seen_;
};

}  // namespace

TechniqueCheck checkTechnique(const Technique& technique, const Patient& patient) {
    Checker c(technique, patient);
    c.landmarks();
    c.safeZones();
    c.targets();
    c.cues();
    return c.result();
}

}  // namespace palpa::scoring
