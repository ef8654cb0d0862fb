#include "interpreter/calendar.hpp"
