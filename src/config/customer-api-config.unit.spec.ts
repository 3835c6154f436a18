import { ConfigError, loadConfig } from './app-config';

describe('customer API settings', () => {
  it('needs staff approval for runs and counts 30 days of results by default', () => {
    expect(loadConfig({}).customerApi).toEqual({ runApproval: 'staff', directorySuccessWindowDays: 30 });
    expect(loadConfig({ SUBMISSION_RUN_APPROVAL: 'auto', DIRECTORY_SUCCESS_WINDOW_DAYS: '7' }).customerApi).toEqual({
      runApproval: 'auto',
      directorySuccessWindowDays: 7,
    });
  });

  it('refuses an unknown approval mode and a window outside 1 to 365 days, naming the setting', () => {
    expect(() => loadConfig({ SUBMISSION_RUN_APPROVAL: 'maybe' })).toThrow(ConfigError);
    expect(() => loadConfig({ SUBMISSION_RUN_APPROVAL: 'maybe' })).toThrow(/SUBMISSION_RUN_APPROVAL must be one of auto, staff/);
    expect(() => loadConfig({ DIRECTORY_SUCCESS_WINDOW_DAYS: '0' })).toThrow(/DIRECTORY_SUCCESS_WINDOW_DAYS/);
  });
});
