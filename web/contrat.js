// Contract page (contrat.html?id=...): one section per API document. Each section is filled
// independently; a section the role may not read (403) disappears, so the page is the same
// for every staff role and the server alone decides who sees what.

import {
  ALL_STAFF, ApiError, api, badge, businessDate, businessYear, definitions, el, errorMessage,
  fillSection, focusOn, formatDate, formatMoney, listIn, markReady, message, pageParam, pageUrl,
  runPage, startPage, table,
} from './app.js';
import {
  ACCOUNT_STATUS, CARE_CATEGORIES, CHANGE_FIELDS, DOCUMENT_KINDS, ENTRY_KINDS, FREQUENCIES,
  MEMBER_STATUS, PAYMENT_METHODS, SCHEDULE_STATUS, SUSPENSION_REASONS, TERMINATION_KINDS,
  claimReasons, label,
} from './labels.js';
import { claimStatusBadge, loadExplanation, renderExplanation } from './explication.js';
import {
  beneficiariesTable, contractPath, contributionsView, downloadAttestation, namesOf,
  reimbursementsView, rightsView,
} from './vues-contrat.js';

const section = (id) => document.getElementById(id);

// --- contract, persons, history (GET /api/contracts/{id}) ----------------------------------------

/** "FR7630001007941234567890185" → « FR76 •••• 0185 »: enough to recognise it on screen. */
function maskedIban(iban) {
  if (!iban) return null;
  const compact = iban.replace(/\s+/g, '');
  return compact.length > 8 ? `${compact.slice(0, 4)} •••• ${compact.slice(-4)}` : compact;
}

function terminationNotice(termination) {
  const kind = label(TERMINATION_KINDS, termination.kind) || 'Fin de l’adhésion';
  return el('div', { class: 'alert alert-warning', testid: 'contract-termination' },
    el('p', {}, el('strong', {}, kind), ` (${termination.rule}) : dernier jour de couverture le ${formatDate(termination.effective_date)}.`),
    el('p', { class: 'small' },
      `Demande reçue le ${formatDate(termination.received)}`,
      termination.refund ? ` · cotisation à rembourser : ${formatMoney(termination.refund)}` : '',
      termination.confirmed ? ` · confirmée le ${formatDate(termination.confirmed)}` : ' · confirmation à envoyer'));
}

/** An enrolment file not yet complete: `member show` returns its state instead of a contract. */
function incompleteFile(contract) {
  const missing = listIn(contract, 'missing');
  return [
    message('Dossier d’adhésion incomplet : le contrat démarrera quand les pièces manquantes seront reçues.', 'warning'),
    missing.length ? el('h3', {}, 'Pièces manquantes') : null,
    missing.length ? el('ul', {}, missing.map((item) =>
      el('li', {}, item.label || item.item, item.rule ? el('span', { class: 'rule-id' }, ` ${item.rule}`) : null))) : null,
  ];
}

function summaryView(contract) {
  if (contract.status === 'incomplete' || (contract.missing && !contract.adhesion_date)) return incompleteFile(contract);
  return [
    contract.termination ? terminationNotice(contract.termination) : null,
    definitions([
      ['Numéro de contrat', contract.contract_id],
      ['Garantie', contract.product],
      ['Date d’adhésion', formatDate(contract.adhesion_date)],
      ['Situation professionnelle', label(MEMBER_STATUS, contract.status)],
      ['Employeur', contract.employer],
      ['Fréquence de paiement', label(FREQUENCIES, contract.payment_frequency)],
      ['Adresse électronique', contract.email],
      ['Adresse', contract.address],
      ['IBAN', maskedIban(contract.iban)],
    ]),
  ];
}

/** Product changes, suspensions and reported changes, oldest first as the API lists them. */
function historyView(contract) {
  const items = [
    ...listIn(contract, 'product_changes').map((c) => el('li', {},
      `Changement de garantie : ${c.previous} → ${c.product} au ${formatDate(c.effective)}`,
      c.signed ? ` (demande signée le ${formatDate(c.signed)})` : '')),
    ...listIn(contract, 'suspensions').map((s) => el('li', {},
      `Suspension du ${formatDate(s.from)} au ${formatDate(s.to)}`,
      s.reason ? ` (${label(SUSPENSION_REASONS, s.reason)})` : '',
      s.notified ? `, notifiée le ${formatDate(s.notified)}` : '')),
    ...listIn(contract, 'changes').map((c) => el('li', {},
      `${label(CHANGE_FIELDS, c.field)} : « ${c.old || '—'} » → « ${c.new || '—'} » à compter du ${formatDate(c.effective)}`,
      c.recorded ? ` (enregistré le ${formatDate(c.recorded)})` : '')),
  ];
  return items.length ? el('ul', {}, items) : el('p', { class: 'empty' }, 'Aucun changement enregistré.');
}

