// Reading user data: delimited text with any line ending, lookup tables from CSV.
#pragma once

#include "io/lookup_csv.hpp"
#include "io/text.hpp"
