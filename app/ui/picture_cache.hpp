#pragma once
// Product pictures and pictograms as textures (issue 12 item 8). Files are decoded and scaled, and
// emoji drawn with FreeType, on one worker thread, never on the thread that draws frames; the
// drawing thread uploads what is ready, a few a frame, through Textures (OpenGL in the window,
// app/ui/gl_textures; a fake in the headless tests). Each (file or pictogram, size) is decoded once
// and its texture kept until the cache goes (or the Textures are replaced); a file that is missing
// or not a picture is remembered as failed, and the tile shows its pictogram instead.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <imgui.h>

#include "app/services/pictures.hpp"

namespace caisse::ui {

struct Texture {
    ImTextureID id = nullptr;
    int width = 0, height = 0;  // pixels
};

// Makes and frees textures; called on the drawing thread only (inside a frame, with the GL context
// current in the window).
class Textures {
public:
    virtual ~Textures() = default;
    // A texture holding the picture (RGBA, straight alpha). Throws std::runtime_error on failure.
    virtual Texture create(const Picture& picture) = 0;
    virtual void destroy(const Texture& texture) = 0;
};

class PictureCache {
public:
    enum class State { pending, ready, failed };
    struct Entry {
        State state = State::pending;
        Texture texture;
    };

    // ledger_path: relative picture paths are looked up beside it (services picture_file).
    explicit PictureCache(std::string ledger_path);
    ~PictureCache();  // stops the worker; the textures are freed with the Textures still set
    PictureCache(const PictureCache&) = delete;
    PictureCache& operator=(const PictureCache&) = delete;

    // Without Textures (the default) nothing is decoded and every entry is failed. Replacing them
    // frees every texture made so far and forgets every entry.
    void set_textures(std::shared_ptr<Textures> textures);
    void set_wake(std::function<void()> wake);  // called from the worker when a picture is ready
    // Run on the worker before each decoding (tests hold the decoding back with it). Set it before
    // the first picture is asked for.
    void set_gate(std::function<void()> gate);

    // The entry of a product picture (its catalogue `picture`) at side x side pixels at most; asks
    // for it the first time (pending until decoded and uploaded).
    const Entry& picture(const std::string& picture, int side);
    // The same for a pictogram (one emoji, UTF-8).
    const Entry& pictogram(const std::string& emoji, int side);

    // On the drawing thread, once a frame: makes textures of up to `most` decoded pictures.
    void upload(int most);
    bool busy() const;      // something asked is not ready or failed yet
    bool uploadable() const;  // decoded pictures wait for upload(): keep drawing frames
    int decoded() const { return decoded_.load(); }  // files and pictograms decoded so far (once each)

private:
    struct Job {
        bool emoji = false;
        std::string what;
        int side = 0;
        std::string key;
        std::uint64_t generation = 0;
    };
    struct Done {
        std::string key;
        std::uint64_t generation = 0;
        std::optional<Picture> picture;  // none: failed
    };
    const Entry& request(bool emoji, const std::string& what, int side);
    void work();
    void clear();

    std::string ledger_path_;
    std::shared_ptr<Textures> textures_;
    std::map<std::string, Entry> entries_;  // drawing thread only
    int waiting_ = 0;                       // entries pending (drawing thread only)
    std::string key_;                       // request()'s buffer

    mutable std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<Job> jobs_;
    std::vector<Done> done_;
    std::function<void()> wake_;
    std::function<void()> gate_;
    bool stop_ = false;
    std::uint64_t generation_ = 0;  // set_textures() drops what older jobs bring back
    std::atomic<int> decoded_{0};
    std::thread worker_;
};

}  // namespace caisse::ui
