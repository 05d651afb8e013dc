# Binding and check rules: where an eaf::Document meets a Codebook. Every coding diagnostic is
# born here. Also the ELAN export of a codebook (.ecv, .etf), which needs both sides.
add_library(rapport_check STATIC
  src/check/binding.cpp
  src/check/code_match.cpp
  src/check/rule_catalogue.cpp
  src/check/session_rules.cpp
  src/check/checker.cpp
  src/check/elan_template.cpp
  src/check/coded_session.cpp)
target_include_directories(rapport_check PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
                                         PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
target_link_libraries(rapport_check PUBLIC rapport_core rapport_eaf rapport_codebook PRIVATE rapport_text rapport_warnings)
list(APPEND RAPPORT_ENGINE_COMPONENTS rapport_check)
