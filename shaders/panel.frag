#version 450
// The panel's texture, sampled through an sRGB view so the UI's colours arrive linear.
layout(binding = 0) uniform sampler2D ui;
layout(location = 0) in vec2 uv;
layout(location = 0) out vec4 colour;

void main() {
    colour = texture(ui, uv);
    if (colour.a < 0.01) discard;
}
