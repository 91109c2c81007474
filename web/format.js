// French formatting of what the API returns: dates « 6 décembre 2026 », money « 1 234,50 € »,
// counts as given. Kept apart from app.js so that labels.js can use it without a cycle.

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août',
  'septembre', 'octobre', 'novembre', 'décembre'];
const NBSP = '\u00a0'; // before €
const NNBSP = '\u202f'; // thousands separator, as French typography (and Intl fr-FR) use

/** "2026-12-06" → « 6 décembre 2026 » (« 1er » for the first day); "—" when empty. */
export function formatDate(iso) {
  if (!iso) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso));
  if (!match) return String(iso);
  const day = Number(match[3]);
  return `${day === 1 ? '1er' : day} ${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
}

/** An ISO timestamp in the browser's time zone: « 6 décembre 2026 à 14:05 ». */
export function formatDateTime(iso) {
  if (!iso) return '—';
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return String(iso);
  const pad = (n) => String(n).padStart(2, '0');
  const day = `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}`;
  return `${formatDate(day)} à ${pad(when.getHours())}:${pad(when.getMinutes())}`;
}

/**
 * Money as the API gives it ("1234.50", "-22.64") → « 1 234,50 € ». Worked on the string, not
 * through a float, so a cent is never lost; a value that is not a plain amount is shown as is.
 */
export function formatMoney(value) {
  if (value === null || value === undefined || value === '') return '—';
  const text = typeof value === 'number' ? value.toFixed(2) : String(value).trim();
  const match = /^([-+]?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return text;
  const [, sign, units, cents = ''] = match;
  const grouped = units.replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP);
  return `${sign === '-' ? '-' : ''}${grouped},${cents.padEnd(2, '0')}${NBSP}€`;
}

/** A count as given: numbers grouped the French way, anything else (« < 5 ») unchanged. */
export function formatCount(value) {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'number') return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP);
  return String(value);
}

/** A time "14:00" → « 14 h 00 ». */
export function formatTime(value) {
  const match = /^(\d{1,2}):(\d{2})/.exec(String(value ?? ''));
  return match ? `${Number(match[1])}${NNBSP}h${NNBSP}${match[2]}` : String(value ?? '');
}
