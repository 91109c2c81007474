// Work list (liste-travail.html): GET /api/worklist?date=D, the items of `mutua worklist`,
// filtered by kind in the page (the list covers 60 days: small enough to filter here).

import {
  api, businessDate, el, fill, fillSection, formatDate, listIn, markReady, pageUrl, runPage, startPage,
  table,
} from './app.js';
import { PERSON_ROLES, WORKLIST_KINDS, label } from './labels.js';

const form = document.getElementById('form-liste');
const dateInput = document.getElementById('date');
const kindSelect = document.getElementById('type');
const section = document.getElementById('liste');

let items = [];
let loadedDate = null;

/**
 * The item's detail is the server's sentence; its usual opening « Prénom NOM (role) » gets the
 * role in French, the rest is shown as written.
 */
function detailText(detail) {
  if (!detail) return '—';
  return detail.replace(/^([^(]+) \((member|spouse|child)\)/, (_, name, role) => `${name} (${label(PERSON_ROLES, role).toLowerCase()})`);
}

function countsByKind(list) {
  const counts = new Map();
  for (const item of list) counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1);
  return el('ul', { class: 'figures', testid: 'worklist-counts' }, [...counts].map(([kind, count]) =>
    el('li', {}, el('span', { class: 'figure-value' }, String(count)),
      el('span', { class: 'figure-label' }, label(WORKLIST_KINDS, kind)))));
}

function itemsView() {
  const kind = kindSelect.value;
  const shown = kind ? items.filter((item) => item.kind === kind) : items;
  return [
    el('p', {}, `À partir du ${formatDate(loadedDate)} : `,
      el('strong', {}, `${shown.length} élément${shown.length > 1 ? 's' : ''}`), '.'),
    kind ? null : countsByKind(items),
    table({
      caption: 'Éléments à traiter',
      captionHidden: true,
      rowTestid: 'worklist-item',
      empty: 'Rien à traiter sur la période.',
      rows: shown,
      columns: [
        { label: 'Date', value: (i) => formatDate(i.date) },
        { label: 'Type', value: (i) => label(WORKLIST_KINDS, i.kind) },
        { label: 'Contrat', value: (i) => el('a', { href: pageUrl('contrat.html', { id: i.contract_id }) }, i.contract_id) },
        { label: 'Détail', value: (i) => [detailText(i.detail), i.beneficiary_id ? el('span', { class: 'muted nowrap' }, ` ${i.beneficiary_id}`) : null] },
        { label: 'Règle', value: (i) => (i.rule ? el('span', { class: 'rule-id' }, i.rule) : '—') },
      ],
    }),
  ];
}

async function load() {
  const date = dateInput.value;
  return fillSection(section, () => api('/api/worklist', { params: { date } }), (doc) => {
    items = listIn(doc, 'items');
    loadedDate = doc.date ?? date;
    return itemsView();
  });
}

runPage(async () => {
  const me = await startPage({ roles: ['admin', 'member_services'] });
  if (!me) return;
  for (const [kind, text] of Object.entries(WORKLIST_KINDS)) kindSelect.append(el('option', { value: kind }, text));
  dateInput.value = businessDate();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (form.reportValidity()) load();
  });
  // Changing the kind only filters what is already loaded.
  kindSelect.addEventListener('change', () => {
    const body = section.querySelector('.section-body');
    if (loadedDate) fill(body, itemsView());
  });
  await load();
  markReady();
});
