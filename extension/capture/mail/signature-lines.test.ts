import { describe, expect, test } from 'vitest';
import { displayWidth, isContactLine, isDeviceTagline, isDisclaimerStart, isProse, isSignOff } from './signature-lines';

describe('isDeviceTagline', () => {
  test.each([
    ['Sent from my iPhone', true],
    ['Sent from my Verizon Wireless BlackBerry', true],
    ['Sent from TypeApp<http://www.typeapp.com/r?b=2621>', true],
    ['Gesendet von Outlook für Android<https://aka.ms/AAb9ysg>', true],
    ['Von meinem iPhone gesendet', true],
    ['Envoyé de mon iPad', true],
    ['发自我的iPhone', true],
    ['发自我的 iPhone', true],
    ['从我的 iPhone 发送', true],
    ['從我的 iPhone 傳送', true],
    ['发自网易邮箱大师', true],
    ['来自 QQ邮箱', true],
    ['发自我的小米手机', true],
    ['Sent from my desk, is much easier than my mobile phone.', false],
    ['来自上海的客户想要样品', false],
    ['Thanks for sending from your office', false],
  ])('%j → %s', (line, expected) => {
    expect(isDeviceTagline(line)).toBe(expected);
  });
});

describe('isSignOff', () => {
  test.each([
    ['Best regards,', true],
    ['Kind regards', true],
    ['Thanks!', true],
    ['此致', true],
    ['敬礼！', true],
    ['顺祝商祺！', true],
    ['祝好', true],
    ['谢谢！', true],
    ['Mit freundlichen Grüßen', true],
    ['Regards to your team, see you Monday', false],
    ['谢谢您的报价，我们会尽快回复。', false],
  ])('%j → %s', (line, expected) => {
    expect(isSignOff(line)).toBe(expected);
  });
});

describe('isContactLine', () => {
  test.each([
    ['手机：138 0013 8000', true],
    ['电话：0755-8888 6666 转 801', true],
    ['邮箱：zhangwei@huaxing.cn', true],
    ['地址：深圳市南山区科技园南区 A 栋 8 楼', true],
    ['T: +65 6123 4567', true],
    ['www.northwind-components.co.uk', true],
    ['+1 (415) 555-0132', true],
    ['Director of Procurement', false],
    ['深圳市华兴科技有限公司', false],
    ['We shipped 2,000 units in 2024.', false],
  ])('%j → %s', (line, expected) => {
    expect(isContactLine(line)).toBe(expected);
  });
});

describe('isProse', () => {
  test.each([
    ['Thanks for the call yesterday.', true],
    ['附件是我们最新的报价单，请查收。', true],
    ['John E. Doe, Ph.D.', false],
    ['Acme Trading Co., Ltd.', false],
    ['销售经理', false],
    [`${'long '.repeat(20)}line`, true],
  ])('%j → %s', (line, expected) => {
    expect(isProse(line)).toBe(expected);
  });

  test('CJK characters count twice in the display width', () => {
    expect(displayWidth('张伟 Zhang')).toBe(10);
  });
});

describe('isDisclaimerStart', () => {
  test.each([
    ['CONFIDENTIALITY NOTICE: This e-mail is private.', true],
    ['This email and any attachments are confidential.', true],
    ['本邮件及其附件含有保密信息，仅限于发送给上面地址中列出的个人或群组。', true],
    ['免责声明：本邮件及其附件含有保密信息', true],
    ['This email is about our order.', false],
    ['本周我们会发货。', false],
  ])('%j → %s', (line, expected) => {
    expect(isDisclaimerStart(line)).toBe(expected);
  });
});
