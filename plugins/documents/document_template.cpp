#include "document_template.hpp"

namespace cohort_documents {

std::string_view kind_name(Kind kind) {
  return kind == Kind::InvitationLetter ? "invitation_letter" : "certificate";
}

namespace {

DocumentTemplate default_letter() {
  DocumentTemplate t;
  t.align = Align::Justify;
  t.letterhead = {"{{host_name}}", "{{host_department}}", "{{host_address}}"};
  t.reference = {"No. {{number}}", "{{issue_date}}"};
  t.title = {"INVITATION LETTER"};
  t.body = {
      {Style::Paragraph, "To the Embassy or Consulate concerned,", {}},
      {Style::Paragraph,
       "{{host_name}} is pleased to invite the person named below to take part in the {{programme_title}}, "
       "held in {{host_city}} from {{start_date}} to {{end_date}}.",
       {}},
      {Style::Paragraph,
       {},
       {{"Full name", "{{name}}"},
        {"Gender", "{{gender}}"},
        {"Date of birth", "{{birth_date}}"},
        {"Nationality", "{{nationality}}"},
        {"Passport number", "{{passport_number}}"},
        {"Passport expiry date", "{{passport_expiry}}"},
        {"Employer", "{{employer}}"},
        {"Position", "{{position}}"},
        {"Arrival", "{{arrival_date}}"},
        {"Programme dates", "{{start_date}} – {{end_date}}"}}},
      {Style::Paragraph, "We kindly ask you to grant {{name}} an entry visa valid for the duration of the programme.", {}},
      {Style::Paragraph,
       "For any question about this invitation please contact {{host_contact_name}}, {{host_contact_email}}, "
       "{{host_contact_phone}}.",
       {}},
      {Style::Paragraph, "Yours faithfully,", {}},
  };
  t.signatory = {"{{host_contact_name}}", "", "{{host_name}}"};
  t.qr_caption = "Invitation letter {{number}}";
  return t;
}

DocumentTemplate default_certificate() {
  DocumentTemplate t;
  t.landscape = true;
  t.align = Align::Center;
  t.middle = true;
  t.letterhead = {"{{host_name}}"};
  t.title = {"CERTIFICATE OF COMPLETION"};
  t.body = {
      {Style::Paragraph, "This is to certify that", {}},
      {Style::Headline, "{{name}}", {}},
      {Style::Paragraph, "has successfully completed the", {}},
      {Style::Emphasis, "{{programme_title}}", {}},
      {Style::Paragraph,
       "held in {{host_city}} from {{start_date}} to {{end_date}}, attending {{hours}} hours of lectures, "
       "workshops and visits.",
       {}},
      {Style::Paragraph, {}, {{"Certificate number", "{{number}}"}, {"Date of issue", "{{issue_date}}"}}},
  };
  t.signatory = {"", "Programme Director", "{{host_name}}"};
  t.qr_caption = "Certificate {{number}}: scan to verify";
  return t;
}

}  // namespace

DocumentTemplate default_template(Kind kind) {
  return kind == Kind::InvitationLetter ? default_letter() : default_certificate();
}

}  // namespace cohort_documents
