// Role: the JSON Lines interchange form of recordings (docs/recording-format.md).
// Reading validates everything and throws palpa::InputError naming the line and the problem;
// writing is deterministic (fixed decimals, trailing zeros trimmed, '\n' line ends).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "scoring/recording.hpp"

namespace palpa::scoring {

// Parses a whole JSONL recording; `source` names the input in error messages.
Recording parseRecording(std::string_view text, const std::string& source);
// Reads and parses a JSONL recording file.
Recording readRecording(const std::filesystem::path& path);

struct WriteOptions {
    int decimals = 6;       // digits after the point for positions, quaternions and radii (max 6)
    int time_decimals = 4;  // digits after the point for "t"
};

// The header line (without the newline).
std::string formatHeader(const RecordingHeader& header);
// One frame line (without the newline).
std::string formatFrame(const Frame& frame, const WriteOptions& options = {});
// The whole recording, one line each, every line ending in '\n'.
std::string formatRecording(const Recording& recording, const WriteOptions& options = {});
// Writes formatRecording() to path atomically.
void writeRecording(const std::filesystem::path& path, const Recording& recording,
                    const WriteOptions& options = {});

}  // namespace palpa::scoring
