/**
 * The 404 page's only code: when its own address is a short address (`/RNCP6133/`, `/rs5000`…, see
 * src/lib/short-address.ts), it asks the host whether the fiche's page exists (a HEAD request: no
 * body, a few hundred bytes, where /recherche/codes.json weighs tens of kB at 30,000 fiches) and
 * replaces the address with the page's, or says in the page's live region that the fiche is not in
 * this catalogue, with a link to France Compétences. On any other address it does nothing.
 */
import { shortAddressOf, type ShortAddress } from '../lib/short-address.ts';

const fiche = shortAddressOf(location.pathname);
const region = document.getElementById('short-address');
if (fiche && region) void resolve(fiche, region);

/** Whether the host has the page: true, false (404 or 410), or undefined (no answer, other status). */
async function exists(path: string): Promise<boolean | undefined> {
  try {
    const response = await fetch(path, { method: 'HEAD', cache: 'no-cache' });
    if (response.ok) return true;
    return response.status === 404 || response.status === 410 ? false : undefined;
  } catch {
    return undefined;
  }
}

function link(href: string, text: string, external = false): HTMLAnchorElement {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  if (external) a.rel = 'noopener noreferrer';
  return a;
}

async function resolve(fiche: ShortAddress, region: HTMLElement): Promise<void> {
  const found = await exists(fiche.path);
  if (found) {
    location.replace(fiche.path + location.search + location.hash);
    return;
  }
  region.className = 'notice';
  region.replaceChildren(
    ...(found === false
      ? [
          `La fiche ${fiche.label} n'est pas dans ce catalogue. Si elle existe, France Compétences la publie : `,
          link(fiche.franceCompetences, `${fiche.label} sur francecompetences.fr`, true),
          '.',
        ]
      : [
          `Si la fiche ${fiche.label} est dans ce catalogue, elle se trouve à l'adresse `,
          link(fiche.path, fiche.path),
          '.',
        ]),
  );
}
