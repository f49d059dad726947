import { describe, expect, it } from 'vitest';
import { TextClassifier } from './classifier';
import { prepareText } from './features';
import { amountsInYuan, detectRiskFlags, suggestPriority } from './risk';
import { analyseSentiment, lexiconScore } from './sentiment';

describe('escalation threats and priority', () => {
  it('a regulator and media threat raises both flags with their words, and the priority', () => {
    const threat = '放款拖了三个月，我要向12378投诉并找媒体曝光';
    const flags = detectRiskFlags(threat);
    expect(flags).toEqual([
      { type: 'regulator', terms: ['12378'] },
      { type: 'media', terms: ['媒体', '曝光'] },
    ]);
    const calm = '放款拖了三个月，请尽快处理';
    const threatPriority = suggestPriority(flags, analyseSentiment(prepareText(threat)).negativeIntensity);
    const calmPriority = suggestPriority(detectRiskFlags(calm), analyseSentiment(prepareText(calm)).negativeIntensity);
    expect(threatPriority.priority).toBe('P1');
    expect(threatPriority.reasons.join(' ')).toContain('12378');
    expect(calmPriority.priority > threatPriority.priority).toBe(true); // 'P3' > 'P1': less urgent
  });

  it.each([
    ['已经请了律师，准备起诉到法院', 'legal', ['律师', '起诉', '法院']],
    ['再不解决我就去信访', 'petition', ['信访']],
    ['我们公司准备销户转行', 'business_exit', ['销户', '转行']],
    ['已经向金融监管总局和人民银行反映', 'regulator', ['金融监管总局', '人民银行']],
    ['银保监会', 'regulator', ['银保监会']],
    ['向银保监反映', 'regulator', ['银保监']],
    ['发到微博和抖音上', 'media', ['微博', '抖音']],
  ] as const)('%s → %s', (text, type, terms) => {
    const flag = detectRiskFlags(text).find((f) => f.type === type);
    expect(flag?.terms.sort()).toEqual([...terms].sort());
  });

  it('a hotline number inside a longer number is not a threat', () => {
    expect(detectRiskFlags('合同编号2023123786')).toEqual([]);
  });

  it('large amounts raise a flag; bare numbers are not amounts', () => {
    expect(amountsInYuan('损失了120万元，另有3.5亿的项目').map((a) => a.yuan)).toEqual([1_200_000, 350_000_000]);
    expect(detectRiskFlags('损失200万')).toEqual([{ type: 'large_amount', terms: ['200万'] }]);
    expect(detectRiskFlags('损失2000元')).toEqual([]);
  });

  it('priority ladder', () => {
    expect(suggestPriority([{ type: 'self_harm', terms: ['跳楼'] }], 0).priority).toBe('P1');
    expect(suggestPriority([{ type: 'legal', terms: ['律师'] }], 0.2).priority).toBe('P2');
    expect(suggestPriority([], 0.8).priority).toBe('P2');
    expect(suggestPriority([], 0.5).priority).toBe('P3');
    expect(suggestPriority([], 0.1).priority).toBe('P4');
  });
});

describe('sentiment', () => {
  it('lexicon: negation flips, intensifiers amplify', () => {
    expect(lexiconScore(['服务', '很', '满意']).positive).toBeGreaterThan(lexiconScore(['服务', '满意']).positive);
    const negated = lexiconScore(['服务', '不', '好']);
    expect(negated.negative).toBeGreaterThan(0);
    expect(negated.positive).toBe(0);
  });

  it('without a model the lexicon labels clear cases', () => {
    expect(analyseSentiment(prepareText('客户经理态度恶劣，非常不满意，简直是骗子')).label).toBe('negative');
    expect(analyseSentiment(prepareText('非常感谢客户经理，服务很周到，十分满意')).label).toBe('positive');
    expect(analyseSentiment(prepareText('请问对公账户怎么开户')).label).toBe('neutral');
  });

  it('with a trained model the model decides and intensity follows P(negative)', () => {
    const model = TextClassifier.train(
      [
        { text: '放款太慢了，拖了两个月', label: 'negative' },
        { text: '收费不合理，要求退钱', label: 'negative' },
        { text: '请问提前还款怎么申请', label: 'neutral' },
        { text: '咨询一下贷款利率', label: 'neutral' },
        { text: '服务很好，谢谢', label: 'positive' },
        { text: '客户经理很专业，点赞', label: 'positive' },
      ],
      { features: { minCount: 1 } },
    );
    const angry = analyseSentiment(prepareText('拖了这么久还不放款，太慢了'), model);
    const asking = analyseSentiment(prepareText('请问怎么申请'), model);
    expect(angry).toMatchObject({ label: 'negative', source: 'model' });
    expect(angry.negativeIntensity).toBeGreaterThan(asking.negativeIntensity);
  });
});
