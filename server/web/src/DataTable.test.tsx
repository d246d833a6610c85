import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { renderRoot } from '../../../test/support/dom';
import { accountColumns, type Column, DataTable } from './DataTable';
import { WordsContext, wordsFor } from './i18n';

const HOSTILE = '<img src=x onerror="alert(1)">';
const app = renderRoot();

type Item = { id: string; name: string | null; owner: string | null; revenue: number };
const items: Item[] = [
  { id: 'a1', name: `腾达 ${HOSTILE}`, owner: 'li', revenue: 1200 },
  { id: 'a2', name: null, owner: null, revenue: 0 },
];

function table(locale: 'en' | 'zh-CN') {
  const words = wordsFor(locale);
  const columns: Column<Item>[] = [
    ...accountColumns<Item>(words.t),
    { heading: words.t('manager.column.revenue'), number: true, cell: (item) => words.money(item.revenue) },
  ];
  render(
    <WordsContext.Provider value={words}>
      <DataTable testId="items" columns={columns} rows={items} rowKey={(item) => item.id} />
    </WordsContext.Provider>,
    app(),
  );
  return app().querySelector('[data-testid=items]')!;
}

const texts = (nodes: Iterable<Element>) => [...nodes].map((node) => node.textContent);

describe('DataTable', () => {
  it('heads each column, marks figure columns, and names each row by its first cell', () => {
    const t = table('en');
    expect(texts(t.querySelectorAll('thead th[scope=col]'))).toEqual(['Account', 'Owner', 'Revenue (12 months)']);
    const classes = (cells: Iterable<Element>) =>
      [...cells].map((cell) => cell.hasAttribute('class') && cell.className);
    expect(classes(t.querySelectorAll('thead th'))).toEqual([false, false, 'number']);
    expect(classes(t.querySelectorAll('tbody tr:first-child > *'))).toEqual([false, false, 'number']);
    const rows = [...t.querySelectorAll('tbody tr')];
    expect(rows).toHaveLength(2);
    expect(texts(rows.map((row) => row.querySelector('th[scope=row]')!))).toEqual([`腾达 ${HOSTILE}`, 'a2']);
    expect(rows[0]?.querySelector('td.number')?.textContent).toContain('1,200');
  });

  it('links the account to its card, shows captured names as text, and says when nobody owns it', () => {
    const t = table('zh-CN');
    expect(t.querySelector('img')).toBeNull();
    expect(t.querySelector('tbody a.account-link')?.getAttribute('href')).toBe('/account/a1');
    const owners = [...t.querySelectorAll('tbody tr')].map((row) => row.querySelectorAll('td')[0]?.textContent);
    expect(owners).toEqual(['li', wordsFor('zh-CN').t('manager.pipeline.noOwner')]);
  });
});
