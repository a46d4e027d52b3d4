/**
 * Which link addresses a fiche may hold (src/lib/link-address.ts), the rule shared by the validator,
 * the importer and the fiche page: web and e-mail addresses, read without the spaces around them;
 * nothing that a browser would run, resolve against the site, or read as another scheme.
 */
import { describe, expect, it } from 'vitest';
import { safeLinkAddress } from '../../src/lib/link-address.ts';

describe('safeLinkAddress', () => {
  it.each([
    ['https://exemple.fr/', 'https://exemple.fr/'],
    ['http://exemple.fr', 'http://exemple.fr'],
    ['HTTPS://EXEMPLE.FR/', 'HTTPS://EXEMPLE.FR/'],
    ['mailto:contact@exemple.fr', 'mailto:contact@exemple.fr'],
    ['MailTo:contact@exemple.fr', 'MailTo:contact@exemple.fr'],
    ['  https://exemple.fr/a b  ', 'https://exemple.fr/a b'],
    ['\n\thttps://exemple.fr/\n', 'https://exemple.fr/'],
  ])('follows %j as %j', (url, address) => {
    expect(safeLinkAddress(url)).toBe(address);
  });

  it.each([
    'javascript:alert(1)',
    ' javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'vbscript:msgbox',
    'file:///etc/passwd',
    'ftp://exemple.fr/',
    'https:exemple.fr',
    'http:/exemple.fr',
    '//exemple.fr/',
    '/admin/',
    '#ancre',
    'exemple.fr',
    'x https://exemple.fr/',
    '',
    '   ',
  ])('refuses %j', (url) => {
    expect(safeLinkAddress(url)).toBeUndefined();
  });
});
