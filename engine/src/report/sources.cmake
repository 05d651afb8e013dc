# Report writers: JSON documents (Boost.JSON) shared by the CLI and the plugin.
add_library(rapport_report STATIC src/report/json_writer.cpp src/report/inspect_json.cpp)
target_include_directories(rapport_report PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
                                          PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
target_link_libraries(rapport_report PUBLIC rapport_core rapport_eaf Boost::json PRIVATE rapport_warnings)
list(APPEND RAPPORT_ENGINE_COMPONENTS rapport_report)
