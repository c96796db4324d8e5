// The goaldrift version, kept in this one place; CMake reads it from here.
#pragma once

#define GOALDRIFT_VERSION_MAJOR 0
#define GOALDRIFT_VERSION_MINOR 1
#define GOALDRIFT_VERSION_PATCH 0

/// The version as one integer, major * 10000 + minor * 100 + patch.
#define GOALDRIFT_VERSION \
  (GOALDRIFT_VERSION_MAJOR * 10000 + GOALDRIFT_VERSION_MINOR * 100 + GOALDRIFT_VERSION_PATCH)
