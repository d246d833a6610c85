/**
 * Classifiers for the lines at the end of a mail: device taglines, sign-offs, contact lines, disclaimers and prose.
 * Each runs on one trimmed line with bounded patterns (linear time).
 */

const deviceTaglines = [
  // "Sent from my iPhone", "Sent from Mailbox for iPad", "Sent via mobile" – a few words, no sentence after them.
  /^(?:Sent|Envoyé|Enviado|Inviato|Gesendet|Verzonden|Verstuurd|Sendt|Skickat|Wysłane|Отправлено)\s(?:from|via|with|depuis|de|desde|da|von|vanaf|met|fra|från|z|с)\s(?:my\s|mon\s|mi\s|mio\s|meinem\s|mijn\s|min\s|mitt\s|mojego\s|моего\s)?[\p{L}\p{N}\s.'-]{1,40}$/iu,
  /^Von meinem [\p{L}\p{N}\s.'-]{1,40} gesendet\.?$/iu,
  /^Gesendet von [\p{L}\p{N}\s.'-]{1,40} für [\p{L}\p{N}\s.'-]{1,40}$/iu,
  /^Get (?:\[?Outlook for|Outlook for) /i,
  /^Sent from \[?mail\]?\(.{0,100}\) for windows 10$/i,
  /^\(?sent from (?:a |my )?(?:phone|mobile|mobile device)\)?$/i,
  // 发自我的iPhone, 从我的 iPhone 发送, 從我的 iPhone 傳送, 发自网易邮箱大师, 来自 QQ邮箱, 发自我的小米手机.
  /^(?:发自|發自|来自|來自)\s?(?:我的)?\s?[\p{L}\p{N}\s]{0,16}(?:iPhone|iPad|Android|手机|手機|邮箱|郵箱|客户端|客戶端|平板|Mail|Outlook|大师|大師)[\p{L}\p{N}\s]{0,8}$/iu,
  /^(?:从|從)我的\s?[\p{L}\p{N}\s]{1,20}\s?(?:发送|發送|傳送)$/u,
];

/** "Sent from my iPhone", "发自我的iPhone", "從我的 iPhone 傳送" – a client's tagline, not part of the signature. */
export function isDeviceTagline(line: string): boolean {
  if (line.length > 400) return false;
  // "Sent from TypeApp<http://www.typeapp.com/r?b=2621>", "Gesendet von Outlook für Android<https://aka.ms/…>".
  const text = line
    .trim()
    .replace(/\s?[<(]https?:\/\/[^\s<>()]{1,200}[>)]$/, '')
    .trim();
  return text.length > 0 && text.length <= 100 && deviceTaglines.some((pattern) => pattern.test(text));
}

const signOff =
  /^(?:Best regards|Kind regards|Warm regards|Warmest regards|Regards|Best wishes|All the best|Best|Cheers|Thanks|Thank you|Thanks again|Many thanks|Thanks and regards|Sincerely|Yours sincerely|Yours truly|Yours faithfully|Respectfully|Br|Rgds|Thx|Mit freundlichen Grüßen|Freundliche Grüße|Viele Grüße|Beste Grüße|Grüße|Gruß|Cordialement|Bien à vous|Salutations|Saludos|Un saludo|Atentamente|Cordiali saluti|Saluti|Met vriendelijke groet|Groeten|Pozdrawiam|Med venlig hilsen|Venlig hilsen|Mvh|Hilsen|Med vänliga hälsningar|Hälsningar|Kh|此致|敬礼|敬禮|此致敬礼|此致敬禮|祝好|祝商祺|顺祝商祺|順祝商祺|顺颂商祺|顺颂商安|顺祝商安|顺祝|祝工作顺利|祝一切顺利|谢谢|謝謝|多谢|多謝|感谢|感謝|谢谢您|谢谢！|祝好！|敬上|敬启|致礼|よろしくお願いします|よろしくお願いいたします)[\s,，.!！。~～]*$/iu;

/** A line that is only a closing phrase: "Best regards,", "此致", "敬礼！", "顺祝商祺". */
export function isSignOff(line: string): boolean {
  const text = line.trim();
  return text.length > 0 && text.length <= 40 && signOff.test(text);
}

const emailShape = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const urlShape = /\b(?:https?:\/\/|www\.)[^\s]{2,}/i;
const domainShape = /\b[\w-]{2,}\.(?:com|cn|net|org|io|co|biz|info|hk|tw|com\.cn|net\.cn|org\.cn)\b/i;
const phoneShape = /(?:^|[^\d])\+?\(?\d[\d\s().\-–/]{5,}\d/;
const contactLabel =
  /^(?:电话|電話|座机|座機|手机|手機|移动电话|传真|傳真|邮箱|郵箱|电子邮件|電子郵件|邮件|郵件|地址|公司|网址|網址|网站|網站|微信|QQ|Tel|Tel\.|Telephone|Phone|Mobile|Mob|Cell|Fax|Email|E-mail|Mail|Web|Website|Address|Addr|Office|Direct|Skype|WeChat|M|T|F|P|E|W|O|D)\s*[:：.]/iu;

/** A line that gives a way to reach someone: an address, a phone number, a website, or a labelled field. */
export function isContactLine(line: string): boolean {
  const text = line.trim();
  if (!text || text.length > 160) return false;
  return (
    contactLabel.test(text) ||
    emailShape.test(text) ||
    urlShape.test(text) ||
    domainShape.test(text) ||
    // A number in a sentence ("2,000 units by 12/01/2024.") is not a phone line.
    (digitCount(text) >= 7 && phoneShape.test(text) && !isProse(text))
  );
}

function digitCount(text: string): number {
  let n = 0;
  for (const c of text) if (c >= '0' && c <= '9') n++;
  return n;
}

/** Display width: CJK characters count twice, as they do on screen. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const c of text)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(c)
      ? 2
      : 1;
  return width;
}

/** A line of running text (a sentence), as opposed to a name, a title or a company line. */
export function isProse(line: string): boolean {
  const text = line.trim();
  if (displayWidth(text) > 72) return true;
  if (!/[.?!。？！；;]$/u.test(text)) return false;
  const words = text.split(/\s+/);
  const cjk = displayWidth(text) - text.length;
  // "John E. Doe, Ph.D." and "Acme Trading Co., Ltd." end with a full stop too; a sentence has lower-case words.
  const lower = words.filter((word) => /^\p{Ll}/u.test(word)).length;
  return (words.length >= 4 && lower >= 2) || cjk >= 8;
}

const disclaimerStart =
  /^(?:\*{0,2}(?:CONFIDENTIALITY|CONFIDENTIAL|DISCLAIMER|IMPORTANT NOTICE|LEGAL NOTICE|PRIVILEGED AND CONFIDENTIAL)\b|This (?:e-?mail|message|communication)(?: and any (?:files|attachments?)(?: transmitted with it)?)? (?:is|are|may be) (?:confidential|intended|privileged|strictly)|This (?:e-?mail|message) (?:contains|may contain) (?:confidential|privileged)|The information (?:contained in|in) this (?:e-?mail|message)|免责声明|免責聲明|保密声明|保密聲明|声明[:：]|本邮件(?:及其附件)?(?:含有|包含|仅|僅|可能)|此邮件(?:及其附件)?(?:含有|包含|仅|可能)|本郵件(?:及其附件)?(?:含有|包含|僅|可能)|此郵件(?:及其附件)?(?:含有|包含|僅|可能)|该邮件(?:及其附件)?(?:含有|包含|仅))/iu;

/** The first line of a legal disclaimer ("CONFIDENTIALITY NOTICE: …", "本邮件及其附件含有…保密信息"). */
export function isDisclaimerStart(line: string): boolean {
  const text = line.trim();
  return text.length > 0 && disclaimerStart.test(text);
}
