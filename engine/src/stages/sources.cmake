# Rupture episodes and rupture-resolution stages (issue 8, `rapport stages`): episodes formed
# from a coded session, placed on the codebook's stage models, with outcome, timing, summaries
# per session/coder/therapist/patient and coder agreement on episodes.
add_library(rapport_stages STATIC
  src/stages/episode.cpp
  src/stages/episodes.cpp
  src/stages/stage_placement.cpp
  src/stages/outcome.cpp
  src/stages/episode_counts.cpp
  src/stages/participants.cpp
  src/stages/session_stages.cpp
  src/stages/aggregates.cpp
  src/stages/episode_agreement.cpp
  src/stages/coded_spool.cpp
  src/stages/stages_run.cpp)
target_include_directories(rapport_stages PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
                                          PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
target_link_libraries(rapport_stages PUBLIC rapport_core rapport_check rapport_codebook rapport_stats
                                     PRIVATE rapport_warnings)
list(APPEND RAPPORT_ENGINE_COMPONENTS rapport_stages)
