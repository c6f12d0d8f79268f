// libFuzzer: the model loader (the glTF check, then Assimp) on a .glb of arbitrary bytes, with
// the bundled layer map.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/error.hpp"
#include "fuzz_support.hpp"
#include "scene/layer_map.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace palpa;
    static const scene::LayerMap map = scene::LayerMap::load(std::string(PALPA_FUZZ_ASSETS) + "/models/psoas-region.layers.json");
    static const std::filesystem::path file =
        std::filesystem::temp_directory_path() / ("palpa-fuzz-" + std::to_string(::getpid()) + ".glb");
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    try {
        (void)scene::loadScene(file, map);
    } catch (const Error&) {
    }
    return 0;
}
