#include "app/documents_service.hpp"
#include "app/documents_internal.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include "app/lifecycle.hpp"
#include "app/lifecycle_internal.hpp"
#include "app/rate_service.hpp"
#include "catalogue/tiers_payant.hpp"
#include "claims/records.hpp"
#include "claims/statement.hpp"
#include "core/text.hpp"
#include "documents/claims_statement.hpp"
#include "documents/french.hpp"
#include "documents/pdf_document.hpp"
#include "documents/pdf_render.hpp"
#include "rating/rating.hpp"

namespace mutua {

const char* document_kinds() {
  return "resignation_receipt, justificatif, suspension_notice, rights_ending, card, statement, "
         "annual_call, schedule, prenotification, formal_notice, suspension_letter, "
         "termination_letter";
}

std::string full_name(const Beneficiary& b) { return b.first_name + " " + b.last_name; }

namespace {

const char* role_fr(Role r) {
  switch (r) {
    case Role::kMember: return "Membre participant";
    case Role::kSpouse: return "Conjoint ou partenaire";
    case Role::kChild: return "Enfant";
  }
  return "";
}

std::string product_name(const Letter& l, const std::string& code) {
  const Product* p = l.catalogue.find(code);
  return p ? p->name + " (" + code + ")" : code;
}

}  // namespace

PdfDocument letterhead(const Letter& l, std::string title) {
  PdfDocument d;
  d.title = std::move(title);
  const Organism& o = l.catalogue.organism;
  d.sender = {o.name.empty() ? "Mutuelle" : o.name, "Service des adhésions"};
  if (!o.siren.empty()) d.sender.push_back("SIREN " + o.siren);
  d.reference = "Réf. : contrat " + l.contract.id;
  const Beneficiary* m = l.contract.member();
  if (m) d.recipient.push_back(full_name(*m));
  if (!l.contract.address.empty()) d.recipient.push_back(l.contract.address);
  d.place_and_date = "Le " + french_date(l.today);
  d.footer = (o.name.empty() ? std::string("Mutuelle") : o.name) +
             " — mutuelle régie par le livre II du Code de la mutualité. Document établi le " +
             french_date(l.today) + ".";
  return d;
}

namespace {

std::string greeting(const Letter& l) {
  const Beneficiary* m = l.contract.member();
  return "Madame, Monsieur" + (m ? " " + m->last_name : std::string()) + ",";
}

PdfBlock closing() {
  return signature("Le service des adhésions");
}

std::string kind_fr(const Termination& t) {
  // DEM-07 before the renewal stops it on 31 December; after it, ends the day after the letter.
  if (t.rule == "DEM-07" && t.effective != last_of_year(year_of(t.effective))) {
    return "dans le délai de vingt jours suivant l'envoi de l'avis d'échéance (article L221-10-1 "
           "du code de la mutualité)";
  }
  if (t.rule == "DEM-07") {
    return "dans le délai de vingt jours suivant l'envoi de l'avis d'échéance, à l'échéance "
           "annuelle du 31 décembre (article L221-10-1 du code de la mutualité)";
  }
  if (t.rule == "DEM-08") {
    return "à tout moment à compter de la reconduction, l'avis d'échéance n'ayant pas indiqué la "
           "date limite de résiliation (article L221-10-1 du code de la mutualité)";
  }
  if (t.kind == "annual") return "à l'échéance annuelle du 31 décembre (article 11)";
  if (t.kind == "anytime") return "à tout moment après un an d'adhésion (article 11)";
  if (t.kind == "life-event") return "à la suite d'un changement de situation (article 11)";
  if (t.kind == "css") return "pour entrée dans la Complémentaire santé solidaire (article 11)";
  if (t.kind == "new-insurer") {
    return "notifiée pour votre compte par " + t.new_insurer +
           ", après un an d'adhésion (article L221-10-2 du code de la mutualité)";
  }
  return "";
}

Result<PdfDocument> resignation_receipt(Letter& l) {
  auto t = l.store.find_termination(l.contract.id);
  if (!t || t->kind == "radiation") {
    return rule_error("DEM-04", "contract " + l.contract.id + " has no recorded resignation");
  }
  PdfDocument d = letterhead(l, "Accusé de réception de votre demande de résiliation");
  d.blocks.push_back(paragraph(greeting(l)));
  d.blocks.push_back(paragraph(
      "Nous accusons réception de votre demande de résiliation de votre adhésion, reçue le " +
      french_date(t->received) + ", " + kind_fr(*t) + "."));
  std::vector<std::pair<std::string, std::string>> f = {
      {"Contrat", l.contract.id},
      {"Garantie", product_name(l, product_on(l.contract, l.store.product_changes(l.contract.id),
                                              t->effective))},
      {"Demande reçue le", french_date(t->received)},
      {"Fin des garanties", "le " + french_date(t->effective) + " au soir"},
  };
  if (t->sent) f.insert(f.begin() + 2, {"Demande envoyée le", french_date(*t->sent)});
  if (t->event_date) f.push_back({"Date de l'événement", french_date(*t->event_date)});
  f.push_back({"Cotisation à rembourser",
               t->refund_cents ? french_money(Money::from_cents(*t->refund_cents))
                               : "calculée à la clôture de votre compte"});
  d.blocks.push_back(fields(f));
  d.blocks.push_back(paragraph(
      "La présente lettre vaut confirmation écrite de votre résiliation, qui est ainsi acquise. "
      "Aucune prestation ne pourra être servie pour des soins postérieurs au " +
      french_date(t->effective) + " ; les sommes versées pour de tels soins, y compris en tiers "
      "payant, devraient être restituées (article 13). La partie de cotisation correspondant à la "
      "période postérieure à cette date vous sera remboursée" +
      (refund_deadline(*t) ? " au plus tard le " + french_date(*refund_deadline(t.value())) + "."
                           : std::string("."))));
  d.blocks.push_back(paragraph(
      "Nous vous remercions de nous restituer votre carte d'adhérent à cette date. Un justificatif "
      "d'adhésion ou une attestation de non-majoration vous sera adressé."));
  d.blocks.push_back(paragraph("Nous vous prions d'agréer nos salutations distinguées."));
  d.blocks.push_back(closing());
  if (!t->confirmed) {
    t->confirmed = l.today;  // DEM-04: the resignation is acquired once confirmed in writing
    l.store.save_termination(*t);
  }
  return d;
}

Result<PdfDocument> justificatif(Letter& l) {
  const Product* product = l.catalogue.find(l.contract.product);
  if (!product || product->kind != ProductKind::kLabelled) {
    return rule_error("CES-03", "product " + l.contract.product +
                                    " is not a labelled reference guarantee");
  }
  auto params = rating_params(l.regulation, year_of(l.contract.adhesion_date()));
  if (!params) return params.error();
  Majoration m = majoration(l.contract, *params);
  bool majored = m.coefficient_bp > 0;
  PdfDocument d = letterhead(l, majored ? "Justificatif d'adhésion à une garantie de référence"
                                        : "Attestation de non-majoration");
  auto t = l.store.find_termination(l.contract.id);
  const Beneficiary* member = l.contract.member();
  d.blocks.push_back(paragraph(
      "Nous attestons que " + (member ? full_name(*member) : std::string("le membre participant")) +
      (member ? ", né(e) le " + french_date(member->birth_date) + "," : std::string()) +
      " a adhéré à une garantie santé labellisée (décret n° 2011-1474 du 8 novembre 2011)."));
  d.blocks.push_back(fields({
      {"Contrat", l.contract.id},
      {"Garantie", product_name(l, l.contract.product)},
      {"Date d'adhésion", french_date(l.contract.adhesion_date())},
      {"Fin de la garantie", t ? french_date(t->effective) : "garantie en cours"},
      {"Coefficient de majoration", format_coefficient(m.coefficient_bp)},
  }));
  if (majored) {
    PdfTable calc;
    calc.header = {"Élément du calcul", "Valeur"};
    calc.right_align = {false, true};
    calc.rows.push_back({"Coefficient transmis par l'organisme précédent",
                         format_coefficient(m.prior_bp)});
    calc.rows.push_back({"Point de départ du décompte", french_date(m.start)});
    calc.rows.push_back({"Années entières sans garantie de référence", std::to_string(m.years)});
    calc.rows.push_back({"Majoration par année", format_coefficient(m.rate_bp)});
    calc.rows.push_back({"Coefficient total", format_coefficient(m.coefficient_bp)});
    d.blocks.push_back(heading("Calcul du coefficient"));
    d.blocks.push_back(table(calc));
    d.blocks.push_back(paragraph(
        "Ce coefficient est à transmettre à votre prochain organisme : il s'ajoute à celui que ce "
        "dernier pourrait appliquer (article 6 du règlement mutualiste)."));
  } else {
    d.blocks.push_back(paragraph(
        "Aucun coefficient de majoration n'a été appliqué à la cotisation de l'intéressé(e). La "
        "présente attestation de non-majoration est à remettre à tout nouvel organisme proposant "
        "une garantie de référence."));
  }
  d.blocks.push_back(closing());
  return d;
}

const char* reason_fr(SuspensionReason r) {
  return r == SuspensionReason::kAbroad ? "séjour prolongé à l'étranger"
                                        : "détention à caractère pénal";
}

Result<PdfDocument> suspension_notice(Letter& l) {
  auto all = l.store.suspensions(l.contract.id);
  if (all.empty()) {
    return rule_error("SUS-01", "contract " + l.contract.id + " has no recorded suspension");
  }
  const Suspension& s = all.back();
  PdfDocument d = letterhead(l, "Notification de suspension de vos garanties");
  d.blocks.push_back(paragraph(greeting(l)));
  d.blocks.push_back(paragraph(
      "Conformément à l'article 10 du règlement mutualiste, et au vu des justificatifs reçus par "
      "lettre recommandée, nous vous informons que le droit aux garanties de votre contrat est "
      "suspendu pour la durée de votre " + std::string(reason_fr(s.reason)) + "."));
  std::vector<std::pair<std::string, std::string>> f = {
      {"Contrat", l.contract.id},
      {"Motif", reason_fr(s.reason)},
      {"Préavis notifié le", french_date(s.notified)},
      {"Suspension du", french_date(s.from)},
      {"au", french_date(s.to) + " inclus"},
      {"Reprise des droits", "le " + french_date(add_days(s.to, 1))},
  };
  if (!s.proofs.empty()) f.push_back({"Justificatifs", s.proofs});
  d.blocks.push_back(fields(f));
  d.blocks.push_back(paragraph(
      "Les soins reçus pendant cette période ne donnent pas lieu à remboursement. Vos droits "
      "reprennent automatiquement au terme de la période indiquée ci-dessus."));
  d.blocks.push_back(closing());
  return d;
}

Result<PdfDocument> rights_ending(Letter& l) {
  PdfTable t;
  t.header = {"Bénéficiaire", "Date de naissance", "Fin des droits", "Motif"};
  for (const Beneficiary& b : l.contract.beneficiaries) {
    if (b.end_reason != "ELIG-07" || !b.end_date || *b.end_date < l.today) continue;
    ConditionEnd e = child_condition_end(b.birth_date, b.start_date, l.store.proofs(b.id),
                                         RightsEndRule::kSameDay);
    std::string why = e.age_limit
                          ? "limite d'âge atteinte le " + french_date(add_days(e.last_eligible, 1))
                          : "justificatif valable jusqu'au " + french_date(e.last_eligible);
    t.rows.push_back({full_name(b), french_date(b.birth_date), french_date(*b.end_date), why});
  }
  if (t.rows.empty()) {
    return rule_error("ELIG-07", "no dependant of " + l.contract.id + " loses rights after " +
                                     format_date(l.today));
  }
  PdfDocument d = letterhead(l, "Fin des droits de vos ayants droit");
  d.blocks.push_back(paragraph(greeting(l)));
  d.blocks.push_back(paragraph(
      "Les conditions prévues à l'article 2 du règlement mutualiste ne seront plus remplies pour "
      "les ayants droit ci-dessous. Leurs droits prendront fin aux dates indiquées."));
  d.blocks.push_back(table(t));
  d.blocks.push_back(paragraph(
      "Si la situation de votre enfant le permet (poursuite d'études jusqu'à 26 ans, apprentissage "
      "ou alternance, recherche d'emploi jusqu'à 20 ans), adressez-nous avant cette date le "
      "justificatif correspondant (certificat de scolarité, copie du contrat, attestation de "
      "France Travail) : ses droits seront maintenus."));
  d.blocks.push_back(closing());
  return d;
}

Result<PdfDocument> card(Letter& l) {
  RightsFacts facts = rights_facts(l.store, l.contract.id);
  const auto& coll = facts.collection;
  if (coll && coll->since <= l.today && coll->status != CollectionStatus::kUpToDate) {
    return rule_error("DOC-01", "contributions are not up to date (" +
                                    std::string(to_string(coll->status)) + " since " +
                                    format_date(coll->since) + "): no tiers-payant card");
  }
  PdfTable t;
  t.header = {"Bénéficiaire", "Qualité", "Date de naissance", "Valable du", "au"};
  Date year_end = last_of_year(year_of(l.today));
  Date valid_to = l.today;  // the card's validity: to the latest person's
  for (const Beneficiary& b : l.contract.beneficiaries) {
    RightsAnswer a = rights_on(l.contract, b, facts, l.today);
    if (a.status != RightsState::kOpen) continue;
    Date until = b.end_date ? std::min(*b.end_date, year_end) : year_end;
    valid_to = std::max(valid_to, until);
    t.rows.push_back({full_name(b), role_fr(b.role), french_date(b.birth_date),
                      french_date(l.today), french_date(until)});
  }
  if (t.rows.empty()) {
    return rule_error("DOC-01", "no person of " + l.contract.id + " has open rights on " +
                                    format_date(l.today));
  }
  const Organism& o = l.catalogue.organism;
  if (o.amc_number.empty()) {  // a pharmacist cannot bill the mutuelle without it
    return rule_error("DOC-01", "the catalogue's organism has no amc_number: a tiers-payant card "
                                "without the AMC number cannot be used by a professional");
  }
  const std::string code = product_on(l.contract, facts.product_changes, l.today);
  const Product* product = l.catalogue.find(code);
  if (!product) return rule_error("DOC-01", "product " + code + " is not in the catalogue");
  PdfDocument d = letterhead(l, "Carte d'adhérent — attestation de tiers payant");
  std::vector<std::pair<std::string, std::string>> f = {
      {"Organisme complémentaire", o.name},
      {"Numéro AMC", o.amc_number},
  };
  if (!o.tiers_payant_convention.empty()) f.push_back({"Type de convention", o.tiers_payant_convention});
  f.push_back({"Numéro d'adhérent", l.contract.id});
  f.push_back({"Garantie", product_name(l, code)});
  f.push_back({"Contrat responsable", product->responsible
                                          ? "Oui (contrat solidaire et responsable)"
                                          : "Non"});
  f.push_back({"Période de validité",
               "du " + french_date(l.today) + " au " + french_date(valid_to)});
  f.push_back({"Numéro SIREN", o.siren});
  d.blocks.push_back(fields(f));
  d.blocks.push_back(table(t));
  // The domains a professional reads before applying tiers payant (one row each, Oui / Non).
  const std::vector<std::string> open = tiers_payant_domains(*product, year_of(l.today));
  PdfTable domains;
  domains.header = {"Domaine", "Code", "Tiers payant"};
  for (const TiersPayantDomain& dom : tiers_payant_domain_names()) {
    const bool yes = std::find(open.begin(), open.end(), dom.name) != open.end();
    domains.rows.push_back({std::string(dom.label), std::string(dom.code), yes ? "Oui" : "Non"});
  }
  d.blocks.push_back(heading("Tiers payant par domaine"));
  d.blocks.push_back(table(domains));
  d.blocks.push_back(paragraph(
      "Cette carte permet aux professionnels de santé de pratiquer le tiers payant pour la part "
      "complémentaire. Elle n'est valable que si les cotisations sont à jour (article 15) et reste "
      "la propriété de la mutuelle, qui en demande la restitution en cas de résiliation."));
  return d;
}

std::string masked_iban(const std::string& iban) {
  if (iban.size() < 8) return iban;
  return iban.substr(0, 4) + " **** **** " + iban.substr(iban.size() - 4);
}

// The runs a statement covers (DOC-04), with what each paid the member of the contract.
Result<std::vector<StatementRun>> statement_runs(Letter& l, const std::set<int64_t>& paid_runs,
                                                 const DocumentOptions& o) {
  std::vector<int64_t> ids;
  if (o.run) {
    if (!paid_runs.count(*o.run)) {
      return rule_error("DOC-04", "claims run " + std::to_string(*o.run) +
                                      " paid no care line of contract " + l.contract.id);
    }
    ids.push_back(*o.run);
  } else if (!o.from) {
    if (paid_runs.empty()) {
      return rule_error("DOC-04", "no care line of contract " + l.contract.id + " was paid");
    }
    ids.push_back(*paid_runs.rbegin());  // the latest payment
  }
  std::vector<StatementRun> runs;
  for (int64_t id : paid_runs) {
    auto run = l.store.find_claim_run(id);
    auto day = run ? try_parse_date(run->business_date) : std::nullopt;
    if (!day) return Error{"claims run " + std::to_string(id) + " has no business date"};
    const bool chosen = o.from ? (*o.from <= *day && *day <= *o.to)
                               : std::find(ids.begin(), ids.end(), id) != ids.end();
    if (!chosen) continue;
    StatementRun r{id, *day, Money{}};
    for (const PayeeTotal& p : l.store.claim_payments(id)) {
      if (p.payee == Payee::kMember && p.ref == l.contract.id) r.to_member += p.amount;
    }
    runs.push_back(r);
  }
  return runs;
}

Result<PdfDocument> statement(Letter& l, const DocumentOptions& o) {
  if (o.from.has_value() != o.to.has_value() || (o.from && o.run)) {
    return data_error("", 0, "--from", "a period needs both --from and --to, without --run");
  }
  if (o.from && *o.to < *o.from) return data_error("", 0, "--to", "before --from");
  std::vector<StatementSource> sources;
  std::set<int64_t> paid_runs;
  for (StoredDecision& row : l.store.contract_decisions(l.contract.id)) {
    if (row.status != ClaimStatus::kPaid) continue;
    auto detail = decode_detail(row);
    if (!detail) return detail.error();
    paid_runs.insert(row.run_id);
    sources.push_back({std::move(row), std::move(*detail)});
  }
  auto runs = statement_runs(l, paid_runs, o);
  if (!runs) return runs.error();
  auto st = build_statement(l.contract.id, sources, *runs);
  if (!st) return st.error();
  StatementNames names;
  for (const Beneficiary& b : l.contract.beneficiaries) names.beneficiaries[b.id] = b.first_name;
  names.member_iban_masked = masked_iban(l.contract.iban);
  names.period_from = o.from;
  names.period_to = o.to;
  return statement_document(letterhead(l, ""), *st, names);
}

}  // namespace

Result<IssuedDocument> issue_document(Store& store, const Regulation& regulation,
                                      const std::string& contract_id, const std::string& kind,
                                      const std::string& out_dir, Date today,
                                      const DocumentOptions& options) {
  Transaction tx(store);
  auto out = issue_document_in(store, regulation, contract_id, kind, out_dir, today, options);
  if (out) tx.commit();
  return out;
}

Result<IssuedDocument> issue_document_in(Store& store, const Regulation& regulation,
                                         const std::string& contract_id, const std::string& kind,
                                         const std::string& out_dir, Date today,
                                         const DocumentOptions& options) {
  // The file name is built from the id: only the safe alphabet keeps it inside out_dir (an id
  // stored before the check, "../x", must not write elsewhere).
  if (auto why = id_problem(contract_id)) return data_error("", 0, "CONTRACT", *why);
  auto contract = load_contract(store, contract_id);
  if (!contract) return contract.error();
  Letter l{store, regulation, *contract, store.load_catalogue(), today};
  Result<PdfDocument> doc = Error{"unknown kind"};
  if (kind == "resignation_receipt") {
    doc = resignation_receipt(l);
  } else if (kind == "justificatif") {
    doc = justificatif(l);
  } else if (kind == "suspension_notice") {
    doc = suspension_notice(l);
  } else if (kind == "rights_ending") {
    doc = rights_ending(l);
  } else if (kind == "card") {
    doc = card(l);
  } else if (kind == "statement") {
    doc = statement(l, options);
  } else if (is_billing_letter(kind)) {
    doc = billing_letter(l, kind);
  } else {
    return data_error("", 0, "--kind", "one of " + std::string(document_kinds()));
  }
  if (!doc) return doc.error();
  // Only once the document is issued: a refusal leaves no trace, not even an empty folder.
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) return data_error("", 0, "--out", "cannot create " + out_dir + ": " + ec.message());
  IssuedDocument out{kind, doc->title, "", today};
  // A statement names what it covers, so two statements issued the same day do not collide.
  std::string what = kind;
  if (kind == "statement") {
    what += options.from ? "-" + format_date(*options.from) + "-" + format_date(*options.to)
            : options.run ? "-run" + std::to_string(*options.run)
                          : std::string("-latest");
  }
  out.path = (std::filesystem::path(out_dir) /
              (contract_id + "-" + what + "-" + format_date(today) + ".pdf")).string();
  if (Status s = write_pdf(*doc, out.path); !s) return s.error();
  store.insert_document({0, contract_id, kind, today, out.path});
  return out;
}

}  // namespace mutua
