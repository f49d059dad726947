import { describe, expect, it } from 'vitest';
import { TextClassifier, type LabelledText } from './classifier';
import { applyKeywordRules, checkKeywordRules, type KeywordRule } from './rules';

const examples: LabelledText[] = [
  { text: '抵押物评估价值太低，押品评估公司不专业', label: 'collateral' },
  { text: '押品评估结果比市场价低很多，要求重新评估抵押物', label: 'collateral' },
  { text: '抵押登记办了两个月还没办完，抵押物一直压着', label: 'collateral' },
  { text: '项目贷款放款太慢，提款申请提交一个月没有放款', label: 'disbursement' },
  { text: '流动资金贷款审批通过了但是迟迟不放款', label: 'disbursement' },
  { text: '放款进度没人告诉我们，受托支付材料反复要求补充', label: 'disbursement' },
  { text: '提前还款收取违约金不合理，合同没有说明', label: 'fees' },
  { text: '贷款利率比LPR上浮太多，还要收顾问费', label: 'fees' },
  { text: '账户管理费和手续费收费标准不透明', label: 'fees' },
];

describe('text classifier', () => {
  for (const algorithm of ['logistic', 'complement-nb'] as const) {
    it(`${algorithm}: predicts a new text sharing key terms and names those terms`, () => {
      const model = TextClassifier.train(examples, { algorithm, features: { minCount: 1 }, modelVersion: 'cause@1' });
      const p = model.predict('我们的押品评估价值被严重低估');
      expect(p.label).toBe('collateral');
      expect(p.source).toBe('model');
      expect(p.modelVersion).toBe('cause@1');
      expect(p.confidence).toBeGreaterThan(1 / 3);
      expect(p.topFeatures.map((t) => t.term).join(' ')).toMatch(/押品|评估/);
      expect(p.alternatives.map((a) => a.label).sort()).toEqual(['collateral', 'disbursement', 'fees']);
    });
  }

  it('averaged SGD: the model is the mean of the iterates, not the last one, and still learns the examples', () => {
    const options = { features: { minCount: 1 }, logistic: { seed: 3, epochs: 8, learningRate: 1 } };
    const last = TextClassifier.train(examples, options);
    const averaged = TextClassifier.train(examples, { ...options, logistic: { ...options.logistic, average: true } });
    expect(averaged.model.weights).not.toEqual(last.model.weights);
    // The mean of iterates that all start from zero is smaller than the last of them.
    const norm = (w: Float32Array) => Math.hypot(...w);
    expect(norm(averaged.model.weights)).toBeLessThan(norm(last.model.weights));
    for (const e of examples) expect(averaged.predict(e.text).label).toBe(e.label);
    expect(averaged.predict('我们的押品评估价值被严重低估').label).toBe('collateral');
  });

  it('a staff correction changes the prediction for a different text with the same key terms', () => {
    const model = TextClassifier.train(examples, { features: { minCount: 1 } });
    const other = '保函开立的保证金比例太高';
    expect(model.predict(other).label).not.toBe('guarantee');
    // The correction: a case a staff member relabelled as a new cause, then the background retrain.
    const corrected = model.retrain([...examples, { text: '开立保函要求的保证金太高，保函手续繁琐', label: 'guarantee' }]);
    const p = corrected.predict(other);
    expect(p.label).toBe('guarantee');
    expect(p.topFeatures.map((t) => t.term)).toEqual(expect.arrayContaining(['保函']));
    // The texts it learnt from before still go where they went.
    expect(corrected.predict('押品评估价值太低').label).toBe('collateral');
  });

  it('serialise → JSON → deserialise gives identical predictions', () => {
    for (const algorithm of ['logistic', 'complement-nb'] as const) {
      const model = TextClassifier.train(examples, { algorithm, features: { minCount: 1 }, modelVersion: 'v9' });
      const restored = TextClassifier.deserialise(JSON.parse(JSON.stringify(model.serialise())));
      for (const text of ['押品评估太低', '放款慢', '收费不透明，违约金太高', '完全无关的一句话']) {
        expect(restored.predict(text)).toEqual(model.predict(text));
      }
    }
  });

  it('trainMany: one vectorisation for several fields, the same models as training each alone', () => {
    const texts = examples.map((e) => e.text);
    const urgency = examples.map((_, i) => (i % 2 === 0 ? 'urgent' : 'routine'));
    const both = TextClassifier.trainMany(texts, { cause: examples.map((e) => e.label), urgency }, { features: { minCount: 1 } });
    const alone = TextClassifier.train(examples, { features: { minCount: 1 } });
    expect(both.cause.predict('押品评估太低')).toEqual(alone.predict('押品评估太低'));
    expect(both.urgency.labels).toEqual(['routine', 'urgent']);
    expect(() => TextClassifier.trainMany(texts, { cause: ['a'] })).toThrow(RangeError);
  });

  it('training is deterministic for a seed', () => {
    const a = TextClassifier.train(examples, { logistic: { seed: 7 } }).serialise();
    const b = TextClassifier.train(examples, { logistic: { seed: 7 } }).serialise();
    expect(a).toEqual(b);
  });

  it('refuses a malformed serialised model and a single-label training set', () => {
    expect(() => TextClassifier.deserialise({ format: 'something-else' })).toThrow(RangeError);
    const good = TextClassifier.train(examples).serialise();
    expect(() => TextClassifier.deserialise({ ...good, weights: good.idf })).toThrow(RangeError);
    expect(() => TextClassifier.train(examples.slice(0, 3))).toThrow(RangeError);
  });

  it('classifies English with the word tokenizer', () => {
    const english: LabelledText[] = [
      { text: 'The debt collector keeps calling about a debt I do not owe', label: 'Debt collection' },
      { text: 'Collection agency harassing me over a debt', label: 'Debt collection' },
      { text: 'My credit report shows an account that is not mine', label: 'Credit reporting' },
      { text: 'Incorrect information on my credit report from the bureau', label: 'Credit reporting' },
    ];
    const model = TextClassifier.train(english, { features: { minCount: 1 } });
    expect(model.vectorizer.config.language).toBe('en');
    expect(model.predict('Wrong late payment on my credit report').label).toBe('Credit reporting');
  });
});

describe('keyword rules (cold start)', () => {
  const rules: KeywordRule[] = [
    { label: 'complaint', keywords: ['投诉', '不满', '太慢'], excludes: ['撤销投诉'] },
    { label: 'inquiry', keywords: ['请问', '怎么办理', '咨询'] },
    { label: 'praise', keywords: ['感谢', '表扬'], weight: 2 },
  ];

  it('predicts with source rule and the matched keywords', () => {
    const p = applyKeywordRules(rules, '我要投诉，放款太慢')!;
    expect(p).toMatchObject({ label: 'complaint', source: 'rule' });
    expect(p.topFeatures.map((t) => t.term)).toEqual(['投诉', '太慢']);
    expect(p.confidence).toBeCloseTo(2 / 3);
  });

  it('returns null when nothing matches, and honours exclusions', () => {
    expect(applyKeywordRules(rules, '今天天气不错')).toBeNull();
    expect(applyKeywordRules(rules, '我想撤销投诉')).toBeNull();
  });

  it('weights count: one praise word outweighs one complaint word', () => {
    expect(applyKeywordRules(rules, '感谢客户经理，虽然之前不满')!.label).toBe('praise');
  });

  it('reports problems in rules an admin edited', () => {
    expect(checkKeywordRules(rules)).toEqual([]);
    expect(checkKeywordRules([{ label: '', keywords: [' '] }])).toHaveLength(2);
  });
});
