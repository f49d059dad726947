import { describe, expect, it } from 'vitest';
import { FINANCE_TERMS } from './finance-dictionary';
import { createSegmenter, defaultSegmenter } from './segment';

describe('segmentation with the finance dictionary', () => {
  it('keeps regulator and product names whole', () => {
    const words = defaultSegmenter().words('我要向银保监会投诉你们的项目融资放款太慢，提前还款还收违约金');
    expect(words).toEqual(expect.arrayContaining(['银保监会', '项目融资', '放款', '提前还款', '违约金']));
    expect(words).not.toContain('，');
  });

  it('splits them without the dictionary (why it ships)', () => {
    const plain = createSegmenter({ financeDictionary: false }).words('银保监会的项目融资');
    expect(plain).not.toContain('项目融资');
  });

  it('ships a few hundred hand-written terms without duplicates', () => {
    expect(FINANCE_TERMS.length).toBeGreaterThan(300);
    expect(new Set(FINANCE_TERMS.map((t) => t.word)).size).toBe(FINANCE_TERMS.length);
  });

  it('learns words an admin adds at run time', () => {
    const segmenter = createSegmenter();
    const text = '我们申请的惠企贷审批太慢';
    expect(segmenter.words(text)).not.toContain('惠企贷');
    segmenter.addWords(['惠企贷', { word: '绿色信贷通', tag: 'n' }]);
    expect(segmenter.words(text)).toContain('惠企贷');
    expect(segmenter.addedWords.map((t) => t.word)).toEqual(['惠企贷', '绿色信贷通']);
  });

  it('rejects a word with white space', () => {
    expect(() => createSegmenter().addWords(['两个 词'])).toThrow(RangeError);
  });

  it('folds full-width characters and lower-cases Latin', () => {
    expect(defaultSegmenter().words('ＬＰＲ上调了')).toContain('lpr');
  });

  it('gives a search index the parts of long words too', () => {
    const words = defaultSegmenter().searchWords('抵押物评估报告仍未出具');
    expect(words).toEqual(expect.arrayContaining(['抵押物', '评估', '报告', '评估报告']));
  });
});
