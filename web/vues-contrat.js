// Views of a contract shared by the staff contract page (contrat.html) and the member area
// (espace-adherent.html): persons, rights, contributions, reimbursements, attestation.

import {
  api, badge, businessDate, el, errorMessage, formatDate, formatMoney, listIn, message,
  personName, saveBlob, table,
} from './app.js';
import {
  CHILD_CONDITIONS, CLAIM_STATUS, PERSON_ROLES, RELATIONS, RIGHTS_STATUS, label, ruleReason,
} from './labels.js';

export function contractPath(id, part = '') {
  return `/api/contracts/${encodeURIComponent(id)}${part ? `/${part}` : ''}`;
}

/** Beneficiary id → « Prénom NOM », to name the persons of the other documents. */
export function namesOf(contract) {
  return new Map(listIn(contract, 'beneficiaries', 'persons')
    .map((person) => [person.beneficiary_id, personName(person)]));
}

function personCell(name, id, showIds) {
  if (!showIds) return name || id;
  return [el('span', {}, name || id), name ? el('span', { class: 'muted nowrap' }, ` ${id}`) : null];
}

/** « Enfant (étudiant) », « Conjoint (pacsé(e)) ». */
function roleText(person) {
  const role = label(PERSON_ROLES, person.role);
  const detail = person.relation ? label(RELATIONS, person.relation)
    : person.condition ? label(CHILD_CONDITIONS, person.condition) : '';
  return detail ? `${role} (${detail})` : role;
}

/** The persons of the contract with the dates of their rights and why they end. */
export function beneficiariesTable(contract, { showIds = true } = {}) {
  const persons = listIn(contract, 'beneficiaries', 'persons');
  return table({
    caption: 'Personnes couvertes par le contrat',
    captionHidden: true,
    rowTestid: 'beneficiary-row',
    empty: 'Aucune personne enregistrée.',
    rows: persons,
    columns: [
      { label: 'Nom', value: (p) => personCell(personName(p), p.beneficiary_id, showIds) },
      { label: 'Rôle', value: roleText },
      { label: 'Date de naissance', value: (p) => formatDate(p.birth_date) },
      { label: 'Début des droits', value: (p) => formatDate(p.start_date) },
      { label: 'Fin des droits', value: (p) => (p.end_date ? formatDate(p.end_date) : 'Sans date de fin') },
      { label: 'Motif de fin', value: (p) => (p.end_reason ? ruleReason(p.end_reason) : '—') },
    ],
  });
}

const RIGHTS_TONE = { open: 'success', suspended: 'warning', closed: 'error', not_started: 'info' };

/**
 * Rights of each person on a date: a list of `member rights --json` documents, bare or under
 * `persons` / `rights`.
 */
export function rightsView(data, names, { showIds = true } = {}) {
  const rows = listIn(data, 'persons', 'rights', 'beneficiaries', 'items');
  const date = data?.date ?? rows[0]?.date;
  return [
    date ? el('p', {}, `Situation au ${formatDate(date)}.`) : null,
    table({
      caption: 'Droits de chaque personne',
      captionHidden: true,
      rowTestid: 'rights-row',
      empty: 'Aucun droit à afficher.',
      rows,
      columns: [
        { label: 'Personne', value: (r) => personCell(names.get(r.beneficiary_id), r.beneficiary_id, showIds) },
        { label: 'Droits', value: (r) => badge(label(RIGHTS_STATUS, r.status), RIGHTS_TONE[r.status] ?? 'neutral') },
        { label: 'Depuis le', value: (r) => formatDate(r.since) },
        { label: 'Jusqu’au', value: (r) => (r.until ? formatDate(r.until) : '—') },
        { label: 'Garantie', value: (r) => r.product ?? '—' },
        { label: 'Motifs', value: (r) => (r.reasons?.length ? r.reasons.map((reason) => el('span', { class: 'line' }, ruleReason(reason))) : '—') },
      ],
    }),
  ];
}

/** A coefficient "0.18" → « +18 % » (the majoration of a late joiner). */
function coefficientText(value) {
  const number = Number(value);
  if (!Number.isFinite(number)) return String(value);
  return `+${String(Math.round(number * 1000) / 10).replace('.', ',')}\u00a0%`;
}

