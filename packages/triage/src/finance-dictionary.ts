// The finance and lending vocabulary LoopDesk segments with, written by hand for this product
// (never mined from evaluation data). jieba's general dictionary splits many of these terms
// (银保监会 → 银 / 保监会, 项目融资 → 项目 / 融资); entries here keep them whole so that
// classifiers, rules and threat detection see the term a banker would. One term per line,
// optionally followed by a part-of-speech tag; grouped by theme to make review easy.

const THEMES: Record<string, string> = {
  corporateLending: `
项目融资 n
项目贷款 n
银团贷款 n
银团 n
牵头行 n
参贷行 n
代理行 n
流动资金贷款 n
流贷 n
固定资产贷款 n
固贷 n
并购贷款 n
经营性物业贷款 n
经营贷 n
法人透支 n
中长期贷款 n
短期贷款 n
委托贷款 n
保理 n
福费廷 n
供应链金融 n
贸易融资 n
国际贸易融资 n
信用证 n
国内信用证 n
押汇 n
票据贴现 n
银行承兑汇票 n
商业承兑汇票 n
承兑汇票 n
电子商业汇票 n
贴现利率 n
应收账款质押 n
应收账款融资 n
订单融资 n
仓单质押 n
存货质押 n
融资租赁 n
资本金 n
项目资本金 n
可行性研究报告 n
项目公司 n
特殊目的公司 n
现金流覆盖 n
还款来源 n
第一还款来源 n
授信额度 n
综合授信 n
授信 v
授信审批 n
授信申请 n
额度 n
用信 v
提款 v
提款申请 n
受托支付 n
自主支付 n
放款 v
放款进度 n
放贷 v
贷款审批 n
审批时效 n
审批进度 n
贷前调查 n
贷中审查 n
贷后管理 n
贷后检查 n
尽职调查 n
尽调 n
风险评级 n
信用评级 n
客户评级 n
借款合同 n
贷款合同 n
担保合同 n
抵押合同 n
质押合同 n
保证合同 n
合同条款 n
补充协议 n
展期 v
贷款展期 n
续贷 v
无还本续贷 n
借新还旧 n
提前还款 v
提前还贷 v
提前结清 v
违约金 n
罚息 n
复利 n
逾期 v
逾期罚息 n
宽限期 n
还款计划 n
还款计划表 n
等额本息 n
等额本金 n
先息后本 n
到期一次还本 n
贷款利率 n
贷款市场报价利率 n
基准利率 n
浮动利率 n
固定利率 n
利率上浮 n
利率下浮 n
年化利率 n
综合融资成本 n
融资成本 n
利息 n
结息 v
计息 v
重定价 n
LPR n
还本付息 n
`,
  collateral: `
抵押物 n
抵押品 n
押品 n
押品评估 n
抵押评估 n
评估价值 n
评估报告 n
评估公司 n
评估费 n
抵押率 n
抵质押率 n
抵押登记 n
抵押权 n
解押 v
解除抵押 v
质押物 n
质押 v
抵押 v
担保 v
担保人 n
担保公司 n
融资担保 n
保证人 n
连带责任保证 n
保证金 n
反担保 n
保函 n
履约保函 n
投标保函 n
预付款保函 n
非融资性保函 n
备用信用证 n
增信 v
土地使用权 n
在建工程 n
不动产登记 n
房产证 n
不动产权证 n
查封 v
`,
  personalBanking: `
信用卡 n
借记卡 n
储蓄卡 n
银行卡 n
信用卡分期 n
账单分期 n
现金分期 n
分期手续费 n
最低还款 n
免息期 n
提额 v
降额 v
临时额度 n
固定额度 n
年费 n
挂失 v
销卡 v
冻结 v
解冻 v
止付 v
个人贷款 n
消费贷款 n
消费贷 n
房贷 n
按揭 n
按揭贷款 n
公积金贷款 n
车贷 n
助学贷款 n
信用贷款 n
网贷 n
理财产品 n
净值型理财 n
代销 v
基金定投 n
大额存单 n
定期存款 n
活期存款 n
手机银行 n
网上银行 n
企业网银 n
网银 n
U盾 n
短信验证码 n
人脸识别 n
转账 v
跨行转账 n
汇款 v
代发工资 n
对公账户 n
基本户 n
一般户 n
开户 v
销户 v
账户冻结 n
久悬户 n
电子回单 n
对账单 n
银行流水 n
手续费 n
账户管理费 n
服务收费 n
收费标准 n
`,
  regulation: `
征信 n
征信报告 n
征信记录 n
征信异议 n
征信修复 n
个人征信 n
企业征信 n
人民银行 nt
人行 nt
中国人民银行 nt
央行 nt
金融监管总局 nt
国家金融监督管理总局 nt
金融监督管理局 nt
银保监会 nt
银保监局 nt
银保监 nt
银监会 nt
银监局 nt
证监会 nt
外汇局 nt
金融办 nt
地方金融监管局 nt
消费者权益保护 n
消费者权益 n
金融消费者 n
消保 n
消保部 nt
消费投诉 n
投诉处理 n
投诉热线 n
监管投诉 n
监管转办 n
信访 v
信访局 nt
市长热线 n
12345热线 n
12378 m
12363 m
12315 m
95588 m
反洗钱 n
实名制 n
适当性 n
双录 n
风险提示 n
信息披露 n
知情权 n
自主选择权 n
公平交易权 n
个人信息 n
个人信息保护 n
信息泄露 n
隐私 n
债务催收 n
暴力催收 n
催收 v
催收电话 n
外包催收 n
格式条款 n
霸王条款 n
搭售 v
捆绑销售 n
强制搭售 n
误导销售 n
虚假宣传 n
以贷转存 n
存贷挂钩 n
违规收费 n
不合理收费 n
乱收费 n
金融纠纷 n
调解 v
金融纠纷调解 n
仲裁 v
仲裁委 nt
劳动仲裁 n
诉讼 v
起诉 v
法院 nt
律师函 n
律师事务所 nt
`,
  serviceChannels: `
网点 n
营业网点 n
支行 n
分行 n
总行 n
营业厅 n
柜台 n
柜员 n
大堂经理 n
客户经理 n
理财经理 n
行长 n
客服 n
客服热线 n
客服中心 nt
人工客服 n
智能客服 n
在线客服 n
服务态度 n
服务质量 n
排队 v
叫号 v
取号 v
排队时间 n
等候时间 n
自助设备 n
ATM n
取款机 n
存取款一体机 n
智能柜台 n
回访 v
回访电话 n
满意度 n
首问负责制 n
服务承诺 n
业务办理 n
办理时限 n
`,
  lendingOutcomes: `
拒贷 v
拒批 v
审批不通过 v
额度不足 n
额度调整 n
抽贷 v
断贷 v
压贷 v
提前收贷 v
惜贷 v
放款慢 v
放款延迟 n
资金到账 n
到账时间 n
贷款到期 n
还款日 n
扣款 v
自动扣款 n
代扣 v
划扣 v
重复扣款 n
多扣 v
错扣 v
退款 v
退费 v
补偿 v
赔偿 v
`,
  escalation: `
曝光 v
媒体曝光 n
记者 n
媒体 n
新闻媒体 n
电视台 n
报社 n
微博 n
抖音 n
小红书 n
黑猫投诉 n
朋友圈 n
公众号 n
舆情 n
律师 n
打官司 v
上访 v
转行 v
换银行 v
群体投诉 n
集体投诉 n
`,
};

/** Frequency given to every product term: high enough that jieba prefers it over its parts. */
export const FINANCE_TERM_FREQUENCY = 20_000;

export interface DictionaryTerm {
  word: string;
  tag?: string;
}

function parseTheme(block: string): DictionaryTerm[] {
  return block
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [word, tag] = line.split(/\s+/);
      return tag ? { word: word!, tag } : { word: word! };
    });
}

/** Every term of the shipped finance and lending dictionary, de-duplicated, in theme order. */
export const FINANCE_TERMS: readonly DictionaryTerm[] = (() => {
  const seen = new Set<string>();
  const terms: DictionaryTerm[] = [];
  for (const block of Object.values(THEMES)) {
    for (const term of parseTheme(block)) {
      if (seen.has(term.word)) continue;
      seen.add(term.word);
      terms.push(term);
    }
  }
  return terms;
})();
