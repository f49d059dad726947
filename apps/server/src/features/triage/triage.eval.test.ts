// The eval command on small files written here — never the shared evaluation data.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runEval } from './triage.eval';

const dir = mkdtempSync(path.join(tmpdir(), 'loopdesk-eval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, rows: string[][]): string {
  const file = path.join(dir, name);
  writeFileSync(file, rows.map((r) => r.map((f) => `"${f.replace(/"/g, '""')}"`).join(',')).join('\r\n'));
  return file;
}

async function run(argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runEval(argv, (l) => lines.push(l));
  return { code, lines };
}

const negative = ['放款太慢，非常不满', '收费不合理，要投诉', '客户经理态度恶劣', '拖了三个月还没解决，太差了'];
const positive = ['服务很好，感谢客户经理', '放款很快，非常满意', '客服很耐心，点赞', '处理及时，谢谢'];

describe('loopdesk eval', () => {
  it('says data not found and exits 0 when the data folder is missing', async () => {
    const { code, lines } = await run(['--data', path.join(dir, 'nowhere')]);
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^data not found/);
  });

  it('measures a classifier on given files; the last line is JSON with the figures', async () => {
    const train = write('train.csv', [['text', 'label'], ...negative.map((t) => [t, 'negative']), ...positive.map((t) => [t, 'positive'])]);
    const test = write('test.csv', [
      ['text', 'label'],
      ['放款太慢，不满', 'negative'],
      ['服务很好，满意', 'positive'],
      ['请问怎么开户', 'neutral'], // never seen in training: counts as missed
    ]);
    const { code, lines } = await run(['--task', 'sentiment', '--train', train, '--test', test]);
    expect(code).toBe(0);
    const figures = JSON.parse(lines.at(-1)!);
    const task = figures.tasks[0];
    expect(task.testExamples).toBe(3);
    expect(Object.keys(task.perClassF1).sort()).toEqual(['negative', 'neutral', 'positive']);
    expect(task.perClassF1.neutral).toBe(0);
    expect(task.accuracy).toBeCloseTo(2 / 3, 3); // the neutral text cannot be right
    expect(lines.join('\n')).toMatch(/macro-F1/);
  });

  it('takes other column names and pairs files', async () => {
    const train = write('topics.csv', [['body', 'topic'], ['押品评估太低', 'collateral'], ['抵押物评估不公', 'collateral'], ['放款太慢', 'disbursement'], ['迟迟不放款', 'disbursement']]);
    const classify = await run(['--task', 'classify', '--train', train, '--test', train, '--text', 'body', '--label', 'topic']);
    expect(classify.code).toBe(0);
    expect(JSON.parse(classify.lines.at(-1)!).tasks[0].testExamples).toBe(4);
    const pairs = write('pairs.csv', [['text1', 'text2', 'same'], ['怎么还款', '如何还款', '1'], ['怎么还款', '为什么被拒', '0'], ['额度多少', '额度有多少', '1'], ['额度多少', '怎么销户', '0']]);
    const scored = await run(['--task', 'pairs', '--train', pairs, '--test', pairs]);
    expect(scored.code).toBe(0);
    expect(JSON.parse(scored.lines.at(-1)!).tasks[0].testExamples).toBe(4);
  });

  it('explains a missing column and bad usage', async () => {
    const train = write('bad.csv', [['words', 'label'], ['x', 'a']]);
    const missing = await run(['--task', 'classify', '--train', train, '--test', train]);
    expect(missing.code).toBe(1);
    expect(missing.lines[0]).toMatch(/missing column\(s\) text/);
    expect((await run(['--task', 'nonsense', '--train', train, '--test', train])).code).toBe(2);
  });
});
