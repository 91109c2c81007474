// One care line's explanation on its own page (prestation.html?claim=...&line=...): reached
// from the care-line lookup of the search page, or from a « Détail » link opened in a new tab.

import { ApiError, el, errorMessage, markReady, message, pageParam, pageUrl, runPage, startPage } from './app.js';
import { loadExplanation, renderExplanation } from './explication.js';

const CARE_LINE_ROLES = ['claims', 'medical_adviser'];

runPage(async () => {
  const me = await startPage({ roles: CARE_LINE_ROLES });
  if (!me) return;
  const output = document.getElementById('detail');
  const claim = (pageParam('claim') ?? '').trim();
  const line = (pageParam('line') ?? '').trim();
  document.getElementById('retour').href = pageUrl('recherche.html');

  if (!claim || !/^\d+$/.test(line)) {
    output.replaceChildren(message('Indiquez un numéro de décompte et un numéro de ligne.', 'error'));
    markReady();
    return;
  }
  output.replaceChildren(el('p', { class: 'loading' }, 'Chargement…'));
  try {
    const doc = await loadExplanation(claim, line);
    document.title = `Décompte ${claim}, ligne ${line} — mutua`;
    output.replaceChildren(renderExplanation(doc, { headingLevel: 2, contractLink: true }));
  } catch (error) {
    const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
    output.replaceChildren(message(
      notFound ? `Aucune ligne ${line} pour le décompte ${claim}.` : errorMessage(error), 'error'));
  }
  markReady();
});
