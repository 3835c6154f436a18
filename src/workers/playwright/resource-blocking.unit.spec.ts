import { blockPolicy, siteOf } from './resource-blocking';

describe('blockPolicy', () => {
  const form = 'https://www.listings.example.co.uk/add';

  it('takes the registrable domain as the site, and an address as its own site', () => {
    expect(siteOf('https://cdn.listings.example.co.uk/x.js')).toBe('example.co.uk');
    expect(siteOf('http://127.0.0.3:8080/')).toBe('127.0.0.3');
    expect(siteOf('not a url')).toBeNull();
  });

  it('heavy: pixels, sound and fonts from anywhere; never the page, its scripts or styles', () => {
    const block = blockPolicy(['heavy'], form);
    expect(['Image', 'Media', 'Font', 'Ping'].map((type) => block('https://www.listings.example.co.uk/a', type))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['Document', 'Script', 'Stylesheet', 'XHR'].map((type) => block('https://cdn.other.example/a', type))).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('trackers: analytics of other sites, never a CDN library or the directory’s own files', () => {
    const block = blockPolicy(['trackers'], form);
    expect(block('https://www.googletagmanager.com/gtag/js?id=1', 'Script')).toBe(true);
    expect(block('https://stats.thirdparty.example/analytics.js', 'Script')).toBe(true);
    expect(block('https://cdn.jsdelivr.net/npm/jquery@3/dist/jquery.min.js', 'Script')).toBe(false);
    expect(block('https://www.listings.example.co.uk/analytics.js', 'Script')).toBe(false);
    expect(block('https://www.googletagmanager.com/ns.html', 'Document')).toBe(false);
  });

  it('third-party: other sites’ styles and the like, but scripts, API calls and frames still load', () => {
    const block = blockPolicy(['third-party'], form);
    expect(block('https://fonts.other.example/css', 'Stylesheet')).toBe(true);
    expect(['Script', 'XHR', 'Fetch', 'Document'].map((type) => block('https://api.other.example/x', type))).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(block('https://static.example.co.uk/site.css', 'Stylesheet')).toBe(false);
  });

  it('nothing set: nothing blocked', () => {
    expect(blockPolicy([], form)('https://x.example/a.png', 'Image')).toBe(false);
  });
});
