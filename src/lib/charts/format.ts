/**
 * How the figures of a chart read in French, in the picture, its description and its table alike.
 */

/** What the page says where the export gives no figure. */
export const NON_COMMUNIQUE = 'non communiqué';

const nombre = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** `3899` → `3 899` (French thousands separator). */
export function formatNombre(value: number): string {
  return nombre.format(value);
}

/** `76` → `76 %`, with the non-breaking space French puts before the sign. */
export function formatTaux(value: number): string {
  return `${nombre.format(value)}\u00a0%`;
}

/** A figure, or « non communiqué » when the export has none. */
export function orNonCommunique(value: number | undefined, format: (n: number) => string): string {
  return value === undefined ? NON_COMMUNIQUE : format(value);
}

/** `[a, b, c]` → `a, b et c`. */
export function enumerate(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} et ${items.at(-1)}`;
}

/**
 * Shortens a text to at most `max` characters at a word boundary, with an ellipsis. SVG text does
 * not wrap: the picture shows the start of a long title, the table beside it the whole title.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
