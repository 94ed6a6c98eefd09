#pragma once
// The byte layout of an archive's lines (docs/archive-format.md), shared by export and verify.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace caisse::db {

inline constexpr const char* kArchiveMagic = "caisse-commune-archive";
inline constexpr int kArchiveFormat = 1;
// No line of an archive written by caisse comes near this; a longer one is refused unread.
inline constexpr std::size_t kArchiveMaxLine = 4u << 20;

// Appends the lowercase hex of bytes.
void append_hex(std::string& out, std::string_view bytes);
// One record line, canonical JSON ending with '\n': {"at_utc","hash","kind","payload",
// "prev_hash","seq","sig"}; sig null when absent.
void append_record_line(std::string& out, std::int64_t seq, std::string_view kind, std::string_view at_utc,
                        std::string_view payload, std::string_view prev_hash, std::string_view hash,
                        std::optional<std::string_view> sig);

}  // namespace caisse::db
