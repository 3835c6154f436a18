/** Why a control is treated as not visible (and never classified). */
export type HiddenReason = 'display' | 'visibility' | 'size' | 'offscreen' | 'opacity' | 'aria-hidden' | 'honeypot';

/** Every text cue a form control offers, each from its own source. */
export interface FieldLabels {
  /** `<label for>` or a wrapping `<label>`. */
  readonly label: string;
  readonly ariaLabelledBy: string;
  readonly ariaLabel: string;
  readonly placeholder: string;
  readonly title: string;
  /** Text before the control: preceding siblings, a table cell or column header, the previous div. */
  readonly nearby: string;
  readonly legend: string;
}

/** The features of one fillable form control (input, select or textarea). */
export interface FieldDescriptor {
  /** Position among the page's fillable controls, in document order. */
  readonly index: number;
  /** Index of the enclosing form in `document.forms`; -1 outside any form. */
  readonly formIndex: number;
  readonly tag: 'input' | 'select' | 'textarea';
  /** Lowercased input type; 'select' and 'textarea' for those tags. */
  readonly type: string;
  readonly name: string;
  readonly id: string;
  readonly className: string;
  readonly autocomplete: string;
  readonly labels: FieldLabels;
  /** Option texts of a select (empty otherwise). */
  readonly options: readonly string[];
  readonly value: string;
  /** -1 when the control sets no limit. */
  readonly maxLength: number;
  readonly required: boolean;
  readonly readOnly: boolean;
  readonly disabled: boolean;
  readonly visible: boolean;
  readonly hiddenReason: HiddenReason | null;
  /** A CSS selector matching exactly this control in the page. */
  readonly selector: string;
}
