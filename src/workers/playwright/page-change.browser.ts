import type { DomWindow } from './dom.types';
import type { PageLink } from './outcome-classifier';

interface ChangeHost {
  readonly MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void };
  readonly document: {
    readonly documentElement: unknown;
    readonly readyState: string;
    addEventListener(type: 'DOMContentLoaded', listener: () => void, options: { once: boolean }): void;
  };
  __dboltChanges?: number;
  __dboltWake?: (() => void) | null;
  __dboltBefore?: string[];
}

export interface ChangeWait {
  readonly seen: number;
  readonly timeoutMs: number;
  /** Quiet time after a change before reporting it, so a burst of mutations counts once. */
  readonly settleMs: number;
}

/**
 * Resolves with the change count once the DOM changed past `seen` and settled, or with -1 on
 * timeout. A document still being parsed has not settled however quiet it is (the rest of a form
 * may be on its way), so the change is reported after its DOMContentLoaded. A navigation destroys
 * this context, which rejects the evaluate: the caller takes that rejection as "navigated".
 * Self-contained for `page.evaluate`.
 */
export function waitForChange(wait: ChangeWait): Promise<number> {
  const win = globalThis as unknown as ChangeHost;
  if (win.__dboltChanges === undefined) {
    // A document we navigated to: count its changes from now on (a result rendered by script).
    win.__dboltChanges = 0;
    new win.MutationObserver(() => {
      win.__dboltChanges = (win.__dboltChanges ?? 0) + 1;
      win.__dboltWake?.();
    }).observe(win.document.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['style', 'class', 'hidden'],
    });
  }
  return new Promise((resolve) => {
    let settle: ReturnType<typeof setTimeout> | undefined;
    const done = (value: number): void => {
      clearTimeout(timeout);
      clearTimeout(settle);
      win.__dboltWake = null;
      resolve(value);
    };
    const timeout = setTimeout(() => done(-1), wait.timeoutMs);
    const onChange = (): void => {
      clearTimeout(settle);
      settle = setTimeout(whenParsed, wait.settleMs);
    };
    const whenParsed = (): void => {
      if (win.document.readyState !== 'loading') done(win.__dboltChanges ?? 0);
      else win.document.addEventListener('DOMContentLoaded', () => done(win.__dboltChanges ?? 0), { once: true });
    };
    win.__dboltWake = onChange;
    if ((win.__dboltChanges ?? 0) > wait.seen) onChange();
  });
}

export interface PageSnapshot {
  readonly url: string;
  /** New text when the page is the document we submitted from; all of it after a navigation. */
  readonly text: string;
  readonly links: readonly PageLink[];
  readonly captchaWidget: boolean;
  readonly passwordField: boolean;
}

/** What the page shows now. Self-contained for `page.evaluate`. */
export function snapshotPage(): PageSnapshot {
  const win = globalThis as unknown as DomWindow & Omit<ChangeHost, 'document'>;
  const doc = win.document;
  const lines = (doc.body?.innerText ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const before = win.__dboltBefore ? new Set(win.__dboltBefore) : null;
  const fresh = before ? lines.filter((line) => !before.has(line)) : [doc.title, ...lines];
  const shown = (selector: string): boolean =>
    Array.from(doc.querySelectorAll(selector)).some(
      (el) => el.getBoundingClientRect().width > 1 && win.getComputedStyle(el).visibility !== 'hidden',
    );
  return {
    url: win.location.href,
    text: fresh.join('\n').slice(0, 20_000),
    links: Array.from(doc.querySelectorAll('a[href]'))
      .slice(0, 300)
      .map((a) => ({ href: a.href ?? '', text: (a.innerText ?? '').trim().slice(0, 200) })),
    captchaWidget: shown(
      '.g-recaptcha:not([data-size=invisible]), .h-captcha, .cf-turnstile, iframe[src*="recaptcha/api2/anchor"], iframe[src*="hcaptcha.com"]',
    ),
    passwordField: shown('input[type=password]'),
  };
}
