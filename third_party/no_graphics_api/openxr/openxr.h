// Found first on the trainer's include path (the root CMakeLists.txt): the trainer sees palpa's
// own XR types (xr/session.hpp), never OpenXR, even through an engine header.
#error "trainer code must not include <openxr/openxr.h>: an engine header it includes exposes OpenXR (move it inside the engine)"
