// Runs inside the page (page.evaluate): self-contained, no imports, no closures over Node values.

/** What the page says about one selector: how many controls it matches, and what the one it matches is. */
export interface ControlFacts {
  readonly selector: string;
  /** -1: not a valid CSS selector. */
  readonly count: number;
  readonly tag: string;
  readonly type: string;
  readonly visible: boolean;
  readonly editable: boolean;
}

interface FactsRect {
  readonly width: number;
  readonly height: number;
}
interface FactsElement {
  readonly tagName: string;
  readonly disabled?: boolean;
  readonly readOnly?: boolean;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): FactsRect;
  closest(selector: string): FactsElement | null;
}
interface FactsWindow {
  readonly document: { querySelectorAll(selector: string): ArrayLike<FactsElement> };
  getComputedStyle(element: FactsElement): { readonly display: string; readonly visibility: string; readonly opacity: string };
}

export function controlFacts(selectors: readonly string[]): ControlFacts[] {
  const win = globalThis as unknown as FactsWindow;
  const visible = (el: FactsElement): boolean => {
    const style = win.getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    return (
      style.display !== 'none' &&
      style.visibility !== 'hidden' &&
      Number(style.opacity) > 0 &&
      rect.width > 1 &&
      rect.height > 1 &&
      el.closest('[aria-hidden="true"]') === null
    );
  };
  return selectors.map((selector) => {
    let found: ArrayLike<FactsElement>;
    try {
      found = win.document.querySelectorAll(selector);
    } catch {
      return { selector, count: -1, tag: '', type: '', visible: false, editable: false };
    }
    const el = found[0];
    if (!el) return { selector, count: 0, tag: '', type: '', visible: false, editable: false };
    const tag = el.tagName.toLowerCase();
    const type = tag === 'input' ? (el.getAttribute('type') ?? 'text').toLowerCase() : tag;
    return { selector, count: found.length, tag, type, visible: visible(el), editable: !el.disabled && !el.readOnly };
  });
}
