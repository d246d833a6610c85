import { describe, expect, test } from 'vitest';
import {
  attributionLines,
  headerBlockLines,
  headerField,
  isAttribution,
  separatorKind,
  sharedLineSplit,
} from './quote-headers';

const lines = (s: string) => s.split('\n');

describe('attributionLines', () => {
  test.each([
    ['On Tue, 12 Mar 2024 at 09:14, Sarah Olsen <sarah@vendor.example> wrote:', 1],
    ['在 2016年11月8日，下午2:23，Test user <test@example.com> 写道：', 1],
    ['在 2024-08-12 09:30:15，"钱伟" <qianwei@supplier.cn> 写道：', 1],
    ['在 2024年6月3日，下午2:15，黃志明 <huang@example.com.tw> 寫道：', 1],
    ['On Thu, Dec 18, 2014 at 10:02 AM, Someone <\nsomeone@example.com> wrote:', 2],
    ['On Tue, Apr 11, 2017 at 10:07 PM John Smith\n<john@example.com> wrote:', 2],
    ['tir. 18. apr. 2017 kl. 13:09 skrev Test user <test@example.com\n>:', 2],
    ['Max <max@example.com> schrieb am Fr., 28.\nApr. 2017 um 11:53 Uhr:', 2],
    ['Op 13-02-2014 3:18 schreef Julius Caesar <pantheon@rome.com>:', 1],
    ['W dniu 7 stycznia 2015 15:24 użytkownik Paweł <pawel@example.pl> napisał:', 1],
    ['26.06.2014, 14:41, "Alexander L" <abc@example.com>:', 1],
    ['2014-03-20 8:48 GMT+01:00 Rémi Dolan <do_not_reply@dolan.com>:', 1],
    ['---- John Smith wrote ----', 1],
    ['2016. 11. 8. 오후 12:39 Test user <test@example.com> 작성:', 1],
    // Not attributions: prose, no date or address, a quote, a sentence that merely starts with "On".
    ['Something wrote:', 0],
    ['On the other hand, I think we should wait.', 0],
    ['> On Mon, 1 Jan 2024, Li Lei <li@example.cn> wrote:', 0],
    ['我们在周一写道：请确认', 0],
  ])('%j → %i line(s)', (text, expected) => {
    expect(attributionLines(lines(text), 0)).toBe(expected);
  });

  test('a date line with an address is an attribution only right above a quote', () => {
    expect(attributionLines(lines('2011/4/7 Nathan <support@example.com>\n> Hi'), 0)).toBe(1);
    expect(attributionLines(lines('2011/4/7 Nathan <support@example.com>\nHi'), 0)).toBe(0);
  });

  test('an attribution that starts on a later line is found there, not on the line above it', () => {
    const text = lines(
      'to test this in 2 weeks.\nOp 16 aug. 2014 05:13 schreef "x" <info@example.org> het\nvolgende geschreven:',
    );
    expect(attributionLines(text, 0)).toBe(0);
    expect(attributionLines(text, 1)).toBe(2);
  });

  test('a very long line is never an attribution (and costs one length check)', () => {
    expect(isAttribution(`On ${'x'.repeat(100_000)} 1 wrote:`)).toBe(false);
  });
});

describe('separatorKind', () => {
  test.each([
    ['-----Original Message-----', 'reply'],
    ['-----原始邮件-----', 'reply'],
    ['------------------ 原始邮件 ------------------', 'reply'],
    ['------------------\u00a0原始邮件\u00a0------------------', 'reply'],
    ['*-------- Original Message --------*', 'reply'],
    ['-----Oprindelig meddelelse-----', 'reply'],
    ['---------- Forwarded message ---------', 'forward'],
    ['---------- 转发的邮件 ---------', 'forward'],
    ['-------- 转发邮件信息 --------', 'forward'],
    ['Begin forwarded message:', 'forward'],
    ['开始转发的邮件：', 'forward'],
    ['-------- Пересылаемое сообщение --------', 'forward'],
    ['Original Message', null],
    ['-- ', null],
    ['This is not a ---------- delimiter.', null],
  ])('%j → %s', (line, kind) => {
    expect(separatorKind(line)).toBe(kind);
  });
});

