import { MIN_PASSWORD_LENGTH, passwordProblem } from './password-policy';

describe('password policy for new accounts', () => {
  it('wants at least 12 characters, counted as characters rather than UTF-16 units', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(12);
    expect(passwordProblem('eleven-char', 'a@b.test')).toBe('Password must be at least 12 characters');
    expect(passwordProblem('twelve-chars', 'a@b.test')).toBeNull();
    expect(passwordProblem('😀'.repeat(11), 'a@b.test')).toContain('at least 12');
  });

  it('refuses the email itself, whatever its case or surrounding spaces', () => {
    expect(passwordProblem(' Long.Name@Ops.test ', 'long.name@ops.test')).toBe('Password must not be the email address');
    expect(passwordProblem('long.name@ops.test!', 'long.name@ops.test')).toBeNull();
  });

  it('bounds the length, so a sign-up cannot ask the hash for unbounded work', () => {
    expect(passwordProblem('x'.repeat(1025), 'a@b.test')).toContain('at most 1024');
  });
});
