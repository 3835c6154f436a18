import type { FieldDescriptor, HiddenReason } from './field-descriptor';

// The project compiles without the DOM lib, so the few DOM shapes used here are declared locally.
interface DomNode {
  readonly nodeType: number;
  readonly textContent: string | null;
  readonly previousSibling: DomNode | null;
  readonly nextSibling: DomNode | null;
  readonly childNodes: ArrayLike<DomNode>;
}
interface DomRect {
  readonly width: number;
  readonly height: number;
  readonly right: number;
  readonly bottom: number;
}
interface DomElement extends DomNode {
  readonly tagName: string;
  readonly id: string;
  readonly className: unknown;
  readonly parentElement: DomElement | null;
  readonly previousElementSibling: DomElement | null;
  readonly children: ArrayLike<DomElement>;
  readonly labels?: ArrayLike<DomElement> | null;
  readonly options?: ArrayLike<{ readonly text: string }>;
  readonly form?: DomElement | null;
  readonly value?: string;
  readonly cellIndex?: number;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  closest(selector: string): DomElement | null;
  contains(other: DomElement): boolean;
  getBoundingClientRect(): DomRect;
}
interface DomWindow {
  readonly document: DomElement & { readonly forms: ArrayLike<DomElement>; getElementById(id: string): DomElement | null };
  readonly CSS: { escape(value: string): string };
  getComputedStyle(element: DomElement): { readonly display: string; readonly visibility: string; readonly opacity: string };
}

/**
 * Describes every fillable control of the page. Self-contained (no imports at run time, no outer
 * variables) so that Playwright can serialise it for `page.evaluate(extractFields)`.
 */
