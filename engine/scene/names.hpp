// Role: names for people from the code names models and layer maps use: "lesser_trochanter_right"
// reads "Lesser trochanter (right)", "vertebra_L4" "Vertebra L4", "disc_L4_L5" "Disc L4-L5",
// "asis_left" "ASIS (left)". Files keep the code names; labels show these.
#pragma once

#include <string>
#include <string_view>

namespace palpa::scene {

std::string displayName(std::string_view code);

}  // namespace palpa::scene
