/** How the site and its tools write counts, numbers and page titles in French (src/lib/wording.ts). */
import { describe, expect, it } from 'vitest';
import { countOf, formatNumber, pageSuffix, plural } from '../../src/lib/wording.ts';

describe('French wording', () => {
  it('puts 0 and 1 in the singular and the rest in the plural', () => {
    expect(plural(0, 'erreur')).toBe('erreur');
    expect(plural(1, 'fiche')).toBe('fiche');
    expect(plural(2, 'fiche')).toBe('fiches');
    expect(plural(3, 'fiche trouvée', 'fiches trouvées')).toBe('fiches trouvées');
  });

  it('sets thousands apart with a narrow space and writes a decimal comma', () => {
    expect(formatNumber(30475)).toBe('30\u202f475');
    expect(formatNumber(3.5)).toBe('3,5');
    expect(formatNumber(12, 1)).toBe('12,0');
    expect(formatNumber(-4.25, 1)).toBe('-4,3');
  });

  it('writes a count with its word', () => {
    expect(countOf(1, 'autre')).toBe('1 autre');
    expect(countOf(1234, 'fiche inactive', 'fiches inactives')).toBe('1\u202f234 fiches inactives');
  });

  it('numbers the pages after the first in a title', () => {
    expect(pageSuffix(1)).toBe('');
    expect(pageSuffix(2)).toBe(' (page 2)');
  });
});
