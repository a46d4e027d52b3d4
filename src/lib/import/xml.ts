/**
 * Streaming reader of the France Compétences XML export (V4.1, and the V2/V3 layout): `saxes` parses the
 * file chunk by chunk and the reader yields each FICHE as its own piece of XML text, as soon as its
 * closing tag has been read. Memory holds one chunk (1 MiB) and the fiche being read, whatever the size
 * of the export.
 *
 * The whole file is checked for well-formedness here, in the main thread; each fiche's text is then
 * parsed again into an element tree (`parseFiche`) by whichever thread converts it. Handing text to the
 * worker threads costs far less than building trees and copying them across.
 *
 * Text and CDATA sections are both accepted (the real export wraps its HTML texts in CDATA, the sample
 * files escape them). A well-formedness error stops the reading with an `XmlSyntaxError` that carries
 * the line and column where the parser stopped.
 */
import { createReadStream } from 'node:fs';
import { SaxesParser } from 'saxes';
import { node, type XNode } from './tree.ts';

export class XmlSyntaxError extends Error {
  readonly line: number;
  readonly column: number;
  readonly detail: string;
  constructor(detail: string, line: number, column: number) {
    super(`XML mal formé, ligne ${line}, colonne ${column} : ${detail}`);
    this.name = 'XmlSyntaxError';
    this.detail = detail;
    this.line = line;
    this.column = column;
  }
}

/** What the reader learns about the export besides its fiches. */
export interface ExportInfo {
  /** Name of the root element (FICHES). */
  root?: string;
  /** Content of FICHES/VERSION_FLUX ("4.1"). */
  versionFlux?: string;
  /** Children of the root other than FICHE and VERSION_FLUX, with their counts. */
  unknownTopLevel: Map<string, number>;
  /** FICHE elements met (read or passed over). */
  fichesSeen: number;
  /** FICHE elements passed over because `only` did not ask for them. */
  fichesPassed: number;
  bytesRead: number;
}

export function newExportInfo(): ExportInfo {
  return { unknownTopLevel: new Map(), fichesSeen: 0, fichesPassed: 0, bytesRead: 0 };
}

/** One FICHE of the export: its XML text, the line it starts on, and its number when it has one. */
export interface FicheSource {
  xml: string;
  line: number;
  numero?: string;
}

export interface ReadOptions {
  /** Numbers to keep (RNCP34762, RS5000); other fiches are passed over. */
  only?: ReadonlySet<string>;
  info?: ExportInfo;
  chunkSize?: number;
}

const ENCODINGS: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'iso-8859-1': 'latin1',
  'iso-8859-15': 'iso-8859-15',
  latin1: 'latin1',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
};

function decoderFor(first: Buffer): TextDecoder {
  const head = first.subarray(0, 256).toString('latin1');
  const declared = /^\uFEFF?\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i
    .exec(head)?.[1]
    ?.toLowerCase();
  const label = declared === undefined ? 'utf-8' : ENCODINGS[declared];
  if (label === undefined) {
    throw new XmlSyntaxError(`encodage « ${declared} » non pris en charge (attendu UTF-8)`, 1, 1);
  }
  return new TextDecoder(label, { fatal: label === 'utf-8' });
}

function onError(parser: SaxesParser, lineOffset = 0) {
  parser.on('error', (error) => {
    const detail = error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '');
    throw new XmlSyntaxError(detail, parser.line + lineOffset, parser.column);
  });
}

