import type { TablePaginationConfig } from 'antd';
import { i18n } from '@/i18n';

/** Offset paging as the list APIs take it (`limit`, `offset`). */
export interface OffsetPage {
  limit: number;
  offset: number;
}

/**
 * Ant Design table paging for an offset-paged list: page numbers in, limit and offset out.
 * `more`: the list stopped counting at `total` (case lists count up to a limit).
 */
export function offsetPagination(page: OffsetPage, total: number, onPage: (page: OffsetPage) => void, more = false): TablePaginationConfig {
  return {
    current: Math.floor(page.offset / page.limit) + 1,
    pageSize: page.limit,
    // One more than counted when there are more, so the next page can be opened.
    total: more ? total + 1 : total,
    showSizeChanger: true,
    pageSizeOptions: [20, 50, 100, 200],
    showTotal: () => i18n.t(more ? 'common.totalAtLeast' : 'common.total', { count: total }),
    onChange: (current, pageSize) => onPage({ limit: pageSize, offset: (current - 1) * pageSize }),
  };
}
