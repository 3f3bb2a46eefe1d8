import { dealKeyId, parseDealKey } from '../shared/overlap/dealKey';
import { IdentifierSketcher } from '../shared/overlap/identifierSketcher';
import { detectIdentifierKind, IDENTIFIER_KINDS, type IdentifierKind, normaliseIdentifier } from '../shared/overlap/identifiers';
import { distinctCount } from '../shared/overlap/overlapEstimate';
import { SKETCH_EXTENSION, writeSketchFile } from '../shared/overlap/sketchFile';
import { DEFAULT_K } from '../shared/overlap/thetaSketch';
import { type KitTable, openKitTable } from './kitTable';
import { KIT_TEXT, type KitKey, type KitLang, kitText } from './kitText';
import { KIT_CSS } from './kitStyle';

/**
 * The partner kit: one HTML page Tandem writes for a deal, with the deal key inside. The
 * partner drops a member list, picks the identifier column and saves a `.tsketch`, made by
 * the same code as `tandem sketch`. `document.body.dataset.state` says where it stands
 * (idle, ready, working, done, refused, error), for the partner's own scripts and the tests.
 */
interface DealConfig {
  key: string;
  deal: string;
  partner: string;
  lang: KitLang;
  kind: IdentifierKind | null;
  createdBy: string;
}

const config = JSON.parse(document.getElementById('tandem-deal')!.textContent!) as DealConfig;
const key = parseDealKey(config.key);
let lang: KitLang = config.lang;

function h<T extends HTMLElement = HTMLElement>(tag: string, props: Record<string, unknown> = {}, ...children: (Node | string)[]): T {
  const el = Object.assign(document.createElement(tag), props) as T;
  el.append(...children);
  return el;
}
const t = (k: KitKey, p?: Record<string, string | number>) => kitText(lang, k, p);
const num = (n: number) => n.toLocaleString(lang);
const setState = (s: string) => (document.body.dataset.state = s);

let table: KitTable | null = null;
let fileName = '';
let sketchText: string | null = null;

const style = h('style');
style.textContent = KIT_CSS;
document.head.append(style);
const root = h('main');
document.body.append(root);

function render(): void {
  root.replaceChildren();
  document.documentElement.lang = lang;
  document.title = `${t('title')} · ${config.deal}`;
  const langButton = h('button', { className: 'plain', id: 'lang', textContent: t('lang'), onclick: () => { lang = lang === 'en' ? 'zh-CN' : 'en'; render(); } });
  root.append(
    h('header', {}, h('div', {}, h('h1', { textContent: t('title') }), h('p', { className: 'deal' }, `${t('deal')}: `, h('b', { textContent: config.deal }), ` · ${t('keyId')} ${dealKeyId(key)}`)), langButton),
    h('p', { textContent: t('intro') }),
    step1(),
  );
  if (table) root.append(step2());
  if (table) root.append(step3());
  if (sketchText) root.append(step4());
  root.append(h('aside', {}, h('h2', { textContent: t('privacyTitle') }), h('p', { textContent: t('privacy', { k: num(DEFAULT_K) }) })));
}

function step1(): HTMLElement {
  const input = h<HTMLInputElement>('input', { type: 'file', accept: '.csv,.txt,.tsv,.xlsx', id: 'file', hidden: true });
  input.addEventListener('change', () => input.files?.[0] && load(input.files[0]));
  const drop = h('div', { className: 'drop', id: 'drop' }, h('p', { textContent: t('drop') }), h('button', { className: 'plain', textContent: t('choose'), onclick: () => input.click() }), input);
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); const f = e.dataTransfer?.files[0]; if (f) void load(f); });
  const section = h('section', { id: 'step1' }, h('h2', { textContent: t('step1') }), drop);
  if (fileName) section.append(h('p', { className: 'file', textContent: fileName }));
  if (loadError) section.append(h('p', { className: 'bad', id: 'error', textContent: t('errorRead', { message: loadError }) }));
  return section;
}

let loadError: string | null = null;
let sheet: string | null = null;
let columnIndex = 0;
let kindChoice: IdentifierKind | 'auto' = 'auto';
let header: string[] = [];
let sample: string[][] = [];
let result: HTMLElement | null = null;

async function load(file: File): Promise<void> {
  fileName = file.name;
  loadError = null;
  sketchText = null;
  result = null;
  try {
    table = await openKitTable(file);
    sheet = table.sheets[0] ?? null;
    ({ header, sample } = table);
    columnIndex = guessColumn(header, sample);
    kindChoice = config.kind ?? 'auto';
    setState('ready');
  } catch (e) {
    table = null;
    loadError = (e as Error).message;
    setState('error');
  }
  render();
}

