// French wording of the codes the API returns. The API speaks in stable codes (INTERFACES.md,
// docs/cli.md); what staff and members read is French, so every code shown on a page goes
// through one of these tables. An unknown code is shown as given rather than hidden: a new
// code must stay visible until someone words it.

import { formatDate } from './format.js';

// The same words as the server's `role_label` (src/access/access.cpp), used when /api/me has none.
export const USER_ROLES = {
  admin: 'Administrateur',
  member_services: 'Accueil et gestion des adhérents',
  billing: 'Cotisations',
  claims: 'Prestations',
  medical_adviser: 'Médecin-conseil',
  partner_commune: 'Commune partenaire',
  member: 'Adhérent',
};

export const PERSON_ROLES = { member: 'Adhérent', spouse: 'Conjoint', child: 'Enfant' };

export const RELATIONS = {
  spouse: 'marié(e)', pacs: 'pacsé(e)', concubin: 'concubin(e)', union_libre: 'union libre',
};

export const CHILD_CONDITIONS = {
  minor: 'mineur', student: 'étudiant', apprentice: 'apprenti', job_seeker: 'demandeur d’emploi',
};

// `member show` "status" is the member's working situation, not the contract's state.
export const MEMBER_STATUS = { active: 'En activité', retired: 'Retraité' };

export const FREQUENCIES = {
  monthly: 'Mensuelle', quarterly: 'Trimestrielle', half_yearly: 'Semestrielle', yearly: 'Annuelle',
};

export const PAYMENT_METHODS = {
  direct_debit: 'Prélèvement SEPA', transfer: 'Virement', cheque: 'Chèque',
};

export const RIGHTS_STATUS = {
  open: 'Ouverts', suspended: 'Suspendus', closed: 'Fermés', not_started: 'Pas encore ouverts',
};

export const ACCOUNT_STATUS = {
  up_to_date: 'À jour', notice: 'Mise en demeure', suspended: 'Garanties suspendues',
  terminated: 'Résilié pour non-paiement',
};

export const SCHEDULE_STATUS = {
  paid: 'Payée', partly_paid: 'Partiellement payée', unpaid: 'Impayée', not_due: 'À venir',
  not_billed: 'Non appelée',
};

export const ENTRY_KINDS = {
  contribution_due: 'Cotisation appelée', adjustment: 'Régularisation', recall: 'Rappel de cotisation',
  payment: 'Paiement', reject: 'Rejet de prélèvement', refund: 'Remboursement',
};

export const CLAIM_STATUS = {
  PAID: 'Payée', REJECTED: 'Rejetée', PENDING: 'En attente', DUPLICATE: 'Doublon',
};

// Reason codes of a decided care line (INTERFACES.md "Decisions output").
export const CLAIM_REASONS = {
  NO_RIGHTS: 'Pas de droits à la date des soins',
  SUSPENDED: 'Garanties suspendues',
  ARREARS: 'En attente : cotisations impayées',
  PRESCRIBED: 'Demande hors délai (prescription)',
  ABROAD_NO_APPROVAL: 'Soins à l’étranger sans accord préalable',
  NO_RO: 'Pas de remboursement de l’Assurance Maladie',
  NOT_COVERED: 'Non couvert par la garantie',
  CAP_ANNUAL: 'Plafond annuel atteint',
  CAP_COUNT: 'Nombre d’actes maximal atteint',
  CAP_LEGAL: 'Plafond réglementaire',
  INDEMNITY: 'Limité à la dépense réelle',
  OUT_OF_PATHWAY: 'Hors parcours de soins coordonnés',
  DUPLICATE: 'Déjà traité (doublon)',
  RENEWAL: 'Délai de renouvellement de l’équipement non écoulé',
};

