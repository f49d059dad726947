import { describe, expect, it } from 'vitest';
import { LshIndex, bandKeys, hotTopics, signature, signatureFromBase64, signatureToBase64, similarity } from './duplicates';
import { groupedSplit } from './eval/split';
import { DENSE_PAIR_FEATURES, PairScorer, PairStatistics, bestMacroF1Threshold, densePairFeatures, editDistance, pairSimilarities, type SerialisedPairScorer } from './pairs';
import { prepareText } from './features';

const original = '我公司在贵行申请的项目贷款审批已经通过两个月了，至今没有放款，客户经理一直说在走流程，耽误了我们的工程进度，请尽快放款。联系电话13812345678';
const reworded = '我们公司在你行申请的项目贷款已经审批通过两个月，到现在还没有放款，客户经理总说在走流程，工程进度被耽误了，请尽快安排放款。电话13987654321';
const unrelated = '信用卡年费被扣了两次，客服说会退但是一直没有退回，请核实后退还多扣的年费。';

describe('near-duplicates by MinHash-LSH', () => {
  it('a reworded repeat complaint is a near-duplicate, an unrelated one is not', () => {
    const a = signature(original);
    expect(similarity(a, signature(reworded))).toBeGreaterThan(0.4);
    expect(similarity(a, signature(unrelated))).toBeLessThan(0.15);
    expect(similarity(a, signature(original))).toBe(1);
  });

  it('PII does not make or break a match: different phone numbers, same signature', () => {
    expect(similarity(signature('请尽快放款，电话13812345678'), signature('请尽快放款，电话13987654321'))).toBe(1);
  });

  it('the index suggests the repeat among open cases, not the unrelated one', () => {
    const index = new LshIndex<string>();
    index.add('FB-1', signature(original));
    index.add('FB-2', signature(unrelated));
    for (let i = 0; i < 50; i++) index.add(`noise-${i}`, signature(`第${i}号工单：关于网点排队时间${i}分钟的意见和ATM故障`));
    const matches = index.query(signature(reworded), { minSimilarity: 0.4 });
    expect(matches.map((m) => m.id)).toEqual(['FB-1']);
    index.remove('FB-1');
    expect(index.query(signature(reworded), { minSimilarity: 0.4 })).toEqual([]);
  });

  it('band keys are stable strings and signatures round-trip', () => {
    const sig = signature(original);
    const keys = bandKeys(sig);
    expect(keys).toHaveLength(16);
    expect(keys[0]).toMatch(/^0:[0-9a-z]+$/);
    expect(bandKeys(signature(original))).toEqual(keys);
    expect(signatureFromBase64(signatureToBase64(sig))).toEqual(sig);
  });

  it('hot topics group near-duplicates across customers with their counts', () => {
    const items = [
      { id: 1, customerId: 'A', signature: signature(original) },
      { id: 2, customerId: 'B', signature: signature(reworded) },
      { id: 3, customerId: 'C', signature: signature(`${original}谢谢`) },
      { id: 4, customerId: 'D', signature: signature(unrelated) },
    ];
    const topics = hotTopics(items, { threshold: 0.4 });
    expect(topics).toHaveLength(1);
    expect(topics[0]).toMatchObject({ count: 3, customers: 3 });
    expect(topics[0]!.ids.sort()).toEqual([1, 2, 3]);
  });
});

