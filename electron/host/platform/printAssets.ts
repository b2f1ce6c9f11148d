import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/contract/define';
import { ConfinedFolder } from './confinedFolder';

/** One font file, embedded in the print HTML as a data URI. */
export interface EmbeddedFont {
  family: string;
  weight: 400 | 700;
  style: 'normal' | 'italic';
  /** The subset's characters, as fontsource lists them (`U+0000-00FF,…`): the browser only uses it for those. */
  unicodeRange: string;
  woff2Base64: string;
}

/** What every print HTML inlines: the stylesheet, the fonts, and the paginator (used only for page-bottom notes). */
export interface PrintAssets {
  /** `resources/print/brief.css`. */
  stylesheet: string;
  fonts: EmbeddedFont[];
  /** pagedjs 0.4.3's polyfill build, run inline (a `file://` or remote script would be refused by the page's CSP). */
  paginator: string;
}

interface FontPackage {
  name: string;
  family: string;
  /** The file name prefix inside the package's `files/`. */
  prefix: string;
  faces: ReadonlyArray<{ weight: 400 | 700; style: 'normal' | 'italic' }>;
}

const SUBSETS = ['latin', 'latin-ext'] as const;
const FONT_PACKAGES: readonly FontPackage[] = [
  {
    name: '@fontsource/source-serif-4',
    family: 'Source Serif 4',
    prefix: 'source-serif-4',
    faces: [
      { weight: 400, style: 'normal' },
      { weight: 400, style: 'italic' },
      { weight: 700, style: 'normal' },
      { weight: 700, style: 'italic' },
    ],
  },
  {
    name: '@fontsource/source-sans-3',
    family: 'Source Sans 3',
    prefix: 'source-sans-3',
    faces: [
      { weight: 400, style: 'normal' },
      { weight: 700, style: 'normal' },
    ],
  },
];

const PAGINATOR_PACKAGE = 'pagedjs';
const PAGINATOR_FILE = 'dist/paged.polyfill.js';
const STYLESHEET_FILE = 'print/brief.css';

const MAX_STYLESHEET_BYTES = 256 * 1024;
const MAX_FONT_BYTES = 512 * 1024;
const MAX_PAGINATOR_BYTES = 4 * 1024 * 1024;
const UnicodeRangesSchema = z.record(z.string(), z.string().regex(/^[U+0-9A-Fa-f,-]+$/));

const resolveFromHere = createRequire(import.meta.url);

/**
 * The folder of an installed package, found the way Node finds it (so hoisting and the packaged app's asar both
 * work), even for a package whose `exports` hide its other files: its entry point is resolved and the path cut
 * after `node_modules/<name>`.
 */
function packageFolder(name: string): string {
  let entry: string;
  try {
    entry = resolveFromHere.resolve(name);
  } catch {
    throw new AppError('internal', `The package ${name}, which printing needs, is not installed.`);
  }
  const marker = `${sep}node_modules${sep}${name.split('/').join(sep)}${sep}`;
  const at = entry.lastIndexOf(marker);
  return at >= 0 ? entry.slice(0, at + marker.length - 1) : dirname(entry);
}

async function readText(folder: ConfinedFolder, file: string, maxBytes: number, what: string): Promise<string> {
  return (await folder.read(file, { maxBytes, what })).toString('utf8');
}

async function loadFonts(): Promise<EmbeddedFont[]> {
  const fonts: EmbeddedFont[] = [];
  for (const font of FONT_PACKAGES) {
    const folder = await ConfinedFolder.open(packageFolder(font.name), { what: `The font package ${font.name}` });
    const ranges = UnicodeRangesSchema.parse(JSON.parse(await readText(folder, 'unicode.json', 64 * 1024, `The subsets of ${font.name}`)));
    for (const subset of SUBSETS) {
      const unicodeRange = ranges[subset];
      if (unicodeRange === undefined) throw new AppError('internal', `The font package ${font.name} has no ${subset} subset.`);
      for (const { weight, style } of font.faces) {
        const file = join('files', `${font.prefix}-${subset}-${weight}-${style}.woff2`);
        const bytes = await folder.read(file, { maxBytes: MAX_FONT_BYTES, what: `The font ${file}` });
        fonts.push({ family: font.family, weight, style, unicodeRange, woff2Base64: bytes.toString('base64') });
      }
    }
  }
  return fonts;
}

async function loadAll(resourcesPath: string): Promise<PrintAssets> {
  const resources = await ConfinedFolder.open(resourcesPath, { what: 'The bundled resources' });
  const paginatorFolder = await ConfinedFolder.open(packageFolder(PAGINATOR_PACKAGE), { what: 'The paginator pagedjs' });
  const [stylesheet, fonts, paginator] = await Promise.all([
    readText(resources, STYLESHEET_FILE, MAX_STYLESHEET_BYTES, 'The print stylesheet'),
    loadFonts(),
    readText(paginatorFolder, PAGINATOR_FILE, MAX_PAGINATOR_BYTES, 'The paginator pagedjs'),
  ]);
  return { stylesheet, fonts, paginator };
}

const loaded = new Map<string, Promise<PrintAssets>>();

/** The print assets, read once per resources folder and kept (a failed read is tried again next time). */
export function loadPrintAssets(resourcesPath: string): Promise<PrintAssets> {
  let assets = loaded.get(resourcesPath);
  if (!assets) {
    assets = loadAll(resourcesPath);
    loaded.set(resourcesPath, assets);
    assets.catch(() => loaded.delete(resourcesPath));
  }
  return assets;
}
