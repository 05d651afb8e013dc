# Time-aligned agreement (issue 5): ELAN's modified kappa, Krippendorff's alpha_u, gamma.
# rapport_intervals is pure mathematics over intervals (nothing XML); rapport_intervals_eaf pairs
# EAF tiers the way ELAN does; rapport_intervals_report writes the JSON and text of
# `rapport agree --intervals`.
add_library(rapport_intervals STATIC
  src/intervals/interval_set.cpp
  src/intervals/elan_kappa.cpp
  src/intervals/unitizing_alpha.cpp
  src/intervals/assignment.cpp
  src/intervals/gamma.cpp
  src/intervals/intervals_csv.cpp
  src/intervals/interval_agreement.cpp)
target_include_directories(rapport_intervals PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
                                             PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
target_link_libraries(rapport_intervals PUBLIC rapport_core rapport_stats PRIVATE Boost::headers Threads::Threads rapport_text
                                                                          rapport_warnings)

add_library(rapport_intervals_eaf STATIC src/intervals/eaf_pairing.cpp)
target_include_directories(rapport_intervals_eaf PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
                                                 PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
target_link_libraries(rapport_intervals_eaf PUBLIC rapport_intervals rapport_eaf PRIVATE rapport_warnings)

add_library(rapport_intervals_report STATIC src/intervals/intervals_report.cpp)
target_include_directories(rapport_intervals_report PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
                                                    PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
target_link_libraries(rapport_intervals_report PUBLIC rapport_intervals rapport_report Boost::json
                                               PRIVATE rapport_warnings)
list(APPEND RAPPORT_ENGINE_COMPONENTS rapport_intervals rapport_intervals_eaf rapport_intervals_report)