export const CARE_CATEGORIES = {
  CONSULT_GP: 'Consultation de généraliste',
  CONSULT_SPE: 'Consultation de spécialiste',
  TECH_ACTS: 'Actes techniques médicaux',
  IMAGING: 'Imagerie médicale',
  LAB: 'Analyses de laboratoire',
  PARAMED: 'Auxiliaires médicaux',
  PHARMA_65: 'Médicaments remboursés à 65 %',
  PHARMA_30: 'Médicaments remboursés à 30 %',
  PHARMA_15: 'Médicaments remboursés à 15 %',
  PHARMA_NR: 'Médicaments non remboursés',
  MEDICAL_DEVICES: 'Dispositifs médicaux',
  TRANSPORT: 'Transport sanitaire',
  HOSP_FEES: 'Frais de séjour à l’hôpital',
  HOSP_FEES_DOCTORS: 'Honoraires à l’hôpital',
  HOSP_DAILY_FEE: 'Forfait journalier hospitalier',
  PRIVATE_ROOM: 'Chambre particulière',
  ACCOMPANYING_BED: 'Lit d’accompagnant',
  DENTAL_CARE: 'Soins dentaires',
  DENTAL_PROSTH_100S: 'Prothèses dentaires 100 % santé',
  DENTAL_PROSTH_MODERATE: 'Prothèses dentaires à tarifs maîtrisés',
  DENTAL_PROSTH_FREE: 'Prothèses dentaires à tarifs libres',
  ORTHODONTICS: 'Orthodontie',
  DENTAL_IMPLANT: 'Implantologie',
  OPTICS_100S: 'Optique 100 % santé',
  OPTICS_FRAME_LENSES: 'Monture et verres',
  CONTACT_LENSES: 'Lentilles de contact',
  HEARING_100S: 'Aides auditives 100 % santé',
  HEARING_FREE: 'Aides auditives à tarifs libres',
  HEARING_SUPPLIES: 'Entretien et accessoires auditifs',
  THERMAL_CURE: 'Cure thermale',
  PREVENTION: 'Prévention',
  ALT_MEDICINE: 'Médecines douces',
  MATERNITY: 'Maternité',
  EMERGENCY_FEE: 'Forfait patient urgences',
};

export const PAYEES = { member: 'à l’adhérent', provider: 'au professionnel de santé (tiers payant)' };

export const WORKLIST_KINDS = {
  rights_ending: 'Fin de droits',
  proof_expiring: 'Justificatif expirant',
  resignation_to_confirm: 'Résiliation à confirmer',
  enrolment_incomplete: 'Adhésion incomplète',
  suspension_ending: 'Fin de suspension',
};

export const DOCUMENT_KINDS = {
  resignation_receipt: 'Accusé de réception de résiliation',
  justificatif: 'Justificatif d’adhésion',
  suspension_notice: 'Notification de suspension',
  rights_ending: 'Fin des droits des ayants droit',
  card: 'Carte d’adhérent – attestation de tiers payant',
  annual_call: 'Appel de cotisation',
  schedule: 'Échéancier',
  prenotification: 'Pré-notification de prélèvement',
  formal_notice: 'Mise en demeure',
  suspension_letter: 'Suspension des garanties',
  termination_letter: 'Résiliation pour non-paiement',
};

export const SUSPENSION_REASONS = { abroad: 'séjour à l’étranger', detention: 'détention' };

export const TERMINATION_KINDS = {
  annual: 'Résiliation à l’échéance annuelle',
  anytime: 'Résiliation à tout moment',
  'life-event': 'Résiliation pour changement de situation',
  life_event: 'Résiliation pour changement de situation',
  css: 'Résiliation (Complémentaire santé solidaire)',
  radiation: 'Radiation',
  non_payment: 'Résiliation pour non-paiement',
};

export const CHANGE_FIELDS = {
  email: 'Adresse électronique', iban: 'IBAN', address: 'Adresse', employer: 'Employeur',
  status: 'Situation professionnelle', payment_frequency: 'Fréquence de paiement',
};

export const EVENT_KINDS = {
  information_meeting: 'Réunion d’information',
  office_hours: 'Permanence',
  staff_information: 'Information du personnel communal',
  annual_report: 'Présentation du bilan annuel',
};

export const EVENT_STATUS = { planned: 'Prévu', held: 'Tenu', cancelled: 'Annulé' };

export const MATERIAL_STATUS = {
  submitted: 'À examiner', approved: 'Validé', rejected: 'Refusé', published: 'Publié',
};

export const MEDIA = {
  print: 'Imprimé', online: 'En ligne', social_media: 'Réseaux sociaux',
  municipal_newsletter: 'Bulletin municipal', poster: 'Affiche', other: 'Autre',
};

export const CONVENTION_STATUS = {
  not_in_force: 'Pas encore en vigueur', active: 'En vigueur', not_renewed: 'Non renouvelée',
  terminating: 'En cours de résiliation', ended: 'Terminée',
};

// The audit trail (GDPR-02): what was done, on what kind of thing (src/http/api*.cpp).
export const AUDIT_ACTIONS = {
  login: 'Connexion', read: 'Consultation', write: 'Modification', denied: 'Accès refusé',
};

export const AUDIT_RESOURCES = {
  session: 'Session', search: 'Recherche d’adhérents', contract: 'Contrat', rights: 'Droits',
  contributions: 'Cotisations', account: 'Compte', care_lines: 'Lignes de soins (données de santé)',
  reimbursements: 'Remboursements', documents: 'Documents', attestation: 'Attestation de tiers payant',
  worklist: 'Liste de travail', dunning: 'Relances', conventions: 'Conventions',
  partner_events: 'Calendrier des partenaires', materials: 'Supports de communication',
  report: 'Bilan annuel', css: 'Vérification CSS', audit: 'Journal des accès',
};

