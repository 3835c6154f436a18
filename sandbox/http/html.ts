export interface SiteTheme {
  readonly accent: string;
  readonly tagline: string;
  readonly nav: readonly string[];
  /** A footer newsletter form with its own email input: a decoy for field detection. */
  readonly newsletter?: boolean;
  /**
   * Pages of realistic weight: an analytics-like script, a stylesheet with a web font and a large
   * hero image, all from the sandbox's third-party origin (when it has one).
   */
  readonly thirdParty?: boolean;
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const slug = (label: string): string => label.toLowerCase().replace(/[^a-z0-9]+/g, '-');

function header(siteName: string, root: string, theme: SiteTheme): string {
  const links = theme.nav.map((item) => `<li><a href="${root}${slug(item)}">${escapeHtml(item)}</a></li>`).join('');
  return `<header class="site-header">
  <a class="logo" href="${root}">${escapeHtml(siteName)}</a>
  <nav aria-label="Main"><ul>${links}</ul></nav>
  <form class="site-search" role="search" action="${root}search" method="get">
    <label for="site-search-q">Search</label>
    <input type="search" id="site-search-q" name="q" placeholder="Search businesses, e.g. plumbers in Austin">
    <button type="submit">Search</button>
  </form>
</header>`;
}

function footer(siteName: string, root: string, theme: SiteTheme): string {
  const newsletter = theme.newsletter
    ? `<form class="newsletter" action="${root}newsletter" method="post">
    <p>Get new listings every week</p>
    <input type="email" name="newsletter_email" placeholder="Your email address" aria-label="Newsletter email">
    <button type="submit">Subscribe</button>
  </form>`
    : '';
  return `<footer class="site-footer">
  ${newsletter}
  <p><a href="${root}about">About</a> · <a href="${root}privacy">Privacy</a> · <a href="${root}terms">Terms</a></p>
  <p>&copy; 2025 ${escapeHtml(siteName)}. All rights reserved.</p>
</footer>`;
}

/** What a heavy page loads from the third-party origin: in the head, and a banner above the content. */
function thirdPartyParts(theme: SiteTheme, origin: string | null): { readonly head: string; readonly banner: string } {
  if (!theme.thirdParty || origin === null) return { head: '', banner: '' };
  return {
    head: `<link rel="stylesheet" href="${origin}/static/site.css">
<script async src="${origin}/js/analytics.js"></script>`,
    banner: `<div class="hero-banner"><img src="${origin}/img/hero.png" alt="" width="1280" height="480"></div>`,
  };
}

export function renderPage(input: {
  readonly siteName: string;
  readonly title: string;
  readonly root: string;
  readonly theme: SiteTheme;
  readonly body: string;
  readonly thirdPartyOrigin: string | null;
}): string {
  const { siteName, title, root, theme, body } = input;
  const thirdParty = thirdPartyParts(theme, input.thirdPartyOrigin);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} | ${escapeHtml(siteName)}</title>
${thirdParty.head}
<style>
  body { font-family: system-ui, sans-serif; margin: 0; color: #222; }
  .site-header { display: flex; gap: 1.5rem; align-items: center; padding: .8rem 1.5rem; background: ${theme.accent}; color: #fff; }
  .site-header a { color: #fff; } .site-header ul { display: flex; gap: 1rem; list-style: none; margin: 0; padding: 0; }
  .site-search label { position: absolute; left: -9999px; }
  main { max-width: 760px; margin: 1.5rem auto; padding: 0 1rem; }
  label { display: block; margin-top: .6rem; } input, select, textarea { padding: .35rem; min-width: 18rem; }
  .alert { padding: .8rem; border: 1px solid; margin: 1rem 0; } .alert-error { color: #a00; background: #fee; }
  .alert-success { color: #060; background: #efe; }
  .hp-field { position: absolute; left: -10000px; top: auto; width: 1px; height: 1px; overflow: hidden; }
  .site-footer { padding: 1.5rem; background: #f3f3f3; margin-top: 3rem; font-size: .9rem; }
</style>
</head>
<body>
${header(siteName, root, theme)}
${thirdParty.banner}
<main>
${body}
</main>
${footer(siteName, root, theme)}
</body>
</html>`;
}
