// Partner communes (partenaires.html): calendar of the mutuelle's duties in the commune,
// materials the commune reviews (PAR-05), the yearly report (PAR-10, aggregated: PAR-06) and
// the conventions. A partner_commune sees its own commune (the server enforces it); staff
// choose the commune among those with a convention.

import {
  api, badge, businessDate, businessYear, definitions, displayName, el, errorMessage,
  fillSection, formatCount, formatDate, formatTime, listIn, markReady, message, runPage,
  saveBlob, startPage, table,
} from './app.js';
import {
  CONVENTION_STATUS, EVENT_KINDS, EVENT_STATUS, MATERIAL_STATUS, MEDIA, label,
} from './labels.js';

const STAFF = ['admin', 'member_services'];
const section = (id) => document.getElementById(id);
const form = document.getElementById('form-partenaire');
const communeSelect = document.getElementById('commune');
const yearSelect = document.getElementById('annee');

// Filled at start: who is signed in, and the conventions (which give the communes' names).
let me = null;
let conventions = [];

/** The commune shown: the partner's own, or the one staff chose. */
function currentCommune() {
  return me.role === 'partner_commune' ? me.commune : communeSelect.value;
}

function communeOf(convention) {
  return typeof convention.commune === 'object' ? convention.commune : { insee: convention.commune, name: '' };
}

// --- conventions ---------------------------------------------------------------------------------

const CONVENTION_TONE = { active: 'success', not_in_force: 'info', not_renewed: 'warning', terminating: 'warning', ended: 'neutral' };

function conventionItem(c) {
  const alerts = listIn(c, 'alerts');
  return el('li', { testid: 'partner-convention' },
    el('p', {}, el('strong', {}, c.id), ' ', badge(label(CONVENTION_STATUS, c.status), CONVENTION_TONE[c.status] ?? 'neutral')),
    definitions([
      ['Mutuelle', c.mutuelle?.name ?? c.mutuelle_name ?? c.mutuelle],
      ['Signée le', formatDate(c.signed)],
      ['Fin de la période en cours', c.current_term_end ? formatDate(c.current_term_end) : null],
      ['Prend fin au plus tard le', formatDate(c.ends_on ?? c.final_end)],
      ['Préavis de non-renouvellement avant le', c.next_notice_deadline ? formatDate(c.next_notice_deadline) : null],
    ]),
    alerts.length ? el('ul', {}, alerts.map((a) => el('li', { class: 'alert alert-warning' },
      typeof a === 'string' ? a : `${a.text ?? ''}${a.rule ? ` (${a.rule})` : ''}`))) : null);
}

function conventionsView() {
  const mine = conventions.filter((c) => communeOf(c).insee === currentCommune());
  if (!mine.length) return el('p', { class: 'empty' }, 'Aucune convention pour cette commune.');
  return el('ul', { class: 'event-list' }, mine.map(conventionItem));
}

// --- calendar ------------------------------------------------------------------------------------

const EVENT_TONE = { planned: 'info', held: 'success', cancelled: 'neutral' };
const MONTH_FORMAT = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

function eventItem(ev) {
  const where = [ev.place, ev.room].filter(Boolean).join(', ');
  return el('li', { testid: 'partner-event' },
    el('p', {}, el('span', { class: 'event-date' }, formatDate(ev.date)),
      ev.start ? ` de ${formatTime(ev.start)} à ${formatTime(ev.end)}` : '', ' ',
      badge(label(EVENT_STATUS, ev.status), EVENT_TONE[ev.status] ?? 'neutral')),
    el('p', {}, el('strong', {}, ev.label || label(EVENT_KINDS, ev.kind))),
    where ? el('p', { class: 'small' }, where) : null,
    ev.status === 'held' && ev.attendees !== null && ev.attendees !== undefined
      ? el('p', { class: 'small' }, `${formatCount(ev.attendees)} participant${ev.attendees > 1 ? 's' : ''}`) : null,
    ev.notes ? el('p', { class: 'small muted' }, ev.notes) : null);
}

