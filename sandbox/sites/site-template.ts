import type { FormMapping, ListingField } from '../../src/workers/submitter.port';
import type { SiteTheme } from '../http/html';
import type { SandboxSite } from '../sandbox.types';

export type StateStyle = 'code' | 'name' | 'text';
export type CategoryStyle = 'label' | 'id' | 'text';
export type Difficulty = 'easy' | 'medium' | 'hard';

export interface FormContext {
  /** Instance root, e.g. `/d/plain-labels-3/`. */
  readonly root: string;
  readonly action: string;
  /** Previously posted values, re-rendered after a validation error. */
  readonly values: Readonly<Record<string, string>>;
  readonly errors: readonly string[];
  /** Only the navigating wizard renders a step 2 page. */
  readonly step: 1 | 2;
  readonly draft: string | null;
}

export interface SiteTemplate extends SandboxSite {
  readonly theme: SiteTheme;
  /** Posted parameter name per listing field the form has. */
  readonly params: Partial<Readonly<Record<ListingField, string>>>;
  /** When the contact name is asked as first and last name instead of `params.contactName`. */
  readonly contactSplit?: { readonly first: string; readonly last: string };
  /** When the phone is asked in boxes (area code, prefix, line): each box in order; the first is `params.phone`. */
  readonly phoneSplit?: readonly { readonly param: string; readonly length: number }[];
  readonly honeypot: string | null;
  readonly terms: string | null;
  readonly stateStyle: StateStyle | null;
  readonly categoryStyle: CategoryStyle | null;
  /** The navigating wizard: parameters posted on step 1 (validated there). */
  readonly step1Params?: readonly string[];
  /** Post/redirect/get: answer the POST with 303 to a `thanks` page. */
  readonly successRedirect?: boolean;
  /** Status of a re-rendered form after a validation error; default 422. */
  readonly validationStatus?: 200 | 422;
  /** Status of the "already listed" page; default 200. */
  readonly duplicateStatus?: 200 | 409 | 422;
  readonly messages: {
    readonly successTitle: string;
    readonly success: string;
    readonly duplicate: string;
    readonly listingLink: boolean;
  };
  readonly catalog: {
    readonly category: string;
    readonly difficulty: Difficulty;
    readonly domainAuthority: number;
    readonly formMapping: FormMapping | null;
  };
  /** Static files under the instance root (a service worker script, a cacheable file). */
  readonly assets?: Readonly<Record<string, { readonly type: string; readonly body: string; readonly cacheSeconds?: number }>>;
  renderForm(ctx: FormContext): string;
}

type TemplateDefaults = 'requiresLogin' | 'hasCaptcha' | 'hasHoneypot' | 'requiresTerms' | 'multipart' | 'expectedOutcome';

/** Fills the flags that follow from the rest of the definition. */
export function defineSite(
  site: Omit<SiteTemplate, TemplateDefaults> & Partial<Pick<SiteTemplate, 'multipart' | 'expectedOutcome'>>,
): SiteTemplate {
  return {
    ...site,
    requiresLogin: site.behaviour === 'login',
    hasCaptcha: site.behaviour === 'captcha',
    hasHoneypot: site.honeypot !== null,
    requiresTerms: site.terms !== null,
    multipart: site.multipart ?? site.fields.includes('logo'),
    expectedOutcome: site.expectedOutcome ?? outcomeOf(site.behaviour),
  };
}

function outcomeOf(behaviour: SiteTemplate['behaviour']): SiteTemplate['expectedOutcome'] {
  switch (behaviour) {
    case 'captcha':
      return 'needs_manual:captcha';
    case 'login':
      return 'needs_manual:login';
    case 'exists':
      return 'duplicate';
    case 'flaky':
      return 'transient-then-success';
    case 'plain':
    case 'wizard-nav':
    case 'wizard-js':
    case 'slow':
      return 'success';
    default: {
      const unreachable: never = behaviour;
      return unreachable;
    }
  }
}
