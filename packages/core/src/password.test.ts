import { describe, expect, it } from 'vitest';
import { passwordProblems } from './password';

describe('passwordProblems', () => {
  it.each([
    ['Abcdef12!x', []],
    ['abcdefgh12', ['too_few_classes']],
    ['ABCDEFGH1!', []],
    ['Ab1!', ['too_short']],
    ['abcdefghij', ['too_few_classes']],
    ['aaaaaaaaa', ['too_short', 'too_few_classes']],
    ['密码Password1', []],
    ['x'.repeat(129) + 'A1', ['too_long']],
  ])('%s → %j', (password, problems) => {
    expect(passwordProblems(password)).toEqual(problems);
  });

  it('refuses the current password as the new one', () => {
    expect(passwordProblems('Abcdef12!x', 'Abcdef12!x')).toEqual(['same_as_current']);
    expect(passwordProblems('Abcdef12!y', 'Abcdef12!x')).toEqual([]);
  });
});
