import { isFreeMailDomain, registrableDomain } from '../../shared/normalise/domain';
import { normaliseEmail } from '../../shared/normalise/email';
import { type CountryCode, normalisePhone } from '../../shared/normalise/phone';
import { matchesSearch } from '../../shared/normalise/search-keys';
import { toSimplified } from '../../shared/normalise/simplified';
import type { Grades } from '../../shared/schema/entities';
import type { LeadcardDb, StoredRecord } from './db';

/** One row of the search results: enough to show the customer and their grade. */
export interface CardSummary {
  id: string;
  name: string;
  status: string;
  band: 'hot' | 'warm' | 'cold' | null;
  score: number | null;
  qualification: 'A' | 'B' | 'C' | null;
  /** What the query matched: the contact's name, the email, the number… (shown under the name). */
  matched: string;
}

export function summaryOf(account: StoredRecord, matched = ''): CardSummary {
  const grades = (account.fields.grades ?? null) as Grades | null;
  return {
    id: account.id,
    name: String(account.fields.name ?? ''),
    status: account.status,
    band: grades?.score?.band ?? null,
    score: grades?.score?.value ?? null,
    qualification: grades?.qualification ?? null,
    matched,
  };
}

async function accountsWithIds(db: LeadcardDb, ids: Iterable<string>, matched: Map<string, string>) {
  const unique = [...new Set(ids)];
  const accounts = await db.accounts.bulkGet(unique);
  return accounts.filter((a): a is StoredRecord => a !== undefined).map((a) => summaryOf(a, matched.get(a.id)));
}

type IndexKey = readonly [index: string, key: string];

/**
 * The caller-ID hot path (DESIGN §12: within 1.5× of a raw index get): accounts by one of their index keys and/or
 * contacts by one of theirs with those contacts' accounts, read straight from IndexedDB in ONE readonly
 * transaction. Dexie's per-operation bookkeeping doubled the time of these few gets; writes stay with Dexie.
 * `whenNoContact` is an accounts index key read only when the contacts index found nothing, in the same
 * transaction (computed lazily: the email lookup's domain costs a public-suffix parse and a record decode).
 */