/** Events of the year, by month, in date and start-time order. */
function calendarView(data) {
  const events = listIn(data, 'events', 'items')
    .filter((ev) => !ev.commune || ev.commune === currentCommune())
    .sort((a, b) => `${a.date} ${a.start}`.localeCompare(`${b.date} ${b.start}`));
  if (!events.length) return el('p', { class: 'empty' }, 'Aucune réunion ni permanence prévue cette année.');
  const upcoming = events.filter((ev) => ev.date >= businessDate() && ev.status === 'planned').length;
  const months = new Map();
  for (const ev of events) {
    const month = ev.date.slice(0, 7);
    if (!months.has(month)) months.set(month, []);
    months.get(month).push(ev);
  }
  return [
    el('p', {}, upcoming ? `${upcoming} rendez-vous à venir.` : 'Aucun rendez-vous à venir cette année.'),
    [...months].map(([month, list]) => [
      el('h3', { class: 'month-heading' }, MONTH_FORMAT.format(new Date(`${month}-01T00:00:00Z`))),
      el('ul', { class: 'event-list' }, list.map(eventItem)),
    ]),
  ];
}

function loadCalendar() {
  const year = yearSelect.value;
  return fillSection(section('calendrier'),
    () => api('/api/partners/events', { params: { commune: currentCommune(), from: `${year}-01-01`, to: `${year}-12-31` } }),
    calendarView);
}

// --- materials and the commune's decision --------------------------------------------------------

const MATERIAL_TONE = { submitted: 'warning', approved: 'success', rejected: 'error', published: 'info' };

/** The decision form of a material waiting for the commune (partner_commune only). */
function decisionForm(material) {
  const prefix = `support-${material.id}`;
  const by = el('input', { id: `${prefix}-par`, name: 'by', type: 'text', required: true, value: displayName(me), autocomplete: 'name' });
  const comment = el('textarea', {
    id: `${prefix}-commentaire`, name: 'comment', rows: '3', testid: 'material-comment',
    'aria-describedby': `${prefix}-aide`,
  });
  const feedback = el('div', { 'aria-live': 'polite' });
  const decisionForm = el('form', { class: 'decision-form', testid: 'material-decision' },
    el('div', { class: 'field' }, el('label', { for: by.id }, 'Décision prise par'), by),
    el('div', { class: 'field' },
      el('label', { for: comment.id }, 'Commentaire'),
      el('p', { id: `${prefix}-aide`, class: 'hint' }, 'Obligatoire pour refuser : dites ce qu’il faut changer.'),
      comment),
    el('div', { class: 'form-actions' },
      el('button', { type: 'submit', value: 'approve', testid: 'material-approve' }, 'Valider'),
      el('button', { type: 'submit', value: 'reject', class: 'button-danger', testid: 'material-reject' }, 'Refuser')),
    feedback);
  decisionForm.addEventListener('submit', (event) => {
    event.preventDefault();
    decide(material, event.submitter?.value ?? 'approve', by, comment, feedback, decisionForm);
  });
  return decisionForm;
}

async function decide(material, decision, by, comment, feedback, decisionForm) {
  // A refusal must say why (PAR-05): checked here so the commune is told before any request.
  const missingComment = decision === 'reject' && comment.value.trim() === '';
  comment.setAttribute('aria-invalid', missingComment ? 'true' : 'false');
  by.setAttribute('aria-invalid', by.value.trim() === '' ? 'true' : 'false');
  if (by.value.trim() === '') {
    feedback.replaceChildren(message('Indiquez qui prend la décision.', 'error'));
    by.focus();
    return;
  }
  if (missingComment) {
    feedback.replaceChildren(message('Un commentaire est obligatoire pour refuser un support.', 'error'));
    comment.focus();
    return;
  }
  for (const button of decisionForm.querySelectorAll('button')) button.disabled = true;
  try {
    // No comment is no key at all: the API takes texts only.
    const body = { by: by.value.trim() };
    if (comment.value.trim()) body.comment = comment.value.trim();
    await api(`/api/partners/materials/${encodeURIComponent(material.id)}/${decision}`, { method: 'POST', body });
    document.getElementById('supports-message').replaceChildren(message(
      `« ${material.title} » : ${decision === 'approve' ? 'support validé' : 'support refusé'}.`, 'success'));
    await loadMaterials();
  } catch (error) {
    feedback.replaceChildren(message(errorMessage(error), 'error'));
    for (const button of decisionForm.querySelectorAll('button')) button.disabled = false;
  }
}

