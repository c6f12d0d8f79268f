// libFuzzer: the settings reader. A palpa::Error is the expected refusal.
#include <cstddef>
#include <cstdint>

#include "core/error.hpp"
#include "fuzz_support.hpp"
#include "records/settings.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        (void)palpa::records::parseSettings(palpa::fuzz::text(data, size), "config.json");
    } catch (const palpa::Error&) {
    }
    return 0;
}