describe('headerField', () => {
  test.each([
    ['From: Li Lei <li@example.cn>', { key: 'from', value: 'Li Lei <li@example.cn>' }],
    ['发件人: "张三"<zs@qq.com>;', { key: 'from', value: '"张三"<zs@qq.com>' }],
    ['发件人：徐丽', { key: 'from', value: '徐丽' }],
    ['寄件者: 陳大文 <chan@buyer.hk>', { key: 'from', value: '陳大文 <chan@buyer.hk>' }],
    ['发送时间: 2024年5月20日 9:01', { key: 'date', value: '2024年5月20日 9:01' }],
    ['时间：2024年6月17日 16:30', { key: 'date', value: '2024年6月17日 16:30' }],
    ['发送日期：2024-07-15 10:20:30', { key: 'date', value: '2024-07-15 10:20:30' }],
    ['收件人: 刘洋 <liuyang@yunfan-tech.cn>', { key: 'to', value: '刘洋 <liuyang@yunfan-tech.cn>' }],
    ['抄送: 王芳 <wangfang@partner.cn>', { key: 'cc', value: '王芳 <wangfang@partner.cn>' }],
    ['主题: 会议安排', { key: 'subject', value: '会议安排' }],
    ['主旨: 查詢報價', { key: 'subject', value: '查詢報價' }],
    ['主　题：报价', { key: 'subject', value: '报价' }],
    ['抄　送：王芳', { key: 'cc', value: '王芳' }],
    ['*From:* Some One <some@example.com>', { key: 'from', value: 'Some One <some@example.com>' }],
    ['De : Someone <someone@example.com>', { key: 'from', value: 'Someone <someone@example.com>' }],
    ['Hello: world', null],
    ['', null],
  ])('%j', (line, expected) => {
    expect(headerField(line)).toEqual(expected);
  });
});

describe('headerBlockLines', () => {
  test.each([
    [
      'Outlook zh-CN',
      '发件人: 张磊 <zhanglei@partner.cn>\n发送时间: 2024年5月20日 9:01\n收件人: 刘洋\n主题: 会议安排\n\n正文',
      4,
    ],
    [
      'QQ',
      '发件人: "冯经理"<feng@client.com.cn>;\n发送时间: 2024年11月4日(星期一) 上午9:00\n收件人: "郑䶮"<z@r.cn>;\n主题: 技术问题',
      4,
    ],
    [
      'Hotmail starts with Date:',
      'Date: Thu, 26 Jun 2014 13:53:45 +0400\nSubject: Test\nFrom: abc@example.com\nTo: alex@example.com',
      4,
    ],
    [
      'Outlook wraps the address',
      'From: Human Resources\n<hr@example.com>\nSent: Monday, August 26, 2019 4:37 PM\nTo: Abhishek',
      4,
    ],
    ['one From line with an address', 'From: foo@example.com <foo@example.com>\nMy email is <foo@example.com>', 1],
    ['prose that starts with From:', 'From: my point of view this is fine.\nThanks', 0],
    ['a Date:/To: pair without From', 'Date: Monday\nTo: everyone', 0],
  ])('%s', (_name, text, expected) => {
    expect(headerBlockLines(lines(text), 0)).toBe(expected);
  });
});

describe('sharedLineSplit', () => {
  test.each([
    ['reply On Wed, Apr 4, 2012 at 3:59 PM, bob@example.com wrote:', 5],
    ['reply--- On Wed, Apr 4, 2012 at 3:59 PM, me@domain.com wrote:', 5],
    ['On Wed, Apr 4, 2012 at 3:59 PM, bob@example.com wrote:', -1],
    ['I said On and on she wrote:', -1],
  ])('%j → %i', (line, expected) => {
    expect(sharedLineSplit(line)).toBe(expected);
  });
});
