// Dunning queue (relances.html): GET /api/dunning, the contracts under formal notice, suspended
// or terminated for non-payment (DUN-01..03): [{contract_id, status, since}], plus the arrears,
// the member and the next step when the API gives them (their columns appear then). Filtered by
// situation here.

import {
  api, badge, el, fill, fillSection, formatDate, formatMoney, listIn, markReady, pageUrl, personName,
  runPage, startPage, table,
} from './app.js';
import { DUNNING_STATUS, label } from './labels.js';

const filter = document.getElementById('situation');
const section = document.getElementById('relances');
let rows = [];

const TONE = { notice: 'warning', suspended: 'error', terminated: 'error' };

/** Cents of an API amount ("369.72"), to add amounts without float rounding. */
function cents(amount) {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(amount ?? '').trim());
  if (!match) return 0;
  const value = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -value : value;
}

function amountOfCents(total) {
  const sign = total < 0 ? '-' : '';
  const abs = Math.abs(total);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const arrears = (row) => row.arrears ?? row.overdue ?? row.amount;  // undefined when not given

/** The next step of the procedure when the API gives it: {kind, date} or separate dates. */
function nextStep(row) {
  if (row.next_step?.date) return `${label(DUNNING_STATUS, row.next_step.kind)} le ${formatDate(row.next_step.date)}`;
  if (row.status === 'notice' && row.suspension_date) return `Suspension le ${formatDate(row.suspension_date)}`;
  if (row.status === 'suspended' && row.termination_date) return `Résiliation le ${formatDate(row.termination_date)}`;
  return '—';
}

function view() {
  const shown = filter.value ? rows.filter((row) => row.status === filter.value) : rows;
  const hasArrears = rows.some((row) => arrears(row) !== undefined);
  const total = shown.reduce((sum, row) => sum + cents(arrears(row)), 0);
  return [
    el('ul', { class: 'figures' },
      el('li', {}, el('span', { class: 'figure-value', testid: 'dunning-count' }, String(shown.length)),
        el('span', { class: 'figure-label' }, 'Contrats')),
      hasArrears ? el('li', {}, el('span', { class: 'figure-value' }, formatMoney(amountOfCents(total))),
        el('span', { class: 'figure-label' }, 'Impayés')) : null),
    table({
      caption: 'Contrats en relance',
      captionHidden: true,
      rowTestid: 'dunning-row',
      empty: 'Aucun contrat dans cette situation.',
      rows: shown,
      columns: [
        { label: 'Contrat', value: (r) => el('a', { href: pageUrl('contrat.html', { id: r.contract_id }) }, r.contract_id) },
        { label: 'Adhérent', show: rows.some((r) => r.member || r.name || r.last_name), value: (r) => personName(r.member ?? r) || r.name || '—' },
        { label: 'Situation', value: (r) => badge(label(DUNNING_STATUS, r.status), TONE[r.status] ?? 'neutral') },
        { label: 'Depuis le', value: (r) => formatDate(r.since ?? (r.status === 'suspended' ? r.suspended : r.notice)) },
        { label: 'Impayé', show: hasArrears, numeric: true, value: (r) => formatMoney(arrears(r)) },
        { label: 'Plus ancienne échéance', show: rows.some((r) => r.oldest_due), value: (r) => formatDate(r.oldest_due) },
        { label: 'Étape suivante', show: rows.some((r) => nextStep(r) !== '—'), value: nextStep },
      ],
    }),
  ];
}

runPage(async () => {
  const me = await startPage({ roles: ['admin', 'billing'] });
  if (!me) return;
  await fillSection(section, () => api('/api/dunning'), (data) => {
    rows = listIn(data, 'contracts', 'items', 'procedures');
    return view();
  });
  // The filter works on the loaded list: no request, and nothing to submit.
  filter.addEventListener('change', () => fill(section.querySelector('.section-body'), view()));
  document.getElementById('form-filtre').addEventListener('submit', (event) => event.preventDefault());
  markReady();
});
