import { describe, expect, it } from 'vitest';
import { SiameseBag, WordEmbeddings, type TokenBag } from './embeddings';

// Two words used in the same company (借款 / 贷款) and two topics that never meet.
const texts: string[][] = [];
for (const loan of ['借款', '贷款']) {
  for (const verb of ['怎么', '如何', '能否']) {
    texts.push([loan, verb, '提前', '还清']);
    texts.push(['我', '的', loan, '审批', verb, '还', '没', '通过']);
    texts.push([verb, '申请', loan, '额度']);
  }
}
for (const w of ['晴天', '雨天']) for (const x of ['今天', '明天', '后天']) texts.push([x, '天气', '是', w, '出门', '带伞']);

describe('locally learnt word vectors (PPMI + truncated SVD)', () => {
  const options = { dimensions: 6, minCount: 2, window: 3, seed: 3 };

  it('words that keep the same company end closer than words that never meet', () => {
    const e = WordEmbeddings.train(texts, options);
    expect(e.has('借款')).toBe(true);
    expect(e.similarity('借款', '贷款')).toBeGreaterThan(0.8);
    expect(e.similarity('借款', '贷款')).toBeGreaterThan(e.similarity('借款', '晴天') + 0.5);
    expect(e.similarity('借款', '借款')).toBe(1);
    expect(e.similarity('借款', '没见过')).toBe(0);
  });

  it('are deterministic for a seed and round-trip exactly', () => {
    const e = WordEmbeddings.train(texts, options);
    expect(WordEmbeddings.train(texts, options).vectors).toEqual(e.vectors);
    const restored = WordEmbeddings.deserialise(JSON.parse(JSON.stringify(e.serialise())));
    expect(restored.similarity('借款', '贷款')).toBe(e.similarity('借款', '贷款'));
    expect(restored.mean(['借款', '额度'])).toEqual(e.mean(['借款', '额度']));
  });
});

describe('siamese bag-of-vectors pair model', () => {
  const bag = (...tokens: string[]): TokenBag => new Map(tokens.map((t) => [t, 1]));
  // 开通 and 申请 mean the same here; 注销 means the opposite. Every text also carries a topic word.
  const topics = ['额度', '账户', '借款', '微粒贷', '贷款', '卡'];
  const pairs = topics.flatMap((t) => [
    { a: bag('开通', t), b: bag('申请', t), same: true },
    { a: bag('申请', t), b: bag('开通', t), same: true },
    { a: bag('开通', t), b: bag('注销', t), same: false },
    { a: bag('注销', t), b: bag('申请', t), same: false },
  ]);

  it('learns which words stand in for each other, deterministically, and round-trips', () => {
    const options = { dimensions: 8, epochs: 60, learningRate: 0.2, seed: 4 };
    const model = SiameseBag.train([...pairs, ...pairs], () => undefined, options);
    // A topic word it saw with every verb, in a pair it was not trained on.
    const same = model.probability(bag('开通', '额度'), bag('申请', '卡'));
    const different = model.probability(bag('注销', '额度'), bag('申请', '卡'));
    expect(same).toBeGreaterThan(different + 0.2);
    expect(SiameseBag.train([...pairs, ...pairs], () => undefined, options).vectors).toEqual(model.vectors);
    const restored = SiameseBag.deserialise(JSON.parse(JSON.stringify(model.serialise())));
    expect(restored.probability(bag('开通', '额度'), bag('注销', '卡'))).toBe(model.probability(bag('开通', '额度'), bag('注销', '卡')));
    expect(model.cosine(bag('没见过'), bag('开通'))).toBe(0);
  });
});
