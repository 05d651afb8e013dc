// SPDX-License-Identifier: MIT
// Rapport version, one place.
#pragma once

#define RAPPORT_VERSION_MAJOR 0
#define RAPPORT_VERSION_MINOR 1
#define RAPPORT_VERSION_PATCH 0
#define RAPPORT_VERSION_STRING "0.1.0"
