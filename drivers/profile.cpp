#include "drivers/profile.hpp"
