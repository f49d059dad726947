import type { reviewsZhCN } from './reviews.zh-CN';

/** 繁體中文：核查申請、核查時限與站內通知。 */
export const reviewsZhTW: typeof reviewsZhCN = {
  reviews: {
    title: '核查',
    windowLabel: '申請核查期限',
    windowOpen: '可申請至 {{due}}',
    windowClosed: '申請期限已於 {{due}} 屆滿',
    windowNone: '尚未記錄客戶收到處理決定的時間，核查期限未開始',
    provisional: '暫定（日曆未含該年度安排）',
    request: '記錄核查申請',
    requestTitle: '記錄客戶的核查申請',
    receivedAt: '收到申請時間',
    receivedAtHint: '留空為現在；信件按郵戳日期',
    reason: '客戶的異議',
    submit: '提交',
    reviewN: '第 {{n}} 次核查',
    dueLabel: '核查決定期限',
    reviewingUnit: '核查機構',
    open: '待核查決定',
    decided: '已作出核查決定',
    outcomeLabel: '核查結論',
    outcome: { upheld: '維持原決定', changed: '變更原決定' },
    note: '核查意見',
    decide: '作出核查決定',
    decideTitle: '核查決定',
    clockStatus: { running: '進行中', paused: '暫停', warning: '預警', breached: '已逾時', met: '按時' },
  },
  notifications: {
    title: '通知',
    empty: '暫無通知',
    markRead: '標為已讀',
    viaEmail: '已發郵件',
    viaInbox: '站內',
    failed: '郵件發送失敗',
  },
};
