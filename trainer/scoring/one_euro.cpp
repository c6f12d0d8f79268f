#include "scoring/one_euro.hpp"

#include <glm/geometric.hpp>

namespace palpa::scoring {

double OneEuroFilter3::alpha(double cutoff_hz, double dt) {
    // tau = 1 / (2 pi fc); alpha = 1 / (1 + tau / dt) = r / (1 + r) with r = 2 pi fc dt.
    constexpr double kTwoPi = 6.283185307179586;
    const double r = kTwoPi * cutoff_hz * dt;
    return r / (1.0 + r);
}

glm::dvec3 OneEuroFilter3::filter(const glm::dvec3& x, double t) {
    if (!primed_) {
        primed_ = true;
        t_ = t;
        x_ = x;
        dx_ = glm::dvec3(0.0);
        return x_;
    }
    const double dt = t - t_;
    if (!(dt > 0.0)) return x_;
    t_ = t;
    const glm::dvec3 raw_velocity = (x - x_) / dt;
    dx_ += alpha(params_.d_cutoff_hz, dt) * (raw_velocity - dx_);
    const double cutoff = params_.min_cutoff_hz + params_.beta * glm::length(dx_);
    x_ += alpha(cutoff, dt) * (x - x_);
    return x_;
}

}  // namespace palpa::scoring
