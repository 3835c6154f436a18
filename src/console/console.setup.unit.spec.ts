import { isConsolePath } from './console.setup';

describe('isConsolePath', () => {
  it('is true for the console and its files, with or without a query', () => {
    for (const url of ['/console', '/console/', '/console/main.js', '/console?x=1'])
      expect({ url, is: isConsolePath(url) }).toEqual({ url, is: true });
  });

  it('is false for the API and for paths that merely start alike', () => {
    for (const url of ['/api/health', '/consoles', '/console-x/main.js', '/', '/api/console']) {
      expect({ url, is: isConsolePath(url) }).toEqual({ url, is: false });
    }
  });
});
