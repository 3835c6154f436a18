import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright';
import { alignExpectations, parseAutofillOut, type Expectation } from '../../src/workers/field-detection/autofill-expectations';
import { classifyFields } from '../../src/workers/field-detection/classify-fields';
import { detectMapping } from '../../src/workers/field-detection/detect-mapping';
import {
  expectationsInPage,
  formatScoreTable,
  scoreDetections,
  type DetectionScore,
  type FieldScore,
  type ScoredControl,
  type ScoredField,
} from '../support/detection-score';
import { extractFields } from '../../src/workers/field-detection/extract-fields.browser';
import type { FieldDescriptor } from '../../src/workers/field-detection/field-descriptor';
import { startSandbox } from '../../sandbox/sandbox.server';
import type { Sandbox } from '../../sandbox/sandbox.types';
import { SITE_TEMPLATES } from '../../sandbox/sites/site.registry';
import type { SiteTemplate } from '../../sandbox/sites/site-template';

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

async function describePage(html: string): Promise<FieldDescriptor[]> {
  await page.setContent(html, { waitUntil: 'domcontentloaded' });
  return page.evaluate(extractFields);
}

function toControls(source: string, descriptors: readonly FieldDescriptor[], expected: readonly Expectation[]): ScoredControl[] {
  return classifyFields(descriptors).map((c, i) => ({
    source,
    control: c.descriptor.name || c.descriptor.id || c.descriptor.selector,
    expected: expected[i],
    predicted: c.classification.field,
  }));
}

/** A missing checkout must say where it was looked for, not fail as a bare ENOENT deep in a loop. */
function requireAutofillFixtures(): void {
  const missing = ['input', 'output'].map((part) => join(AUTOFILL_DIR, part)).filter((dir) => !existsSync(dir));
  if (missing.length > 0) {
    throw new Error(
      `Chromium autofill fixtures not found: ${missing.join(', ')} (expected ../shared/fixtures/autofill beside the repository)`,
    );
  }
}

async function scoreAutofillFixtures(): Promise<ScoredControl[]> {
  requireAutofillFixtures();
  const controls: ScoredControl[] = [];
  for (const file of readdirSync(join(AUTOFILL_DIR, 'input')).sort()) {
    const name = file.replace(/\.html$/, '');
    const descriptors = await describePage(readFileSync(join(AUTOFILL_DIR, 'input', file), 'utf8'));
    const lines = parseAutofillOut(readFileSync(join(AUTOFILL_DIR, 'output', `${name}.out`), 'utf8'));
    controls.push(...toControls(name, descriptors, alignExpectations(descriptors, lines)));
  }
  return controls;
}

/** The first hand-written forms; the per-language set beside them is scored in field-detection-languages.int.spec.ts. */
const DIRECTORY_FORMS = ['branchenbuch-de.html', 'wordpress-directory.html', 'yelp-like-add-business.html'];

async function scoreDirectoryForms(): Promise<ScoredControl[]> {
  const controls: ScoredControl[] = [];
  for (const file of DIRECTORY_FORMS) {
    const descriptors = await describePage(readFileSync(join(FORMS_DIR, file), 'utf8'));
    controls.push(...toControls(file, descriptors, await expectationsInPage(page, descriptors)));
  }
  return controls;
}

/** From the site's definition: posted names per listing field, honeypot and terms box; anything else is left alone. */
function sandboxExpectation(site: SiteTemplate, d: FieldDescriptor): Expectation {
  const byName = new Map<string, Expectation>(Object.entries(site.params).map(([field, name]) => [name, field as Expectation]));
  if (site.contactSplit) byName.set(site.contactSplit.first, 'contactFirstName').set(site.contactSplit.last, 'contactLastName');
  if (site.terms) byName.set(site.terms, 'terms');
  const expected = byName.get(d.name) ?? 'unknown';
  // A later wizard step is hidden until the first one is done: not detectable yet, so not counted.
  return expected !== 'unknown' && !d.visible ? 'other' : expected;
}

