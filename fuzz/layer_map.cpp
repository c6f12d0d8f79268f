// libFuzzer: the layer map reader. A palpa::Error is the expected refusal.
#include <cstddef>
#include <cstdint>

#include "core/error.hpp"
#include "fuzz_support.hpp"
#include "scene/layer_map.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        (void)palpa::scene::LayerMap::parse(palpa::fuzz::text(data, size), "fuzz.layers.json");
    } catch (const palpa::Error&) {
    }
    return 0;
}
