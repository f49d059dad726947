/** Minimum rules for a staff password; the server enforces them, the console shows them. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = 'too_short' | 'too_long' | 'too_few_classes' | 'same_as_current';

/**
 * Checks a new password: at least 10 characters and three of four classes
 * (lower case, upper case, digit, other), as bank IT policies commonly require, and not the
 * current password when that is given.
 */
export function passwordProblems(password: string, current?: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (password.length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push('too_few_classes');
  if (current !== undefined && password === current) problems.push('same_as_current');
  return problems;
}
