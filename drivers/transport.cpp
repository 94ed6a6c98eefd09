#include "drivers/transport.hpp"
