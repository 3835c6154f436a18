import type { DomElement, DomWindow } from './dom.types';
import type { SelectOption } from './option-matcher';

export interface ScanRequest {
  /** Field → selectors in order; the first visible, enabled, not yet claimed control wins. */
  readonly fields: ReadonlyArray<readonly [string, readonly string[]]>;
  readonly termsSelectors: readonly string[];
  /** Drop the tags of an earlier scan (a new wizard step). */
  readonly reset: boolean;
}

export interface ScannedControl {
  readonly key: string;
  readonly selector: string;
  readonly tag: string;
  readonly type: string;
  readonly options: readonly SelectOption[];
  /** The `maxlength` attribute; 0 when there is none. */
  readonly maxLength: number;
}

export interface FormScan {
  readonly controls: readonly ScannedControl[];
  readonly firstName: boolean;
  readonly lastName: boolean;
  readonly confirmEmail: boolean;
  readonly terms: number;
  /** Visible fillable controls on the page. */
  readonly fillable: number;
  /** Of those, the ones left untagged in the form(s) holding a claimed control (a search or newsletter box elsewhere is not the form); -1 when nothing was claimed. */
  readonly formUnclaimed: number;
  /** Visible required controls that are empty and claimed by no field. */
  readonly requiredUnclaimed: number;
  readonly submitButton: boolean;
  readonly nextButton: boolean;
}

/**
 * Resolves selectors to visible controls and tags them (`data-dbolt~=<key>`) so that later steps
 * address exactly the element chosen here. Hidden controls (honeypots) are never claimed.
 * Self-contained for `page.evaluate`.
 */
