#include "drivers/codepage.hpp"