async function cardsByKey(
  db: LeadcardDb,
  accountIndex: IndexKey | null,
  contactIndex: IndexKey | null,
  whenNoContact: (() => IndexKey | null) | null = null,
): Promise<CardSummary[]> {
  if (!db.isOpen()) await db.open();
  const idb = db.backendDB();
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(['accounts', 'contacts'], 'readonly');
    const accountStore = tx.objectStore('accounts');
    const found = new Map<string, StoredRecord>();
    const matched = new Map<string, string>();
    // Answer as soon as the last read succeeds (waiting for the transaction's complete event costs a turn).
    let open = 0;
    const request = <T>(req: IDBRequest<T>, use: (result: T) => void) => {
      open++;
      req.onsuccess = () => {
        use(req.result);
        if (--open === 0) resolve([...found.values()].map((a) => summaryOf(a, matched.get(a.id))));
      };
    };
    const accountsBy = (key: IndexKey) =>
      request(accountStore.index(key[0]).getAll(key[1]), (accounts) => {
        for (const account of accounts as StoredRecord[]) found.set(account.id, account);
      });
    if (accountIndex) accountsBy(accountIndex);
    if (contactIndex) {
      request(tx.objectStore('contacts').index(contactIndex[0]).getAll(contactIndex[1]), (contacts) => {
        // Still inside the request's success event, so the transaction is active for the fallback read.
        const fallback = contacts.length === 0 && whenNoContact ? whenNoContact() : null;
        if (fallback) accountsBy(fallback);
        for (const contact of contacts as StoredRecord[]) {
          matched.set(contact.accountId, String(contact.fields.name ?? ''));
          request(accountStore.get(contact.accountId), (account) => {
            if (account) found.set((account as StoredRecord).id, account as StoredRecord);
          });
        }
      });
    }
    if (open === 0) resolve([]);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/**
 * The cards of the contacts with this address; when no contact has it, the cards of the address's company domain
 * (a colleague's address at a known customer; never for free mail like qq.com). The contact is the exact answer,
 * so the domain is only read when it is missing: one index read and one get, as a raw lookup does.
 */
export async function findByEmail(db: LeadcardDb, text: string): Promise<CardSummary[]> {
  const email = normaliseEmail(text);
  if (!email) return [];
  return cardsByKey(db, null, ['emails', email], () => {
    const domain = registrableDomain(email);
    return domain && !isFreeMailDomain(domain) ? ['domains', domain] : null;
  });
}

/** Cards with this number on the account or one of its contacts, whatever way it is written. */
export async function findByPhone(
  db: LeadcardDb,
  text: string,
  defaultRegion: CountryCode = 'CN',
): Promise<CardSummary[]> {
  const phone = normalisePhone(text, { defaultRegion });
  if (!phone) return [];
  return cardsByKey(db, ['phones', phone.e164], ['phones', phone.e164]);
}

/** Cards of the registrable domain of a URL, host or address (`https://www.acme.com.cn/x` → acme.com.cn). */
export async function findByDomain(db: LeadcardDb, urlOrHost: string): Promise<CardSummary[]> {
  const domain = registrableDomain(urlOrHost);
  if (!domain) return [];
  return (await cardsByKey(db, ['domains', domain], null)).map((card) => ({ ...card, matched: domain }));
}

/** A typed query folded as the search keys are: width, script and case (`Zhang San` → `zhang san`). */
export function foldQuery(text: string): string {
  return toSimplified(text.normalize('NFKC')).toLowerCase().trim().replace(/\s+/g, ' ');
}

/**
 * Names (account or contact) by their search keys: the name, its pinyin, its initials (`zs` → 张三), any tail of
 * its characters (腾达 → 深圳市腾达科技). The index finds candidates by prefix of the query (spaces dropped, or
 * its longest word); `matchesSearch` then checks every word.
 */
export async function findByName(db: LeadcardDb, text: string, limit = 20): Promise<CardSummary[]> {
  const folded = foldQuery(text);
  if (folded === '') return [];
  const words = folded.split(' ');
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a), '');
  const probes = [...new Set([folded.replace(/ /g, ''), longest])];
  const hits = (r: StoredRecord) =>
    r.search.some((key) => key.startsWith(probes[0] ?? '')) || matchesSearch(text, r.search);
  const candidates = async (table: 'accounts' | 'contacts') => {
    const found = new Map<string, StoredRecord>();
    for (const probe of probes) {
      const rows = await db[table]
        .where('search')
        .startsWith(probe)
        .distinct()
        .limit(limit * 5)
        .toArray();
      for (const row of rows) if (hits(row)) found.set(row.id, row);
    }
    return [...found.values()];
  };
  const [accounts, contacts] = [await candidates('accounts'), await candidates('contacts')];
  const matched = new Map(contacts.map((c) => [c.accountId, String(c.fields.name ?? '')]));
  const accountIds = new Set(accounts.map((a) => a.id));
  const fromContacts = await accountsWithIds(
    db,
    contacts.map((c) => c.accountId).filter((id) => !accountIds.has(id)),
    matched,
  );
  return [...accounts.map((a) => summaryOf(a)), ...fromContacts].slice(0, limit);
}

/**
 * The popup's search box: an email, a phone number in any format, a domain or URL, or a name (company or
 * person, in characters, pinyin or initials) — each tried where it applies, best kind first, no duplicates.
 */
export async function searchCards(db: LeadcardDb, text: string, defaultRegion: CountryCode = 'CN') {
  const query = text.trim();
  if (query === '') return [];
  const results: CardSummary[] = [];
  if (query.includes('@')) results.push(...(await findByEmail(db, query)));
  if (/\d{5}/.test(query.replace(/\D/g, ''))) results.push(...(await findByPhone(db, query, defaultRegion)));
  if (/\.[a-z\p{L}]{2,}/iu.test(query) && !query.includes(' ')) results.push(...(await findByDomain(db, query)));
  results.push(...(await findByName(db, query)));
  const seen = new Set<string>();
  return results.filter((r) => !seen.has(r.id) && seen.add(r.id));
}
