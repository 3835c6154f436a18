import type { DomElement, DomWindow } from './dom.types';

export interface FillAction {
  /** Tag key from the scan (`data-dbolt~=<key>`). */
  readonly key: string;
  readonly kind: 'text' | 'select' | 'click';
  readonly value: string;
}

interface EventConstructors {
  readonly Event: new (type: string, init: { bubbles: boolean }) => unknown;
  readonly InputEvent: new (type: string, init: { bubbles: boolean; inputType: string; data: string }) => unknown;
  readonly HTMLInputElement: { readonly prototype: object };
  readonly HTMLTextAreaElement: { readonly prototype: object };
  readonly HTMLSelectElement: { readonly prototype: object };
}

/**
 * Fills all tagged controls in one round trip. Values go through the prototype's value setter and
 * input/change events, which frameworks (React's tracked value) notice like typing.
 * Returns the keys whose control was missing. Self-contained for `page.evaluate`.
 */
export function fillControls(actions: readonly FillAction[]): string[] {
  const win = globalThis as unknown as DomWindow & EventConstructors;
  const missing: string[] = [];
  const setValue = (el: DomElement, value: string): void => {
    const proto =
      el.tagName === 'TEXTAREA'
        ? win.HTMLTextAreaElement.prototype
        : el.tagName === 'SELECT'
          ? win.HTMLSelectElement.prototype
          : win.HTMLInputElement.prototype;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call(el, …)
    const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
    if (setter) setter.call(el, value);
    else el.value = value;
  };
  for (const action of actions) {
    const matches = Array.from(win.document.querySelectorAll(`[data-dbolt~="${action.key}"]`));
    const el = matches[0];
    if (!el) {
      missing.push(action.key);
      continue;
    }
    if (action.kind === 'click') {
      matches.forEach((target) => target.click());
      continue;
    }
    const limit = el.maxLength ?? -1;
    const value = limit > 0 ? action.value.slice(0, limit) : action.value;
    el.focus();
    setValue(el, value);
    if (action.kind === 'text') el.dispatchEvent(new win.InputEvent('input', { bubbles: true, inputType: 'insertText', data: value }));
    else el.dispatchEvent(new win.Event('input', { bubbles: true }));
    el.dispatchEvent(new win.Event('change', { bubbles: true }));
    el.blur();
  }
  return missing;
}
