#include "drivers/escpos.hpp"
