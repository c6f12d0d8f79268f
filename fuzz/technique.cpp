// libFuzzer: the technique reader. A palpa::Error is the expected refusal.
#include <cstddef>
#include <cstdint>

#include "core/error.hpp"
#include "fuzz_support.hpp"
#include "scoring/technique.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        (void)palpa::scoring::parseTechnique(palpa::fuzz::text(data, size), "fuzz.json");
    } catch (const palpa::Error&) {
    }
    return 0;
}