/** Yields each FICHE of the export (or of `only`), as soon as its closing tag has been read. */
export async function* readFiches(
  path: string,
  options: ReadOptions = {},
): AsyncGenerator<FicheSource> {
  const info = options.info ?? newExportInfo();
  const only = options.only;
  const parser = new SaxesParser({ position: true });
  onError(parser);
  const ready: FicheSource[] = [];

  type Mode = 'none' | 'fiche' | 'version' | 'skip';
  let mode: Mode = 'none';
  let modeDepth = 0;
  let depth = 0;
  let version = '';
  // The text read so far that may still be needed: from the start of the current fiche.
  let buffer = '';
  let bufferStart = 0;
  let written = 0;
  let ficheStart = -1;
  let ficheLine = 0;
  let numero: string | undefined;
  let inNumero = false;
  let numeroText = '';

  const startFiche = () => {
    info.fichesSeen++;
    const at = buffer.lastIndexOf('<', parser.position - 1 - bufferStart);
    ficheStart = bufferStart + at;
    ficheLine = parser.line;
    numero = undefined;
    mode = 'fiche';
    modeDepth = depth;
  };

  parser.on('opentag', (tag) => {
    depth++;
    if (mode === 'fiche') {
      if (depth === modeDepth + 1 && tag.name === 'NUMERO_FICHE') {
        inNumero = true;
        numeroText = '';
      }
      return;
    }
    if (mode !== 'none') return;
    if (depth === 1) {
      info.root = tag.name;
      if (tag.name === 'FICHE') startFiche();
      return;
    }
    if (tag.name === 'FICHE') {
      startFiche();
    } else if (tag.name === 'VERSION_FLUX') {
      mode = 'version';
      modeDepth = depth;
      version = '';
    } else {
      info.unknownTopLevel.set(tag.name, (info.unknownTopLevel.get(tag.name) ?? 0) + 1);
      mode = 'skip';
      modeDepth = depth;
    }
  });

  parser.on('closetag', () => {
    if (mode === 'fiche') {
      if (inNumero && depth === modeDepth + 1) {
        inNumero = false;
        const value = numeroText.replace(/\s+/g, '').toUpperCase();
        numero ??= value === '' ? undefined : value;
        if (only && (numero === undefined || !only.has(numero))) {
          info.fichesPassed++;
          mode = 'skip';
        }
      } else if (depth === modeDepth) {
        const xml = buffer.slice(ficheStart - bufferStart, parser.position - bufferStart);
        if (!xml.startsWith('<FICHE') || !xml.endsWith('>')) {
          throw new Error(`découpage de la fiche de la ligne ${ficheLine} impossible`);
        }
        if (only && numero === undefined) info.fichesPassed++;
        else ready.push({ xml, line: ficheLine, ...(numero !== undefined ? { numero } : {}) });
        mode = 'none';
      }
    } else if (mode !== 'none' && depth === modeDepth) {
      if (mode === 'version') info.versionFlux = version.trim();
      mode = 'none';
    }
    depth--;
  });

  const onText = (text: string) => {
    if (inNumero) numeroText += text;
    else if (mode === 'version') version += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);

  const stream = createReadStream(path, { highWaterMark: options.chunkSize ?? 1 << 20 });
  let decoder: TextDecoder | undefined;
  const decode = (chunk?: Buffer) => {
    try {
      return chunk ? decoder!.decode(chunk, { stream: true }) : decoder!.decode();
    } catch {
      throw new XmlSyntaxError(
        `octets invalides en UTF-8 vers l’octet ${info.bytesRead} du fichier`,
        parser.line,
        parser.column,
      );
    }
  };
  const feed = (text: string) => {
    buffer = buffer === '' ? text : buffer + text;
    written += text.length;
    parser.write(text);
    // Keep only what the fiche being read needs; between fiches, the last '<' may open the next
    // FICHE tag, cut by the end of the chunk.
    const lastTag = buffer.lastIndexOf('<');
    const keepFrom = mode === 'fiche' ? ficheStart : lastTag < 0 ? written : bufferStart + lastTag;
    if (keepFrom > bufferStart) {
      buffer = buffer.slice(keepFrom - bufferStart);
      bufferStart = keepFrom;
    }
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      decoder ??= decoderFor(chunk);
      info.bytesRead += chunk.length;
      feed(decode(chunk));
      while (ready.length > 0) yield ready.shift()!;
    }
    if (!decoder) throw new XmlSyntaxError('fichier vide', 1, 1);
    feed(decode());
    parser.close();
    while (ready.length > 0) yield ready.shift()!;
  } finally {
    stream.destroy();
  }
}

/** The element tree of one FICHE's text (from `readFiches`), lines counted in the export. */
export function parseFiche(source: FicheSource): XNode {
  const parser = new SaxesParser({ position: true });
  onError(parser, source.line - 1);
  let root: XNode | undefined;
  const stack: XNode[] = [];
  parser.on('opentag', (tag) => {
    const n = node(tag.name, parser.line + source.line - 1);
    const names = Object.keys(tag.attributes);
    if (names.length > 0) {
      n.attributes = Object.fromEntries(names.map((k) => [k, String(tag.attributes[k])]));
    }
    if (stack.length > 0) stack[stack.length - 1]!.children.push(n);
    else root = n;
    stack.push(n);
  });
  parser.on('closetag', () => void stack.pop());
  const onText = (text: string) => {
    if (stack.length > 0) stack[stack.length - 1]!.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.write(source.xml).close();
  return root!;
}
