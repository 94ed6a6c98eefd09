#include "drivers/preview.hpp"
