// Shared code of the back office pages: API calls, session, navigation bar, French formatting
// and DOM building.
//
// Safety rule of every page: data from the API never goes through innerHTML. Elements are
// built with el(), which turns every string into a text node (so "<b>" in a name is shown, not
// interpreted) and refuses script URLs in links.

import { USER_ROLES, label } from './labels.js';

// --- business date and page links --------------------------------------------------------------

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const pageParams = new URLSearchParams(window.location.search);

/**
 * `?today=YYYY-MM-DD` on a page sets the business date of every API call the page makes (the
 * API's own `?today=`), and is carried by every link between pages: demos and tests replay a
 * given day without changing the server's clock.
 */
const todayOverride = ISO_DATE.test(pageParams.get('today') ?? '') ? pageParams.get('today') : null;

/** The business date as YYYY-MM-DD: the `?today=` of the page, or the browser's local date. */
export function businessDate() {
  if (todayOverride) return todayOverride;
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function businessYear() {
  return Number(businessDate().slice(0, 4));
}

/** A query parameter of the current page (null when absent). */
export function pageParam(name) {
  return pageParams.get(name);
}

function withQuery(base, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') query.set(key, String(value));
  }
  if (todayOverride && !query.has('today')) query.set('today', todayOverride);
  const text = query.toString();
  return text ? `${base}?${text}` : base;
}

/** Link to another page of the back office, keeping the business date. */
export function pageUrl(page, params = {}) {
  return withQuery(page, params);
}

/** Path of an API endpoint with its query, keeping the business date. */
export function apiUrl(path, params = {}) {
  return withQuery(path, params);
}

// --- API calls ----------------------------------------------------------------------------------

/** An error answered by the API: `{"error": {code, message, field, rule}}` with its status. */
export class ApiError extends Error {
  constructor(status, body) {
    const detail = body?.error ?? {};
    super(detail.message || `HTTP ${status}`);
    this.status = status;
    this.code = detail.code ?? null;
    this.field = detail.field ?? null;
    this.rule = detail.rule ?? null;
  }
}

// The CSRF token of the session, from /api/me. Kept in memory only: a script injected into the
// page would find it there too, but nothing persists it beyond the page (no storage, no cookie
// readable by scripts), and the session cookie itself is HttpOnly.
let csrfToken = null;

// Marks that this tab signed in, so that a later 401 can say « Session expirée » rather than
// greet a first visit with it. Not a secret: the session is the HttpOnly cookie.
const SIGNED_IN_FLAG = 'mutua.signed-in';

export function rememberSignIn() {
  sessionStorage.setItem(SIGNED_IN_FLAG, '1');
}

function forgetSignIn() {
  sessionStorage.removeItem(SIGNED_IN_FLAG);
}

/** Back to the sign-in page, saying why and where to come back to. */
function toSignIn(reason) {
  const here = window.location.pathname.split('/').pop() + window.location.search;
  const params = {};
  if (reason) params.motif = reason;
  if (here && !here.startsWith('index.html')) params.suite = here;
  window.location.assign(pageUrl('index.html', params));
}

/**
 * Calls the API. `params` go in the query string; `body` is sent as JSON; `as: 'blob'` returns
 * the response body as a Blob (PDF downloads). A 401 goes back to the sign-in page unless
 * `redirectOn401` is false (the sign-in page itself). Throws ApiError otherwise.
 */
