/**
 * How the site and its tools write numbers, plurals, dates and unknowns in French, in one place: the
 * pages, the search page's script (it runs in the browser, so nothing here may use Node) and the
 * command-line tools all say « 1 234 fiches », « 3 mars 2007 » and « Non précisé dans la source » the
 * same way.
 */

let numberFormat: Intl.NumberFormat | undefined;

/**
 * A number as French readers write it: « 1 234 », « 3,5 » (thousands set apart by a narrow space, a
 * decimal comma); with `digits`, always that many decimals (« 12,0 »).
 */
export function formatNumber(n: number, digits?: number): string {
  if (digits !== undefined) {
    return n.toLocaleString('fr-FR', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
  }
  numberFormat ??= new Intl.NumberFormat('fr-FR');
  return numberFormat.format(n);
}

let figureFormat: Intl.NumberFormat | undefined;

/** A figure of the statistics, one decimal at most: `3899` → `3 899`, `87.54` → `87,5`. */
export function formatFigure(value: number): string {
  figureFormat ??= new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
  return figureFormat.format(value);
}

/** `76` → `76 %`, with the non-breaking space French puts before the sign. */
export function formatRate(value: number): string {
  return `${formatFigure(value)}\u00a0%`;
}

/** What a chart says where the export gives no figure. */
export const NON_COMMUNIQUE = 'non communiqué';

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
 * The word that goes with `count`: the singular for 0 and 1, as French has it (« 0 erreur »,
 * « 1 fiche »), the plural from 2 (by default the singular with an s).
 */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return count > 1 ? pluralForm : singular;
}

/** A count and its word: « 1 fiche trouvée », « 1 234 fiches trouvées ». */
export function countOf(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatNumber(count)} ${plural(count, singular, pluralForm)}`;
}

/** What a page after the first adds to its title: « (page 2) ». */
export function pageSuffix(currentPage: number): string {
  return currentPage > 1 ? ` (page ${currentPage})` : '';
}

// Made on first use, so that the search script, which writes no date, does not carry it.
let dateFormat: Intl.DateTimeFormat | undefined;

/** `2007-03-03` → `3 mars 2007`, whatever the time zone of the machine. */
export function formatDate(iso: string): string {
  dateFormat ??= new Intl.DateTimeFormat('fr-FR', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return dateFormat.format(new Date(`${iso}T00:00:00Z`));
}

/** What a page says where the source leaves a fact unknown; the page never guesses it. */
export const NON_PRECISE = 'Non précisé dans la source';

/** How a yes / no / unknown fact reads on the page. */
export function ouiNon(value: boolean | null | undefined): string {
  if (value === true) return 'Oui';
  if (value === false) return 'Non';
  return NON_PRECISE;
}
