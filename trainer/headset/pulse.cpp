#include "headset/pulse.hpp"

namespace palpa::headset {

std::array<bool, 2> PulseBeats::update(double t, const std::array<bool, 2>& feeling, double heart_rate_bpm) {
    std::array<bool, 2> beat{false, false};
    const double period = heart_rate_bpm > 0.0 ? 60.0 / heart_rate_bpm : 1e9;
    for (std::size_t h = 0; h < 2; ++h) {
        if (feeling[h] && (!was_[h] || t - last_beat_[h] >= period)) {
            beat[h] = true;
            last_beat_[h] = t;
        }
        was_[h] = feeling[h];
    }
    return beat;
}

}  // namespace palpa::headset
