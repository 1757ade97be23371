import type { MessageKey, MessageParams } from '../../i18n/catalogue';
import type { TimeCondition, Weekday } from '../../lib/api/routing-types';
import { weeklyGroups } from './time-condition-form';

export const WEEKDAY_LABELS: Readonly<Record<Weekday, MessageKey>> = {
  mon: 'weekday.mon',
  tue: 'weekday.tue',
  wed: 'weekday.wed',
  thu: 'weekday.thu',
  fri: 'weekday.fri',
  sat: 'weekday.sat',
  sun: 'weekday.sun',
};

/** "周一至周五 09:00-18:00；周六 09:00-12:00", or "closed all week". */
export function weeklySummary(weekly: TimeCondition['weekly'], t: (key: MessageKey, params?: MessageParams) => string): string {
  const groups = weeklyGroups(weekly);
  if (groups.length === 0) return t('timeConditions.closedAllWeek');
  return groups
    .map((group) => {
      const first = t(WEEKDAY_LABELS[group.first]);
      const days = group.first === group.last ? first : t('timeConditions.dayRun', { first, last: t(WEEKDAY_LABELS[group.last]) });
      return t('timeConditions.groupLine', { days, hours: group.ranges.join(', ') });
    })
    .join(t('timeConditions.separator'));
}
