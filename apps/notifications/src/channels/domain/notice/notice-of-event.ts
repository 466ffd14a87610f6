import { conflictNotice } from './conflict-notice';
import { intentNotice } from './intent-notice';
import { Notice } from './notice';
import { NoticeInput } from './notice-input';
import { otherNotice, testNotice } from './other-notice';
import { scheduleNotice } from './schedule-notice';

/** One renderer per event family; the first that knows the type writes the notice. */
const FAMILIES = [intentNotice, conflictNotice, scheduleNotice, testNotice];

export function noticeOf(input: NoticeInput): Notice {
  for (const family of FAMILIES) {
    const notice = family(input);
    if (notice) return notice;
  }
  return otherNotice(input);
}
