import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv, parseCsvRecords } from '../csv';
import { classificationReport } from './metrics';
import { groupKeys, groupedSplit, hashSplit } from './split';

describe('classification report', () => {
  it('accuracy, per-class and macro-F1 over the labels present in the test set', () => {
    const r = classificationReport(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']);
    expect(r.accuracy).toBe(0.75);
    const f1 = Object.fromEntries(r.perClass.map((c) => [c.label, c.f1]));
    expect(f1.a).toBeCloseTo(2 / 3);
    expect(f1.b).toBeCloseTo(0.8);
    expect(r.macroF1).toBeCloseTo((2 / 3 + 0.8) / 2);
    expect(r.topConfusions).toEqual([{ actual: 'a', predicted: 'b', count: 1 }]);
  });

  it('a test label never seen in training counts as missed, a predicted label absent from the test does not count', () => {
    // 'c' occurs only in the test set: the model cannot predict it, so its F1 is 0 and it is averaged in.
    const r = classificationReport(['a', 'b', 'c'], ['a', 'b', 'a']);
    expect(r.perClass.map((c) => c.label)).toEqual(['a', 'b', 'c']);
    expect(r.perClass.find((c) => c.label === 'c')!.f1).toBe(0);
    expect(r.macroF1).toBeCloseTo((2 / 3 + 1 + 0) / 3);
    // 'z' is predicted but absent from the test labels: it is not a class of the average.
    expect(classificationReport(['a', 'a'], ['a', 'z']).perClass.map((c) => c.label)).toEqual(['a']);
  });
});

describe('splits', () => {
  const items = Array.from({ length: 1000 }, (_, i) => `row-${i}`);

  it('hash split: about the asked share, stable for a seed, independent of order', () => {
    const { train, test } = hashSplit(items, (x) => x, 0.2, 42);
    expect(test.length).toBeGreaterThan(150);
    expect(test.length).toBeLessThan(250);
    expect(train.length + test.length).toBe(1000);
    expect(hashSplit([...items].reverse(), (x) => x, 0.2, 42).test.sort()).toEqual([...test].sort());
    expect(hashSplit(items, (x) => x, 0.2, 43).test).not.toEqual(test);
  });

  it('grouped split keeps pairs that share a question (transitively) on one side', () => {
    const pairs = [
      ['q1', 'q2'],
      ['q2', 'q3'],
      ['q4', 'q3'],
      ['q5', 'q6'],
      ...Array.from({ length: 200 }, (_, i) => [`x${i}`, `y${i}`]),
    ];
    expect(groupKeys(pairs, (p) => p).slice(0, 4)).toEqual(['q1', 'q1', 'q1', 'q5']);
    for (const seed of [1, 2, 3, 4, 5]) {
      const { train, test } = groupedSplit(pairs, (p) => p, 0.3, seed);
      const trainTexts = new Set(train.flat());
      expect(test.flat().some((t) => trainTexts.has(t))).toBe(false);
      expect(test.length).toBeGreaterThan(0);
    }
  });
});

describe('CSV (RFC 4180)', () => {
  it('parses quotes, escaped quotes, commas and line breaks inside fields, CRLF and a BOM', () => {
    const text = '\ufefftext,label\r\n"他说：""放款太慢""，还要收费",negative\r\n"第一行\n第二行",neutral\nplain,positive\n';
    expect(parseCsv(text)).toEqual([
      ['text', 'label'],
      ['他说："放款太慢"，还要收费', 'negative'],
      ['第一行\n第二行', 'neutral'],
      ['plain', 'positive'],
    ]);
    expect(parseCsvRecords(text).records[1]).toEqual({ text: '第一行\n第二行', label: 'neutral' });
  });

  it('keeps empty fields and a last line without a line break', () => {
    expect(parseCsv('a,,c\n,,')).toEqual([
      ['a', '', 'c'],
      ['', '', ''],
    ]);
  });

  it('reports malformed input with its line', () => {
    expect(() => parseCsv('a,"unterminated\nb')).toThrow(CsvError);
    expect(() => parseCsv('a\n"x"y')).toThrow(/line 2/);
    expect(() => parseCsvRecords('a,b\n1,2,3')).toThrow(/expected 2 fields/);
  });
});
