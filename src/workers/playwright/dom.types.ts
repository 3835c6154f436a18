/**
 * The project compiles without the DOM lib; these are the few DOM shapes the in-page scripts
 * (`*.browser.ts`) use. Type-only: nothing here exists at run time.
 */
export interface DomRect {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

export interface DomElement {
  readonly tagName: string;
  readonly id: string;
  readonly parentElement: DomElement | null;
  readonly innerText: string;
  readonly textContent: string | null;
  readonly labels?: ArrayLike<DomElement> | null;
  readonly form?: DomElement | null;
  readonly options?: ArrayLike<{ readonly value: string; readonly text: string }>;
  readonly elements?: ArrayLike<DomElement>;
  readonly validationMessage?: string;
  readonly noValidate?: boolean;
  readonly checked?: boolean;
  readonly maxLength?: number;
  readonly href?: string;
  value?: string;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  closest(selector: string): DomElement | null;
  matches(selector: string): boolean;
  contains(other: DomElement): boolean;
  getBoundingClientRect(): DomRect;
  checkValidity?(): boolean;
  requestSubmit?(): void;
  click(): void;
  focus(): void;
  blur(): void;
  dispatchEvent(event: unknown): boolean;
}

export interface DomDocument extends DomElement {
  readonly body: DomElement | null;
  readonly documentElement: DomElement & { readonly scrollWidth: number };
  readonly title: string;
  getElementById(id: string): DomElement | null;
}

export interface DomWindow {
  readonly document: DomDocument;
  readonly location: { readonly href: string };
  readonly innerWidth: number;
  getComputedStyle(element: DomElement): {
    readonly display: string;
    readonly visibility: string;
    readonly opacity: string;
    readonly clip: string;
    readonly clipPath: string;
  };
}