async function loadContract(id) {
  let contract;
  try {
    contract = await api(contractPath(id));
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) {
      // Medical advisers read care lines but not the contract itself: keep the other sections.
      for (const name of ['resume', 'beneficiaires', 'historique']) section(name).remove();
      return { names: new Map(), found: true };
    }
    document.getElementById('messages').append(message(
      error instanceof ApiError && error.status === 404 ? `Le contrat ${id} est introuvable.` : errorMessage(error), 'error'));
    return { names: new Map(), found: false };
  }
  await fillSection(section('resume'), async () => contract, summaryView);
  await fillSection(section('beneficiaires'), async () => contract, (c) => beneficiariesTable(c));
  await fillSection(section('historique'), async () => contract, historyView);
  return { names: namesOf(contract), found: true };
}

// --- rights and contributions, with their date and year forms --------------------------------------

function setUpRights(id, names) {
  const form = document.getElementById('form-droits');
  const input = document.getElementById('date-droits');
  input.value = businessDate();
  const load = () => fillSection(section('droits'),
    () => api(contractPath(id, 'rights'), { params: { date: input.value } }),
    (data) => rightsView(data, names));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (form.reportValidity()) load();
  });
  return load();
}

function setUpContributions(id, names) {
  const form = document.getElementById('form-cotisations');
  const select = document.getElementById('annee-cotisations');
  const year = businessYear();
  for (const y of [year - 1, year, year + 1]) select.append(el('option', { value: y, selected: y === year }, String(y)));
  const load = () => fillSection(section('cotisations'),
    () => api(contractPath(id, 'contributions'), { params: { year: select.value } }),
    (data) => contributionsView(data, names));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  return load();
}

// --- account (GET /api/contracts/{id}/account) -------------------------------------------------

const ACCOUNT_TONE = { up_to_date: 'success', notice: 'warning', suspended: 'error', terminated: 'error' };
const SCHEDULE_TONE = { paid: 'success', partly_paid: 'warning', unpaid: 'error', not_due: 'neutral', not_billed: 'neutral' };

/** Positive balance: the member owes; negative: the mutuelle owes the member. */
function balanceText(balance) {
  const value = Number(balance);
  if (!Number.isFinite(value) || value === 0) return formatMoney(balance);
  return value > 0 ? `${formatMoney(balance)} dû par l’adhérent`
    : `${formatMoney(String(balance).replace('-', ''))} en faveur de l’adhérent`;
}

/** An entry's effect on the balance, signed: « +369,72 € » raises what the member owes. */
function effectText(effect) {
  const text = formatMoney(effect);
  return Number(effect) > 0 ? `+${text}` : text;
}

/**
 * A long list under a summary the user can fold: open on a wide screen, folded on a phone where
 * twelve monthly instalments would push everything else far down.
 */
function foldable(title, content) {
  const wide = window.matchMedia('(min-width: 48em)').matches;
  return el('details', { class: 'foldable', open: wide }, el('summary', {}, el('h3', { class: 'summary-heading' }, title)), content);
}

function procedureItem(p) {
  const steps = [
    `Mise en demeure le ${formatDate(p.notice)} (impayé ${formatMoney(p.arrears)}, plus ancienne échéance le ${formatDate(p.oldest_due)})`,
    p.suspended && `garanties suspendues le ${formatDate(p.suspended)}`,
    p.terminated && `résiliation le ${formatDate(p.terminated)}`,
    p.reinstated && `rétabli le ${formatDate(p.reinstated)}`,
  ].filter(Boolean);
  return el('li', {}, steps.join(' ; '));
}

function waiverItem(w) {
  const from = w.from ?? w.start;
  const until = w.until ?? w.to;
  return el('li', {}, `Sursis${from ? ` du ${formatDate(from)}` : ''}${until ? ` jusqu’au ${formatDate(until)}` : ''}`,
    w.reason ? ` : ${w.reason}` : '');
}

