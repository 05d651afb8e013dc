# Agreement statistics: pure mathematics over rating tables (no XML, EAF, codebook or report).
# Boost.Math (header-only, Boost::headers) supplies every distribution.
add_library(rapport_stats STATIC
  src/stats/rating_table.cpp
  src/stats/weights.cpp
  src/stats/measure.cpp
  src/stats/inference.cpp
  src/stats/percent_agreement.cpp
  src/stats/cohen_kappa.cpp
  src/stats/scott_light.cpp
  src/stats/multi_rater.cpp
  src/stats/conger_kappa.cpp
  src/stats/krippendorff_alpha.cpp
  src/stats/icc.cpp
  src/stats/interpretation.cpp
  src/stats/agreement.cpp
  src/stats/ratings_csv.cpp)
target_include_directories(rapport_stats PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
                                         PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
target_link_libraries(rapport_stats PUBLIC rapport_core PRIVATE Boost::headers Threads::Threads rapport_text rapport_warnings)
list(APPEND RAPPORT_ENGINE_COMPONENTS rapport_stats)
