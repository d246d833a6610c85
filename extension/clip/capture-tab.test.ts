import { describe, expect, it } from 'vitest';
import { CaptureError, captureTab, type ScriptingPort } from './capture-tab';
import type { PageCapture } from './page-capture';

const capture = (vcardLinks: number, name: string): PageCapture => ({
  url: 'https://www.example.cn/',
  title: 'x',
  extraction: {
    contacts: [
      {
        name,
        title: null,
        org: null,
        emails: [],
        phones: [],
        website: null,
        address: null,
        kind: 'person',
        evidence: {},
      },
    ],
    organisation: null,
  },
  selection: null,
  vcardLinks,
});

/** A tab whose extractors answer from a table (by file); records what was injected where. */
function tab(results: Record<string, unknown>, injected: string[] = []): ScriptingPort {
  return {
    executeScript: async ({ target, files }) => {
      injected.push(`${target.tabId}:${target.frameIds?.join(',') ?? 'top'}:${files.join(',')}`);
      const result = results[files[0]!];
      if (result instanceof Error) throw result;
      return [{ result }];
    },
  };
}

describe('captureTab', () => {
  it('injects only the light extractor on a page without vCard links', async () => {
    const injected: string[] = [];
    const got = await captureTab(tab({ '/extractor.js': capture(0, 'a') }, injected), 7);
    expect(got.extraction.contacts[0]?.name).toBe('a');
    expect(injected).toEqual(['7:top:/extractor.js']);
  });

  it('runs the vCard extractor when the page links vCards, in the frame of the click', async () => {
    const injected: string[] = [];
    const scripting = tab({ '/extractor.js': capture(2, 'a'), '/extractor-vcard.js': capture(2, 'b') }, injected);
    expect((await captureTab(scripting, 7, 3)).extraction.contacts[0]?.name).toBe('b');
    expect(injected).toEqual(['7:3:/extractor.js', '7:3:/extractor-vcard.js']);
  });

  it('keeps the first pass when the vCard pass fails', async () => {
    const scripting = tab({ '/extractor.js': capture(1, 'a'), '/extractor-vcard.js': new Error('boom') });
    expect((await captureTab(scripting, 7)).extraction.contacts[0]?.name).toBe('a');
  });

  it.each([[new Error('Cannot access a chrome:// URL')], [undefined]])(
    'names the tab that cannot be read (%s)',
    async (result) => {
      await expect(captureTab(tab({ '/extractor.js': result }), 9)).rejects.toBeInstanceOf(CaptureError);
    },
  );
});