describe('pair scorer', () => {
  it('similarity measures', () => {
    expect(editDistance([...'放款太慢'], [...'放款很慢'])).toBe(1);
    const s = pairSimilarities(prepareText('借呗怎么还款'), prepareText('借呗如何还款'));
    expect(s.char1Jaccard).toBe(0.5); // 借呗还款 shared, 怎么 / 如何 not
    expect(s.numberMismatch).toBe(0);
    expect(pairSimilarities(prepareText('逾期3天'), prepareText('逾期5天')).numberMismatch).toBe(1);
    expect(pairSimilarities(prepareText('能还款'), prepareText('不能还款')).negationMismatch).toBe(1);
  });

  it('learns from labelled pairs, scores new ones and round-trips', () => {
    const same = [
      ['怎么提前还款', '如何提前还款'],
      ['借款怎么还', '贷款怎么还'],
      ['额度怎么提升', '如何提高额度'],
      ['还款日可以改吗', '能修改还款日吗'],
      ['逾期了怎么办', '逾期以后怎么处理'],
      ['怎么注销账户', '如何注销账户'],
    ];
    const different = [
      ['怎么提前还款', '为什么不能借款'],
      ['借款怎么还', '额度怎么提升'],
      ['还款日可以改吗', '逾期了怎么办'],
      ['怎么注销账户', '利息怎么算'],
      ['额度怎么提升', '还款失败是什么原因'],
      ['逾期了怎么办', '怎么开通借款'],
    ];
    const pairs = [
      ...same.map(([a, b]) => ({ a: a!, b: b!, same: true })),
      ...different.map(([a, b]) => ({ a: a!, b: b!, same: false })),
    ];
    const scorer = PairScorer.train([...pairs, ...pairs, ...pairs], { minCount: 1 });
    expect(scorer.score('怎么提前还款呢', '如何提前还款').same).toBe(true);
    expect(scorer.score('怎么注销账户', '为什么额度降低了').same).toBe(false);
    const restored = PairScorer.deserialise(JSON.parse(JSON.stringify(scorer.serialise())));
    expect(restored.score('借款怎么还', '贷款如何还')).toEqual(scorer.score('借款怎么还', '贷款如何还'));
  });

  it.each([
    // Separable between 0.25 and 0.31: of the thresholds that separate, the one nearest 0.5.
    [[0.1, 0.2, 0.25], [0.31, 0.4, 0.6], 0.31],
    // Everything above 0.5 is a duplicate, nothing below: ties go to the threshold nearest 0.5.
    [[0.1, 0.3], [0.7, 0.9], 0.5],
    // A rare positive class scored low: a low threshold finds it.
    [[0.05, 0.06, 0.07, 0.08, 0.1, 0.12], [0.2, 0.22], 0.2],
    // Overlapping: one positive is lost either way; 0.35 also keeps every negative out.
    [[0.1, 0.3, 0.34], [0.2, 0.35, 0.8], 0.35],
  ])('the macro-F1 threshold of negatives %j and positives %j is %d', (negatives, positives, expected) => {
    const scored = [...negatives.map((probability) => ({ probability, same: false })), ...positives.map((probability) => ({ probability, same: true }))];
    expect(bestMacroF1Threshold(scored)).toBeCloseTo(expected, 5);
  });

  it("with threshold 'macro-f1' uses the threshold that is best on a fifth of the training pairs held aside", () => {
    const questions = ['怎么提前还款', '为什么不能借款', '额度怎么提升', '还款日可以改吗', '逾期了怎么办', '怎么注销账户', '利息怎么算', '怎么开通借款', '还款失败是什么原因', '借款怎么还'];
    const rewordings = ['如何提前还款', '为何不能借款', '如何提高额度', '能修改还款日吗', '逾期以后怎么处理', '如何注销账户', '利息如何计算', '如何开通借款', '还款为什么失败', '贷款怎么还'];
    const pairs: { a: string; b: string; same: boolean }[] = [];
    questions.forEach((q, i) => {
      pairs.push({ a: q, b: rewordings[i]!, same: true });
      // Each pair its own texts, so the held-aside fifth is a fifth of the pairs.
      for (const [k, tail] of ['吗', '呀', '呢', '啊', '吧', '哦'].entries()) pairs.push({ a: `${q}${tail}`, b: `${rewordings[(i + k + 1) % questions.length]!}${tail}`, same: false });
    });
    // Only the dense similarity measures (no word indicators): the classes overlap and duplicates are rare.
    const options = { minCount: 10_000, logistic: { seed: 7 } };
    const scorer = PairScorer.train(pairs, { ...options, threshold: 'macro-f1' });
    // Duplicates are one pair in seven: the scorer under-calls them at 0.5, the tuned threshold is lower.
    expect(scorer.threshold).toBeLessThan(0.5);
    const prepared = pairs.map((p) => ({ a: prepareText(p.a), b: prepareText(p.b), same: p.same }));
    const { train, test } = groupedSplit(prepared, (p) => [p.a.text, p.b.text], 0.2, 7);
    const trial = PairScorer.train(train, options);
    expect(scorer.threshold).toBe(bestMacroF1Threshold(test.map((p) => ({ probability: trial.score(p.a, p.b).probability, same: p.same }))));
    expect(PairScorer.deserialise(scorer.serialise()).threshold).toBe(scorer.threshold);
    const probability = scorer.score('怎么提前还款', '如何提前还款').probability;
    expect(scorer.score('怎么提前还款', '如何提前还款').same).toBe(probability >= scorer.threshold);
  });

  describe('boosted: trees over the similarity measures and two learnt models', () => {
    const questions = ['怎么提前还款', '为什么不能借款', '额度怎么提升', '还款日可以改吗', '逾期了怎么办', '怎么注销账户', '利息怎么算', '怎么开通借款', '还款失败是什么原因', '借款怎么还'];
    const rewordings = ['如何提前还款', '为何不能借款', '如何提高额度', '能修改还款日吗', '逾期以后怎么处理', '如何注销账户', '利息如何计算', '如何开通借款', '还款为什么失败', '贷款怎么还'];
    const pairs: { a: string; b: string; same: boolean }[] = [];
    questions.forEach((q, i) => {
      for (const [k, tail] of ['', '吗', '呀', '呢'].entries()) {
        pairs.push({ a: `${q}${tail}`, b: rewordings[i]!, same: true });
        pairs.push({ a: `${q}${tail}`, b: rewordings[(i + k + 1) % questions.length]!, same: false });
      }
    });
    const options = { model: 'boosted', minCount: 1, gbdt: { trees: 40 }, embeddings: { minCount: 1 }, logistic: { seed: 3 } } as const;

    it('the dense features are named and bounded as documented', () => {
      const statistics = PairStatistics.fit(pairs.flatMap((p) => [prepareText(p.a), prepareText(p.b)]));
      const x = densePairFeatures(prepareText('借呗怎么还款'), prepareText('借呗如何还款'), statistics);
      // The last two (the learnt models' probabilities) are appended by the scorer.
      expect(x).toHaveLength(DENSE_PAIR_FEATURES.length - 2);
      expect(x.every((v) => Number.isFinite(v))).toBe(true);
      const named = Object.fromEntries(DENSE_PAIR_FEATURES.slice(0, -2).map((n, i) => [n, x[i]!]));
      expect(named.tfidfWordCosine).toBeGreaterThan(0);
      expect(named.tfidfWordCosine).toBeLessThan(1);
      expect(named.sharedWords).toBe(3); // 借, 呗, 还款 (jieba splits 借呗)
      expect(named.unsharedWords).toBe(2); // 怎么, 如何
      expect(named['question:怎么']).toBe(1); // in the first text only
      expect(named['question:如何']).toBe(2); // in the second only
      const itself = Object.fromEntries(DENSE_PAIR_FEATURES.slice(0, -2).map((n, i) => [n, densePairFeatures(prepareText('借呗怎么还款'), prepareText('借呗怎么还款'), statistics)[i]!]));
      expect(itself.tfidfCharCosine).toBeCloseTo(1, 9);
      expect(itself.bm25Min).toBeCloseTo(1, 9);
      expect(itself.alignedMin).toBeCloseTo(1, 6);
      expect(itself.unsharedWords).toBe(0);
    });

    it('learns the training pairs, explains with named features, is deterministic and round-trips', () => {
      const scorer = PairScorer.train(pairs, options);
      const scored = pairs.map((p) => ({ ...p, probability: scorer.score(p.a, p.b).probability }));
      const mean = (same: boolean) => scored.filter((p) => p.same === same).reduce((s, p) => s + p.probability, 0) / (pairs.length / 2);
      expect(mean(true)).toBeGreaterThan(mean(false) + 0.3);
      const score = scorer.score('怎么提前还款', '如何提前还款');
      expect(score.topFeatures.length).toBeGreaterThan(0);
      expect(score.topFeatures.every((t) => t.term.startsWith('g:') && DENSE_PAIR_FEATURES.includes(t.term.slice(2)) && t.weight > 0)).toBe(true);
      const serialised = JSON.parse(JSON.stringify(scorer.serialise())) as SerialisedPairScorer;
      expect(serialised.formatVersion).toBe(2);
      expect(JSON.stringify(PairScorer.train(pairs, options).serialise())).toBe(JSON.stringify(serialised));
      const restored = PairScorer.deserialise(serialised);
      for (const p of pairs.slice(0, 10)) expect(restored.score(p.a, p.b)).toEqual(scorer.score(p.a, p.b));
      expect(restored.score('还款日能不能改', '逾期以后怎么处理')).toEqual(scorer.score('还款日能不能改', '逾期以后怎么处理'));
      // A model made for another feature list is refused rather than misread.
      const shorter = { ...serialised, boosted: { ...serialised.boosted!, gbdt: { ...serialised.boosted!.gbdt, features: 3 } } };
      expect(() => PairScorer.deserialise(shorter)).toThrow(/features/);
    });

    it("with threshold 'macro-f1' the threshold is chosen on out-of-fold scores and kept by a round trip", () => {
      const scorer = PairScorer.train(pairs, { ...options, threshold: 'macro-f1' });
      expect(scorer.threshold).toBeGreaterThanOrEqual(0.05);
      expect(scorer.threshold).toBeLessThanOrEqual(0.95);
      expect(PairScorer.deserialise(scorer.serialise()).threshold).toBe(scorer.threshold);
      const { probability, same } = scorer.score('逾期了怎么办', '逾期以后怎么处理');
      expect(same).toBe(probability >= scorer.threshold);
    });
  });
});
