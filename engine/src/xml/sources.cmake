# Private Xerces glue: platform initialisation, string transcoding, hardened SAX2 reader setup.
add_library(rapport_xml STATIC src/xml/xerces.cpp)
target_include_directories(rapport_xml PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
                                       PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
target_link_libraries(rapport_xml PUBLIC rapport_core rapport_text XercesC::XercesC PRIVATE rapport_warnings)
