# Report writers: JSON documents (Boost.JSON) shared by the CLI and the plugin.
add_library(rapport_report STATIC src/report/json_writer.cpp src/report/inspect_json.cpp)
target_include_directories(rapport_report PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
                                          PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
target_link_libraries(rapport_report PUBLIC rapport_core rapport_eaf Boost::json PRIVATE rapport_warnings)
list(APPEND RAPPORT_ENGINE_COMPONENTS rapport_report)
# `rapport agree` output (JSON and text) over the stats component.
target_sources(rapport_report PRIVATE src/report/agree_report.cpp)
target_link_libraries(rapport_report PUBLIC rapport_stats)
# `rapport check` output: the DESIGN.md JSON document and SARIF 2.1.0, over the check component.
target_sources(rapport_report PRIVATE src/report/check_json.cpp)
target_link_libraries(rapport_report PUBLIC rapport_check)
# `rapport codebook show|export`: codebook as JSON/text and as ELAN .ecv/.etf (Xerces DOM writer).
target_sources(rapport_report PRIVATE src/report/codebook_report.cpp src/report/elan_writer.cpp
                                      src/report/timestamp.cpp)
target_link_libraries(rapport_report PRIVATE rapport_xml)
# `rapport stages` output: JSON, text and the tidy episode CSV, over the stages component.
target_sources(rapport_report PRIVATE src/report/stages_json.cpp src/report/stages_text.cpp src/report/stages_csv.cpp)
target_link_libraries(rapport_report PUBLIC rapport_stages)
# `rapport report`: the lab report (report.json, tidy CSVs, self-contained HTML), written atomically
# and streamed as the documents come (report_writer.cpp).
target_sources(rapport_report PRIVATE src/report/report_atomic_file.cpp src/report/report_lab.cpp
                                      src/report/report_html.cpp src/report/report_writer.cpp)
# The lab report's pipeline, shared by `rapport report` (--shard K/N too) and `rapport merge`:
# files reduced to small digests, part files of a sharded run, and every statistic computed over
# the digests of the whole project (over rapport_reliability_report, hence its own library).
add_library(rapport_lab_report STATIC src/report/report_project.cpp src/report/report_part.cpp)
target_include_directories(rapport_lab_report PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
                                              PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
target_link_libraries(rapport_lab_report PUBLIC rapport_report rapport_reliability_report rapport_stages rapport_check
                                                PRIVATE Threads::Threads rapport_warnings)
list(APPEND RAPPORT_ENGINE_COMPONENTS rapport_lab_report)
