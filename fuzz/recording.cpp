// libFuzzer: the recording reader (JSON Lines, simdjson) and the scorer on what it accepts.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.hpp"
#include "fuzz_support.hpp"
#include "scoring/jsonl.hpp"
#include "scoring/scorer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace palpa;
    try {
        const scoring::Recording r = scoring::parseRecording(fuzz::text(data, size), "fuzz.jsonl");
        // What the reader accepts, the scorer must take without harm.
        (void)scoring::scoreRecording(r, fuzz::technique(), fuzz::patient());
    } catch (const Error&) {
    }
    return 0;
}
