#pragma once
/// @file open_badge.hpp
/// @brief A certificate as an Open Badges 3.0 OpenBadgeCredential (W3C VC 2.0), the file
///        DIR/certificates/NUMBER.credential.json.
///
/// The credential's issuer is the programme's did:key, its subject an AchievementSubject
/// identified by the holder's name and participant id, its achievement the programme's
/// certificate; it is secured with an eddsa-jcs-2022 Data Integrity proof
/// (data_integrity.hpp), so any standard verifier can check it offline.

#include <string>

#include <rapidjson/document.h>

#include "credential/certificate.hpp"

namespace cohort::credentials {

/// @brief "urn:cohort:certificate:GLC-2025-0001:v1": the credential id of one version.
std::string credential_id(const std::string& number, int version);

/// @brief The credential of one certificate version, without proof (add it with
///        add_eddsa_jcs_proof). validFrom is the version's date (issue or reissue),
///        awardedDate the original issue date.
rapidjson::Document open_badge_credential(const Certificate& certificate);

/// @brief True when `document` is typed VerifiableCredential + OpenBadgeCredential.
bool is_open_badge_credential(const rapidjson::Value& document);

/// @brief What a credential made by open_badge_credential says: number and version (from
///        its id), holder, programme id (achievement humanCode), title, issuer, dates.
///        Does not check the proof.
bool read_open_badge_credential(const rapidjson::Value& document, Certificate& certificate, std::string& error);

}  // namespace cohort::credentials