function materialItem(material) {
  const canDecide = me.role === 'partner_commune' && material.status === 'submitted';
  return el('li', { testid: 'partner-material' },
    el('p', {}, el('strong', {}, material.title), ' ',
      badge(label(MATERIAL_STATUS, material.status), MATERIAL_TONE[material.status] ?? 'neutral')),
    definitions([
      ['Support', label(MEDIA, material.medium)],
      ['Version', material.version > 1 ? `${material.version} (remplace le n° ${material.replaces})` : null],
      ['Référence', material.reference],
      ['Soumis le', formatDate(material.submitted)],
      ['Décision', material.decided ? `le ${formatDate(material.decided)}${material.decided_by ? ` par ${material.decided_by}` : ''}` : null],
      ['Commentaire', material.comment],
      ['Publié le', material.published ? formatDate(material.published) : null],
    ]),
    canDecide ? decisionForm(material) : null);
}

/** Materials waiting for a decision first, then the others, newest submission first. */
function materialsView(data) {
  const materials = listIn(data, 'materials', 'items')
    .filter((m) => !m.commune || m.commune === currentCommune())
    .sort((a, b) => (a.status === 'submitted' ? 0 : 1) - (b.status === 'submitted' ? 0 : 1)
      || String(b.submitted).localeCompare(String(a.submitted)));
  if (!materials.length) return el('p', { class: 'empty' }, 'Aucun support soumis.');
  const waiting = materials.filter((m) => m.status === 'submitted').length;
  return [
    el('p', {}, waiting ? `${waiting} support${waiting > 1 ? 's' : ''} en attente de décision.` : 'Aucun support en attente de décision.'),
    el('ul', { class: 'material-list' }, materials.map(materialItem)),
  ];
}

function loadMaterials() {
  return fillSection(section('supports'),
    () => api('/api/partners/materials', { params: { commune: currentCommune() } }), materialsView);
}

// --- yearly report -------------------------------------------------------------------------------

function figure(value, text) {
  return el('li', {}, el('span', { class: 'figure-value', testid: 'report-figure' }, formatCount(value)),
    el('span', { class: 'figure-label' }, text));
}

function breakdown(title, rows) {
  return [
    el('h3', {}, title),
    table({
      caption: title,
      captionHidden: true,
      compact: true,
      rows: rows ?? [],
      columns: [
        { label: 'Catégorie', value: (r) => r.label || r.key },
        { label: 'Adhésions', numeric: true, value: (r) => formatCount(r.subscriptions) },
        { label: 'Personnes', numeric: true, value: (r) => formatCount(r.insured_persons) },
      ],
    }),
  ];
}

/**
 * Downloads the report: the PDF « Bilan annuel » when the API serves it (`format=pdf`, as the
 * CLI's `partners report --format pdf`); an API that answers JSON only gives the figures as a
 * JSON file instead, so the button works either way.
 */
async function downloadReport(report, button, output) {
  button.disabled = true;
  const name = `bilan-${report.commune}-${report.year}`;
  try {
    const { blob } = await api('/api/partners/report', {
      params: { commune: report.commune, year: report.year, format: 'pdf' }, as: 'blob',
    });
    const pdf = blob.type.startsWith('application/pdf');
    saveBlob(blob, `${name}.${pdf ? 'pdf' : 'json'}`);
    output.replaceChildren(message(pdf ? 'Bilan téléchargé (PDF).' : 'Chiffres du bilan téléchargés (fichier JSON).', 'success'));
  } catch (error) {
    output.replaceChildren(message(errorMessage(error), 'error'));
  } finally {
    button.disabled = false;
  }
}

function downloadBox(report) {
  const output = el('div', { 'aria-live': 'polite' });
  const button = el('button', { type: 'button', testid: 'report-download' }, 'Télécharger le bilan');
  button.addEventListener('click', () => downloadReport(report, button, output));
  return el('div', { class: 'form-actions' }, button, output);
}

