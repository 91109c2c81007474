// Search page (recherche.html): members by name or number (GET /api/members?q=), and for the
// claims roles a direct access to one care line's explanation (prestation.html).

import {
  ALL_STAFF, ApiError, api, el, errorMessage, fill, formatDate, listIn, markReady, message, pageParam, pageUrl,
  personName, runPage, startPage,
} from './app.js';
import { PERSON_ROLES, label } from './labels.js';

const SEARCH_ROLES = ['admin', 'member_services', 'billing', 'claims'];
const CARE_LINE_ROLES = ['claims', 'medical_adviser'];
const MAX_RESULTS = 20; // the API returns 20 contracts at most

/**
 * One search result in a common shape. The API gives one row per contract with its member:
 * {contract_id, product, last_name, first_name, start_date, end_date}; the persons of the
 * contract (`persons`), when given, are listed too.
 */
function normalise(result) {
  const persons = listIn(result, 'persons', 'beneficiaries');
  const member = result.member ?? persons.find((person) => person.role === 'member') ?? result;
  return {
    id: result.contract_id ?? result.id,
    name: personName(member),
    product: result.product,
    start: result.adhesion_date ?? result.start_date ?? member.start_date,
    end: result.end_date ?? member.end_date,
    persons,
  };
}

function resultItem(result) {
  const others = result.persons.filter((person) => person.role !== 'member');
  return el('li', {},
    el('a', { href: pageUrl('contrat.html', { id: result.id }), testid: 'search-result' },
      `Contrat ${result.id}`, result.name ? ` — ${result.name}` : ''),
    el('p', { class: 'muted' },
      [result.product && `Garantie ${result.product}`,
        result.start && `adhérent depuis le ${formatDate(result.start)}`,
        result.end && `fin des droits le ${formatDate(result.end)}`,
        result.persons.length && `${result.persons.length} personne${result.persons.length > 1 ? 's' : ''} couverte${result.persons.length > 1 ? 's' : ''}`,
      ].filter(Boolean).join(' · ')),
    others.length ? el('p', { class: 'small' },
      others.map((person) => `${personName(person)} (${label(PERSON_ROLES, person.role).toLowerCase()})`).join(', ')) : null);
}

async function search(query, output) {
  output.replaceChildren(el('p', { class: 'loading' }, 'Recherche en cours…'));
  try {
    const data = await api('/api/members', { params: { q: query } });
    const results = listIn(data, 'results', 'contracts', 'items').map(normalise);
    if (!results.length) {
      output.replaceChildren(message(`Aucun contrat ne correspond à « ${query} ».`, 'info'));
      return;
    }
    const count = results.length === 1 ? '1 contrat trouvé' : `${results.length} contrats trouvés`;
    fill(output,
      el('h2', { class: 'h3' }, count),
      results.length >= MAX_RESULTS
        ? message(`Seuls les ${MAX_RESULTS} premiers sont affichés : précisez la recherche.`, 'info') : null,
      el('ul', { class: 'result-list' }, results.map(resultItem)));
  } catch (error) {
    const invalid = error instanceof ApiError && error.status === 400;
    output.replaceChildren(message(invalid
      ? 'Recherche invalide : saisissez le début d’un nom ou d’un numéro.' : errorMessage(error), 'error'));
  }
}

function setUpMemberSearch() {
  const section = document.getElementById('recherche-adherent');
  const form = document.getElementById('form-recherche');
  const input = document.getElementById('q');
  const output = document.getElementById('resultats');
  section.hidden = false;

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = input.value.trim();
    if (query.length < 2) {
      input.setAttribute('aria-invalid', 'true');
      output.replaceChildren(message('Saisissez au moins deux caractères d’un nom ou d’un numéro.', 'error'));
      input.focus();
      return;
    }
    input.setAttribute('aria-invalid', 'false');
    // The query goes in the address so that « Retour » from a contract finds the results again.
    history.replaceState(null, '', pageUrl('recherche.html', { q: query }));
    search(query, output);
  });

  const initial = pageParam('q');
  if (initial) {
    input.value = initial;
    search(initial, output);
  }
  input.focus();
}

function setUpCareLineLookup() {
  const form = document.getElementById('form-ligne');
  document.getElementById('recherche-ligne').hidden = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    const claim = form.elements.claim.value.trim();
    const line = form.elements.line.value.trim();
    window.location.assign(pageUrl('prestation.html', { claim, line }));
  });
}

runPage(async () => {
  const me = await startPage({ roles: ALL_STAFF });
  if (!me) return;
  if (SEARCH_ROLES.includes(me.role)) setUpMemberSearch();
  if (CARE_LINE_ROLES.includes(me.role)) setUpCareLineLookup();
  if (!SEARCH_ROLES.includes(me.role)) {
    document.querySelector('h1').textContent = 'Consulter une ligne de soins';
    document.getElementById('titre-ligne').classList.add('visually-hidden');
  }
  markReady();
});
