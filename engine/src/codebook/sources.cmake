# The codebook: codes, families, scales, segment length, tier rules and stage models, read from
# schema-validated XML (schemas/codebook.xsd). It knows nothing of EAF.
include(GNUInstallDirs)
add_library(rapport_codebook STATIC
  src/codebook/codebook.cpp
  src/codebook/data_dir.cpp
  src/codebook/xml_pass.cpp
  src/codebook/sax_handler.cpp
  src/codebook/reader.cpp
  src/codebook/project.cpp)
target_include_directories(rapport_codebook PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
                                            PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
# Data lookup: RAPPORT_DATA_DIR at run time, then this source tree, then the install tree.
target_compile_definitions(rapport_codebook PRIVATE
  RAPPORT_SOURCE_DATA_DIR="${PROJECT_SOURCE_DIR}"
  RAPPORT_INSTALL_DATA_DIR="${CMAKE_INSTALL_FULL_DATADIR}/rapport")
target_link_libraries(rapport_codebook PUBLIC rapport_core PRIVATE rapport_xml rapport_warnings)
list(APPEND RAPPORT_ENGINE_COMPONENTS rapport_codebook)