export async function api(path, { method = 'GET', params, body, as = 'json', redirectOn401 = true } = {}) {
  const headers = { Accept: as === 'json' ? 'application/json' : '*/*' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response;
  try {
    response = await fetch(apiUrl(path, params), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, { error: { code: 'network', message: 'network error' } });
  }

  if (!response.ok) {
    const errorBody = await response.json().catch(() => null);
    const error = new ApiError(response.status, errorBody);
    if (response.status === 401 && redirectOn401) {
      const expired = sessionStorage.getItem(SIGNED_IN_FLAG) || /expired/i.test(error.code ?? '');
      forgetSignIn();
      toSignIn(expired ? 'session-expiree' : null);
      // The page is going away: never settle, so no half-drawn error flashes meanwhile.
      return new Promise(() => {});
    }
    throw error;
  }
  if (as === 'blob') return { blob: await response.blob(), filename: attachmentName(response) };
  if (response.status === 204) return null;
  return response.json();
}

/** The file name of a `Content-Disposition: attachment; filename="..."` header, if any. */
function attachmentName(response) {
  const header = response.headers.get('Content-Disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

/** What to tell the user about a failed call, in French. */
export function errorMessage(error) {
  if (!(error instanceof ApiError)) return 'Une erreur inattendue est survenue. Rechargez la page.';
  switch (error.status) {
    case 0: return 'Le serveur ne répond pas. Vérifiez la connexion puis réessayez.';
    case 400: return error.field ? `Donnée invalide : ${error.field}.` : 'La demande est invalide.';
    case 401: return 'Session expirée : reconnectez-vous.';
    case 403: return 'Votre profil ne permet pas cette opération.';
    case 404: return 'Élément introuvable.';
    case 409: return refusalMessage(error);
    case 413: return 'La demande est trop volumineuse.';
    case 429: return 'Trop de tentatives : réessayez dans quelques minutes';
    default: return 'Erreur du serveur. Réessayez plus tard.';
  }
}

// Refusals (409) name the business rule. The common ones a page can trigger get a sentence;
// the others are named by their rule ID, which staff can look up.
const REFUSALS = {
  'DOC-01': 'L’attestation ne peut pas être délivrée : aucun droit ouvert ce jour ou cotisations non à jour.',
  'PAR-05': 'Ce support a déjà été examiné ou ne peut plus l’être.',
  'PAR-06': 'Ces informations ne sont pas accessibles à la commune.',
  'TAR-05': 'Aucun tarif n’est enregistré pour cette année.',
};

function refusalMessage(error) {
  if (error.rule && Object.hasOwn(REFUSALS, error.rule)) return REFUSALS[error.rule];
  return error.rule ? `Opération refusée (règle ${error.rule}).` : 'Opération refusée.';
}

// --- session and navigation ---------------------------------------------------------------------

/** Where each role lands after signing in. */
export function homeFor(role) {
  if (role === 'member') return 'espace-adherent.html';
  if (role === 'partner_commune') return 'partenaires.html';
  return 'recherche.html';
}

export const ALL_STAFF = ['admin', 'member_services', 'billing', 'claims', 'medical_adviser'];

const NAV_LINKS = [
  { page: 'recherche.html', text: 'Rechercher', roles: ALL_STAFF },
  { page: 'liste-travail.html', text: 'Liste de travail', roles: ['admin', 'member_services'] },
  { page: 'relances.html', text: 'Relances', roles: ['admin', 'billing'] },
  { page: 'partenaires.html', text: 'Partenaires', roles: ['admin', 'member_services', 'partner_commune'] },
  { page: 'journal.html', text: 'Journal', roles: ['admin'] },
  { page: 'espace-adherent.html', text: 'Mon espace', roles: ['member'] },
];

/**
 * Starts a signed-in page: reads the session (/api/me, which also gives the CSRF token), draws
 * the navigation bar, and checks the role may use the page. Returns the session, or null when
 * the page is not for this role (a message then replaces the page's content).
 */
export async function startPage({ roles }) {
  const me = await api('/api/me');
  csrfToken = me.csrf_token ?? null;
  rememberSignIn();
  renderNav(me);
  if (roles && !roles.includes(me.role)) {
    const main = document.querySelector('main');
    main.replaceChildren(
      el('h1', {}, 'Accès non autorisé'),
      el('p', {}, `Cette page n’est pas accessible au profil « ${roleLabel(me)} ».`),
      el('p', {}, el('a', { href: pageUrl(homeFor(me.role)) }, 'Aller à ma page d’accueil')),
    );
    markReady();
    return null;
  }
  return me;
}

/** The name to show for the signed-in user (the API may add a display name to /api/me). */
export function displayName(me) {
  return me.name || me.display_name || me.user || '';
}

/** The user's role in French: the server's own words (`role_label`), else ours. */
export function roleLabel(me) {
  return me.role_label || label(USER_ROLES, me.role);
}

function renderNav(me) {
  const header = document.getElementById('entete');
  if (!header) return;
  const current = window.location.pathname.split('/').pop() || 'index.html';
  const links = NAV_LINKS.filter((link) => link.roles.includes(me.role)).map((link) =>
    el('li', {}, el('a', {
      href: pageUrl(link.page),
      'aria-current': link.page === current ? 'page' : null,
    }, link.text)));

  const logout = el('button', { type: 'button', class: 'button-secondary', testid: 'logout' }, 'Se déconnecter');
  logout.addEventListener('click', signOut);

  fill(header,
    el('div', { class: 'header-inner' },
      el('a', { class: 'brand', href: pageUrl(homeFor(me.role)) },
        el('span', { class: 'brand-name' }, 'mutua'),
        el('span', { class: 'brand-tagline' }, 'Gestion de la mutuelle')),
      el('div', { class: 'user-box' },
        el('p', { class: 'user-id' },
          el('span', { class: 'user-name', testid: 'user-name' }, displayName(me)),
          el('span', { class: 'user-role', testid: 'user-role' }, roleLabel(me))),
        logout)),
    links.length ? el('nav', { 'aria-label': 'Navigation principale', class: 'main-nav' }, el('ul', {}, links)) : null,
  );
}

/** Ends the session on the server, then goes back to the sign-in page. */
export async function signOut() {
  try {
    await api('/api/logout', { method: 'POST', redirectOn401: false });
  } catch {
    // Already expired or server gone: the user still wants to be signed out here.
  }
  forgetSignIn();
  window.location.assign(pageUrl('index.html', { motif: 'deconnexion' }));
}

/** Marks the page as drawn (tests and screenshots wait for it). */
export function markReady() {
  const main = document.querySelector('main');
  main?.setAttribute('aria-busy', 'false');
  main?.setAttribute('data-state', 'ready');
}

/** Runs a page's main function; an unexpected failure is said in French, not left blank. */
export function runPage(main) {
  main().catch((error) => {
    console.error(error);
    const target = document.querySelector('main');
    target?.append(el('p', { class: 'alert alert-error', role: 'alert' }, errorMessage(error)));
    markReady();
  });
}

// --- French formatting (format.js, re-exported so pages import from one place) ---------------------

export { formatCount, formatDate, formatDateTime, formatMoney, formatTime } from './format.js';

// --- DOM building -------------------------------------------------------------------------------

/**
 * Creates an element. `props`: attributes, plus `class`, `testid` (data-testid) and `on*`
 * handlers. Children: nodes or strings; strings become text nodes, never markup.
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'testid') node.dataset.testid = value;
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if ((key === 'href' || key === 'src') && /^\s*(javascript|data|vbscript):/i.test(String(value))) {
      throw new Error(`refused URL in ${key}`);
    } else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, ...children);
  return node;
}

/** Appends children (nodes, strings, nested arrays; null and false skipped) as el() does. */
export function append(node, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** Replaces a node's children (same rules as append: null and false are skipped). */
export function fill(node, ...children) {
  node.replaceChildren();
  return append(node, ...children);
}

/** A status badge; `tone`: success, warning, error, info or neutral. */
export function badge(text, tone = 'neutral') {
  return el('span', { class: `badge badge-${tone}` }, text);
}

/** A message box. `kind`: info, success, warning, error (errors are announced at once). */
export function message(text, kind = 'info') {
  const role = kind === 'error' ? 'alert' : 'status';
  return el('p', { class: `alert alert-${kind}`, role }, text);
}

/** A definition list of [term, value] pairs (pairs with an empty value are skipped). */
export function definitions(pairs, props = {}) {
  const list = el('dl', { class: 'definitions', ...props });
  for (const [term, value] of pairs) {
    if (value === null || value === undefined || value === '') continue;
    list.append(el('div', {}, el('dt', {}, term), el('dd', {}, value)));
  }
  return list;
}

/**
 * A data table. columns: [{label, value: (row) => node|string, numeric, nowrap, show}]; a
 * column with `show: false` is left out (data the API does not give, or not to this role). On a narrow screen
 * CSS stacks each row as a card, each cell preceded by its column's label (data-label); the
 * explicit ARIA roles keep the table meaning that some browsers drop once display changes.
 * `compact` tables (a label and a few short figures) stay a grid on every screen.
 */
export function table({ caption, columns, rows, rowTestid, empty = 'Aucun élément.', captionHidden = false, compact = false }) {
  if (!rows.length) return el('p', { class: 'empty' }, empty);
  columns = columns.filter((column) => column.show !== false);
  const head = el('tr', { role: 'row' }, columns.map((column) =>
    el('th', { scope: 'col', role: 'columnheader', class: column.numeric ? 'num' : null }, column.label)));
  const body = rows.map((row) => el('tr', { role: 'row', testid: rowTestid },
    columns.map((column, index) => {
      const cell = el(index === 0 ? 'th' : 'td', {
        role: index === 0 ? 'rowheader' : 'cell',
        scope: index === 0 ? 'row' : null,
        class: [column.numeric && 'num', column.nowrap && 'keep'].filter(Boolean).join(' ') || null,
        'data-label': column.label,
      });
      // One wrapper per cell: on a phone the cell is a flex line "label | value", and the
      // value must be a single item that can wrap.
      return append(cell, append(el('span', { class: 'cell-value' }), column.value(row)));
    })));
  // A wide table may scroll sideways inside its frame: the frame is then reachable with the
  // keyboard (arrow keys scroll it) and named for screen readers.
  const wide = columns.length >= 8;
  return el('div', { class: 'table-wrap', tabindex: wide ? '0' : null, role: wide ? 'region' : null, 'aria-label': wide ? caption : null },
    el('table', { class: compact ? 'data-table data-table-compact' : 'data-table', role: 'table' },
      caption ? el('caption', { class: captionHidden ? 'visually-hidden' : null }, caption) : null,
      el('thead', { role: 'rowgroup' }, head),
      el('tbody', { role: 'rowgroup' }, body)));
}

/**
 * Fills a page section from the API. While loading the section is marked busy; a 403 (the role
 * may not see it) removes the section from the page; any other error is said inside it.
 * Returns what `load` returned, or null.
 */
export async function fillSection(section, load, render) {
  if (!section) return null;
  const body = section.querySelector('.section-body') ?? section;
  section.setAttribute('aria-busy', 'true');
  body.replaceChildren(el('p', { class: 'loading' }, 'Chargement…'));
  try {
    const data = await load();
    body.replaceChildren();
    append(body, render(data));
    section.hidden = false;
    return data;
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) {
      section.remove();
      return null;
    }
    body.replaceChildren(message(errorMessage(error), 'error'));
    section.hidden = false;
    return null;
  } finally {
    section.setAttribute('aria-busy', 'false');
  }
}

/**
 * The list inside a response: the API may answer a bare array or an object holding one under
 * a name (`items`, `results`...). Pages name the keys they expect, most likely first.
 */
export function listIn(data, ...keys) {
  if (Array.isArray(data)) return data;
  for (const key of keys) if (Array.isArray(data?.[key])) return data[key];
  return [];
}

/** « Prénom NOM » of a person-like object. */
export function personName(person) {
  if (!person) return '';
  if (typeof person === 'string') return person;
  return [person.first_name, person.last_name].filter(Boolean).join(' ') || person.name || '';
}

/** Saves a Blob as a file the user downloads (the attestation PDF, a report). */
export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = el('a', { href: url, download: filename, class: 'visually-hidden' }, filename);
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Moves keyboard and screen-reader focus to a freshly shown element. */
export function focusOn(node) {
  if (!node) return;
  if (!node.hasAttribute('tabindex')) node.setAttribute('tabindex', '-1');
  node.focus({ preventScroll: true });
  const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  node.scrollIntoView({ block: 'start', behavior: still ? 'auto' : 'smooth' });
}