function accountView(account) {
  const mandate = account.mandate;
  const procedures = listIn(account, 'procedures');
  const waivers = listIn(account, 'waivers');
  return [
    definitions([
      ['Solde', el('span', { testid: 'account-balance' }, balanceText(account.balance))],
      ['Impayé', formatMoney(account.overdue)],
      ['Situation', [badge(label(ACCOUNT_STATUS, account.status), ACCOUNT_TONE[account.status] ?? 'neutral'),
        account.since ? ` depuis le ${formatDate(account.since)}` : '']],
      ['Mode de paiement', label(PAYMENT_METHODS, account.payment_method)],
      ['Mandat SEPA', mandate ? `${mandate.rum}, signé le ${formatDate(mandate.signed_on)}` : null],
      ['Situation au', formatDate(account.as_of)],
    ]),
    procedures.length ? [el('h3', {}, 'Procédures de recouvrement'), el('ul', {}, procedures.map(procedureItem))] : null,
    waivers.length ? [el('h3', {}, 'Sursis accordés'), el('ul', {}, waivers.map(waiverItem))] : null,
    foldable(`Échéancier (${listIn(account, 'schedule').length})`, table({
      caption: 'Échéancier',
      captionHidden: true,
      rowTestid: 'schedule-row',
      empty: 'Aucune échéance appelée.',
      rows: listIn(account, 'schedule'),
      columns: [
        { label: 'Échéance', nowrap: true, value: (s) => formatDate(s.due) },
        { label: 'Période', value: (s) => `du ${formatDate(s.from)} au ${formatDate(s.to)}` },
        { label: 'Montant', numeric: true, value: (s) => formatMoney(s.amount) },
        { label: 'Appelé', numeric: true, value: (s) => formatMoney(s.billed) },
        { label: 'Payé', numeric: true, value: (s) => formatMoney(s.paid) },
        { label: 'Statut', value: (s) => badge(label(SCHEDULE_STATUS, s.status), SCHEDULE_TONE[s.status] ?? 'neutral') },
      ],
    })),
    foldable(`Écritures (${listIn(account, 'entries').length})`, table({
      caption: 'Écritures du compte',
      captionHidden: true,
      rowTestid: 'entry-row',
      empty: 'Aucune écriture.',
      rows: listIn(account, 'entries'),
      columns: [
        { label: 'Date', nowrap: true, value: (e) => formatDate(e.date) },
        { label: 'Opération', value: (e) => label(ENTRY_KINDS, e.kind) },
        { label: 'Effet sur le solde', numeric: true, value: (e) => effectText(e.effect ?? e.amount) },
        { label: 'Référence', value: (e) => [e.reference, e.rule && el('span', { class: 'rule-id' }, ` ${e.rule}`)].filter(Boolean) },
      ],
    })),
  ];
}

// --- care lines and their explanation (claims, medical_adviser) --------------------------------

/** Newest care first: what staff look for is usually the last décompte. */
function byCareDateDesc(a, b) {
  return String(b.care_date ?? '').localeCompare(String(a.care_date ?? ''));
}

function detailLink(line) {
  const link = el('a', {
    href: pageUrl('prestation.html', { claim: line.claim_id, line: line.line }),
    testid: 'claim-detail-link',
  }, 'Détail', el('span', { class: 'visually-hidden' }, ` du décompte ${line.claim_id}, ligne ${line.line}`));
  return link;
}

function claimsView(data, names) {
  const lines = listIn(data, 'lines', 'claims', 'items').slice().sort(byCareDateDesc);
  return table({
    caption: 'Lignes de soins décidées',
    captionHidden: true,
    rowTestid: 'claim-line',
    empty: 'Aucune ligne de soins pour ce contrat.',
    rows: lines,
    columns: [
      { label: 'Décompte', value: (l) => `${l.claim_id} / ${l.line}` },
      { label: 'Date des soins', nowrap: true, value: (l) => formatDate(l.care_date) },
      { label: 'Bénéficiaire', value: (l) => names.get(l.beneficiary_id) || l.beneficiary_id || '—' },
      { label: 'Soins', value: (l) => label(CARE_CATEGORIES, l.category) || '—' },
      { label: 'Dépense', numeric: true, value: (l) => formatMoney(l.charged) },
      { label: 'Assurance Maladie', numeric: true, value: (l) => formatMoney(l.ro_paid) },
      { label: 'Mutuelle', numeric: true, value: (l) => formatMoney(l.rc) },
      { label: 'Reste à charge', numeric: true, value: (l) => formatMoney(l.remaining) },
      { label: 'Statut', value: (l) => [claimStatusBadge(l.status),
        claimReasons(l.reasons).map((reason) => el('span', { class: 'line small' }, reason))] },
      { label: 'Explication', value: detailLink },
    ],
  });
}

