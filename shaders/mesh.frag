#version 450
// Soft key plus fill lighting with a rim term (reads well through transparent layers),
// highlight tint, x-ray ghosting and a clipping plane. Output is linear; the sRGB
// attachment encodes it.
#extension GL_EXT_multiview : require

layout(location = 0) in vec3 worldPosition;
layout(location = 1) in vec3 worldNormal;

layout(set = 0, binding = 0) uniform Frame {
    mat4 viewProj[2];
    vec4 eye[2];
    vec4 clipPlane;
    vec4 keyLight;
    vec4 fillLight;
    vec4 params;
    vec4 swell;
} frame;

layout(push_constant) uniform Draw {
    mat4 model;
    vec4 colour;
    vec4 flags;
} draw;

layout(location = 0) out vec4 outColour;

void main() {
    if (dot(frame.clipPlane.xyz, worldPosition) + frame.clipPlane.w > 0.0) discard;

    vec3 n = normalize(worldNormal);
    vec3 toEye = normalize(frame.eye[gl_ViewIndex].xyz - worldPosition);
    bool inside = !gl_FrontFacing;   // a cut opens a closed mesh: shade its inside darker
    if (inside) n = -n;
    float facing = max(dot(n, toEye), 0.0);
    float key = max(dot(n, normalize(frame.keyLight.xyz)), 0.0);
    float fill = max(dot(n, normalize(frame.fillLight.xyz)), 0.0);
    float rim = pow(1.0 - facing, 3.0);
    vec3 halfway = normalize(normalize(frame.keyLight.xyz) + toEye);
    float spec = pow(max(dot(n, halfway), 0.0), 40.0) * 0.12;

    vec3 base = draw.colour.rgb;
    if (draw.flags.x > 0.5) base = mix(base, vec3(1.0, 0.82, 0.15), 0.55);
    vec3 lit = base * (0.22 + 0.68 * key + 0.30 * fill) + vec3(spec) + rim * 0.22 * vec3(0.9, 0.95, 1.0);
    if (draw.flags.y > 0.5) lit = base * (0.55 + 0.45 * key) + rim * 0.3;
    if (inside) lit *= 0.55;

    float alpha = draw.colour.a;
    if (frame.params.x > 0.5 && draw.flags.z < 0.5) alpha *= 0.06 + 0.7 * rim;  // x-ray ghost
    outColour = vec4(lit, alpha);
}
