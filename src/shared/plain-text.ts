import sanitizeHtml from 'sanitize-html';

const NO_MARKUP: sanitizeHtml.IOptions = { allowedTags: [], allowedAttributes: {}, disallowedTagsMode: 'discard' };
/** What sanitize-html escapes in the text it keeps; a listing is text, not HTML, so it goes back. */
const ESCAPED: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const MAX_PASSES = 5;

/**
 * Listing text as plain text: tags go, and the content of script, style, textarea and option goes
 * with them. Markup hidden behind entities (`&lt;script&gt;`) would come back as markup once
 * decoded, so the cleaning repeats until nothing changes; what still changes after a few passes
 * loses its angle brackets. This text is typed into third-party sites: none of our customers'
 * markup may reach them (docs/requirements.md R-API-17).
 */
export function toPlainText(value: string): string {
  let current = value;
  for (let pass = 0; pass < MAX_PASSES; pass += 1) {
    const next = sanitizeHtml(current, NO_MARKUP).replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ESCAPED[entity] ?? entity);
    if (next === current) return next;
    current = next;
  }
  return current.replace(/[<>]/g, '');
}
