/**
 * The container's pure parts on what a route test does not easily send: `Prefer` headers with several
 * preferences, quoting, unknown ones and nonsense; pages at the edges of the layer.
 */
import { describe, expect, it } from 'vitest';
import { container, containerPage, containerPreference, pageSize, preferences } from '../../../server/w3c/protocol-container.ts';
import { irisUnder } from '../../../server/w3c/iris.ts';
import type { WebAnnotation } from '../../../server/w3c/model.ts';

const iris = irisUnder('https://marginalia.example', { groupId: '00000000-0000-4000-8000-000000000001', documentId: 'memo' });
const item = (n: number) => ({ id: iris.annotation(`a${n}`), type: 'Annotation' }) as WebAnnotation;
const layer = (count: number) => ({ iris, label: 'A layer', items: Array.from({ length: count }, (_, n) => item(n)) });

describe('what Prefer asks of a container', () => {
  it('reads the LDP preferences, the most economical winning, and applies nothing without return=representation', () => {
    expect(containerPreference(undefined)).toEqual({ view: 'descriptions', isApplied: false });
    expect(containerPreference('respond-async, wait=10')).toEqual({ view: 'descriptions', isApplied: false });
    expect(containerPreference(`return=representation; include="${preferences.iris}"`)).toEqual({ view: 'iris', isApplied: true });
    expect(containerPreference(`return=representation;include="${preferences.descriptions} ${preferences.minimal}"`)).toEqual({ view: 'minimal', isApplied: true });
    expect(containerPreference(`wait=5, return="representation"; include="${preferences.iris} ${preferences.descriptions}"`)).toEqual({ view: 'iris', isApplied: true });
    expect(containerPreference('return=representation; include="http://example.org/unknown"')).toEqual({ view: 'descriptions', isApplied: true });
    expect(containerPreference(`return=minimal; include="${preferences.iris}"`)).toEqual({ view: 'descriptions', isApplied: false });
  });
});

describe('the pages of a container', () => {
  it('has a page 0 even when empty, and no page past the last', () => {
    expect(containerPage(layer(0), 0, { iris: false })).toMatchObject({ startIndex: 0, items: [], partOf: { total: 0 } });
    expect(containerPage(layer(0), 1, { iris: false })).toBeNull();
    expect(container(layer(0), 'descriptions')).toMatchObject({ total: 0, first: { items: [] }, last: `${iris.container}?page=0` });
  });

  it('cuts exactly at the page size', () => {
    const full = layer(pageSize);
    expect(containerPage(full, 0, { iris: true })).not.toHaveProperty('next');
    expect(containerPage(full, 1, { iris: true })).toBeNull();
    const more = layer(pageSize + 1);
    expect(containerPage(more, 0, { iris: true })).toMatchObject({ next: `${iris.container}?iris=1&page=1` });
    expect(containerPage(more, 1, { iris: true })).toMatchObject({ startIndex: pageSize, items: [iris.annotation(`a${pageSize}`)], prev: `${iris.container}?iris=1&page=0` });
  });

  it('names the members of the container, and nothing else, as members', () => {
    expect(iris.memberId(iris.annotation('a1'))).toBe('a1');
    expect(iris.memberId(iris.container)).toBeNull();
    expect(iris.memberId(`${iris.container}?page=0`)).toBeNull();
    expect(iris.memberId('https://other.example/api/groups/x/documents/memo/annotations/a1')).toBeNull();
  });
});
