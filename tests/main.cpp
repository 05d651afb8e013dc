// SPDX-License-Identifier: MIT
// The one translation unit that compiles Catch2's runner (Catch2 docs/slow-compiles.md).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