/** The column whose sample reads best as an identifier of the deal's kind (or of any kind). */
function guessColumn(cols: string[], rows: string[][]): number {
  let best = 0;
  let bestScore = -1;
  cols.forEach((_, i) => {
    const values = rows.map((r) => r[i] ?? '');
    const kind = config.kind ?? detectIdentifierKind(values);
    const score = kind === 'id' ? 0 : values.filter((v) => normaliseIdentifier(kind, v) !== null).length;
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best;
}

function step2(): HTMLElement {
  const controls = h('div', { className: 'row' });
  if (table && table.sheets.length > 1) {
    const select = h<HTMLSelectElement>('select', { id: 'sheet' }, ...table.sheets.map((s) => h('option', { value: s, textContent: s, selected: s === sheet })));
    select.onchange = () => { sheet = select.value; ({ header, sample } = table!.openSheet(sheet)); columnIndex = guessColumn(header, sample); sketchText = null; result = null; render(); };
    controls.append(h('label', {}, t('sheet'), select));
  }
  const column = h<HTMLSelectElement>('select', { id: 'column' }, ...header.map((name, i) => h('option', { value: String(i), textContent: name || `#${i + 1}`, selected: i === columnIndex })));
  column.onchange = () => { columnIndex = Number(column.value); sketchText = null; result = null; render(); };
  const kind = h<HTMLSelectElement>('select', { id: 'kind' }, ...(['auto', ...IDENTIFIER_KINDS] as const).map((k) => h('option', { value: k, textContent: t(`kind.${k}`), selected: k === kindChoice })));
  kind.onchange = () => { kindChoice = kind.value as IdentifierKind | 'auto'; sketchText = null; result = null; render(); };
  controls.append(h('label', {}, t('column'), column), h('label', {}, t('kind'), kind));
  const values = sample.map((r) => r[columnIndex] ?? '');
  const k = kindChoice === 'auto' ? detectIdentifierKind(values) : kindChoice;
  const list = h('ul', { className: 'preview' }, ...values.filter((v) => v.trim() !== '').map((v) => {
    const n = normaliseIdentifier(k, v);
    return h('li', { className: n === null ? 'bad' : '' }, n ?? `${v} — ${t('invalidPreview')}`);
  }));
  return h('section', { id: 'step2' }, h('h2', { textContent: t('step2') }), controls, h('p', { className: 'file', textContent: `${t('preview')} (${t(`kind.${k}`)})` }), list);
}

function step3(): HTMLElement {
  const button = h('button', { id: 'make', textContent: t('make'), onclick: () => void make() });
  const section = h('section', { id: 'step3' }, h('h2', { textContent: t('step3') }), button);
  if (result) section.append(result);
  return section;
}

async function make(): Promise<void> {
  if (!table) return;
  setState('working');
  const progress = h<HTMLProgressElement>('progress', { max: 1, value: 0, id: 'progress' });
  const label = h('p', { textContent: t('working', { pct: 0 }) });
  result = h('div', {}, label, progress);
  render();
  const sketcher = new IdentifierSketcher(key, kindChoice === 'auto' ? null : kindChoice);
  // Let the page paint the progress bar before a synchronous XLSX read takes the thread.
  await new Promise((resolve) => setTimeout(resolve, 30));
  try {
    await table.readColumn(sheet, columnIndex, (v, line) => sketcher.offer(v, line), (f) => {
      progress.value = f;
      label.textContent = t('working', { pct: Math.round(f * 100) });
    });
  } catch (e) {
    loadError = (e as Error).message;
    result = null;
    setState('error');
    render();
    return;
  }
  const c = sketcher.counts;
  const words = KIT_TEXT[lang].words;
  if (sketcher.mostlyInvalid()) {
    const examples = c.examples.map((x) => t('examples', { line: x.row, value: x.value })).join('; ');
    result = h('p', { className: 'bad', id: 'counts', textContent: t('refused', { invalid: num(c.invalid), filled: num(c.valid + c.invalid), kind: words[sketcher.kind], examples }) });
    sketchText = null;
    setState('refused');
    render();
    return;
  }
  const sketch = sketcher.finish();
  const distinct = Math.round(distinctCount(sketch).estimate);
  sketchText = writeSketchFile({
    label: config.partner,
    identifier: sketcher.kind,
    keyId: dealKeyId(key),
    createdAt: new Date().toISOString(),
    createdBy: config.createdBy,
    input: { rows: c.rows, empty: c.empty, valid: c.valid, invalid: c.invalid },
    parts: [{ name: 'all', sketch }],
  });
  result = h('p', { className: 'good', id: 'counts', textContent: t('counted', { rows: num(c.rows), valid: num(c.valid), kind: words[sketcher.kind], invalid: num(c.invalid), empty: num(c.empty), distinct: num(distinct) }) });
  setState('done');
  render();
}

function step4(): HTMLElement {
  const name = `${fileName.replace(/\.[^.]+$/, '') || 'sketch'}${SKETCH_EXTENSION}`;
  const section = h('section', { id: 'step4' }, h('h2', { textContent: t('step4') }));
  const button = h('button', {
    id: 'save',
    textContent: t('save'),
    onclick: () => {
      const url = URL.createObjectURL(new Blob([sketchText!], { type: 'application/json' }));
      const a = h('a', { href: url, download: name });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      section.append(h('p', { className: 'good', id: 'saved', textContent: t('saved', { name }) }));
    },
  });
  section.append(button);
  return section;
}

setState('idle');
render();
