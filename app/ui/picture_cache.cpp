// Pictures and pictograms decoded on a worker thread, uploaded as textures on the drawing thread
// (app/ui/picture_cache.hpp).
#include "app/ui/picture_cache.hpp"

#include <algorithm>
#include <charconv>
#include <exception>
#include <iterator>

namespace caisse::ui {

PictureCache::PictureCache(std::string ledger_path) : ledger_path_(std::move(ledger_path)) {}

PictureCache::~PictureCache() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
        jobs_.clear();
    }
    cv_.notify_all();
    if (worker_.joinable()) worker_.join();
    clear();
}

void PictureCache::clear() {
    if (textures_)
        for (const auto& [key, entry] : entries_)
            if (entry.state == State::ready) textures_->destroy(entry.texture);
    entries_.clear();
    waiting_ = 0;
    std::lock_guard lock(mutex_);
    jobs_.clear();
    done_.clear();
    ++generation_;
}

void PictureCache::set_textures(std::shared_ptr<Textures> textures) {
    clear();
    textures_ = std::move(textures);
}

void PictureCache::set_wake(std::function<void()> wake) {
    std::lock_guard lock(mutex_);
    wake_ = std::move(wake);
}

void PictureCache::set_gate(std::function<void()> gate) {
    std::lock_guard lock(mutex_);
    gate_ = std::move(gate);
}

const PictureCache::Entry& PictureCache::picture(const std::string& picture, int side) { return request(false, picture, side); }
const PictureCache::Entry& PictureCache::pictogram(const std::string& emoji, int side) { return request(true, emoji, side); }

const PictureCache::Entry& PictureCache::request(bool emoji, const std::string& what, int side) {
    static const Entry failed{State::failed, {}};
    if (!textures_ || what.empty() || side < 1) return failed;
    // The key built in a buffer kept between calls: a frame of 200 tiles allocates nothing here.
    std::string& key = key_;
    key.assign(emoji ? "e:" : "f:");
    char number[16];
    const auto [end, ec] = std::to_chars(number, number + sizeof number, side);
    static_cast<void>(ec);  // an int always fits in 16 characters
    key.append(number, end).append(":").append(what);
    if (const auto it = entries_.find(key); it != entries_.end()) return it->second;
    Entry& entry = entries_[key];
    ++waiting_;
    {
        std::lock_guard lock(mutex_);
        jobs_.push_back(Job{emoji, what, side, key, generation_});
        if (!worker_.joinable()) worker_ = std::thread([this] { work(); });
    }
    cv_.notify_one();
    return entry;
}

void PictureCache::work() {
    std::unique_ptr<drivers::EmojiFont> font;  // opened on first use, on this thread only
    bool font_tried = false;
    for (;;) {
        Job job;
        std::function<void()> gate;
        {
            std::unique_lock lock(mutex_);
            cv_.wait(lock, [&] { return stop_ || !jobs_.empty(); });
            if (stop_) return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
            gate = gate_;
        }
        if (gate) gate();
        Done done{job.key, job.generation, std::nullopt};
        try {
            if (job.emoji) {
                if (!font_tried) {
                    font_tried = true;
                    if (const std::string path = emoji_font_path(); !path.empty()) font = std::make_unique<drivers::EmojiFont>(path);
                }
                if (font) done.picture = font->render(job.what, job.side);
            } else {
                done.picture = tile_picture(picture_file(job.what, ledger_path_), job.side);
            }
            ++decoded_;
        } catch (const std::exception&) {
            // A missing or broken file, an emoji the font lacks: the entry fails, the tile shows
            // its pictogram (or a plain placeholder).
            done.picture.reset();
        }
        std::function<void()> wake;
        {
            std::lock_guard lock(mutex_);
            if (stop_) return;
            done_.push_back(std::move(done));
            wake = wake_;
        }
        if (wake) wake();
    }
}

void PictureCache::upload(int most) {
    std::vector<Done> ready;
    {
        std::lock_guard lock(mutex_);
        const auto n = std::min<std::size_t>(done_.size(), static_cast<std::size_t>(std::max(0, most)));
        ready.assign(std::make_move_iterator(done_.begin()), std::make_move_iterator(done_.begin() + static_cast<std::ptrdiff_t>(n)));
        done_.erase(done_.begin(), done_.begin() + static_cast<std::ptrdiff_t>(n));
    }
    for (auto& d : ready) {
        const auto it = entries_.find(d.key);
        if (it == entries_.end() || it->second.state != State::pending || d.generation != generation_) continue;
        --waiting_;
        it->second.state = State::failed;
        if (!d.picture || !textures_) continue;
        try {
            it->second.texture = textures_->create(*d.picture);
            it->second.state = State::ready;
        } catch (const std::exception&) {
        }
    }
}

bool PictureCache::busy() const { return waiting_ > 0; }

bool PictureCache::uploadable() const {
    std::lock_guard lock(mutex_);
    return !done_.empty();
}

}  // namespace caisse::ui
