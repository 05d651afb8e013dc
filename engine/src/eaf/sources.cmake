# The ELAN reader: EAF 2.x-3.0, .etf templates and .ecv external vocabularies.
add_library(rapport_eaf STATIC
  src/eaf/document.cpp
  src/eaf/sax_handler.cpp
  src/eaf/utf8_checked_input.cpp
  src/eaf/time_resolution.cpp
  src/eaf/cv_resolution.cpp
  src/eaf/reference_checks.cpp
  src/eaf/reader.cpp
  src/eaf/collect.cpp)
target_include_directories(rapport_eaf PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
                                       PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
target_link_libraries(rapport_eaf PUBLIC rapport_core PRIVATE rapport_xml Threads::Threads rapport_warnings)
list(APPEND RAPPORT_ENGINE_COMPONENTS rapport_eaf)
