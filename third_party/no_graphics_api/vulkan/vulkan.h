// Found first on the trainer's include path (the root CMakeLists.txt): the trainer sees palpa's
// own GPU types (gpu/types.hpp), never Vulkan, even through an engine header.
#error "trainer code must not include <vulkan/vulkan.h>: an engine header it includes exposes Vulkan (move it inside the engine)"
