import type { DomElement, DomWindow } from './dom.types';

export interface TriggerRequest {
  /** 'submit' validates the form first; 'next' (a wizard step) does not. */
  readonly target: 'submit' | 'next';
}

export type TriggerResult =
  | { readonly kind: 'clicked' }
  | { readonly kind: 'press_enter'; readonly key: string }
  | { readonly kind: 'invalid'; readonly problems: readonly string[] }
  | { readonly kind: 'nothing' };

interface ObserverHost {
  readonly MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void };
  __dboltChanges?: number;
  __dboltWake?: (() => void) | null;
  __dboltBefore?: string[];
}

/**
 * Validates (submit only), starts counting DOM changes, remembers the visible text, then clicks the
 * tagged button (or submits the form). In-page click: a cookie banner over the button does not
 * swallow it. Self-contained for `page.evaluate`.
 */
export function triggerSubmit(request: TriggerRequest): TriggerResult {
  const win = globalThis as unknown as DomWindow & ObserverHost;
  const doc = win.document;
  const button = doc.querySelector(`[data-dbolt~="${request.target}"]`);
  const claimed = Array.from(doc.querySelectorAll('[data-dbolt]'));
  const form = button?.closest('form') ?? claimed.map((el) => el.closest('form')).find((f) => f !== null) ?? null;
  const problems = request.target === 'submit' && form && !form.noValidate ? invalidVisible(form) : [];
  if (problems.length > 0) return { kind: 'invalid', problems };
  win.__dboltBefore = (doc.body?.innerText ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  if (win.__dboltChanges === undefined) {
    win.__dboltChanges = 0;
    new win.MutationObserver(() => {
      win.__dboltChanges = (win.__dboltChanges ?? 0) + 1;
      win.__dboltWake?.();
    }).observe(doc.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['style', 'class', 'hidden'],
    });
  }
  win.__dboltChanges = 0;
  if (button) button.click();
  else if (request.target === 'submit' && form?.requestSubmit) form.requestSubmit();
  else if (claimed.length > 0 && request.target === 'submit')
    return { kind: 'press_enter', key: (claimed[claimed.length - 1].getAttribute('data-dbolt') ?? '').split(' ')[0] };
  else return { kind: 'nothing' };
  return { kind: 'clicked' };

  function invalidVisible(f: DomElement): string[] {
    return Array.from(f.elements ?? [])
      .filter((el) => el.checkValidity?.() === false && el.getBoundingClientRect().width > 0)
      .map((el) => `${(el.labels?.[0]?.innerText ?? el.getAttribute('name') ?? el.id).trim()}: ${el.validationMessage ?? 'invalid'}`);
  }
}
