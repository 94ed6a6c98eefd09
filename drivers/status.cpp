#include "drivers/status.hpp"
