import { describe, expect, it } from 'vitest';
import { newCardFrom } from './new-card';

const blank = { name: '', website: '', phone: '', contactName: '', contactEmail: '', contactPhone: '' };

describe('newCardFrom', () => {
  it('normalises what the rep typed', () => {
    const { card, problems } = newCardFrom({
      ...blank,
      name: ' 杭州云帆网络科技有限公司 ',
      website: 'www.yunfan.com.cn/about',
      phone: '0571-8888 6666 转 12',
      contactName: '王总',
      contactEmail: 'Wang@YunFan.com.cn',
      contactPhone: '138 0013 8000',
    });
    expect(problems).toEqual([]);
    expect(card?.account).toMatchObject({
      name: '杭州云帆网络科技有限公司',
      domains: ['yunfan.com.cn'],
      website: 'https://www.yunfan.com.cn/about',
      phones: ['+8657188886666;ext=12'],
    });
    expect(card?.contact).toEqual({ name: '王总', emails: ['wang@yunfan.com.cn'], phones: ['+8613800138000'] });
  });

  it('names each field that is wrong', () => {
    const { card, problems } = newCardFrom({
      ...blank,
      name: 'Acme',
      website: 'n/a',
      phone: '2024-01-15',
      contactEmail: 'wang at acme',
    });
    expect(card).toBeNull();
    expect(problems.map((p) => [p.field, p.kind])).toEqual([
      ['website', 'badDomain'],
      ['phone', 'badPhone'],
      ['contactEmail', 'badEmail'],
    ]);
  });

  it('makes no contact when none is given', () => {
    expect(newCardFrom({ ...blank, name: 'Acme' }).card?.contact).toBeNull();
  });
});