/** One control per listing field: the mapped control must be the one the site posts under that field's name. */
function mappingErrors(site: SiteTemplate, descriptors: readonly FieldDescriptor[]): string[] {
  const detected = detectMapping(descriptors);
  const nameOf = (selector: string): string | undefined => descriptors.find((d) => d.selector === selector)?.name;
  const visible = new Set(descriptors.filter((d) => d.visible).map((d) => d.name));
  const errors: string[] = [];
  for (const [field, name] of Object.entries(site.params)) {
    const mapped = detected.mapping[field as keyof typeof site.params]?.[0];
    if (mapped ? nameOf(mapped) !== name : visible.has(name)) errors.push(`${site.id} ${field}: mapped ${mapped ?? 'nothing'}`);
  }
  if (site.terms && visible.has(site.terms) && !detected.terms.some((t) => nameOf(t) === site.terms)) errors.push(`${site.id} terms`);
  const parts = detected.phoneParts.map(nameOf).join(' ');
  if (site.phoneSplit && parts !== site.phoneSplit.map((box) => box.param).join(' '))
    errors.push(`${site.id} phone boxes: ${parts || 'none'}`);
  return errors;
}

async function scoreSandboxForms(sandbox: Sandbox): Promise<{ controls: ScoredControl[]; errors: string[] }> {
  const controls: ScoredControl[] = [];
  const errors: string[] = [];
  for (const site of SITE_TEMPLATES) {
    await page.goto(sandbox.submissionUrl(site.id, 1), { waitUntil: 'domcontentloaded' });
    const descriptors = await page.evaluate(extractFields);
    controls.push(
      ...toControls(
        site.id,
        descriptors,
        descriptors.map((d) => sandboxExpectation(site, d)),
      ),
    );
    errors.push(...mappingErrors(site, descriptors));
  }
  return { controls, errors };
}

function report(title: string, score: DetectionScore): void {
  const misses = score.errors.map((c) => `  ${c.source} ${c.control}: expected ${c.expected}, got ${c.predicted ?? 'null'}`);
  console.log(`${formatScoreTable(title, score)}\nmisses:\n${misses.join('\n')}`);
}

const fieldScore = (score: DetectionScore, field: ScoredField): FieldScore | undefined => score.perField.find((s) => s.field === field);

describe('field detection', () => {
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const context = await browser.newContext({ javaScriptEnabled: false });
    // Nothing leaves the machine: only the local sandbox is reachable.
    // Loopback only: the sandbox's sites each have their own 127.x address.
    await context.route('**', (route) => (new URL(route.request().url()).hostname.startsWith('127.') ? route.continue() : route.abort()));
    page = await context.newPage();
  });
  afterAll(async () => browser?.close());

  it('matches Chromium autofill types on the twelve saved real-world forms', async () => {
    const score = scoreDetections(await scoreAutofillFixtures());
    report('Chromium autofill fixtures (per control)', score);
    expect(score.overall.precision).toBeGreaterThanOrEqual(0.97);
    expect(score.overall.recall).toBeGreaterThanOrEqual(0.95);
    for (const field of ['businessName', 'email', 'phone', 'address', 'city', 'state', 'zip'] as const) {
      expect(fieldScore(score, field)?.precision).toBeGreaterThanOrEqual(0.9);
      expect(fieldScore(score, field)?.recall).toBeGreaterThanOrEqual(0.9);
    }
    expect(score.unknownHits).toEqual([]);
  });

  it('detects the fields of hand-written directory submit forms', async () => {
    const result = scoreDetections(await scoreDirectoryForms());
    report('hand-written directory forms (per control)', result);
    expect(result.overall.precision).toBe(1);
    expect(result.overall.recall).toBeGreaterThanOrEqual(0.95);
    expect(result.unknownHits).toEqual([]);
  });

  it('maps one visible control per field and reports terms, split phone and confirmation boxes', async () => {
    const descriptors = await describePage(readFileSync(join(FORMS_DIR, 'wordpress-directory.html'), 'utf8'));
    const detected = detectMapping(descriptors);
    expect(detected.mapping.businessName).toEqual(['#listing_title']);
    expect(detected.mapping.email).toEqual(['#listing_email']);
    expect(detected.terms).toEqual(['#listing_terms']);
    expect(Object.values(detected.mapping).flat()).not.toContain('input[name="hp_website"]');
  });

  it('detects the fields of every sandbox directory form', async () => {
    const sandbox = await startSandbox({ slowMs: 10 });
    try {
      const { controls, errors } = await scoreSandboxForms(sandbox);
      const result = scoreDetections(controls);
      report('sandbox directory forms (per control)', result);
      console.log(`sandbox mappings (one control per field): ${errors.length === 0 ? 'all correct' : errors.join('; ')}`);
      expect(errors).toEqual([]);
      expect(result.overall.precision).toBeGreaterThanOrEqual(0.97);
      expect(result.overall.recall).toBeGreaterThanOrEqual(0.95);
      expect(result.unknownHits).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });
});
