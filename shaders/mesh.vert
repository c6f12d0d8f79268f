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
    vec4 params;     // x: x-ray (0/1), y: the chest region's share of the swell
    vec4 swell;      // soft-tissue swell region: z0, z1, x0, half width
    vec4 chest;      // a second region (the chest), the same way
    // A jointed limb bending the body (scene::LimbWarp, engine/scene/limb_warp.cpp mirrors it).
    vec4 limbSide;   // side normal xyz, offset
    vec4 limbBlend;  // side blend, proximal blend, distal blend, on
    vec4 proxPivot;  // w: lateral limit (0: none)
    vec4 proxDistal;
    vec4 distPivot;  // w: lateral blend
    vec4 distDistal;
    mat4 proxRot;
    mat4 distRot;
} frame;

layout(push_constant) uniform Draw {
    mat4 model;
    vec4 colour;  // linear rgb, opacity
    vec4 flags;   // x: highlighted, y: unlit (hands), z: solid in x-ray, w: swell amount (m)
    vec4 bulgeOrigin;     // xyz, w: bulge amount (scene::Bulge)
    vec4 bulgeInsertion;  // xyz, w: 1 when the limb warp moves this mesh
} draw;

layout(location = 0) out vec3 worldPosition;
layout(location = 1) out vec3 worldNormal;

// How much of a region's swell a point takes: a sine bump along z, a parabola across x, and
// only where the surface faces up (the back, on the table, stays).
float bump(vec4 region, vec3 p, vec3 n) {
    float span = region.y - region.x;
    if (span <= 0.0 || region.w <= 0.0) return 0.0;
    float u = (p.z - region.x) / span;
    if (u <= 0.0 || u >= 1.0) return 0.0;
    float across = (p.x - region.z) / region.w;
    return sin(3.14159265 * u) * max(0.0, 1.0 - across * across) * max(0.0, n.y);
}

float swellWeight(vec3 p, vec3 n) { return bump(frame.swell, p, n) + frame.params.y * bump(frame.chest, p, n); }

// Linear blend of the two hinges, weights from the rest position (LimbWarp::apply).
void warpLimb(inout vec3 p, inout vec3 n) {
    float lateral = dot(p, frame.limbSide.xyz);
    float side = smoothstep(0.0, frame.limbBlend.x, lateral - frame.limbSide.w);
    if (frame.proxPivot.w > 0.0) side *= 1.0 - smoothstep(frame.proxPivot.w - frame.distPivot.w, frame.proxPivot.w, lateral);
    if (side <= 0.0) return;
    float wd = side * smoothstep(-frame.limbBlend.z, frame.limbBlend.z, dot(p - frame.distPivot.xyz, frame.distDistal.xyz));
    float wp = side * smoothstep(-frame.limbBlend.y, frame.limbBlend.y, dot(p - frame.proxPivot.xyz, frame.proxDistal.xyz));
    vec3 p1 = mix(p, (frame.distRot * vec4(p, 1.0)).xyz, wd);
    vec3 n1 = mix(n, mat3(frame.distRot) * n, wd);
    p = mix(p1, (frame.proxRot * vec4(p1, 1.0)).xyz, wp);
    n = mix(n1, mat3(frame.proxRot) * n1, wp);
}

// A contracting muscle's belly swells about its line of action (Bulge::apply).
vec3 bulge(vec3 p) {
    vec3 line = draw.bulgeInsertion.xyz - draw.bulgeOrigin.xyz;
    float len2 = dot(line, line);
    if (draw.bulgeOrigin.w == 0.0 || len2 <= 0.0) return p;
    float t = clamp(dot(p - draw.bulgeOrigin.xyz, line) / len2, 0.0, 1.0);
    vec3 c = draw.bulgeOrigin.xyz + t * line;
    return c + (p - c) * (1.0 + draw.bulgeOrigin.w * sin(3.14159265 * t));
}

void main() {
    vec4 world = draw.model * vec4(inPosition, 1.0);
    worldNormal = mat3(draw.model) * inNormal;
    if (frame.limbBlend.w != 0.0 && draw.bulgeInsertion.w != 0.0) {
        vec3 p = world.xyz, n = worldNormal;
        warpLimb(p, n);
        world.xyz = bulge(p);
        worldNormal = n;
    } else if (draw.bulgeOrigin.w != 0.0) {
        world.xyz = bulge(world.xyz);
    }
    if (draw.flags.w != 0.0) world.y += draw.flags.w * swellWeight(world.xyz, normalize(worldNormal));
    worldPosition = world.xyz;
    gl_Position = frame.viewProj[gl_ViewIndex] * world;
}
