import dayjs from 'dayjs';
import type { DecisionOutcome } from '@loopdesk/core';

/**
 * The decision letter (处理决定告知书) as sent to the complainant. It is a document in the
 * customer's language, not console text, so it stays in zh-CN whatever the console speaks.
 * Art. 19 of 《银行业保险业消费投诉处理管理办法》 asks for the verification, the basis and
 * reasons, and the remedies open to the complainant: 核查 within the window the institution's
 * rule set gives (30 days of receipt under Art. 20; no sentence about 核查 where the rules have
 * none), mediation, arbitration and litigation.
 */
const OUTCOME_SENTENCE: Record<DecisionOutcome, string> = {
  upheld: '经核实，您反映的问题属实，我行对此诚挚致歉。',
  partly_upheld: '经核实，您反映的问题部分属实。',
  not_upheld: '经核实，您反映的问题不属实。',
};

export interface LetterFacts {
  number: string;
  customerName: string | null;
  receivedAt: string;
  institutionName: string;
  /** None yet: the verdict line waits for the handler. */
  outcome: DecisionOutcome | undefined;
  /** The review (核查) window of the institution's rule set, in days (TMe.reviewWindowDays); null when it has none. */
  reviewWindowDays: number | null;
}

export function decisionLetter(f: LetterFacts): string {
  const received = dayjs(f.receivedAt).format('YYYY年M月D日');
  return [
    `尊敬的${f.customerName ?? '客户'}：`,
    '',
    `您于${received}向我行反映的问题（工单编号：${f.number}）已收悉。我行高度重视，已对相关情况进行了调查核实，现将处理决定告知如下：`,
    '',
    `一、核实情况：${f.outcome ? OUTCOME_SENTENCE[f.outcome] : '经核实，【请填写核实结论】。'}【请填写调查核实的具体情况】`,
    '二、处理依据和理由：【请填写所依据的合同条款、业务规则或监管规定，以及作出决定的理由】',
    '三、处理结果及补救措施：【请填写处理结果及补救措施】',
    '',
    f.reviewWindowDays !== null
      ? `如您对上述处理决定有异议，可以自收到本处理决定之日起${f.reviewWindowDays}日内，向我行上级机构书面申请核查；也可以向银行业消费纠纷调解组织申请调解，或依法申请仲裁、向人民法院提起诉讼。`
      : '如您对上述处理决定有异议，可以向银行业消费纠纷调解组织申请调解，或依法申请仲裁、向人民法院提起诉讼。',
    '',
    '感谢您对我行工作的理解与支持。',
    '',
    f.institutionName,
    dayjs().format('YYYY年M月D日'),
  ].join('\n');
}
