// SPDX-License-Identifier: MIT
// EAF tier pairing (in progress).
namespace rapport::intervals {}
