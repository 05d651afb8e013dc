# The network module: fetching external controlled vocabularies, codebooks and schemas by URL
# through an on-disk cache, and schema validation of ELAN files. The only user of libcurl.
add_library(rapport_net STATIC
  src/net/util.cpp
  src/net/cache.cpp
  src/net/http.cpp
  src/net/fetch.cpp
  src/net/resolver.cpp
  src/net/schema.cpp)
target_include_directories(rapport_net PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
                                       PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
target_link_libraries(rapport_net PUBLIC rapport_core rapport_eaf
                      PRIVATE rapport_xml CURL::libcurl Boost::json Threads::Threads rapport_warnings)
list(APPEND RAPPORT_ENGINE_COMPONENTS rapport_net)
