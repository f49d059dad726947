import { describe, expect, it } from 'vitest';
import { insertAtSelection, variableToken } from './insert-variable';

describe('insertAtSelection', () => {
  it.each([
    // text, selection, expected text, expected caret
    ['尊敬的：', { start: 3, end: 3 }, '尊敬的{{customerName}}：', 19],
    ['尊敬的某某：', { start: 3, end: 5 }, '尊敬的{{customerName}}：', 19],
    ['尊敬的', undefined, '尊敬的{{customerName}}', 19],
    ['', undefined, '{{customerName}}', 16],
    ['', { start: 0, end: 0 }, '{{customerName}}', 16],
    // A selection from an older, longer text stays inside this one.
    ['您好', { start: 9, end: 12 }, '您好{{customerName}}', 18],
    ['您好', { start: 1, end: 0 }, '您{{customerName}}好', 17],
  ])('%j at %j', (text, selection, expected, caret) => {
    expect(insertAtSelection(text, variableToken('customerName'), selection)).toEqual({ text: expected, caret });
  });
});
