#version 450
#extension GL_EXT_multiview : require
// A textured quad (a floating UI panel) drawn in both views of the multiview pass: four
// corners from the vertex index, one model-view-projection matrix per view.
layout(push_constant) uniform Panel {
    mat4 mvp[2];
} panel;

layout(location = 0) out vec2 uv;

void main() {
    const vec2 corner = vec2(float(gl_VertexIndex & 1), float((gl_VertexIndex >> 1) & 1));
    uv = vec2(corner.x, 1.0 - corner.y);
    gl_Position = panel.mvp[min(gl_ViewIndex, 1)] * vec4(corner - 0.5, 0.0, 1.0);
}