/**
 * « Détail » links open the explanation under the table instead of leaving the page (the link
 * still works on its own: prestation.html). Focus moves to the explanation, and « Fermer »
 * brings it back to the link.
 */
function setUpExplanations(names) {
  const panel = document.getElementById('explication');
  section('prestations').addEventListener('click', async (event) => {
    const link = event.target.closest('a[data-testid="claim-detail-link"]');
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    const url = new URL(link.href);
    const claim = url.searchParams.get('claim');
    const line = url.searchParams.get('line');
    panel.replaceChildren(el('p', { class: 'loading' }, `Chargement du détail du décompte ${claim}, ligne ${line}…`));
    try {
      const doc = await loadExplanation(claim, line);
      const close = el('button', { type: 'button', class: 'button-secondary button-small' }, 'Fermer le détail');
      close.addEventListener('click', () => {
        panel.replaceChildren();
        link.focus();
      });
      const block = renderExplanation(doc, { names, headingLevel: 3 });
      block.append(close);
      panel.replaceChildren(block);
      focusOn(block.querySelector('h3'));
    } catch (error) {
      panel.replaceChildren(message(errorMessage(error), 'error'));
    }
  });
}

// --- documents and attestation -----------------------------------------------------------------

function documentsView(data) {
  return table({
    caption: 'Documents émis',
    captionHidden: true,
    rowTestid: 'document-row',
    empty: 'Aucun document émis.',
    rows: listIn(data, 'documents', 'items'),
    columns: [
      { label: 'Document', value: (d) => d.title || label(DOCUMENT_KINDS, d.kind) },
      { label: 'Émis le', value: (d) => formatDate(d.issued ?? d.date) },
      { label: 'Référence', value: (d) => String(d.id ?? d.document_id ?? '—') },
    ],
  });
}

function loadDocuments(id) {
  return fillSection(section('documents'), () => api(contractPath(id, 'documents')), documentsView);
}

/** Only the member services issue the attestation for a member (POST: not probed by a 403). */
function setUpAttestation(id, me) {
  if (me.role !== 'member_services') return;
  const box = document.getElementById('attestation');
  const button = document.getElementById('bouton-attestation');
  const output = document.getElementById('attestation-message');
  box.hidden = false;
  button.addEventListener('click', async () => {
    await downloadAttestation(id, button, output);
    loadDocuments(id);
  });
}

// --- page ---------------------------------------------------------------------------------------

/** Drops the table-of-contents links of the sections that were removed. */
function pruneSectionLinks() {
  for (const link of document.querySelectorAll('#sommaire a')) {
    if (!document.querySelector(link.getAttribute('href'))) link.parentElement.remove();
  }
}

runPage(async () => {
  const me = await startPage({ roles: ALL_STAFF });
  if (!me) return;
  const id = (pageParam('id') ?? '').trim();
  document.getElementById('retour').href = pageUrl('recherche.html');
  if (!id) {
    document.getElementById('messages').append(message('Aucun contrat indiqué : passez par la recherche.', 'error'));
    markReady();
    return;
  }
  document.getElementById('titre').textContent = `Contrat ${id}`;
  document.title = `Contrat ${id} — mutua`;

  const { names, found } = await loadContract(id);
  if (!found) {
    for (const node of document.querySelectorAll('.page-section, .section-nav')) node.remove();
    markReady();
    return;
  }
  setUpAttestation(id, me);
  setUpExplanations(names);
  await Promise.all([
    setUpRights(id, names),
    setUpContributions(id, names),
    fillSection(section('compte'), () => api(contractPath(id, 'account')), accountView),
    fillSection(section('prestations'), () => api(contractPath(id, 'claims')), (data) => claimsView(data, names)),
    fillSection(section('remboursements'), () => api(contractPath(id, 'reimbursements')), (data) => reimbursementsView(data)),
    loadDocuments(id),
  ]);
  pruneSectionLinks();
  markReady();
});
