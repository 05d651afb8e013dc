# 3RS reliability of a coding project (issue 7): pairing sessions across coders, the segment-
# and session-level tables, the measures on them (through rapport_stats), the time-aligned level
# (through rapport_intervals), disagreements, certification and drift. rapport_reliability_report
# writes its JSON and text; rapport_reliability_review writes the review copies of .eaf files
# (Xerces DOM, like report/elan_writer.cpp).
add_library(rapport_reliability STATIC
  src/reliability/packed_codings.cpp
  src/reliability/project.cpp
  src/reliability/tables.cpp
  src/reliability/measures.cpp
  src/reliability/time_aligned.cpp
  src/reliability/disagreements.cpp
  src/reliability/certification.cpp
  src/reliability/drift.cpp
  src/reliability/analyse.cpp)
target_include_directories(rapport_reliability PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
                                               PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
target_link_libraries(rapport_reliability PUBLIC rapport_check rapport_stats rapport_intervals rapport_intervals_eaf
                                                 rapport_eaf PRIVATE Threads::Threads rapport_warnings)
list(APPEND RAPPORT_ENGINE_COMPONENTS rapport_reliability)

# `rapport agree PATHS...` output, over report::to_json for the measures.
add_library(rapport_reliability_report STATIC src/reliability/report_json.cpp src/reliability/report_text.cpp)
target_include_directories(rapport_reliability_report PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
                                                      PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
target_link_libraries(rapport_reliability_report PUBLIC rapport_reliability rapport_report Boost::json
                                                 PRIVATE rapport_warnings)
list(APPEND RAPPORT_ENGINE_COMPONENTS rapport_reliability_report)

# `rapport agree --review DIR`: review copies of .eaf files (Xerces DOM through the xml glue).
add_library(rapport_reliability_review STATIC src/reliability/review.cpp)
target_include_directories(rapport_reliability_review PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
                                                      PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
target_link_libraries(rapport_reliability_review PUBLIC rapport_reliability PRIVATE rapport_report rapport_xml rapport_warnings)
list(APPEND RAPPORT_ENGINE_COMPONENTS rapport_reliability_review)
