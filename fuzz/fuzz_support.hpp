// Role: what the fuzz targets share: the bytes as text, and the bundled technique and patient
// (loaded once) for feeding accepted recordings to the scorer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "scene/loader.hpp"
#include "scoring/patient.hpp"
#include "scoring/technique.hpp"

namespace palpa::fuzz {

inline std::string_view text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

inline const scoring::Technique& technique() {
    static const scoring::Technique t = scoring::loadTechnique(std::string(PALPA_FUZZ_ASSETS) + "/techniques/psoas-release.json");
    return t;
}

inline const scoring::Patient& patient() {
    static const scoring::Patient p =
        scoring::Patient::fromScene(scene::loadScene(std::string(PALPA_FUZZ_ASSETS) + "/models/psoas-region.glb"));
    return p;
}

}  // namespace palpa::fuzz
