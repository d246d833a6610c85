/**
 * Runs inside Chromium (bundled by lookup.bench.ts): fills the extension's store with cards and times the
 * store's lookups against raw IndexedDB index gets on the same data, in the same page, interleaved.
 */
import { render } from 'preact';
import { LeadcardDb, type StoredRecord } from '../extension/store/db';
import { storedRecord } from '../extension/store/local-change';
import { findByDomain, findByEmail, findByPhone } from '../extension/store/lookup';
import { browserEnv } from '../extension/store/meta';
import { applyPulledChanges } from '../extension/store/pulled-changes';
import { Popup } from '../extension/ui/Popup';
import type { Change } from '../shared/schema/sync/pull';

type Kind = 'email' | 'phone' | 'domain';

const id = (i: number, kind: number) => `0193a000-0000-7000-8${kind}00-${i.toString(16).padStart(12, '0')}`;
const accountFields = (i: number) => ({
  name: `Company ${i} Trading Ltd`,
  kind: 'business',
  status: 'lead',
  domains: [`company${i}.com`],
  website: `https://www.company${i}.com`,
  phones: [`+8610${60_000_000 + i}`],
});
const contactFields = (i: number) => ({
  accountId: id(i, 1),
  name: `Person ${i}`,
  emails: [`person${i}@company${i}.com`],
  phones: [`+86138${String(i).padStart(8, '0')}`],
});

let db: LeadcardDb;
let cards = 0;

async function seed(count: number): Promise<number> {
  const start = performance.now();
  db = new LeadcardDb(`bench-${count}`);
  cards = count;
  // Kept on disk between the benchmarks of one run (each starts its own browser on the same profile).
  if ((await db.accounts.count()) === count && (await db.contacts.count()) === count) return 0;
  await db.delete();
  db = new LeadcardDb(`bench-${count}`);
  const now = new Date().toISOString();
  for (let from = 0; from < count; from += 5000) {
    const accounts: StoredRecord[] = [];
    const contacts: StoredRecord[] = [];
    for (let i = from; i < Math.min(count, from + 5000); i++) {
      accounts.push(storedRecord('account', id(i, 1), accountFields(i), now));
      contacts.push(storedRecord('contact', id(i, 2), contactFields(i), now));
    }
    await db.transaction('rw', db.accounts, db.contacts, async () => {
      await db.accounts.bulkPut(accounts);
      await db.contacts.bulkPut(contacts);
    });
  }
  cards = count;
  db.close();
  await db.open();
  return performance.now() - start;
}

function rawIndexGet(idb: IDBDatabase, store: string, index: string, key: string): Promise<StoredRecord | undefined> {
  return new Promise((resolve, reject) => {
    const request = idb.transaction(store, 'readonly').objectStore(store).index(index).get(key);
    request.onsuccess = () => resolve(request.result as StoredRecord | undefined);
    request.onerror = () => reject(request.error);
  });
}
function rawGet(idb: IDBDatabase, store: string, key: string): Promise<StoredRecord | undefined> {
  return new Promise((resolve, reject) => {
    const request = idb.transaction(store, 'readonly').objectStore(store).get(key);
    request.onsuccess = () => resolve(request.result as StoredRecord | undefined);
    request.onerror = () => reject(request.error);
  });
}

