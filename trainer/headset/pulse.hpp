// Role: the patient's pulse under the student's thumbs as controller haptics: while a thumb
// feels the pulse (the live scorer says which), its controller beats once per heartbeat.
// Pure: the frame loop asks each frame which controllers beat now and sends the pulses.
#pragma once

#include <array>

namespace palpa::headset {

class PulseBeats {
  public:
    static constexpr double kBeatSeconds = 0.08;  // one beat's vibration
    static constexpr float kAmplitude = 0.6f;

    // Given the time (s), which hands feel the pulse now and the heart rate, which
    // controllers start a beat this frame. A hand that starts feeling the pulse beats at once.
    std::array<bool, 2> update(double t, const std::array<bool, 2>& feeling, double heart_rate_bpm);

  private:
    std::array<double, 2> last_beat_{-1e9, -1e9};
    std::array<bool, 2> was_{false, false};
};

}  // namespace palpa::headset
