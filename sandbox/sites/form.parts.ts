import { escapeHtml } from '../http/html';
import { CATEGORIES, COUNTRIES, US_STATES } from './reference-data';
import type { CategoryStyle, FormContext, StateStyle } from './site-template';

/** ` value="…"` for a previously posted value, or nothing. */
export function valueOf(ctx: FormContext, name: string): string {
  const value = ctx.values[name];
  return value ? ` value="${escapeHtml(value)}"` : '';
}

export function textOf(ctx: FormContext, name: string): string {
  return escapeHtml(ctx.values[name] ?? '');
}

export function errorBox(ctx: FormContext, intro = 'Please correct the following:'): string {
  if (ctx.errors.length === 0) return '';
  const items = ctx.errors.map((error) => `<li>${escapeHtml(error)}</li>`).join('');
  return `<div class="alert alert-error" role="alert"><p>${escapeHtml(intro)}</p><ul>${items}</ul></div>`;
}

const option = (value: string, label: string, selected: string | undefined): string =>
  `<option value="${escapeHtml(value)}"${selected === value ? ' selected' : ''}>${escapeHtml(label)}</option>`;

/** `<option>`s of a state select: values are codes or full names depending on the site. */
export function stateOptions(style: Exclude<StateStyle, 'text'>, selected: string | undefined, placeholder = 'Select a state'): string {
  const states = US_STATES.map(([code, name]) => option(style === 'code' ? code : name, name, selected)).join('');
  return `<option value="">${escapeHtml(placeholder)}</option>${states}`;
}

export function categoryOptions(style: Exclude<CategoryStyle, 'text'>, selected: string | undefined): string {
  const categories = CATEGORIES.map(([id, label]) => option(style === 'id' ? id : label, label, selected)).join('');
  return `<option value="">-- Choose a category --</option>${categories}`;
}

export function countryOptions(selected: string | undefined): string {
  return COUNTRIES.map(([code, name]) => option(code, name, selected ?? 'US')).join('');
}

/** Spam trap hidden with inline CSS; bots fill anything called "website". */
export function honeypotHidden(name: string): string {
  return `<div style="display:none"><label for="${name}">Website</label><input type="text" id="${name}" name="${name}" value=""></div>`;
}

/** Spam trap moved off-screen, out of the tab order and away from autofill. */
export function honeypotOffscreen(name: string, label = 'Website'): string {
  return `<div class="hp-field" aria-hidden="true"><label>${escapeHtml(label)} <input type="text" name="${name}" tabindex="-1" autocomplete="off"></label></div>`;
}

export const hiddenDraft = (ctx: FormContext): string =>
  ctx.draft ? `<input type="hidden" name="draft" value="${escapeHtml(ctx.draft)}">` : '';
