import { ConfigError } from '../../src/config/app-config';

/** The problems a config load reports, one a line; '' when it loads. */
export function configProblems(attempt: () => unknown): string {
  try {
    attempt();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.join('\n');
    throw error;
  }
  return '';
}
