/** The workflow's history entries in words (issue 6); `History.svelte` asks here first. */
import { formatDate, formatDateTime, t } from '../../i18n.ts';
import type { HistoryEvent } from '../../types.ts';

const stageName = (s: string | undefined) => (s ? t(`stage.${s}` as Parameters<typeof t>[0]) : t('common.none'));

/** The words for a workflow event that carries details, or undefined for the others. */
export function workHistory(e: HistoryEvent): string | undefined {
  const none = t('common.none');
  switch (e.type) {
    case 'stage':
      return t('history.stage', { from: stageName(e.from), to: stageName(e.to) });
    case 'handed_back':
      return t('history.handed_back', { from: e.from ?? none });
    case 'closed':
      return t('history.closed', {
        to: e.to === 'unsolvable' ? t('work.close.unsolvable') : e.to === 'duplicate' ? t('merge.resolution') : t('work.close.solved'),
      });
    case 'pended':
      return t('history.pended', { to: e.to ? formatDateTime(e.to) : none });
    case 'due_date':
      return t('history.due_date', { from: e.from ? formatDate(e.from) : none, to: e.to ? formatDate(e.to) : none });
    default:
      return undefined;
  }
}
