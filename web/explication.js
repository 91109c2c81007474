// The explanation of one care line's amount (GET /api/claims/{claim}/{line}, the document of
// `mutua claims explain --json`): what was charged, what the Assurance Maladie and the mutuelle
// paid, then every step of the computation with its rule. Shared by the contract page (opened
// under the care lines) and prestation.html (opened on its own).

import { api, badge, definitions, el, formatDate, formatMoney, pageUrl } from './app.js';
import { CARE_CATEGORIES, CLAIM_STATUS, PAYEES, claimReasons, label } from './labels.js';

/** Reads the explanation of a line (the read is recorded in the audit trail by the server). */
export function loadExplanation(claim, line) {
  return api(`/api/claims/${encodeURIComponent(claim)}/${encodeURIComponent(line)}`);
}

/** Badge tone of a care line's status. */
export function claimTone(status) {
  return { PAID: 'success', REJECTED: 'error', PENDING: 'warning', DUPLICATE: 'neutral' }[status] ?? 'neutral';
}

export function claimStatusBadge(status) {
  return badge(label(CLAIM_STATUS, status), claimTone(status));
}

function step(item) {
  return el('li', { testid: 'claim-step' },
    el('span', { class: 'step-text' }, item.text ?? ''),
    el('span', { class: 'step-meta' },
      item.amount !== undefined && item.amount !== null
        ? el('span', {}, 'Montant : ', el('strong', {}, formatMoney(item.amount))) : null,
      item.rule ? el('span', { class: 'rule-id' }, `Règle ${item.rule}`) : null));
}

function payee(doc) {
  if (!doc.payee) return null;
  const who = label(PAYEES, doc.payee);
  return doc.payee_ref ? `${who} (${doc.payee_ref})` : who;
}

/**
 * The explanation as a block. `names` maps beneficiary ids to names when the caller knows them
 * (the contract page); `headingLevel` fits the block under the caller's headings; with
 * `contractLink` the block links to the contract's page.
 */
export function renderExplanation(doc, { names = new Map(), headingLevel = 3, contractLink = false } = {}) {
  const headingId = `explication-${doc.claim_id}-${doc.line}`;
  const reasons = claimReasons(doc.reasons);
  const person = names.get(doc.beneficiary_id);

  return el('article', { class: 'explanation', testid: 'claim-explanation', 'aria-labelledby': headingId },
    el(`h${headingLevel}`, { id: headingId, tabindex: '-1' },
      `Détail du calcul — décompte ${doc.claim_id}, ligne ${doc.line}`),
    definitions([
      ['Bénéficiaire', person ? `${person} (${doc.beneficiary_id})` : doc.beneficiary_id],
      ['Contrat', contractLink && doc.contract_id
        ? el('a', { href: pageUrl('contrat.html', { id: doc.contract_id }) }, doc.contract_id)
        : doc.contract_id],
      ['Date des soins', formatDate(doc.care_date)],
      ['Soins', doc.category ? `${label(CARE_CATEGORIES, doc.category)}` : null],
      ['Dépense', formatMoney(doc.charged)],
      ['Base de remboursement', formatMoney(doc.base)],
      ['Remboursé par l’Assurance Maladie', formatMoney(doc.ro_paid)],
      ['Autres organismes', doc.other_payers && doc.other_payers !== '0.00' ? formatMoney(doc.other_payers) : null],
      ['Remboursé par la mutuelle', formatMoney(doc.rc)],
      ['Reste à charge', formatMoney(doc.remaining)],
      ['Statut', claimStatusBadge(doc.status)],
      ['Motifs', reasons.length ? reasons.join(' ; ') : null],
      ['Paiement', payee(doc)],
    ]),
    el(`h${headingLevel + 1}`, {}, 'Étapes du calcul'),
    el('ol', { class: 'steps', testid: 'claim-steps' }, (doc.steps ?? []).map(step)),
    doc.replay_matches === false
      ? el('p', { class: 'alert alert-warning' },
        'Les garanties ont changé depuis cette décision : le calcul refait aujourd’hui diffère, les montants enregistrés restent ceux de la décision.')
      : null);
}
