#version 450
// Scene and hand meshes for one or two views (multiview: gl_ViewIndex picks the eye).
#extension GL_EXT_multiview : require

layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;

layout(set = 0, binding = 0) uniform Frame {
    mat4 viewProj[2];
    vec4 eye[2];
    vec4 clipPlane;  // n.xyz, d: fragments with dot(n, p) + d > 0 are cut away; zero = off
    vec4 keyLight;   // direction toward the light (world), w unused
    vec4 fillLight;
    vec4 params;     // x: x-ray (0/1)
} frame;

layout(push_constant) uniform Draw {
    mat4 model;
    vec4 colour;  // linear rgb, opacity
    vec4 flags;   // x: highlighted, y: unlit (hands), z: solid in x-ray
} draw;

layout(location = 0) out vec3 worldPosition;
layout(location = 1) out vec3 worldNormal;

void main() {
    vec4 world = draw.model * vec4(inPosition, 1.0);
    worldPosition = world.xyz;
    worldNormal = mat3(draw.model) * inNormal;
    gl_Position = frame.viewProj[gl_ViewIndex] * world;
}
