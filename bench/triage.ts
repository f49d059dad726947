// Triage of one 300-character complaint (segmentation, every classifier, sentiment, threats, PII,
// duplicate look-up among N open cases in an in-memory LSH index), retraining on synthetic
// labelled cases, and the memory all models take. Targets (issue 5): p50 < 2 ms, ≥ 500 per second
// on one core, retraining on 100,000 cases < 60 s, models < 200 MB resident. Synthetic text comes
// from the hand-written templates below, never from the evaluation data. Prints; asserts nothing.
import { LshIndex, TextClassifier, signature, triageText, defaultSegmenter, prepareText } from '@loopdesk/triage';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CI_SIZE, machine } from './lib';

// A real collection before reading RSS, so the figure is what the models keep, not garbage.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void; // called twice: the second clears what weak maps released

const OPEN_CASES = CI_SIZE ? 5_000 : 100_000;
const TRAINING_CASES = CI_SIZE ? 5_000 : 100_000;
const RUNS = CI_SIZE ? 300 : 3_000;

let seed = 12_345;
function random(): number {
  seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
  return seed / 2 ** 32;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

const LINES = {
  project_finance: ['项目融资', '项目贷款', '银团贷款'],
  working_capital: ['流动资金贷款', '流贷', '短期贷款'],
  fixed_asset: ['固定资产贷款', '固贷', '技改贷款'],
  trade_finance: ['信用证', '押汇', '保理'],
  guarantee: ['保函', '履约保函', '担保'],
  online_banking: ['企业网银', '手机银行', 'U盾'],
  settlement: ['对公账户', '跨行转账', '代发工资'],
  card: ['信用卡', '借记卡', '分期'],
} as const;
const CAUSES = {
  service_attitude: ['客户经理态度很差', '柜员不耐烦', '电话没人接'],
  process_rules: ['审批流程太长', '材料反复要求补充', '放款进度没人告知'],
  pricing_fees: ['收费标准不透明', '提前还款收违约金', '利率比LPR上浮太多'],
  disclosure: ['合同条款没有说明', '风险没有提示', '费用事先没有告知'],
  collateral: ['押品评估价值太低', '抵押登记一直没办完', '评估费太贵'],
  systems: ['系统经常故障', '网银登录失败', 'U盾无法识别'],
  information_security: ['个人信息被泄露', '接到陌生推销电话', '征信被乱查'],
  debt_collection: ['催收电话骚扰家人', '外包催收态度恶劣', '逾期后被频繁催收'],
} as const;
const KINDS = {
  complaint: ['我要投诉，', '强烈不满，', '对贵行很失望，'],
  suggestion: ['建议贵行', '希望可以改进：', '提个建议，'],
  inquiry: ['请问', '想咨询一下，', '麻烦问一下，'],
  praise: ['表扬一下，', '非常感谢，', '给贵行点赞，'],
} as const;
const SENTIMENT = {
  negative: ['太让人生气了', '简直无法接受', '拖了三个月还没解决'],
  neutral: ['请尽快回复', '等待处理结果', '麻烦跟进一下'],
  positive: ['服务很周到', '处理很及时', '客户经理很专业'],
} as const;
const FILLER = ['我公司是贵行多年的客户，', '去年在网点办理了业务，', '本月初提交了申请，', '联系了客服中心，', '之前也反映过，'];

interface SyntheticCase {
  text: string;
  kind: string;
  line: string;
  cause: string;
  category: string;
  sentiment: string;
}

function syntheticCase(): SyntheticCase {
  const kind = pick(Object.keys(KINDS)) as keyof typeof KINDS;
  const line = pick(Object.keys(LINES)) as keyof typeof LINES;
  const cause = pick(Object.keys(CAUSES)) as keyof typeof CAUSES;
  const sentiment = kind === 'complaint' ? 'negative' : kind === 'praise' ? 'positive' : pick(['neutral', 'neutral', 'negative']);
  const category = cause === 'service_attitude' || cause === 'systems' ? 'service_quality' : cause === 'pricing_fees' || cause === 'disclosure' ? 'risk_compliance' : 'product_function';
  const parts = [pick(KINDS[kind]), pick(FILLER), `关于${pick(LINES[line])}，`, `${pick(CAUSES[cause])}，`, pick(FILLER), `${pick(SENTIMENT[sentiment as keyof typeof SENTIMENT])}。`];
  return { text: parts.join(''), kind, line, cause, category, sentiment };
}

function complaintOf(length: number): string {
  let text = '我要投诉！我公司在贵行申请的项目融资已审批通过两个月，至今没有放款，客户经理一再推诿，押品评估价值明显偏低，提前还款还要收违约金。';
  while (text.length < length) text += `${pick(FILLER)}${pick(CAUSES.process_rules)}，${pick(SENTIMENT.negative)}。`;
  return `${text.slice(0, length - 40)}再不解决我就向12378投诉并找媒体曝光，联系电话13812345678。`;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

console.log(`triage (${machine()}), ${CI_SIZE ? 'CI size' : 'full size'}`);
defaultSegmenter();
gc();
gc();
const rssStart = process.memoryUsage().rss;
// V8 keeps heap pages it has grown into, so RSS overstates what survives a collection: the
// models' own footprint is what the heap and array buffers hold after one.
const held = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};
const heldStart = held();

// Retraining: all five models on the synthetic cases, segmenting once.
const cases = Array.from({ length: TRAINING_CASES }, syntheticCase);
let t0 = performance.now();
const prepared = cases.map((c) => prepareText(c.text, defaultSegmenter(), 'zh'));
const segmentSeconds = (performance.now() - t0) / 1000;
const fields = ['kind', 'line', 'cause', 'category', 'sentiment'] as const;
t0 = performance.now();
// One vocabulary for all five fields: the texts are vectorised once (TextClassifier.trainMany).
const models: Record<string, TextClassifier> = TextClassifier.trainMany(
  prepared,
  Object.fromEntries(fields.map((field) => [field, cases.map((c) => c[field])])) as Record<(typeof fields)[number], string[]>,
  { modelVersion: 'bench' },
);
const trainSeconds = [`${fields.join(', ')}`];
const retrainSeconds = (performance.now() - t0) / 1000 + segmentSeconds;
const serialisedBytes = Object.values(models).reduce((s, m) => s + JSON.stringify(m.serialise()).length, 0);

// Read the models back from their serialised form, as the server does, and measure their memory.
const loaded: Record<string, TextClassifier> = {};
for (const [field, model] of Object.entries(models)) loaded[field] = TextClassifier.deserialise(JSON.parse(JSON.stringify(model.serialise())));
for (const field of Object.keys(models)) delete models[field];
prepared.length = 0;
cases.length = 0;
gc();
gc();
const rssModels = process.memoryUsage().rss;
const heldModels = held();

// The open cases to look for duplicates among.
t0 = performance.now();
const index = new LshIndex<number>();
for (let i = 0; i < OPEN_CASES; i++) index.add(i, signature(syntheticCase().text));
const complaint = complaintOf(300);
// A few earlier versions of the same complaint are open: the look-up should find them.
for (let i = 0; i < 3; i++) index.add(OPEN_CASES + i, signature(complaint.replace('两个月', `${i + 2}个多月`).replace('一再', '总是')));
const indexSeconds = (performance.now() - t0) / 1000;
gc();
gc();
const heldIndex = held();

const { sentiment, ...classifiers } = loaded;
const latencies: number[] = [];
let duplicatesFound = 0;
for (let i = 0; i < RUNS; i++) {
  const text = `${complaint.slice(0, 290)}${i}`;
  const t = performance.now();
  const result = triageText(text, { classifiers, sentiment: sentiment!, duplicateIndex: index });
  latencies.push(performance.now() - t);
  duplicatesFound += result.duplicates.length;
}
const warm = latencies.slice(Math.floor(RUNS / 10));
const mean = warm.reduce((s, x) => s + x, 0) / warm.length;

console.log(`  full triage of a ${complaint.length}-character complaint against ${OPEN_CASES.toLocaleString('en')} open cases, ${RUNS} runs`);
console.log(`    p50 ${percentile(warm, 0.5).toFixed(2)} ms   p99 ${percentile(warm, 0.99).toFixed(2)} ms   ${Math.round(1000 / mean)} per second on one core   (target p50 < 2 ms, ≥ 500/s)`);
console.log(`    duplicate candidates per look-up: ${(duplicatesFound / RUNS).toFixed(1)}`);
console.log(`  retraining ${fields.length} models on ${TRAINING_CASES.toLocaleString('en')} synthetic cases: ${retrainSeconds.toFixed(1)} s   (target < 60 s)`);
console.log(`    of which segmentation ${segmentSeconds.toFixed(1)} s (${trainSeconds.join('')})`);
console.log(`  memory: models hold ${mb(heldModels - heldStart)} after GC (serialised ${mb(serialisedBytes)}); process RSS ${mb(rssModels)} with the segmenter, ${mb(rssModels - rssStart)} grown while training   (target < 200 MB)`);
console.log(`    LSH index of ${OPEN_CASES.toLocaleString('en')} signatures: ${mb(heldIndex - heldModels)} more, built in ${indexSeconds.toFixed(1)} s`);
