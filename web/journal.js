// Audit trail (journal.html, admin only): GET /api/audit?user=&action=&resource=&target=&from=&to=,
// newest first: [{id, at, user, role, action, resource, target, remote, outcome}]. The filters
// are kept in the page address, so a search can be bookmarked or sent to a colleague.

import {
  api, el, fillSection, formatDateTime, listIn, markReady, message, pageParam, pageUrl,
  runPage, startPage, table,
} from './app.js';
import { AUDIT_ACTIONS, AUDIT_RESOURCES, USER_ROLES, label } from './labels.js';

const form = document.getElementById('form-journal');
const section = document.getElementById('journal');
const FILTERS = ['user', 'action', 'resource', 'target', 'from', 'to'];

/** An HTTP status ("403") or a sign-in outcome ("ok", "failed") in words. */
function outcomeText(outcome) {
  const code = String(outcome ?? '');
  if (code === 'ok' || /^2\d\d$/.test(code)) return 'Réussi';
  if (code === 'failed') return 'Échec';
  if (code === '403') return 'Refusé (403)';
  if (code === '404') return 'Introuvable (404)';
  return code || '—';
}

function entriesView(data) {
  const entries = listIn(data, 'entries', 'items');
  return [
    el('p', {}, `${entries.length} événement${entries.length > 1 ? 's' : ''}, du plus récent au plus ancien.`),
    table({
      caption: 'Journal des accès',
      captionHidden: true,
      rowTestid: 'audit-row',
      empty: 'Aucun événement pour ces critères.',
      rows: entries,
      columns: [
        { label: 'Date et heure', nowrap: true, value: (e) => formatDateTime(e.at) },
        { label: 'Utilisateur', value: (e) => e.user || '—' },
        { label: 'Profil', value: (e) => label(USER_ROLES, e.role) || '—' },
        { label: 'Action', value: (e) => label(AUDIT_ACTIONS, e.action) || '—' },
        { label: 'Sur', value: (e) => label(AUDIT_RESOURCES, e.resource) || '—' },
        { label: 'Cible', value: (e) => e.target || '—' },
        { label: 'Résultat', value: (e) => outcomeText(e.outcome) },
        { label: 'Adresse', value: (e) => e.remote || '—' },
      ],
    }),
  ];
}

function search() {
  const params = Object.fromEntries(FILTERS.map((name) => [name, form.elements[name].value.trim()]));
  if (params.from && params.to && params.from > params.to) {
    section.hidden = false;
    section.querySelector('.section-body').replaceChildren(message('La date de début est après la date de fin.', 'error'));
    return Promise.resolve();
  }
  history.replaceState(null, '', pageUrl('journal.html', params));
  return fillSection(section, () => api('/api/audit', { params }), entriesView);
}

/** The choices of a <select> from a table of codes, after its « Toutes » option. */
function fillChoices(select, table) {
  for (const [code, text] of Object.entries(table)) select.append(el('option', { value: code }, text));
}

runPage(async () => {
  const me = await startPage({ roles: ['admin'] });
  if (!me) return;
  fillChoices(form.elements.action, AUDIT_ACTIONS);
  fillChoices(form.elements.resource, AUDIT_RESOURCES);
  for (const name of FILTERS) form.elements[name].value = pageParam(name) ?? '';
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    search();
  });
  await search();
  markReady();
});
