// SPDX-License-Identifier: MIT
// Patient and therapist identity from ELAN's PARTICIPANT tier attribute (3rs.md §1.8: ANNOTATOR
// names the coder, PARTICIPANT the speaker).
#include <algorithm>
#include <cctype>

#include "rapport/stages/session_stages.hpp"

namespace rapport::stages {
namespace {

bool same_word(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

Participants participants_of(const check::CodedSession& session) {
  Participants out;
  for (const auto& bound : session.tiers) {
    if (!bound.rule || !bound.rule->participant || !bound.tier || !bound.tier->participant) continue;
    const std::string& role = *bound.rule->participant;
    const std::string& who = *bound.tier->participant;
    if (who.empty() || same_word(who, role)) continue;
    std::optional<std::string>* slot = same_word(role, "patient")     ? &out.patient
                                       : same_word(role, "therapist") ? &out.therapist
                                                                      : nullptr;
    if (slot && !*slot) *slot = who;
  }
  return out;
}

}  // namespace rapport::stages
