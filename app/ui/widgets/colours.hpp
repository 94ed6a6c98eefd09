#pragma once
// The till's colours: the few fixed ones, an entrepreneur's "#rrggbb", a user's from a palette.
#include <cstdint>
#include <string>

#include <imgui.h>

namespace caisse::ui {

inline constexpr ImU32 kGreen = IM_COL32(39, 140, 80, 255);
inline constexpr ImU32 kRed = IM_COL32(190, 50, 40, 255);
inline constexpr ImU32 kWhite = IM_COL32(255, 255, 255, 255);
inline constexpr ImU32 kInk = IM_COL32(30, 30, 30, 255);
inline constexpr ImU32 kDark = IM_COL32(45, 52, 64, 255);       // the status bar, a chosen chip
inline constexpr ImU32 kDarkButton = IM_COL32(70, 80, 96, 255); // buttons on the status bar
inline constexpr ImU32 kTraining = IM_COL32(255, 196, 36, 255); // the MODE ÉCOLE band: amber, never a money colour
inline constexpr ImU32 kPaleRed = IM_COL32(240, 220, 215, 255); // behind a red cross, a warning

// "#rrggbb" to a colour; anything else gives the fallback.
ImU32 colour_of(const std::string& hex, ImU32 fallback = IM_COL32(120, 120, 120, 255));
// Users have no colour of their own: one from a palette by id, stable between runs.
ImU32 user_colour(std::int64_t id);

}  // namespace caisse::ui
