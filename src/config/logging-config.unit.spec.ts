import { ConfigError, loadConfig } from './app-config';

describe('logging settings', () => {
  it('default to info, and pretty only on a terminal', () => {
    expect(loadConfig({}).logging).toEqual({ level: 'info', format: 'auto' });
  });

  it('read LOG_LEVEL and LOG_FORMAT', () => {
    expect(loadConfig({ LOG_LEVEL: 'debug', LOG_FORMAT: 'json' }).logging).toEqual({ level: 'debug', format: 'json' });
  });

  it('refuse unknown values, naming the setting', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT must be one of auto, json, pretty/);
  });
});
