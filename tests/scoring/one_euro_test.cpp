// The One Euro filter against properties that follow from its definition.
#include <cmath>

#include <gtest/gtest.h>

#include "scoring/one_euro.hpp"

namespace palpa::scoring {
namespace {

TEST(OneEuro, FirstSamplePassesAndConstantsStayPut) {
    OneEuroFilter3 f({1.0, 10.0, 1.0});
    const glm::dvec3 x(0.1, -0.2, 0.3);
    EXPECT_EQ(f.filter(x, 5.0), x);
    for (int i = 1; i < 100; ++i) EXPECT_EQ(f.filter(x, 5.0 + i / 60.0), x);
}

TEST(OneEuro, WithoutBetaOneStepIsTheFirstOrderLowPass) {
    OneEuroFilter3 f({2.0, 0.0, 1.0});
    f.filter(glm::dvec3(0.0), 0.0);
    const double dt = 0.01;
    const double r = 2.0 * M_PI * 2.0 * dt;
    const glm::dvec3 y = f.filter(glm::dvec3(1.0, 0.0, 0.0), dt);
    EXPECT_NEAR(y.x, r / (1.0 + r), 1e-12);
    EXPECT_NEAR(OneEuroFilter3::alpha(2.0, dt), r / (1.0 + r), 1e-15);
}

TEST(OneEuro, StepResponseIsMonotoneAndConverges) {
    OneEuroFilter3 f({1.0, 10.0, 1.0});
    f.filter(glm::dvec3(0.0), 0.0);
    double previous = 0.0;
    for (int i = 1; i <= 300; ++i) {
        const double y = f.filter(glm::dvec3(0.05, 0.0, 0.0), i / 60.0).x;
        EXPECT_GE(y, previous);
        EXPECT_LE(y, 0.05 + 1e-12);
        previous = y;
    }
    EXPECT_NEAR(previous, 0.05, 1e-4);  // 5 s after the step
}

TEST(OneEuro, RemovesMostJitterAtRest) {
    OneEuroFilter3 f({1.0, 10.0, 1.0});
    // Deterministic pseudo-noise, +-3.5 mm uniform (sigma 2 mm).
    std::uint64_t state = 42;
    const auto noise = [&] {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return (static_cast<double>(state >> 11) * 0x1.0p-53 - 0.5) * 0.007;
    };
    double raw_sq = 0.0, filtered_sq = 0.0;
    int n = 0;
    for (int i = 0; i < 1200; ++i) {
        const double x = noise();
        const double y = f.filter(glm::dvec3(x, 0.0, 0.0), i / 60.0).x;
        if (i >= 120) raw_sq += x * x, filtered_sq += y * y, ++n;
    }
    EXPECT_LT(std::sqrt(filtered_sq / n), 0.3 * std::sqrt(raw_sq / n));
}

TEST(OneEuro, BetaCutsLagWhenMoving) {
    // A ramp at 0.3 m/s: the speed-adaptive cutoff follows it more closely.
    OneEuroFilter3 still({1.0, 0.0, 1.0}), adaptive({1.0, 10.0, 1.0});
    double lag_still = 0.0, lag_adaptive = 0.0;
    for (int i = 0; i <= 120; ++i) {
        const double t = i / 60.0;
        const glm::dvec3 x(0.3 * t, 0.0, 0.0);
        lag_still = x.x - still.filter(x, t).x;
        lag_adaptive = x.x - adaptive.filter(x, t).x;
    }
    EXPECT_GT(lag_still, 0.04);  // 1 Hz low-pass lags ~ v / (2 pi fc) = 4.8 cm
    EXPECT_LT(lag_adaptive, 0.35 * lag_still);
    EXPECT_GT(lag_adaptive, 0.0);
}

TEST(OneEuro, TimeThatDoesNotAdvanceChangesNothingAndResetRestarts) {
    OneEuroFilter3 f({1.0, 0.0, 1.0});
    f.filter(glm::dvec3(0.0), 1.0);
    const glm::dvec3 y = f.filter(glm::dvec3(1.0), 1.1);
    EXPECT_EQ(f.filter(glm::dvec3(5.0), 1.1), y);
    EXPECT_EQ(f.filter(glm::dvec3(5.0), 1.0), y);
    f.reset();
    EXPECT_FALSE(f.primed());
    EXPECT_EQ(f.filter(glm::dvec3(5.0), 2.0), glm::dvec3(5.0));
}

}  // namespace
}  // namespace palpa::scoring
