import { describe, expect, it } from 'vitest';
import { indexTokens, namesMasker } from './case-search';

describe('namesMasker', () => {
  it('masks every given name, a full name before a part of it, and leaves one-character names and other words', () => {
    const unnamed = namesMasker(['王建', '王建国', '李', null, undefined, ' 赵六 ']);
    expect(unnamed('王建国和王建都说李经理没回电话，赵六也是。')).toBe('王**和王*都说李经理没回电话，赵*也是。');
    expect(namesMasker([])('原样不变')).toBe('原样不变');
  });

  it('keeps personal data out of the search words of the masked text: no fragment of a number', () => {
    const words = indexTokens(namesMasker(['赵六'])('赵六的手机13912345678打不通')).split(' ');
    expect(words.join(' ')).not.toMatch(/赵六|1391|5678/);
  });
});
