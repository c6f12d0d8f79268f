// Role: one interface for everything that produces hands (OpenXR hand tracking, controllers,
// the desktop mouse simulator, recording replay) and a priority table that picks the first
// source able to deliver (StereoKit's order: override/replay, articulated hands, controllers,
// mouse simulator). Sources own their state; the table owns its sources.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "input/hand.hpp"

namespace palpa::input {

class HandSource {
public:
    virtual ~HandSource() = default;
    // Short name for messages ("replay", "openxr", "simulator").
    virtual std::string_view name() const = 0;
    // Whether the source can deliver hands now.
    virtual bool available() const = 0;
    // The hands at time `now` (seconds since the session began); nullopt when nothing new.
    virtual std::optional<HandFrame> poll(double now) = 0;
    // Whether the source has nothing more to give (a replay at its end).
    virtual bool finished() const { return false; }
};

// Priorities, lowest value first.
enum class Priority { Override = 0, Articulated = 1, Controllers = 2, Simulator = 3 };

class HandSources {
public:
    // Adds a source at a priority; sources of equal priority keep the order they were added in.
    void add(Priority priority, std::unique_ptr<HandSource> source);
    // The first available source, or null.
    HandSource* active();
    // Every source, in priority order.
    std::vector<HandSource*> all();

private:
    struct Entry {
        Priority priority;
        std::unique_ptr<HandSource> source;
    };
    std::vector<Entry> entries_;
};

// Replays frames (t increasing) against the caller's clock: poll(now) returns every frame up
// to `now` one at a time, in order, so that a consumer sees exactly the recorded sequence.
std::unique_ptr<HandSource> makeReplaySource(std::vector<HandFrame> frames, double speed = 1.0);

}  // namespace palpa::input