export function extractFields(): FieldDescriptor[] {
  const win = globalThis as unknown as DomWindow;
  const doc = win.document;
  const CONTROLS = 'input:not([type=hidden]):not([type=submit]):not([type=image]):not([type=button]):not([type=reset]),select,textarea';
  const clean = (text: string | null): string => (text ?? '').replace(/\s+/g, ' ').trim();

  function isFillable(el: DomElement): boolean {
    const type = (el.getAttribute('type') ?? 'text').toLowerCase();
    if (el.tagName === 'INPUT' && ['hidden', 'submit', 'image', 'button', 'reset'].includes(type)) return false;
    return ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) && !el.hasAttribute('readonly') && !el.hasAttribute('disabled');
  }

  function containsFillable(el: DomElement): boolean {
    if (isFillable(el)) return true;
    const inner = el.querySelectorAll(CONTROLS);
    for (let i = 0; i < inner.length; i++) if (isFillable(inner[i])) return true;
    return false;
  }

  function textOf(node: DomNode): string {
    if (node.nodeType === 3) return node.textContent ?? '';
    if (node.nodeType !== 1) return '';
    const tag = (node as DomElement).tagName;
    if (['SELECT', 'OPTION', 'SCRIPT', 'STYLE', 'TEXTAREA', 'NOSCRIPT'].includes(tag)) return '';
    let out = '';
    for (let i = 0; i < node.childNodes.length; i++) out += ' ' + textOf(node.childNodes[i]);
    return out;
  }

  function labelText(el: DomElement): string {
    const parts: string[] = [];
    const labels = el.labels;
    if (labels) for (let i = 0; i < labels.length; i++) parts.push(clean(textOf(labels[i])));
    const name = el.getAttribute('name');
    if (parts.length === 0 && name && !doc.getElementById(name)) {
      const byName = doc.querySelectorAll('label[for="' + win.CSS.escape(name) + '"]');
      for (let i = 0; i < byName.length; i++) parts.push(clean(textOf(byName[i])));
    }
    return parts.filter((p) => p !== '').join(' ');
  }

  function labelledBy(el: DomElement): string {
    const ids = clean(el.getAttribute('aria-labelledby'))
      .split(' ')
      .filter((id) => id !== '');
    return ids
      .map((id) => {
        const ref = doc.getElementById(id);
        return ref ? clean(textOf(ref)) : '';
      })
      .join(' ')
      .trim();
  }

  function siblingText(start: DomNode, forward: boolean): string | null {
    for (let sib = forward ? start.nextSibling : start.previousSibling; sib; sib = forward ? sib.nextSibling : sib.previousSibling) {
      if (sib.nodeType === 1 && containsFillable(sib as DomElement)) return '';
      const text = clean(textOf(sib));
      if (/[\p{L}\p{N}]/u.test(text)) return text;
    }
    return null;
  }

  function tableText(cell: DomElement): string {
    for (let prev = cell.previousElementSibling; prev; prev = prev.previousElementSibling) {
      if (containsFillable(prev)) break;
      const text = clean(textOf(prev));
      if (/[\p{L}]/u.test(text)) return text;
    }
    const row = cell.parentElement;
    const above = row ? row.previousElementSibling : null;
    const index = cell.cellIndex ?? -1;
    if (!above || index < 0 || index >= above.children.length) return '';
    const header = above.children[index];
    return containsFillable(header) ? '' : clean(textOf(header));
  }

  function nearbyText(el: DomElement, type: string): string {
    if (type === 'checkbox' || type === 'radio') {
      const after = siblingText(el, true);
      if (after) return after;
    }
    let node: DomElement | null = el;
    for (let depth = 0; node && depth < 5; depth++) {
      if (node.tagName === 'TD' || node.tagName === 'TH') return tableText(node);
      const text = siblingText(node, false);
      if (text !== null) return text;
      node = node.parentElement;
      if (!node || node.tagName === 'FORM' || node.tagName === 'BODY') break;
    }
    return '';
  }

  function legendText(el: DomElement): string {
    const fieldset = el.closest('fieldset');
    const legend = fieldset ? fieldset.querySelectorAll('legend') : null;
    return legend && legend.length > 0 ? clean(textOf(legend[0])) : '';
  }

  function hiddenReason(el: DomElement): HiddenReason | null {
    if (el.closest('[aria-hidden=true]')) return 'aria-hidden';
    for (let node: DomElement | null = el; node; node = node.parentElement) {
      const style = win.getComputedStyle(node);
      if (style.display === 'none') return 'display';
      if (parseFloat(style.opacity) < 0.1) return 'opacity';
    }
    if (win.getComputedStyle(el).visibility !== 'visible') return 'visibility';
    const rect = el.getBoundingClientRect();
    if (rect.width < 2 || rect.height < 2) return 'size';
    if (rect.right <= 0 || rect.bottom <= 0) return 'offscreen';
    const honey =
      el.getAttribute('tabindex') === '-1' &&
      (el.getAttribute('autocomplete') === 'off' || /hp|honey|trap|bot/i.test(el.getAttribute('name') ?? ''));
    return honey ? 'honeypot' : null;
  }

  function uniqueSelector(el: DomElement): string {
    const esc = (value: string): string => win.CSS.escape(value);
    const tag = el.tagName.toLowerCase();
    const candidates: string[] = [];
    if (el.id) candidates.push('#' + esc(el.id));
    const name = el.getAttribute('name');
    if (name) candidates.push(tag + '[name="' + name.replace(/["\\]/g, '\\$&') + '"]');
    for (const candidate of candidates) if (doc.querySelectorAll(candidate).length === 1) return candidate;
    const steps: string[] = [];
    for (let node: DomElement | null = el; node && node.tagName !== 'HTML'; node = node.parentElement) {
      if (node !== el && node.id && doc.querySelectorAll('#' + esc(node.id)).length === 1) {
        steps.unshift('#' + esc(node.id));
        break;
      }
      let nth = 1;
      for (let sib = node.previousElementSibling; sib; sib = sib.previousElementSibling) if (sib.tagName === node.tagName) nth++;
      steps.unshift(node.tagName.toLowerCase() + ':nth-of-type(' + nth + ')');
    }
    return steps.join(' > ');
  }

  function formIndexOf(el: DomElement): number {
    for (let i = 0; i < doc.forms.length; i++) if (doc.forms[i] === el.form) return i;
    return -1;
  }

  function describe(el: DomElement, index: number): FieldDescriptor {
    const tag = el.tagName.toLowerCase() as FieldDescriptor['tag'];
    const type = tag === 'input' ? (el.getAttribute('type') ?? 'text').toLowerCase() : tag;
    const reason = hiddenReason(el);
    const options: string[] = [];
    if (el.options) for (let i = 0; i < el.options.length; i++) options.push(clean(el.options[i].text));
    const maxAttr = el.getAttribute('maxlength');
    return {
      index,
      formIndex: formIndexOf(el),
      tag,
      type,
      name: el.getAttribute('name') ?? '',
      id: el.id,
      className: typeof el.className === 'string' ? el.className : '',
      autocomplete: clean(el.getAttribute('autocomplete')).toLowerCase(),
      labels: {
        label: labelText(el),
        ariaLabelledBy: labelledBy(el),
        ariaLabel: clean(el.getAttribute('aria-label')),
        placeholder: clean(el.getAttribute('placeholder')),
        title: clean(el.getAttribute('title')),
        nearby: nearbyText(el, type),
        legend: legendText(el),
      },
      options,
      value: el.value ?? '',
      maxLength: maxAttr && /^\d+$/.test(maxAttr) ? Number(maxAttr) : -1,
      required: el.hasAttribute('required') || el.getAttribute('aria-required') === 'true',
      readOnly: el.hasAttribute('readonly'),
      disabled: el.hasAttribute('disabled'),
      visible: reason === null,
      hiddenReason: reason,
      selector: uniqueSelector(el),
    };
  }

  const all = doc.querySelectorAll(CONTROLS);
  const out: FieldDescriptor[] = [];
  for (let i = 0; i < all.length; i++) out.push(describe(all[i], i));
  return out;
}
