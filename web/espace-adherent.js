// Member area (espace-adherent.html): the member's own contract only (the server checks it is
// the session's contract): cover, rights today, reimbursements (amounts, never care details),
// contributions, and the attestation de tiers payant to download.

import {
  businessYear, definitions, el, fillSection, formatDate, listIn, markReady, message, personName,
  runPage, startPage, api,
} from './app.js';
import { TERMINATION_KINDS, label } from './labels.js';
import {
  beneficiariesTable, contractPath, contributionsView, downloadAttestation, namesOf,
  reimbursementsView, rightsView,
} from './vues-contrat.js';

const section = (id) => document.getElementById(id);

function coverView(contract) {
  const end = contract.termination;
  return [
    definitions([
      ['Numéro de contrat', contract.contract_id],
      ['Garantie', contract.product],
      ['Adhérent depuis le', formatDate(contract.adhesion_date)],
    ]),
    end ? message(`${label(TERMINATION_KINDS, end.kind) || 'Fin de l’adhésion'} : vous êtes couvert jusqu’au ${formatDate(end.effective_date)} inclus.`, 'warning') : null,
    el('h3', {}, 'Personnes couvertes'),
    beneficiariesTable(contract, { showIds: false }),
  ];
}

function greet(contract) {
  const member = listIn(contract, 'beneficiaries').find((person) => person.role === 'member');
  if (member) document.getElementById('bonjour').textContent = `Bonjour ${personName(member)}.`;
}

runPage(async () => {
  const me = await startPage({ roles: ['member'] });
  if (!me) return;
  const id = me.contract_id;
  if (!id) {
    document.getElementById('messages').append(
      message('Aucun contrat n’est associé à votre compte : contactez votre mutuelle.', 'error'));
    markReady();
    return;
  }

  const button = document.getElementById('bouton-attestation');
  button.addEventListener('click', () =>
    downloadAttestation(id, button, document.getElementById('attestation-message')));
  section('attestation').hidden = false;

  const contract = await fillSection(section('couverture'), () => api(contractPath(id)), coverView);
  const names = contract ? namesOf(contract) : new Map();
  if (contract) greet(contract);
  await Promise.all([
    fillSection(section('droits'), () => api(contractPath(id, 'rights')),
      (data) => rightsView(data, names, { showIds: false })),
    fillSection(section('remboursements'), () => api(contractPath(id, 'reimbursements')),
      (data) => reimbursementsView(data, { empty: 'Aucun remboursement pour le moment.' })),
    fillSection(section('cotisations'), () => api(contractPath(id, 'contributions'), { params: { year: businessYear() } }),
      (data) => contributionsView(data, names, { showIds: false })),
  ]);
  markReady();
});
