// SPDX-License-Identifier: MIT
// JSON and text of rapport agree --intervals (in progress).
namespace rapport::intervals {}