export const DUNNING_STATUS = {
  notice: 'Mise en demeure', suspended: 'Garanties suspendues', terminated: 'Résilié',
};

// Rules quoted in rights and end reasons ("CES-01: rights ended on ..."): the French gist.
export const RULES = {
  'ADH-01': 'Ouverture des droits',
  'ADH-02': 'Ouverture des droits (adhésion immédiate)',
  'ADH-07': 'Droits pas encore ouverts',
  'BEN-09': 'Mise en demeure : remboursements en attente',
  'CES-01': 'Fin de l’adhésion',
  'CES-02': 'Radiation',
  'DEM-01': 'Résiliation à l’échéance annuelle',
  'DEM-02': 'Résiliation à tout moment',
  'DEM-03': 'Résiliation après changement de garantie',
  'DEM-05': 'Résiliation pour changement de situation',
  'DUN-02': 'Suspension pour non-paiement',
  'DUN-03': 'Résiliation pour non-paiement',
  'ELIG-07': 'Fin d’éligibilité de l’enfant',
  'SUS-01': 'Suspension des droits',
};

// The sentences of `member rights` reasons (src/members/rights.cpp), in French. A sentence not
// listed here is shown in the server's words.
const D = '(\\d{4}-\\d{2}-\\d{2})';
const REASON_SENTENCES = [
  [`^rights open since ${D}$`, (d) => `droits ouverts depuis le ${formatDate(d)}`],
  [`^rights open on ${D}$`, (d) => `droits ouverts à partir du ${formatDate(d)}`],
  [`^rights end on ${D}$`, (d) => `fin des droits le ${formatDate(d)}`],
  [`^rights ended on ${D}$`, (d) => `droits terminés le ${formatDate(d)}`],
  [`^the dependant's condition ended; rights ended on ${D}$`,
    (d) => `l’enfant ne remplit plus les conditions ; droits terminés le ${formatDate(d)}`],
  [`^resignation effective on ${D}$`, (d) => `résiliation effective le ${formatDate(d)}`],
  [`^radiation effective on ${D}$`, (d) => `radiation effective le ${formatDate(d)}`],
  [`^guarantees terminated for non-payment on ${D}$`, (d) => `garanties résiliées pour non-paiement le ${formatDate(d)}`],
  [`^guarantees suspended for non-payment since ${D}$`, (d) => `garanties suspendues pour non-paiement depuis le ${formatDate(d)}`],
  [`^rights suspended \\((\\w+)\\) from ${D} to ${D}; they resume on ${D}$`,
    (why, from, to, back) => `droits suspendus (${label(SUSPENSION_REASONS, why)}) du ${formatDate(from)} au ${formatDate(to)} ; reprise le ${formatDate(back)}`],
  [`^formal notice since ${D}: benefits are held until the arrears are paid$`,
    (d) => `mise en demeure depuis le ${formatDate(d)} : remboursements en attente du paiement des arriérés`],
  ['^the enrolment file is incomplete \\(missing: (.*)\\); rights open the day after it is complete$',
    (missing) => `dossier d’adhésion incomplet (manque : ${missing}) ; les droits s’ouvriront le lendemain de sa complétude`],
].map(([pattern, words]) => [new RegExp(pattern), words]);

function frenchSentence(words) {
  for (const [pattern, french] of REASON_SENTENCES) {
    const match = pattern.exec(words);
    if (match) return french(...match.slice(1));
  }
  return null;
}

const capitalised = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/** The French label of a code, or the code itself when the table does not know it. */
export function label(table, code) {
  if (code === null || code === undefined || code === '') return '';
  return Object.hasOwn(table, code) ? table[code] : String(code);
}

/**
 * A rule-bearing reason in French: "CES-01: rights end on 2026-08-09" → « Fin des droits le
 * 9 août 2026 (CES-01) »; a bare rule ID ("DEM-01", an end reason) → « Résiliation à l’échéance
 * annuelle (DEM-01) ». Words the page cannot translate are kept after the rule's gist.
 */
export function ruleReason(reason) {
  if (!reason) return '';
  const match = /^([A-Z]+-\d+)\b:?\s*(.*)$/.exec(String(reason));
  if (!match) return String(reason);
  const [, rule, words] = match;
  const french = words ? frenchSentence(words) : null;
  if (french) return `${capitalised(french)} (${rule})`;
  const gist = Object.hasOwn(RULES, rule) ? `${RULES[rule]} (${rule})` : rule;
  return words ? `${gist} : ${words}` : gist;
}

/** Reason codes of a care line, given as "A;B" (the stored form) or as an array. */
export function claimReasons(reasons) {
  const codes = Array.isArray(reasons) ? reasons : String(reasons ?? '').split(/[;,\s]+/);
  return codes.filter(Boolean).map((code) => label(CLAIM_REASONS, code));
}
