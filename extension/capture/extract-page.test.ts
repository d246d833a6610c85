import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { candidate } from '../../shared/schema/candidate';
import { extractLinkedPage } from './extract-linked-page';
import { extractPage } from './extract-page';
import { htmlDocument } from './html-document';

const dir = join(import.meta.dirname, '../../test/fixtures/pages');
const urls: Record<string, string> = JSON.parse(readFileSync(join(dir, 'urls.json'), 'utf8'));
const pages = readdirSync(dir).filter((f) => f.endsWith('.html'));

describe('extractPage on the project fixture pages', () => {
  test('every fixture page has a URL and an expected JSON', () => {
    expect(pages.length).toBeGreaterThanOrEqual(12);
    for (const page of pages) {
      expect(urls[page], page).toBeDefined();
      expect(readdirSync(dir)).toContain(page.replace(/\.html$/, '.expected.json'));
    }
  });

  test.each(pages)('%s gives its expected JSON', async (page) => {
    const expected = JSON.parse(readFileSync(join(dir, page.replace(/\.html$/, '.expected.json')), 'utf8'));
    // As the CLI reads a saved page: offline, `data:` vCards included.
    const result = await extractLinkedPage(htmlDocument(readFileSync(join(dir, page), 'utf8')), urls[page]!);
    expect(result).toEqual(expected);
    for (const c of [...result.contacts, ...(result.organisation ? [result.organisation] : [])]) candidate.parse(c);
  });
});

describe('judgement', () => {
  const run = (body: string, url = 'https://www.acme.cn/') => extractPage(htmlDocument(body), url);

  test('the same person from JSON-LD, h-card and a mailto link is one candidate with evidence per field', () => {
    const { contacts } = run(`
      <script type="application/ld+json">{"@type":"Person","name":"张三","jobTitle":"经理","email":"zs@acme.cn"}</script>
      <div class="h-card"><span class="p-name">张三</span><span class="p-tel">13800138000</span></div>
      <a href="mailto:zs@acme.cn">张三</a>`);
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({
      name: '张三',
      title: '经理',
      emails: ['zs@acme.cn'],
      phones: ['+8613800138000'],
    });
    expect(contacts[0]!.evidence).toMatchObject({
      name: ['json-ld', 'h-card', 'mailto'],
      emails: ['json-ld', 'mailto'],
      phones: ['h-card'],
    });
  });

  test.each([
    ['noreply@acme.cn'],
    ['no-reply@acme.cn'],
    ['support@acme.cn'],
    ['info@acme.cn'],
    ['sales@acme.cn'],
    ['privacy@acme.cn'],
    ['webmaster@acme.cn'],
    ['kefu@acme.cn'],
  ])('%s is a role-address candidate, never a person', (email) => {
    const { contacts } = run(
      `<p>联系人：王五</p><p>手机：13800138005</p><p>邮箱：<a href="mailto:${email}">${email}</a></p>`,
    );
    expect(contacts.find((c) => c.emails.includes(email))?.kind).toBe('role-address');
    expect(contacts.find((c) => c.name === '王五')).toMatchObject({ kind: 'person', emails: [] });
  });

  test("the footer's switchboard number belongs to the organisation, not to each person", () => {
    const { contacts, organisation } = run(`
      <div class="p"><p>联系人：甲一</p><p>电话：0755-8888 6666</p><p>手机：13800138001</p></div>
      <footer>电话：0755-8888 6666</footer>`);
    expect(organisation?.phones).toEqual(['+8675588886666']);
    expect(contacts[0]?.phones).toEqual(['+8613800138001']);
  });

  test.each([
    ['订单号：202403158866001234'],
    ['运单号：773012345678901'],
    ['京ICP备12345678号'],
    ['邮编：518057'],
    ['价格：¥13800138000'],
    ['日期：2024-01-15'],
    ['Order #100234556'],
  ])('%s never becomes a phone', (text) => {
    const { contacts, organisation } = run(`<p>联系人：赵六</p><p>${text}</p><p>电话 ${text}</p>`);
    expect(contacts.flatMap((c) => c.phones)).toEqual([]);
    expect(organisation?.phones ?? []).toEqual([]);
  });

  test('a bare name with no title and no way to reach them is not a lead', () => {
    expect(run('<p>联系人：周九</p><p>Name: Ada Byron</p>').contacts).toEqual([]);
  });

  test('an empty page gives no contacts and the organisation from the domain', () => {
    expect(run('', 'https://shop.example.co.uk/x')).toEqual({
      contacts: [],
      organisation: expect.objectContaining({ name: 'example.co.uk', kind: 'organisation' }),
    });
  });

  test('a source that fails is reported and the other sources still count', () => {
    const doc = htmlDocument('<p>联系人：钱七</p><p>手机：13800138007</p>');
    // A Document whose querySelectorAll throws for script lookups breaks the JSON-LD reader only.
    const original = doc.querySelectorAll.bind(doc);
    doc.querySelectorAll = ((selector: string) => {
      if (selector === 'script') throw new Error('broken DOM');
      return original(selector);
    }) as typeof doc.querySelectorAll;
    const failed: string[] = [];
    const { contacts } = extractPage(doc, 'https://a.cn/', { onSourceError: (name) => failed.push(name) });
    expect(failed).toEqual(['json-ld']);
    expect(contacts.map((c) => c.name)).toEqual(['钱七']);
  });

  test('page scripts are never executed and their text is never read', () => {
    const marker = globalThis as { __leadcardRan?: boolean };
    const { contacts } = run(
      `<script>globalThis.__leadcardRan = true; document.write('联系人：假人 手机：13900139000')</script>
       <img src=x onerror="globalThis.__leadcardRan = true">`,
    );
    expect(marker.__leadcardRan).toBeUndefined();
    expect(contacts).toEqual([]);
  });
});
