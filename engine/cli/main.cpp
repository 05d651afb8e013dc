// SPDX-License-Identifier: MIT
#include <iostream>

#include "cli.hpp"

int main(int argc, char** argv) { return rapport::cli::run(argc, argv, std::cout, std::cerr); }
