#pragma once
/// @file icao_countries.hpp
/// @brief ICAO 9303 nationality and issuing-state codes (the three letters in a passport's
///        machine-readable zone) mapped to ISO 3166-1 alpha-2.

#include <optional>
#include <string>
#include <string_view>

namespace cohort_visa {

/// @brief What an ICAO code stands for.
enum class IcaoKind {
  State,          ///< an ISO 3166-1 country (alpha-3, or "D" for Germany)
  BritishStatus,  ///< GBD, GBN, GBO, GBP, GBS: a British nationality status other than citizen
  UserAssigned,   ///< RKS, UNK: Kosovo, whose XK is user-assigned and not in ISO 3166-1
  Organisation,   ///< UNO, UNA, EUE, XPO, ...: a document issued by an international organisation
  Stateless,      ///< XXA: stateless person (1954 Convention)
  Refugee,        ///< XXB, XXC: refugee (1951 Convention, or otherwise)
  Unspecified,    ///< XXX: nationality unspecified
  Specimen,       ///< UTO: Utopia, the fictional state of the ICAO specimens
};

/// @brief One entry of the table.
struct IcaoCountry {
  std::string icao;    ///< as written in the MRZ, fillers removed ("D", "KEN", "GBN")
  std::string alpha2;  ///< ISO 3166-1 alpha-2 ("DE", "KE", "GB"; "XK" for Kosovo); empty when none
  std::string name;    ///< English name for people
  IcaoKind kind = IcaoKind::State;
};

/// @brief Looks up a code (trailing '<' fillers are ignored: "D<<" is "D"). nullopt when unknown.
std::optional<IcaoCountry> icao_country(std::string_view code);

/// @brief The ICAO three-letter code of an ISO alpha-2 country ("DE" -> "DEU"); empty when unknown.
std::string icao_from_alpha2(std::string_view alpha2);

/// @brief "state", "british_status", "user_assigned", "organisation", "stateless", "refugee",
///        "unspecified", "specimen".
std::string_view to_string(IcaoKind kind);

}  // namespace cohort_visa
