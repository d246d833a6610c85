import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from './sqlite';
import { storageSuite } from './storage.suite';

const openBackup = async (file: string) => openSqliteStorage(file);
storageSuite('SQLite in memory', async () => openSqliteStorage(':memory:'), openBackup);
storageSuite(
  'SQLite file (WAL)',
  async () =>
    openSqliteStorage(join(mkdtempSync(join(tmpdir(), 'leadcard-db-')), 'leadcard.db'), { synchronous: 'NORMAL' }),
  openBackup,
);
