// The signature a receiver checks, and the CloudEvent body it is computed over.
#include <gtest/gtest.h>

#include "cloud_event.hpp"
#include "signature.hpp"
#include "value/json.hpp"

using namespace cohort_webhook;

TEST(WebhookSignature, IsHmacSha256AsPublished) {
  // RFC 4231, test case 2.
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(WebhookSignature, SignsTheTimestampAndTheBodyTogether) {
  const std::string body = R"({"specversion":"1.0","id":"x"})";
  const std::string header = signature_header_value("s3cret", 1735689600, body);
  EXPECT_EQ(header, "t=1735689600,v1=" + hmac_sha256_hex("s3cret", "1735689600." + body));
  // Another time or another body: another signature, so neither can be reused.
  EXPECT_NE(header, signature_header_value("s3cret", 1735689601, body));
  EXPECT_NE(header, signature_header_value("s3cret", 1735689600, body + " "));
}

TEST(WebhookCloudEvent, KeepsTheEventsAttributesAndAddsWhatTheSpecWants) {
  Outgoing out;
  std::string error;
  ASSERT_TRUE(make_outgoing(R"({"specversion":"1.0","id":"GLC-2025-A0001-007","source":"/portal","type":"offer.accepted",)"
                            R"("subject":"GLC-2025-A0001","time":"2025-01-10T08:00:00Z","data":{"passport":{"number":"KE1"}}})",
                            0, out, error))
      << error;
  EXPECT_EQ(out.type, "offer.accepted");
  EXPECT_EQ(out.id, "GLC-2025-A0001-007");
  cohort::Value v;
  cohort::JsonError jerr;
  ASSERT_TRUE(cohort::parse_json(out.body, v, jerr));
  EXPECT_EQ(v["specversion"].as_string(), "1.0");
  EXPECT_EQ(v["source"].as_string(), "/portal");
  EXPECT_EQ(v["subject"].as_string(), "GLC-2025-A0001");
  EXPECT_EQ(v["time"].as_string(), "2025-01-10T08:00:00Z");
  EXPECT_EQ(v["datacontenttype"].as_string(), "application/json");
  EXPECT_EQ(v["data"]["passport"]["number"].as_string(), "KE1");
}

TEST(WebhookCloudEvent, FillsTimeSourceAndAStableIdWhenMissing) {
  Outgoing a, b;
  std::string error;
  const std::string event = R"({"type":"seat.freed","subject":"GLC-2025"})";
  ASSERT_TRUE(make_outgoing(event, 1735689600000, a, error)) << error;
  ASSERT_TRUE(make_outgoing(event, 1735689600000, b, error)) << error;
  cohort::Value v;
  cohort::JsonError jerr;
  ASSERT_TRUE(cohort::parse_json(a.body, v, jerr));
  EXPECT_EQ(v["time"].as_string(), "2025-01-01T00:00:00Z");
  EXPECT_EQ(v["source"].as_string(), "cohort");
  EXPECT_FALSE(a.id.empty());
  EXPECT_EQ(a.id, b.id);
  EXPECT_FALSE(make_outgoing(R"({"subject":"x"})", 0, a, error));
  EXPECT_FALSE(make_outgoing("not json", 0, a, error));
}
