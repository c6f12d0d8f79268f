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
    vec4 swell;      // soft-tissue swell region: z0, z1, x0, half width
} frame;

layout(push_constant) uniform Draw {
    mat4 model;
    vec4 colour;  // linear rgb, opacity
    vec4 flags;   // x: highlighted, y: unlit (hands), z: solid in x-ray, w: swell amount (m)
} draw;

layout(location = 0) out vec3 worldPosition;
layout(location = 1) out vec3 worldNormal;

// How much of the swell a point takes: a sine bump along z, a parabola across x, and only
// where the surface faces up (the back, on the table, stays).
float swellWeight(vec3 p, vec3 n) {
    float span = frame.swell.y - frame.swell.x;
    if (span <= 0.0) return 0.0;
    float u = (p.z - frame.swell.x) / span;
    if (u <= 0.0 || u >= 1.0) return 0.0;
    float across = (p.x - frame.swell.z) / frame.swell.w;
    return sin(3.14159265 * u) * max(0.0, 1.0 - across * across) * max(0.0, n.y);
}

void main() {
    vec4 world = draw.model * vec4(inPosition, 1.0);
    worldNormal = mat3(draw.model) * inNormal;
    if (draw.flags.w != 0.0) world.y += draw.flags.w * swellWeight(world.xyz, normalize(worldNormal));
    worldPosition = world.xyz;
    gl_Position = frame.viewProj[gl_ViewIndex] * world;
}
