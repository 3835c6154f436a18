import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright';
import { alignExpectations, parseAutofillOut, type Expectation } from '../../src/workers/field-detection/autofill-expectations';
import { classifyFields } from '../../src/workers/field-detection/classify-fields';
import { detectMapping } from '../../src/workers/field-detection/detect-mapping';
import { extractFields } from '../../src/workers/field-detection/extract-fields.browser';
import type { FieldDescriptor } from '../../src/workers/field-detection/field-descriptor';
import { expectationsInPage, formatScoreTable, scoreDetections, type DetectionScore, type ScoredControl } from '../support/detection-score';

/** Shared with the other services' repositories: CI checks them out beside this one, as `../shared`. */
const AUTOFILL_DIR = join(__dirname, '..', '..', '..', 'shared', 'fixtures', 'autofill');
const FORMS_DIR = join(__dirname, '..', 'fixtures', 'forms');
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

let browser: Browser;
let page: Page;

/** A scored control remembers its form's language, so that scores can be broken down per language. */
interface LanguageControl extends ScoredControl {
  readonly language: string;
}

async function describePage(html: string): Promise<FieldDescriptor[]> {
  await page.setContent(html, { waitUntil: 'domcontentloaded' });
  return page.evaluate(extractFields);
}

function toControls(
  source: string,
  language: string,
  descriptors: readonly FieldDescriptor[],
  expected: readonly Expectation[],
): LanguageControl[] {
  return classifyFields(descriptors).map((c, i) => ({
    source,
    language,
    control: c.descriptor.name || c.descriptor.id || c.descriptor.selector,
    expected: expected[i],
    predicted: c.classification.field,
  }));
}

/** The primary subtag of `<html lang>`: 'pt-BR' → 'pt'. */
function languageOf(html: string, fallback: string): string {
  const lang = /<html[^>]*\blang="([a-zA-Z]+)/.exec(html)?.[1];
  return lang ? lang.toLowerCase() : fallback;
}

/** Chromium's i18n cases name their language ('161_i18n_tr', '175_id_address'); the real-site pages are English. */
function autofillLanguage(name: string): string {
  return /^\d+_(?:i18n_)?([a-z]{2})_/.exec(`${name}_`)?.[1] ?? 'en';
}

async function scoreAutofillFixtures(): Promise<LanguageControl[]> {
  if (!existsSync(join(AUTOFILL_DIR, 'input'))) throw new Error(`Chromium autofill fixtures not found in ${AUTOFILL_DIR}`);
  const controls: LanguageControl[] = [];
  for (const file of readdirSync(join(AUTOFILL_DIR, 'input')).sort()) {
    const name = file.replace(/\.html$/, '');
    const descriptors = await describePage(readFileSync(join(AUTOFILL_DIR, 'input', file), 'utf8'));
    const lines = parseAutofillOut(readFileSync(join(AUTOFILL_DIR, 'output', `${name}.out`), 'utf8'));
    const language = /^\d+_(checkout|register)_/.test(name) ? 'en' : autofillLanguage(name);
    controls.push(...toControls(name, language, descriptors, alignExpectations(descriptors, lines)));
  }
  return controls;
}

/** Forms whose detected mapping says it is uncertain (a required field missing or only guessed). */
const uncertainForms: string[] = [];

async function scoreHandWrittenForms(): Promise<LanguageControl[]> {
  const controls: LanguageControl[] = [];
  for (const file of readdirSync(FORMS_DIR)
    .filter((f) => f.endsWith('.html'))
    .sort()) {
    const html = readFileSync(join(FORMS_DIR, file), 'utf8');
    const descriptors = await describePage(html);
    controls.push(...toControls(file, languageOf(html, 'en'), descriptors, await expectationsInPage(page, descriptors)));
    if (detectMapping(descriptors).uncertain) uncertainForms.push(file);
  }
  return controls;
}

function perLanguage(controls: readonly LanguageControl[]): Map<string, DetectionScore> {
  const languages = [...new Set(controls.map((c) => c.language))].sort();
  return new Map(languages.map((language) => [language, scoreDetections(controls.filter((c) => c.language === language))]));
}

function formatLanguageTable(title: string, scores: ReadonlyMap<string, DetectionScore>): string {
  const rows = [...scores].map(([language, s]) => {
    const o = s.overall;
    return `| ${language.padEnd(4)} | ${String(o.tp).padStart(3)} | ${String(o.fp).padStart(3)} | ${String(o.fn).padStart(3)} | ${o.precision.toFixed(2)} | ${o.recall.toFixed(2)} |`;
  });
  return [title, '| lang |  TP |  FP |  FN | prec | rec  |', '| --- | --: | --: | --: | --: | --: |', ...rows].join('\n');
}

function report(title: string, controls: readonly LanguageControl[]): { score: DetectionScore; languages: Map<string, DetectionScore> } {
  const score = scoreDetections(controls);
  const languages = perLanguage(controls);
  const misses = score.errors.map((c) => `  ${c.source} ${c.control}: expected ${c.expected}, got ${c.predicted ?? 'null'}`);
  console.log(
    `${formatScoreTable(`${title} (per control)`, score)}\n${formatLanguageTable(`${title} (per language)`, languages)}\nmisses:\n${misses.join('\n')}`,
  );
  return { score, languages };
}

describe('field detection across languages', () => {
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.route('**', (route) => route.abort());
    page = await context.newPage();
  });
  afterAll(async () => browser?.close());

  it('scores the Chromium autofill development set per field and per language', async () => {
    const { score, languages } = report('Chromium autofill fixtures', await scoreAutofillFixtures());
    expect(score.overall.precision).toBeGreaterThanOrEqual(0.99);
    expect(score.overall.recall).toBeGreaterThanOrEqual(0.98);
    for (const [, s] of languages) expect(s.overall.precision).toBeGreaterThanOrEqual(0.98);
    expect(score.unknownHits).toEqual([]);
  });

  it('scores the hand-written forms in eighteen languages per field and per language', async () => {
    const controls = await scoreHandWrittenForms();
    const { score, languages } = report('hand-written forms', controls);
    expect(new Set(controls.map((c) => c.source)).size).toBeGreaterThanOrEqual(23);
    expect(languages.size).toBeGreaterThanOrEqual(18);
    expect(score.overall.precision).toBeGreaterThanOrEqual(0.99);
    expect(score.overall.recall).toBeGreaterThanOrEqual(0.98);
    for (const [, s] of languages) {
      expect(s.overall.precision).toBeGreaterThanOrEqual(0.98);
      expect(s.overall.recall).toBeGreaterThanOrEqual(0.95);
    }
    expect(score.unknownHits).toEqual([]);
    // Uncertain exactly where a form does not ask for a business name or an e-mail (a shop checkout).
    const asksFor = (file: string, field: string): boolean => controls.some((c) => c.source === file && c.expected === field);
    const lacking = [...new Set(controls.map((c) => c.source))].filter((f) => !asksFor(f, 'businessName') || !asksFor(f, 'email'));
    expect(uncertainForms).toEqual(lacking);
  });
});
