#pragma once
// Textures in OpenGL for the picture cache (app/ui/picture_cache.hpp): the window and the
// screenshot tool use it; the headless tests use a fake. Needs the GL context current.
#include "app/ui/picture_cache.hpp"

namespace caisse::ui {

class GlTextures final : public Textures {
public:
    // An RGBA texture (linear filtering, clamped edges) of the picture. Throws std::runtime_error
    // when GL refuses it.
    Texture create(const Picture& picture) override;
    void destroy(const Texture& texture) override;
};

}  // namespace caisse::ui
