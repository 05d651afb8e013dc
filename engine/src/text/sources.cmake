# The one place ICU is used: encoding conversion and Unicode-aware text helpers.
add_library(rapport_text STATIC src/text/utf.cpp src/text/quote.cpp)
target_include_directories(rapport_text PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
                                        PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
target_link_libraries(rapport_text PUBLIC rapport_core PRIVATE ICU::uc rapport_warnings)
