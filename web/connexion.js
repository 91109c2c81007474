// Sign-in page (index.html): POST /api/login, then off to the page of the user's role.

import {
  ALL_STAFF, ApiError, api, errorMessage, homeFor, markReady, message, pageParam, pageUrl,
  rememberSignIn,
} from './app.js';

const form = document.getElementById('connexion');
const username = document.getElementById('identifiant');
const password = document.getElementById('mot-de-passe');
const submit = form.querySelector('button[type="submit"]');
const messages = document.getElementById('messages');

// Why we are here, set by the page that sent the user back (app.js) or by « Se déconnecter ».
const REASONS = {
  'session-expiree': ['Session expirée', 'warning'],
  deconnexion: ['Vous êtes déconnecté.', 'success'],
};

/** The page to open after signing in: the one the user was on (staff only), else the role's. */
function destination(role) {
  const next = pageParam('suite');
  // Only a page of this site, by its plain file name: never an absolute or protocol URL.
  const safe = next && /^[a-z-]+\.html(\?[^#]*)?$/.test(next) && !next.startsWith('index.html');
  if (safe && ALL_STAFF.includes(role)) return next;
  return pageUrl(homeFor(role));
}

function say(text, kind) {
  messages.replaceChildren(message(text, kind));
}

/** Marks the empty fields, says which, and focuses the first one. Returns true when complete. */
function checkFields() {
  const missing = [];
  for (const [input, name] of [[username, 'votre identifiant'], [password, 'votre mot de passe']]) {
    const empty = input.value.trim() === '';
    input.setAttribute('aria-invalid', empty ? 'true' : 'false');
    if (empty) missing.push([input, name]);
  }
  if (!missing.length) return true;
  say(`Saisissez ${missing.map(([, name]) => name).join(' et ')}.`, 'error');
  missing[0][0].focus();
  return false;
}

async function signIn(event) {
  event.preventDefault();
  if (!checkFields()) return;
  submit.disabled = true;
  say('Connexion en cours…', 'info');
  try {
    const session = await api('/api/login', {
      method: 'POST',
      body: { username: username.value.trim(), password: password.value },
      redirectOn401: false,
    });
    rememberSignIn();
    window.location.assign(destination(session.role));
  } catch (error) {
    password.value = '';
    submit.disabled = false;
    if (error instanceof ApiError && error.status === 401) {
      say('Identifiant ou mot de passe incorrect', 'error');
    } else if (error instanceof ApiError && error.status === 429) {
      say('Trop de tentatives : réessayez dans quelques minutes', 'error');
    } else {
      say(errorMessage(error), 'error');
    }
    password.focus();
  }
}

/** Someone already signed in (a bookmark to this page) goes straight to their page. */
async function skipIfSignedIn() {
  try {
    const me = await api('/api/me', { redirectOn401: false });
    if (me?.role) window.location.replace(destination(me.role));
  } catch {
    // Not signed in (401), or no server behind the page: the form is what is needed.
  }
}

const reason = REASONS[pageParam('motif')];
if (reason) say(...reason);
form.addEventListener('submit', signIn);
markReady();
if (!reason) skipIfSignedIn();
// The form is usable at once; the first field gets the focus unless a message must be read.
if (!reason) username.focus();
