import type { PageCapture } from './page-capture';

/** The part of `browser.scripting` the clip needs (a fake in tests). */
export interface ScriptingPort {
  executeScript(injection: {
    target: { tabId: number; frameIds?: number[] };
    files: string[];
  }): Promise<Array<{ result?: unknown }>>;
}

/** The page cannot be read (a browser page, the web store, a PDF viewer, or the tab closed meanwhile). */
export class CaptureError extends Error {
  constructor(
    readonly tabId: number,
    cause: unknown,
  ) {
    super(`cannot read tab ${tabId}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

function isPageCapture(value: unknown): value is PageCapture {
  const v = value as PageCapture | null | undefined;
  return typeof v === 'object' && v !== null && typeof v.url === 'string' && Array.isArray(v.extraction?.contacts);
}

async function run(scripting: ScriptingPort, tabId: number, frameId: number | undefined, file: string) {
  let results: Array<{ result?: unknown }>;
  try {
    results = await scripting.executeScript({
      target: frameId === undefined ? { tabId } : { tabId, frameIds: [frameId] },
      files: [file],
    });
  } catch (error) {
    throw new CaptureError(tabId, error);
  }
  const result = results[0]?.result;
  if (!isPageCapture(result)) throw new CaptureError(tabId, new Error('the extractor returned nothing'));
  return result;
}

/**
 * Injects the extractor into the tab (the rep's action granted `activeTab`; DESIGN §7) and brings back what it
 * found. Pages that link vCards get a second pass with the vCard-reading extractor, so the parser is loaded
 * only there. `frameId` names the frame of a context-menu click (a selection inside an iframe).
 */
export async function captureTab(scripting: ScriptingPort, tabId: number, frameId?: number): Promise<PageCapture> {
  const first = await run(scripting, tabId, frameId, '/extractor.js');
  if (first.vcardLinks === 0) return first;
  try {
    return await run(scripting, tabId, frameId, '/extractor-vcard.js');
  } catch {
    return first; // the cards behind the links are extra evidence; the page's own findings still stand
  }
}