/** The rep's typed text for card i, as the popup gets it (formatted, not normalised). */
const typed: Record<Kind, (i: number) => string> = {
  email: (i) => `Person${i}@Company${i}.com`,
  phone: (i) => `138 ${String(i).padStart(8, '0').slice(0, 4)} ${String(i).padStart(8, '0').slice(4)}`,
  domain: (i) => `https://www.company${i}.com/contact`,
};
/** The same card the raw way: the already-normalised key straight into the index (and the account by id). */
const raw: Record<Kind, (idb: IDBDatabase, i: number) => Promise<unknown>> = {
  email: async (idb, i) => {
    const contact = await rawIndexGet(idb, 'contacts', 'emails', `person${i}@company${i}.com`);
    return contact && rawGet(idb, 'accounts', contact.accountId);
  },
  phone: async (idb, i) => {
    const contact = await rawIndexGet(idb, 'contacts', 'phones', `+86138${String(i).padStart(8, '0')}`);
    return contact && rawGet(idb, 'accounts', contact.accountId);
  },
  domain: (idb, i) => rawIndexGet(idb, 'accounts', 'domains', `company${i}.com`),
};
const ours: Record<Kind, (i: number) => Promise<unknown[]>> = {
  email: (i) => findByEmail(db, typed.email(i)),
  phone: (i) => findByPhone(db, typed.phone(i)),
  domain: (i) => findByDomain(db, typed.domain(i)),
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** Median ms per lookup over `repeats` interleaved rounds of `lookups` lookups of random cards. */
async function compare(kind: Kind, lookups: number, repeats: number) {
  const idb = db.backendDB();
  const keys = Array.from({ length: lookups }, (_, n) => (n * 7919 + 13) % cards);
  for (const i of keys.slice(0, 20)) {
    const found = await ours[kind](i);
    if (found.length !== 1) throw new Error(`${kind} lookup of card ${i} found ${found.length} cards`);
    if (!(await raw[kind](idb, i))) throw new Error(`raw ${kind} get of card ${i} found nothing`);
  }
  const times = { measured: [] as number[], baseline: [] as number[] };
  for (let r = 0; r < repeats + 1; r++) {
    const order = r % 2 === 0 ? (['measured', 'baseline'] as const) : (['baseline', 'measured'] as const);
    for (const side of order) {
      const start = performance.now();
      for (const i of keys) await (side === 'measured' ? ours[kind](i) : raw[kind](idb, i));
      if (r > 0) times[side].push((performance.now() - start) / lookups);
    }
  }
  return { measured: median(times.measured), baseline: median(times.baseline) };
}

/**
 * A first pull of `count` records applied as the sync client does (pages of 1000 in chunks of 250), against a raw
 * IndexedDB put of the same records; with the longest main-thread task seen while applying.
 */
async function firstPull(count: number) {
  const target = new LeadcardDb('bench-pull');
  await target.delete();
  await target.open();
  const changes: Change[] = Array.from({ length: count }, (_, i) => ({
    entity: 'account',
    id: id(i, 3),
    version: i + 1,
    deleted: false,
    fields: accountFields(i),
  }));
  let longest = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  const start = performance.now();
  const now = new Date().toISOString();
  // As the sync client does: pages of 1000, each applied in chunks of 250 with a yield between.
  for (let from = 0; from < count; from += 250) {
    await applyPulledChanges(
      target,
      changes.slice(from, from + 250),
      (from + 250) % 1000 === 0 ? from + 250 : null,
      now,
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const measured = performance.now() - start;
  observer.disconnect();

  const rawDb = new LeadcardDb('bench-pull-raw');
  await rawDb.delete();
  await rawDb.open();
  const records = changes.map((c) => storedRecord('account', c.id, c.fields, now));
  const idb = rawDb.backendDB();
  const rawStart = performance.now();
  for (let from = 0; from < count; from += 1000) {
    await new Promise<void>((resolve, reject) => {
      const tx = idb.transaction('accounts', 'readwrite');
      const store = tx.objectStore('accounts');
      for (const record of records.slice(from, from + 1000)) store.put(record);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  }
  const baseline = performance.now() - rawStart;
  target.close();
  rawDb.close();
  return { measured, baseline, longestTask: longest, recordsPerSecond: Math.round(count / (measured / 1000)) };
}

/** Resolves when `ready()` holds, checking after each DOM change (the popup renders as its queries answer). */
function until(root: Element, ready: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (ready()) return resolve();
    const observer = new MutationObserver(() => {
      if (ready()) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

/** A cold raw lookup: a new IndexedDB connection and one domains index get (what the popup cannot beat). */
function rawColdLookup(name: string, domain: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const idb = open.result;
      const get = idb.transaction('accounts', 'readonly').objectStore('accounts').index('domains').get(domain);
      get.onsuccess = () => {
        idb.close();
        resolve(get.result);
      };
      get.onerror = () => reject(get.error);
    };
  });
}

/**
 * The popup opened over a known customer's site, as a rep opens it: a fresh connection to the store (a popup
 * starts cold), the Popup component rendered, until the customer's card is on screen; against a cold raw
 * IndexedDB open and index get of the same card.
 */
async function popupOpen(repeats: number) {
  const times = { measured: [] as number[], baseline: [] as number[] };
  const i = Math.floor(cards / 2);
  for (let r = 0; r < repeats + 1; r++) {
    const start = performance.now();
    const root = document.createElement('div');
    document.body.append(root);
    const popupDb = new LeadcardDb(db.name);
    render(
      <Popup
        language="zh-CN"
        ports={{
          db: popupDb,
          env: browserEnv,
          me: 'li',
          tabUrl: async () => `https://www.company${i}.com/about`,
          syncNow: () => {},
          syncSoon: () => {},
          openOptions: () => {},
        }}
      />,
      root,
    );
    await until(root, () => root.querySelector('[data-testid=card-name]')?.textContent === `Company ${i} Trading Ltd`);
    if (r > 0) times.measured.push(performance.now() - start);
    render(null, root);
    root.remove();
    popupDb.close();
    const rawStart = performance.now();
    if (!(await rawColdLookup(db.name, `company${i}.com`))) throw new Error('raw lookup found nothing');
    if (r > 0) times.baseline.push(performance.now() - rawStart);
  }
  return { measured: median(times.measured), baseline: median(times.baseline) };
}

(globalThis as unknown as { leadcardBench: unknown }).leadcardBench = { seed, compare, firstPull, popupOpen };
