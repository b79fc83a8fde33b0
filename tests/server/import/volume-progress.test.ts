import { describe, expect, it } from 'vitest';
import { progressBar, progressLine } from '../../../server/import/volume-progress.ts';

const step = (done: number, total: number) => ({
  done,
  total,
  outcome: { status: 'imported' as const, sourceId: 'd7', title: '7. Information Memorandum From the Chairman', documentId: 'frus1981-88v05-d7', warnings: [] },
});

describe('the import CLI’s progress', () => {
  it('draws a bar that fills as documents are done and fits the terminal', () => {
    expect(progressBar(step(0, 4), 200)).toBe(`[${'-'.repeat(30)}] 0/4 d7 7. Information Memorandum From the Chairman`);
    expect(progressBar(step(2, 4), 200)).toMatch(/^\[#{15}-{15}\] 2\/4 d7 /);
    expect(progressBar(step(4, 4), 48)).toBe(`[${'#'.repeat(30)}] 4/4 d7 7. Info`);
    expect(progressBar(step(3, 120), 200)).toMatch(/^\[#-{29}\]   3\/120 d7/);
  });

  it('writes one line per document for a log', () => {
    expect(progressLine(step(3, 10))).toBe('[3/10] imported frus1981-88v05-d7');
  });
});