/** Contribution of each person for a year (`rate --contract ID --json`), monthly and annual. */
export function contributionsView(data, names, { showIds = true } = {}) {
  const persons = listIn(data, 'persons');
  const coefficient = data.majoration?.coefficient;
  const majorated = data.majoration?.applies && coefficient && Number(coefficient) > 0;
  return [
    el('p', {}, `Année ${data.year}`, data.product ? `, garantie ${data.product}` : '',
      data.tariff_year && data.tariff_year !== data.year ? ` (tarif ${data.tariff_year})` : '', '.'),
    table({
      caption: `Cotisations ${data.year}`,
      captionHidden: true,
      rowTestid: 'contribution-row',
      rows: persons,
      columns: [
        { label: 'Personne', value: (p) => personCell(names.get(p.beneficiary_id), p.beneficiary_id, showIds) },
        { label: 'Rôle', value: (p) => label(PERSON_ROLES, p.role) },
        { label: 'Tranche d’âge', value: (p) => (p.band_label ? `${p.band_label} ans` : String(p.band ?? '—')) },
        { label: 'Cotisation', value: (p) => (p.billed === false ? 'Non facturée (rang de l’enfant)' : 'Due') },
        { label: 'Par mois', numeric: true, value: (p) => formatMoney(p.monthly_due) },
        { label: 'Pour l’année', numeric: true, value: (p) => formatMoney(p.annual_due) },
      ],
    }),
    el('ul', { class: 'figures' },
      el('li', {}, el('span', { class: 'figure-value', testid: 'contribution-monthly-total' }, formatMoney(data.monthly_total)),
        el('span', { class: 'figure-label' }, 'Total par mois')),
      el('li', {}, el('span', { class: 'figure-value', testid: 'contribution-annual-total' }, formatMoney(data.annual_total)),
        el('span', { class: 'figure-label' }, `Total ${data.year}`))),
    majorated
      ? el('p', { class: 'alert alert-info' },
        `Majoration pour adhésion tardive : ${coefficientText(coefficient)} sur la cotisation`,
        data.majoration.years ? ` (${data.majoration.years} année${data.majoration.years > 1 ? 's' : ''} sans couverture)` : '',
        '.')
      : null,
    el('p', { class: 'muted' }, 'Le montant mensuel est celui d’un mois complet ; le total de l’année tient compte des dates de début et de fin des droits.'),
  ];
}

/** Reimbursements paid per claim (no care details): date, amount, status. */
export function reimbursementsView(data, { empty = 'Aucun remboursement.' } = {}) {
  const rows = listIn(data, 'claims', 'reimbursements', 'payments', 'items');
  const date = (r) => r.date ?? r.paid_on ?? r.care_date;
  const status = (r) => {
    const code = String(r.status ?? '').toUpperCase();
    return code ? badge(label(CLAIM_STATUS, code), code === 'PAID' ? 'success' : code === 'PENDING' ? 'warning' : 'neutral') : '—';
  };
  return table({
    caption: 'Remboursements',
    captionHidden: true,
    rowTestid: 'reimbursement-row',
    empty,
    rows,
    columns: [
      { label: 'Décompte', value: (r) => r.claim_id ?? '—' },
      { label: 'Date', show: rows.some(date), value: (r) => formatDate(date(r)) },
      { label: 'Montant remboursé', numeric: true, value: (r) => formatMoney(r.paid ?? r.amount ?? r.rc) },
      { label: 'Statut', value: status },
    ],
  });
}

/**
 * Issues the attestation de tiers payant (POST, DOC-01) and saves the PDF it returns. The
 * answer is a file, so it is fetched as a Blob and handed to the browser as a download.
 */
export async function downloadAttestation(contractId, button, output) {
  button.disabled = true;
  output.replaceChildren(message('Préparation de l’attestation…', 'info'));
  try {
    const { blob, filename } = await api(contractPath(contractId, 'attestation'), {
      method: 'POST', body: {}, as: 'blob',
    });
    const name = filename ?? `attestation-tiers-payant-${contractId}-${businessDate()}.pdf`;
    saveBlob(blob.type === 'application/pdf' ? blob : new Blob([blob], { type: 'application/pdf' }), name);
    output.replaceChildren(message(`Attestation téléchargée (${name}).`, 'success'));
  } catch (error) {
    output.replaceChildren(message(errorMessage(error), 'error'));
  } finally {
    button.disabled = false;
  }
}
