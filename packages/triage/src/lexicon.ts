// Hand-written word lists for sentiment and escalation risk, written for bank feedback (not mined
// from any data set). Kept apart from the logic so they can be reviewed and extended as data.

/** Words that express dissatisfaction, with a strength of 1 (mild) to 3 (strong). */
export const NEGATIVE_WORDS: Readonly<Record<string, number>> = {
  ...Object.fromEntries(
    '不满 失望 麻烦 慢 太慢 很慢 拖延 拖 推诿 敷衍 扯皮 不合理 不公平 不透明 不规范 问题 困扰 担心 焦虑 着急 难 难办 繁琐 复杂 不方便 不便 不清楚 糊涂 没用 无用 差 较差 不好 不行 降额 拒绝 拒贷 被拒 冻结 封卡 逾期 罚息 违约金 乱收费 多扣 错扣 扣费 收费 投诉 质疑 怀疑 疑问 不解 莫名其妙 无故 擅自 未经 强制 强行 搭售 误导 隐瞒 欺瞒 催收 骚扰 等待 一直 迟迟 至今 还没 仍未 始终'
      .split(' ')
      .map((w) => [w, 1]),
  ),
  ...Object.fromEntries(
    '生气 愤怒 气愤 恼火 不满意 非常不满 极差 很差 太差 恶劣 态度恶劣 服务差 态度差 欺骗 骗 骗子 坑 坑人 坑爹 忽悠 套路 霸王条款 暴力催收 威胁 侮辱 辱骂 刁难 失信 违规 违法 损失 赔偿 退钱 还钱 垃圾 无语 无奈 崩溃 受够 忍无可忍 不作为 乱作为 推卸 推卸责任 黑 黑心 吸血 流氓'
      .split(' ')
      .map((w) => [w, 2]),
  ),
  ...Object.fromEntries('垃圾银行 骗子银行 无耻 卑鄙 缺德 可恶 恶心 去死 欺诈 诈骗 黑社会 滚'.split(' ').map((w) => [w, 3])),
};

/** Words that express satisfaction or thanks, with a strength of 1 to 3. */
export const POSITIVE_WORDS: Readonly<Record<string, number>> = {
  ...Object.fromEntries(
    '好 不错 可以 方便 便捷 快 很快 及时 顺利 成功 通过 到账 提额 优惠 免息 划算 实惠 简单 清楚 明白 耐心 细致 热情 周到 专业 高效 靠谱 稳定 安全 放心 支持 希望 建议'.split(' ').map((w) => [w, 1]),
  ),
  ...Object.fromEntries('满意 很好 非常好 感谢 谢谢 感激 点赞 赞 好评 给力 贴心 暖心 用心 负责 尽职 帮助 帮忙 解决 及时解决 表扬 优秀'.split(' ').map((w) => [w, 2])),
  ...Object.fromEntries('非常满意 十分满意 特别满意 衷心感谢 非常感谢 万分感谢 锦旗 感谢信 五星好评'.split(' ').map((w) => [w, 3])),
};

/** Negations flip the polarity of a sentiment word within the next few words. */
export const NEGATIONS: ReadonlySet<string> = new Set('不 没 没有 未 无 非 别 不要 不会 不是 并非 毫无 从未 从不 不够 不太 没能 未能 无法 不能'.split(' '));

/** Intensifiers multiply the next sentiment word. */
export const INTENSIFIERS: Readonly<Record<string, number>> = {
  ...Object.fromEntries('很 挺 比较 较 蛮'.split(' ').map((w) => [w, 1.2])),
  ...Object.fromEntries('非常 特别 十分 太 相当 真 真的 实在 严重 完全 根本 一点 一再 多次 反复 屡次 再三'.split(' ').map((w) => [w, 1.6])),
  ...Object.fromEntries('极其 极度 极为 超级 无比 彻底 忍无可忍 简直'.split(' ').map((w) => [w, 2])),
};

export type RiskFlagType =
  | 'regulator'
  | 'media'
  | 'legal'
  | 'petition'
  | 'business_exit'
  | 'collective'
  | 'protest'
  | 'self_harm'
  | 'large_amount';

/** Phrases that raise each escalation flag (matched as case-insensitive substrings). */
export const RISK_PHRASES: Readonly<Record<Exclude<RiskFlagType, 'large_amount'>, readonly string[]>> = {
  regulator: [
    '12378', '12363', '金融监管总局', '国家金融监督管理总局', '金融监督管理局', '监管局', '银保监会', '银保监局', '银保监', '银监会', '银监局', '保监会',
    '人民银行', '人行', '央行', '证监会', '监管部门', '监管机构', '向监管', '找监管', '金融办', '消费者协会', '消协', '12315', '市场监管局',
  ],
  media: [
    '记者', '曝光', '媒体', '微博', '抖音', '快手', '小红书', '头条', '黑猫投诉', '电视台', '报社', '报纸', '新闻', '上热搜', '发帖',
    '朋友圈', '公众号', '网上公开', '舆论', '自媒体', '直播',
  ],
  legal: [
    '律师', '律师函', '起诉', '诉讼', '仲裁', '法院', '打官司', '法律途径', '法律手段', '法律责任', '追究责任', '报警', '公安', '经侦', '立案',
  ],
  petition: ['信访', '上访', '市长热线', '12345', '政府热线', '纪委', '人大代表', '政协委员'],
  business_exit: [
    '销户', '转行', '换银行', '换一家银行', '转到别的银行', '转到其他银行', '不再合作', '终止合作', '取消合作', '撤资', '注销账户', '把钱取出',
    '全部取出', '转走', '再也不用', '再也不来',
  ],
  collective: ['集体投诉', '群体投诉', '联名', '维权群', '一起维权', '很多人都', '大家一起', '受害者'],
  protest: ['拉横幅', '拉条幅', '静坐', '堵门', '围堵', '闹到'],
  self_harm: ['跳楼', '自杀', '轻生', '不想活', '活不下去', '同归于尽', '以死'],
};
