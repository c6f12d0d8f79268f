// Role: the One Euro filter (Casiez, Roussel and Vogel, CHI 2012) for 3-D positions: a
// first-order low-pass whose cutoff rises with speed, so jitter is smoothed when the hand is
// still and lag stays small when it moves. Variable time steps are handled from timestamps.
#pragma once

#include <glm/vec3.hpp>

namespace palpa::scoring {

struct OneEuroParams {
    double min_cutoff_hz = 1.0;  // cutoff at rest: lower removes more jitter, adds lag
    double beta = 0.0;           // cutoff increase per m/s of filtered speed
    double d_cutoff_hz = 1.0;    // cutoff of the speed estimate that drives the adaptation
};

// Filters a 3-D signal; the cutoff adapts to the length of the filtered velocity vector (one
// cutoff for all three axes, so the filter does not distort direction). Value type.
class OneEuroFilter3 {
  public:
    explicit OneEuroFilter3(OneEuroParams params = {}) : params_(params) {}

    // Filters sample x taken at time t (seconds). The first sample after construction or reset()
    // passes unchanged; a sample whose t does not advance returns the previous output.
    glm::dvec3 filter(const glm::dvec3& x, double t);
    // Forgets the history: the next sample passes unchanged.
    void reset() { primed_ = false; }
    // Whether a sample has been filtered since the last reset.
    bool primed() const { return primed_; }
    // The last output (zero before the first sample).
    const glm::dvec3& value() const { return x_; }
    // The smoothed velocity estimate (m/s) used to adapt the cutoff.
    const glm::dvec3& velocity() const { return dx_; }
    // The parameters it was built with.
    const OneEuroParams& params() const { return params_; }

    // Smoothing factor of a first-order low-pass with the given cutoff over a time step dt.
    static double alpha(double cutoff_hz, double dt);

  private:
    OneEuroParams params_;
    bool primed_ = false;
    double t_ = 0.0;
    glm::dvec3 x_{0.0};
    glm::dvec3 dx_{0.0};
};

}  // namespace palpa::scoring
