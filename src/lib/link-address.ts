/**
 * The one rule for a link in a fiche: only a web address (`http://`, `https://`) or an e-mail address
 * (`mailto:`), read without the spaces around it (Markdown's `[texte](< https://… >)` keeps them).
 * The validator refuses any other link, the importer keeps its text and drops its address, and the
 * fiche page shows it as text: all three ask here, so that a link the validator accepts is a link
 * on the page.
 */
/** The address to link to, trimmed, or undefined when the link must not be followed. */
export function safeLinkAddress(url: string): string | undefined {
  const address = url.trim();
  // In the function, not a module constant: a mutation test changes it for the tests that call it.
  return /^(?:https?:\/\/|mailto:)/i.test(address) ? address : undefined;
}
