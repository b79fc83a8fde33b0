/** The activity feed's lines and the replay slider's density marks: pure functions, no DOM. */
import { describe, expect, it } from 'vitest';
import { describeActivity } from '../../client/activity/describe-activity.ts';
import { activityDensity } from '../../client/history/activity-density.ts';
import type { ActivityItem } from '../../shared/notifications.ts';

const item = (overrides: Partial<ActivityItem> = {}): ActivityItem => ({
  groupId: 'g',
  documentId: 'd',
  annotationId: 'a',
  replyId: null,
  action: 'created',
  isReply: false,
  actor: { id: 'u', name: 'Ana' },
  offset: 10,
  quote: 'Emigration he can do something about, but not overnight',
  at: '2026-11-28T10:00:00.000Z',
  ...overrides,
});

describe('activity lines', () => {
  it('names who annotated which page, with the passage’s first words', () => {
    expect(describeActivity(item(), 289)).toBe('Ana annotated p. 289: ‘Emigration he can do something about, b…’');
  });

  it('says a reply was written, and "a passage" when the page is unknown', () => {
    expect(describeActivity(item({ isReply: true, replyId: 'r' }), null)).toMatch(/^Ana replied on a passage: ‘Emigration/);
  });
});

describe('activity density', () => {
  it('counts events into bins weighted by the busiest', () => {
    const bins = activityDensity([0, 1, 2, 95], 0, 100, 10);
    expect(bins.map((bin) => bin.count)).toEqual([3, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(bins[0]?.weight).toBe(1);
    expect(bins[9]?.weight).toBeCloseTo(1 / 3);
  });

  it('puts events at the end of the span into the last bin', () => {
    expect(activityDensity([100], 0, 100, 4).at(-1)?.count).toBe(1);
  });
});
