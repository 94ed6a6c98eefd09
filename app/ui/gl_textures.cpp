#include "app/ui/gl_textures.hpp"

#include <GL/gl.h>

#include <cstdint>
#include <stdexcept>

namespace caisse::ui {

Texture GlTextures::create(const Picture& picture) {
    if (picture.width <= 0 || picture.height <= 0 ||
        picture.pixels.size() != static_cast<std::size_t>(picture.width) * static_cast<std::size_t>(picture.height) * 4)
        throw std::runtime_error("texture: bad picture");
    GLint last = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &last);
    while (glGetError() != GL_NO_ERROR) {
    }
    GLuint id = 0;
    glGenTextures(1, &id);
    glBindTexture(GL_TEXTURE_2D, id);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, picture.width, picture.height, 0, GL_RGBA, GL_UNSIGNED_BYTE, picture.pixels.data());
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(last));
    if (glGetError() != GL_NO_ERROR) {
        glDeleteTextures(1, &id);
        throw std::runtime_error("texture: OpenGL refused it");
    }
    return Texture{reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(id)), picture.width, picture.height};
}

void GlTextures::destroy(const Texture& texture) {
    const auto id = static_cast<GLuint>(reinterpret_cast<std::intptr_t>(texture.id));
    if (id != 0) glDeleteTextures(1, &id);
}

}  // namespace caisse::ui
