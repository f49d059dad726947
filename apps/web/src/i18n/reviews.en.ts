import type { reviewsZhCN } from './reviews.zh-CN';

/** English texts of review (核查) requests, their clocks and in-app notices. */
export const reviewsEn: typeof reviewsZhCN = {
  reviews: {
    title: 'Review (核查)',
    windowLabel: 'Window to ask for a review',
    windowOpen: 'Open until {{due}}',
    windowClosed: 'Closed at {{due}}',
    windowNone: 'The customer’s receipt of the decision is not recorded: the review window has not started',
    provisional: 'provisional (the calendar lacks that year)',
    request: 'Record review request',
    requestTitle: 'Record the customer’s review request',
    receivedAt: 'Request received',
    receivedAtHint: 'Empty means now; a letter counts from its postmark',
    reason: 'What the customer disputes',
    submit: 'Submit',
    reviewN: 'Review {{n}}',
    dueLabel: 'Review decision due',
    reviewingUnit: 'Reviewing unit',
    open: 'Awaiting the review decision',
    decided: 'Review decided',
    outcomeLabel: 'Outcome',
    outcome: { upheld: 'Decision upheld', changed: 'Decision changed' },
    note: 'Reviewer’s note',
    decide: 'Decide review',
    decideTitle: 'Review decision',
    clockStatus: { running: 'Running', paused: 'Paused', warning: 'Warning', breached: 'Overdue', met: 'In time' },
  },
  notifications: {
    title: 'Notifications',
    empty: 'No notifications',
    markRead: 'Mark read',
    viaEmail: 'emailed',
    viaInbox: 'in-app',
    failed: 'email failed',
  },
};