export function scanForm(request: ScanRequest): FormScan {
  const win = globalThis as unknown as DomWindow;
  const doc = win.document;
  const TAG = 'data-dbolt';
  const CONTROLS = 'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]):not([type=image]),select,textarea';
  const HONEYPOT = /honey|hp_|^hp$|gotcha|bot.?field|leave.{0,12}(blank|empty)|do not fill|don'?t fill/i;
  const all = (selector: string, root: DomElement = doc): DomElement[] => {
    try {
      return Array.from(root.querySelectorAll(selector));
    } catch {
      return [];
    }
  };
  const hint = (el: DomElement): string =>
    [
      el.getAttribute('name'),
      el.id,
      el.getAttribute('placeholder'),
      el.getAttribute('autocomplete'),
      el.getAttribute('aria-label'),
      ...Array.from(el.labels ?? []).map((label) => label.innerText),
    ]
      .join(' ')
      .toLowerCase();
  const tags = (el: DomElement): string[] => (el.getAttribute(TAG) ?? '').split(' ').filter(Boolean);
  const tag = (el: DomElement, key: string): void => el.setAttribute(TAG, [...tags(el), key].join(' '));
  function seen(el: DomElement): boolean {
    const rect = el.getBoundingClientRect();
    const pageWidth = Math.max(win.innerWidth, doc.documentElement.scrollWidth);
    if (rect.width < 2 || rect.height < 2 || rect.right <= 0 || rect.bottom <= 0 || rect.left >= pageWidth) return false;
    for (let node: DomElement | null = el; node; node = node.parentElement) {
      const style = win.getComputedStyle(node);
      if (style.visibility === 'hidden' || style.visibility === 'collapse' || Number(style.opacity) < 0.1) return false;
      if (/rect\(0(px)?,? 0(px)?,? 0(px)?,? 0(px)?\)/.test(style.clip) || /inset\(50%|inset\(100%/.test(style.clipPath)) return false;
      if (node.getAttribute('aria-hidden') === 'true') return false;
    }
    return true;
  }
  const labelShown = (el: DomElement): boolean => Array.from(el.labels ?? []).some(seen);
  function usable(el: DomElement): boolean {
    if (el.hasAttribute('disabled') || el.hasAttribute('readonly') || el.getAttribute('tabindex') === '-1') return false;
    if (HONEYPOT.test(`${el.getAttribute('name')} ${el.id} ${el.getAttribute('class')} ${hint(el)}`)) return false;
    const type = (el.getAttribute('type') ?? '').toLowerCase();
    return seen(el) || ((type === 'file' || type === 'checkbox') && labelShown(el));
  }
  const untag = (key: string): void =>
    all(`[${TAG}~="${key}"]`).forEach((el) => {
      const rest = tags(el).filter((t) => t !== key);
      if (rest.length > 0) el.setAttribute(TAG, rest.join(' '));
      else el.removeAttribute(TAG);
    });
  if (request.reset) all(`[${TAG}]`).forEach((el) => el.removeAttribute(TAG));
  untag('submit');
  untag('next');
  const controls: ScannedControl[] = [];
  const forms = new Set<DomElement>();
  for (const [key, selectors] of request.fields) {
    for (const selector of selectors) {
      const el = all(selector).find((candidate) => candidate.matches(CONTROLS) && tags(candidate).length === 0 && usable(candidate));
      if (!el) continue;
      tag(el, key);
      if (el.form) forms.add(el.form);
      const type = el.tagName === 'INPUT' ? (el.getAttribute('type') ?? 'text').toLowerCase() : el.tagName.toLowerCase();
      const options = Array.from(el.options ?? []).map((option) => ({ value: option.value, label: option.text.trim() }));
      const maxLength = Math.max(0, Number.parseInt(el.getAttribute('maxlength') ?? '', 10) || 0);
      controls.push({ key, selector, tag: el.tagName.toLowerCase(), type, options, maxLength });
      break;
    }
  }
  const visible = all(CONTROLS).filter(usable);
  const textual = visible.filter(
    (el) => el.tagName === 'INPUT' && /^(text|email|search|)$/.test((el.getAttribute('type') ?? '').toLowerCase()),
  );
  const extra = (key: string, pattern: RegExp): boolean => {
    if (all(`[${TAG}~="${key}"]`).length > 0) return true;
    const el = textual.find((candidate) => pattern.test(hint(candidate)) && !tags(candidate).includes(key));
    if (el) tag(el, key);
    return Boolean(el);
  };
  const firstName = extra('first', /first.?name|\bfname|given.?name|forename|vorname|pr[ée]nom/);
  const lastName = extra('last', /last.?name|\blname|surname|family.?name|nachname|apellido/);
  const confirmEmail = extra(
    'confirmEmail',
    /(confirm|repeat|retype|verify|re-?enter).{0,12}e-?mail|e-?mail.{0,12}(confirm|again|repeat)|email2|email_confirm/,
  );
  const terms = tagTerms();
  const requiredUnclaimed = visible.filter((el) => el.hasAttribute('required') && tags(el).length === 0 && !el.value).length;
  const { submitButton, nextButton } = tagButtons();
  const inForms = visible.filter((el) => el.form && forms.has(el.form));
  const formUnclaimed = forms.size === 0 ? -1 : inForms.filter((el) => tags(el).length === 0).length;
  const fillable = visible.length;
  return { controls, firstName, lastName, confirmEmail, terms, fillable, formUnclaimed, requiredUnclaimed, submitButton, nextButton };

  function tagTerms(): number {
    const TERMS = /agree|accept|terms|conditions|privacy|consent|gdpr|policy|akzeptier|zustimm|datenschutz|j'accepte|conditions|acepto/i;
    const OPT_IN = /newsletter|subscribe|marketing|offers|promotion|updates|partners/i;
    const chosen = new Set(request.termsSelectors.flatMap((selector) => all(selector)));
    const boxes = all('input[type=checkbox]').filter((el) => usable(el) && !el.checked && tags(el).length === 0);
    const picked = boxes.filter((el) => {
      const text = `${hint(el)} ${el.parentElement?.innerText ?? ''}`;
      return !OPT_IN.test(text) && (chosen.has(el) || TERMS.test(text) || el.hasAttribute('required'));
    });
    picked.forEach((el) => tag(seen(el) ? el : (Array.from(el.labels ?? []).find(seen) ?? el), 'terms'));
    return picked.length;
  }

  function tagButtons(): { submitButton: boolean; nextButton: boolean } {
    const claimed = all(`[${TAG}]`);
    const forms = all('form');
    const form = forms.map((f) => ({ f, n: claimed.filter((el) => f.contains(el)).length })).sort((a, b) => b.n - a.n)[0];
    const scope = form && form.n > 0 ? form.f : doc;
    const outsideOthers = (el: DomElement): boolean => !forms.some((f) => f !== scope && f.contains(el));
    const BUTTONS = 'button, input[type=submit], input[type=image], input[type=button], [role=button], a.button, a.btn';
    const inScope = all(BUTTONS, scope).filter(seen);
    const buttons = inScope.length > 0 ? inScope : all(BUTTONS).filter((el) => seen(el) && outsideOthers(el));
    const label = (el: DomElement): string =>
      `${el.innerText ?? ''} ${el.getAttribute('value') ?? ''} ${el.getAttribute('aria-label') ?? ''}`.trim().toLowerCase();
    const NEXT = /^(next|continue|next step|weiter|suivant|siguiente|avanti|volgende|proceed)\b/;
    const SUBMIT =
      /submit|send|add (my |your )?(listing|business|site|company)|list (my|your)|register|sign ?up|create|save|publish|post|finish|done|complete|absenden|senden|eintragen|envoyer|soumettre|enviar|invia|verzenden/;
    const isSubmitType = (el: DomElement): boolean =>
      el.tagName === 'BUTTON'
        ? (el.getAttribute('type') ?? 'submit').toLowerCase() === 'submit'
        : /^(submit|image)$/i.test(el.getAttribute('type') ?? '');
    const next = buttons.find((el) => NEXT.test(label(el)));
    const submit =
      buttons.find((el) => !NEXT.test(label(el)) && SUBMIT.test(label(el))) ??
      buttons.find((el) => !NEXT.test(label(el)) && isSubmitType(el));
    if (submit) tag(submit, 'submit');
    if (next) tag(next, 'next');
    return { submitButton: Boolean(submit), nextButton: Boolean(next) };
  }
}
