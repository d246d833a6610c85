import { type RuleDocument, validateRuleDocument } from '../../shared/scoring/rules';
import type { Storage, StoredRuleDocument } from '../db/storage';

/** One version in the history list of `GET /api/v1/rules`. */
export type RuleVersionInfo = { version: number; createdAt: string; createdBy: string };

export type SaveRulesResult =
  | { ok: true; document: RuleDocument }
  | { ok: false; status: 400 | 409; code: string; message: string; field: string | null };

/**
 * The versioned rule documents (DESIGN §4): a change is a new version, an old one is never edited. Version 1
 * (the defaults, by "system") comes from a migration. The current version is cached so a push can grade
 * synchronously inside its transaction; `load()` re-reads the store (another server process may have saved).
 */
export class RuleStore {
  private documents: StoredRuleDocument[] = [];
  private inForce: RuleDocument | null = null;

  constructor(private readonly storage: Storage) {}

  async load(): Promise<RuleDocument> {
    this.documents = await this.storage.ruleDocuments();
    // The newest version that this server's schema accepts is in force (a stored document always passed it).
    for (const stored of [...this.documents].reverse()) {
      const checked = validateRuleDocument(stored);
      if (checked.ok) {
        this.inForce = checked.document;
        return checked.document;
      }
    }
    throw new Error('no valid rule document is stored (migrations not applied?)');
  }

  /** The rules in force; `load()` must have run once. */
  current(): RuleDocument {
    if (!this.inForce) throw new Error('the rule store is not loaded');
    return this.inForce;
  }

  /** Every version, newest first, without its rules. */
  history(): RuleVersionInfo[] {
    return this.documents.map(({ version, createdAt, createdBy }) => ({ version, createdAt, createdBy })).reverse();
  }

  version(version: number): StoredRuleDocument | undefined {
    return this.documents.find((d) => d.version === version);
  }

  /**
   * Validates `rules` and stores them as the next version. `basedOn` (the version the editor started from)
   * refuses a save over a version saved meanwhile (409) instead of silently undoing it.
   */
  async save(rules: unknown, createdBy: string, now: Date, basedOn?: number): Promise<SaveRulesResult> {
    await this.load();
    const latest = this.documents[this.documents.length - 1]?.version ?? 0;
    if (basedOn !== undefined && basedOn !== latest)
      return {
        ok: false,
        status: 409,
        code: 'stale-rules',
        message: `the rules are at version ${latest}, not ${basedOn}`,
        field: 'basedOn',
      };
    const checked = validateRuleDocument({ version: latest + 1, createdAt: now.toISOString(), createdBy, rules });
    if (!checked.ok) {
      const [first] = checked.errors;
      return {
        ok: false,
        status: 400,
        code: 'invalid-rules',
        message: checked.errors.map((e) => e.message).join('; '),
        field: first?.field ?? null,
      };
    }
    const stored = await this.storage.addRuleDocument(checked.document);
    if (stored === 'exists')
      return {
        ok: false,
        status: 409,
        code: 'stale-rules',
        message: `version ${latest + 1} was saved meanwhile`,
        field: 'basedOn',
      };
    await this.load();
    return { ok: true, document: checked.document };
  }
}