function reportView(report) {
  const css = report.css ?? {};
  const materials = report.materials ?? {};
  return [
    el('p', {}, `Bilan ${report.year} de la commune de ${report.commune_name} (${report.commune}), établi le ${formatDate(report.generated)}`,
      report.organism ? ` par ${report.organism}` : '', '.'),
    downloadBox(report),
    el('p', { class: 'alert alert-info' },
      `Chiffres agrégés : tout effectif de personnes inférieur à 5 est affiché « ${report.small_counts ?? '< 5'} », sans autre détail.`),
    el('h3', {}, 'Adhésions'),
    el('ul', { class: 'figures' },
      figure(report.subscriptions, 'Contrats couverts dans l’année'),
      figure(report.insured_persons, 'Personnes couvertes'),
      figure(report.new_subscriptions, 'Nouvelles adhésions'),
      figure(report.ended_subscriptions, 'Adhésions terminées')),
    breakdown('Par garantie', report.by_product),
    breakdown('Par lien avec la commune', report.by_link),
    breakdown('Par public prioritaire', report.by_priority_public),
    el('h3', {}, 'Complémentaire santé solidaire'),
    el('ul', { class: 'figures' },
      figure(css.checks, 'Vérifications d’éligibilité'),
      figure(css.free, 'Éligibles à la CSS gratuite'),
      figure(css.participatory, 'Éligibles à la CSS participative'),
      figure(css.not_eligible, 'Non éligibles'),
      figure(css.orientations, 'Orientations vers l’Assurance Maladie')),
    el('h3', {}, 'Actions de la mutuelle dans la commune'),
    table({
      caption: 'Réunions et permanences de l’année',
      captionHidden: true,
      rows: report.events ?? [],
      columns: [
        { label: 'Action', value: (e) => label(EVENT_KINDS, e.kind) },
        { label: 'Tenues', numeric: true, value: (e) => formatCount(e.held) },
        { label: 'Prévues', numeric: true, value: (e) => formatCount(e.planned) },
        { label: 'Annulées', numeric: true, value: (e) => formatCount(e.cancelled) },
        { label: 'Participants', numeric: true, value: (e) => formatCount(e.attendees) },
      ],
    }),
    el('h3', {}, 'Supports de communication soumis dans l’année'),
    el('ul', { class: 'figures' },
      figure(materials.submitted, 'Soumis'),
      figure(materials.approved, 'Validés'),
      figure(materials.rejected, 'Refusés'),
      figure(materials.published, 'Publiés'),
      figure(materials.pending, 'En attente')),
  ];
}

function loadReport() {
  return fillSection(section('bilan'),
    () => api('/api/partners/report', { params: { commune: currentCommune(), year: yearSelect.value } }),
    reportView);
}

// --- page ----------------------------------------------------------------------------------------

/** Staff: one option per commune with a convention. A partner: its commune, named. */
function setUpCommune() {
  const communes = new Map();
  for (const c of conventions) {
    const commune = communeOf(c);
    if (commune.insee) communes.set(commune.insee, commune.name || commune.insee);
  }
  if (me.role === 'partner_commune') {
    const intro = document.getElementById('commune-fixe');
    intro.textContent = `Commune de ${communes.get(me.commune) ?? me.commune}`;
    intro.hidden = false;
    return;
  }
  for (const [insee, name] of [...communes].sort((a, b) => a[1].localeCompare(b[1], 'fr'))) {
    communeSelect.append(el('option', { value: insee }, `${name} (${insee})`));
  }
  document.getElementById('champ-commune').hidden = false;
}

function setUpYears() {
  const year = businessYear();
  for (const y of [year, year - 1, year - 2]) yearSelect.append(el('option', { value: y }, String(y)));
}

function loadAll() {
  return Promise.all([
    loadCalendar(),
    loadMaterials(),
    loadReport(),
    fillSection(section('conventions'), async () => conventions, conventionsView),
  ]);
}

runPage(async () => {
  me = await startPage({ roles: [...STAFF, 'partner_commune'] });
  if (!me) return;
  try {
    conventions = listIn(await api('/api/partners/conventions'), 'conventions', 'items');
  } catch (error) {
    document.getElementById('messages').append(message(errorMessage(error), 'error'));
  }
  setUpCommune();
  setUpYears();
  if (!currentCommune()) {
    document.getElementById('messages').append(message('Aucune commune partenaire à afficher.', 'info'));
    for (const node of document.querySelectorAll('.page-section, .section-nav')) node.remove();
    markReady();
    return;
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    loadAll();
  });
  await loadAll();
  markReady();
});
