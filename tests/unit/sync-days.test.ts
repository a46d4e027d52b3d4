/**
 * `npm run sync` against a local data.gouv.fr (tests/support/datagouv-server.ts) serving exports
 * built from the real samples: a first synchronisation, the same day again, the next day with changed,
 * inactive, absent and new fiches (the exact journal and feed entries), a fiche coming back, and the
 * command itself.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import jsYaml from 'js-yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { untouchedSinceImport } from '../../src/lib/import/render.ts';
import { fluxAtom } from '../../src/lib/journal/feeds.ts';
import { lignesJournal, lignesParCode } from '../../src/lib/journal/lines.ts';
import { validateSyncData } from '../../src/lib/journal/validate.ts';
import { runSync } from '../../src/lib/sync/run.ts';
import { ficheSchema } from '../../src/schema/fiche.ts';
import { journalJourSchema } from '../../src/schema/journal.ts';
import { synchronisationSchema } from '../../src/schema/synchronisation.ts';
import { DataGouvServer } from '../support/datagouv-server.ts';
import { snapshot, syncFolder, type SyncFolder } from '../support/sync-catalogue.ts';
import { day1, day2, exportZips, removeFiche } from '../support/sync-exports.ts';

const server = new DataGouvServer();
beforeAll(async () => {
  await server.start();
});
afterAll(() => server.stop());

let folder: SyncFolder;
afterEach(() => folder?.remove());

const frontmatter = (file: string) =>
  jsYaml.load(
    readFileSync(file, 'utf8')
      .split('\n---\n')[0]!
      .replace(/^---\n/, ''),
  ) as Record<string, unknown>;

async function firstDay(): Promise<void> {
  folder = syncFolder(server.api);
  server.serve(await exportZips('2026-08-16', day1()));
  await runSync(folder.options);
}

describe('npm run sync', () => {
  it('first sync: finds the day’s zips through the listing’s pages, imports both, records it; no journal yet', async () => {
    folder = syncFolder(server.api);
    server.others = [
      { id: 'csv', title: 'export-fiches-csv-2026-08-16.zip', url: `${server.base}/files/csv.zip` },
      {
        id: 'v3',
        title: 'export-fiches-rncp-v3-0-2026-08-16.zip',
        url: `${server.base}/files/v3.zip`,
      },
    ];
    server.serve(await exportZips('2026-08-16', day1()));
    const before = server.log.length;
    const report = await runSync(folder.options);
    server.others = [];
    const listing = server.log.slice(before).filter((r) => r.path.startsWith('/api/'));
    expect(listing.length).toBeGreaterThan(1); // two resources a page: the client followed the pages
    expect(
      server
        .downloads()
        .slice(-2)
        .map((r) => r.path),
    ).toEqual([
      '/files/export-fiches-rncp-v4-1-2026-08-16.zip',
      '/files/export-fiches-rs-v4-1-2026-08-16.zip',
    ]);
    expect(report.statut).toBe('synchronise');
    expect(report.initial).toBe(true);
    expect(existsSync(path.join(folder.fiches, 'rncp/34762.md'))).toBe(true);
    expect(existsSync(path.join(folder.fiches, 'rs/90020.md'))).toBe(true);
    const record = synchronisationSchema.parse(
      JSON.parse(readFileSync(path.join(folder.content, 'synchronisation.json'), 'utf8')),
    );
    expect(record).toMatchObject({
      date_export: '2026-08-16',
      totaux: {
        lues: 33,
        ecrites: 33,
        nouvelles: 33,
        inchangees: 0,
        modifiees_a_la_main: 0,
        refusees: 0,
        absentes: 0,
      },
    });
    expect(
      record.ressources.map((r) => [r.repertoire, r.fichier, r.entree, r.version_flux]),
    ).toEqual([
      [
        'RNCP',
        'export-fiches-rncp-v4-1-2026-08-16.zip',
        'export_fiches_RNCP_V4_1_2026-08-16.xml',
        '4.1',
      ],
      ['RS', 'export-fiches-rs-v4-1-2026-08-16.zip', 'export_fiches_RS_V4_1_2026-08-16.xml', '4.1'],
    ]);
    expect(record.ressources[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(path.join(folder.content, 'journal'))).toBe(false);
    expect(
      existsSync(path.join(folder.options.cache!, 'export-fiches-rncp-v4-1-2026-08-16.zip')),
    ).toBe(true);
    expect(validateSyncData(folder.content)).toEqual([]);
  });

  it('second sync of the same day: nothing downloaded, not a byte changed', async () => {
    await firstDay();
    const before = snapshot(folder.content);
    const downloads = server.downloads().length;
    const report = await runSync(folder.options);
    expect(report.statut).toBe('a_jour');
    expect(server.downloads().length).toBe(downloads);
    expect(snapshot(folder.content)).toEqual(before);
  });

  it('next day: the exact journal, absent and new fiches, hand-edited fiches left and listed, the feeds', async () => {
    await firstDay();
    // An editor corrected two fiches; the export changes one of them the next day.
    const edited = path.join(folder.fiches, 'rs/5568.md');
    const editedText = readFileSync(edited, 'utf8').replace(
      /\n$/,
      '\nPrécision ajoutée par un éditeur.\n',
    );
    writeFileSync(edited, editedText);
    const untouchedByExport = path.join(folder.fiches, 'rs/5719.md');
    writeFileSync(
      untouchedByExport,
      readFileSync(untouchedByExport, 'utf8') + '\nAutre précision.\n',
    );
    const unchanged = readFileSync(path.join(folder.fiches, 'rncp/34762.md'), 'utf8');

    server.serve(await exportZips('2026-08-17', day2()));
    const report = await runSync(folder.options);

    const jour = journalJourSchema.parse(
      JSON.parse(readFileSync(path.join(folder.content, 'journal/2026-08-17.json'), 'utf8')),
    );
    expect(jour.fiches.map((f) => [f.numero, f.changements])).toEqual([
      [
        'RNCP35959',
        [
          { type: 'intitule', avant: 'Développeur web', apres: 'Développeur web et web mobile' },
          { type: 'rome', ajoutes: ['M1805'], retires: [] },
          {
            type: 'blocs',
            ajoutes: [],
            retires: [],
            renommes: [
              {
                code: 'RNCP35959BC01',
                avant: 'Formaliser un besoin numérique',
                apres: 'Formaliser et chiffrer un besoin numérique',
              },
            ],
          },
          { type: 'voies_acces', ouvertes: [], fermees: ['vae'] },
        ],
      ],
      [
        'RNCP37488',
        [
          { type: 'statut', actif: false },
          { type: 'fin_enregistrement', avant: '2028-08-31', apres: '2026-08-31' },
        ],
      ],
      ['RS6604', [{ type: 'absente_export' }]],
      ['RS90100', [{ type: 'nouvelle' }]],
    ]);
    expect(jour.fiches[0]).toMatchObject({
      intitule: 'Développeur web et web mobile',
      niveau: '5',
    });
    expect(jour.fiches[0]!.rome).toContain('M1805');

    // The absent fiche stays, marked, still « as imported », and valid.
    const absent = path.join(folder.fiches, 'rs/6604.md');
    expect(frontmatter(absent)['absent_export_depuis']).toBe('2026-08-17');
    expect(untouchedSinceImport(readFileSync(absent, 'utf8'))).toBe(true);
    expect(ficheSchema.safeParse(frontmatter(absent)).success).toBe(true);
    // Hand-edited fiches are left alone; the one whose source changed is to reconcile.
    expect(readFileSync(edited, 'utf8')).toBe(editedText);
    expect(report.record!.a_reconcilier).toEqual(['RS5568']);
    expect(report.record!.absentes).toEqual(['RS6604']);
    expect(report.record!.totaux).toMatchObject({
      lues: 33,
      nouvelles: 1,
      mises_a_jour: 2,
      modifiees_a_la_main: 2,
    });
    // Only the export's name changed for the others: their files are as they were.
    expect(readFileSync(path.join(folder.fiches, 'rncp/34762.md'), 'utf8')).toBe(unchanged);
    expect(validateSyncData(folder.content)).toEqual([]);

    // The feeds: the catalogue's, and M1805's (only RNCP35959 cites it).
    const site = new URL('https://fiches.example.org');
    const lignes = lignesJournal([jour]);
    const all = parseFeed(
      fluxAtom({
        site,
        path: '/nouveautes.xml',
        page: '/nouveautes/',
        titre: 'Nouveautés',
        lignes,
        dernierJour: '2026-08-17',
      }),
    );
    expect(all.items.map((i) => [i.id, i.url, i.updated?.toISOString()])).toEqual(
      ['RNCP35959', 'RNCP37488', 'RS6604', 'RS90100'].map((n) => [
        `tag:fiches.example.org,2026-08-17:${n}`,
        `https://fiches.example.org/${n.startsWith('RS') ? 'rs' : 'rncp'}/${n.replace(/\D+/, '')}/`,
        '2026-08-17T00:00:00.000Z',
      ]),
    );
    const m1805 = parseFeed(
      fluxAtom({
        site,
        path: '/flux/rome/M1805.xml',
        page: '/rome/M1805/',
        titre: 'M1805',
        lignes: lignesParCode(lignes, 'rome').get('M1805') ?? [],
        dernierJour: '2026-08-17',
      }),
    );
    expect(m1805.items.map((i) => [i.id, i.title, i.description])).toEqual([
      [
        'tag:fiches.example.org,2026-08-17:RNCP35959',
        'RNCP 35959 : Développeur web et web mobile',
        "Intitulé changé : « Développeur web » devient « Développeur web et web mobile » ; Code ROME ajouté : M1805 ; Bloc RNCP35959BC01 renommé : « Formaliser un besoin numérique » devient « Formaliser et chiffrer un besoin numérique » ; Voie d’accès fermée : par expérience (validation des acquis de l'expérience)",
      ],
    ]);
    expect(m1805.self).toBe('https://fiches.example.org/flux/rome/M1805.xml');
  });

  it('a fiche back in the export loses its mark, and the journal says so', async () => {
    await firstDay();
    server.serve(
      await exportZips('2026-08-17', { RNCP: day1().RNCP, RS: removeFiche(day1().RS, 'RS6604') }),
    );
    await runSync(folder.options);
    expect(frontmatter(path.join(folder.fiches, 'rs/6604.md'))['absent_export_depuis']).toBe(
      '2026-08-17',
    );
    server.serve(await exportZips('2026-08-18', day1()));
    const report = await runSync(folder.options);
    expect(report.retours).toEqual(['RS6604']);
    expect(
      frontmatter(path.join(folder.fiches, 'rs/6604.md'))['absent_export_depuis'],
    ).toBeUndefined();
    const jour = JSON.parse(
      readFileSync(path.join(folder.content, 'journal/2026-08-18.json'), 'utf8'),
    );
    expect(jour.fiches).toEqual([
      expect.objectContaining({ numero: 'RS6604', changements: [{ type: 'retour_export' }] }),
    ]);
  });

  it('the command: two days through `npm run sync`, exit 0, a French summary, the pull request body', async () => {
    folder = syncFolder();
    // Not spawnSync: the server answering the command runs in this process.
    const run = (...args: string[]) =>
      promisify(execFile)(
        process.execPath,
        [path.resolve('scripts/sync.ts'), '--api', server.api, '--jobs', '0', ...args],
        { cwd: folder.root, encoding: 'utf8' },
      ).then(
        ({ stdout, stderr }) => ({ status: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({
          status: error.code,
          stdout: error.stdout,
          stderr: error.stderr,
        }),
      );
    server.serve(await exportZips('2026-08-16', day1()));
    const first = await run();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('33 lues, 33 écrites (33 nouvelles, 0 mise à jour)');
    server.serve(await exportZips('2026-08-17', day2()));
    const summary = path.join(folder.root, 'pr.md');
    const second = await run('--summary', summary);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain('Journal : content/journal/2026-08-17.json, 5 fiches');
    expect(second.stdout).toContain('RNCP 37488 : Fiche devenue inactive');
    expect(second.stderr).toContain('export-fiches-rs-v4-1-2026-08-17.zip : ');
    expect(readFileSync(summary, 'utf8')).toContain(
      '**RS 90100** Enseigner l’anglais (CELTA) : Nouvelle fiche',
    );
    const third = await run();
    expect(third.status).toBe(0);
    expect(third.stdout).toContain('déjà à jour de l’export du 2026-08-17');
    if (process.env['SYNC_PRINT'])
      console.log(first.stdout, second.stderr, second.stdout, third.stdout);
  });
});
