/**
 * Line classifiers for where someone else's text begins in a reply: attribution lines ("On … wrote:", "在 … 写道："),
 * separators ("-----Original Message-----", "------------------ 原始邮件 ------------------", "Begin forwarded
 * message:") and header blocks (Outlook's From:/Sent:/To:/Subject:, 发件人/发送时间/收件人/主题, Foxmail, QQ, 163).
 *
 * Every pattern runs on one line (or a window of at most three lines) capped at `maxHeaderLength` characters, with
 * no nested quantifiers, so their cost is linear in the text (the ReDoS cases of github/email_reply_parser).
 * The multilingual verbs and keys follow crisp-oss/email-reply-parser, willdurand/EmailReplyParser, talon and
 * email_reply_trimmer; the Chinese forms are written from the clients themselves.
 */

const maxHeaderLength = 400;

/** Verbs that end an attribution line, in the languages the corpora cover plus Chinese (simplified and traditional). */
const attributionEnd =
  /(?:wrote|writes|a écrit|écrit|escribió|ha escrit|ha scritto|scritto|escreveu|schrieb|schreef|skrev|napisał\(a\)|napisał|napisała|pisze|kirjoitti|написал\(а\)|написал|написала|написав|пише|пишет|geschreven|viết|napsal|napsala|írta|yazdı|έγραψε|作成|작성|のメッセージ|写道|寫道|来信|來信|wrote on)\s*(?:[:：]|-{2,})\s*$/iu;

/** Words that open an attribution whose verb sits in the middle: "Op … schreef Julius <j@rome.com>:", "On … sent:". */
const attributionOpening = /^(?:On|Le|El|Il|Em|Am|Op|W dniu|Dnia|Den|Dne|Pe|Ma|Ti|Ke|To|Pa|La|Lø|Sø|在|于|於)\s/iu;
const verbInside =
  /(?:^|\s)(?:wrote|sent|schrieb|schreef|skrev|escribió|a écrit|ha scritto|escreveu|napisał|napisała|pisze|kirjoitti|написал|написала|пишет|写道|寫道)(?:\s|[:：]|$)/iu;

/** A date or time, then an address in angle brackets, then a colon: Gmail's old form, mail.ru, Yandex. */
const dateAddressColon = /(?:\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{1,2}:\d{2}).*<\s?[^<>\s]+@[^<>\s]+\s?>\s*[:：]$/u;

/** "On Wed, 14 Nov 2018 08:14:43 -0200 John Doe <john@doe.com> wrote" – the colon lost. */
const onWroteNoColon = /^On\s.*\d.*<[^<>\s]+@[^<>\s]+>\s+wrote$/i;

/** The same without the colon ("2011/4/7 Nathan <support@example.com>"): an attribution only right above a quote. */
const dateAddress = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s.*<\s?[^<>\s]+@[^<>\s]+>$/u;

/** Android's "---- John Smith wrote ----". */
const dashedWrote = /^-{2,}\s*\S.{0,100}\s(?:wrote|написал|schrieb|a écrit|写道)\s*-{2,}$/iu;

/** German and Scandinavian Gmail: "Max <max@example.com> schrieb am Fr., 28. Apr. 2017 um 11:53 Uhr:". */
const addressVerb =
  /<[^<>\s]+@[^<>\s]+>\s*(?:schrieb|skrev|wrote|a écrit|escribió|napisał|пише|написал|kirjoitti|schreef)(?:\s.*)?[:：]$/iu;
const addressVerbStart =
  /<[^<>\s]+@[^<>\s]+>\s*(?:schrieb|skrev|wrote|a écrit|escribió|napisał|пише|написал|kirjoitti|schreef)\b/iu;

/** A line where a wrapped attribution may continue onto the next one. */
const mayWrap = (line: string) =>
  attributionOpening.test(line) ||
  addressVerbStart.test(line) ||
  /\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{1,2}:\d{2}/.test(line) ||
  /<[^>]*$/.test(line);

/** Number of lines (1–3) of an attribution header starting at `lines[i]`, or 0. */
export function attributionLines(lines: readonly string[], i: number): number {
  const first = lines[i]?.trim() ?? '';
  if (!first || first.startsWith('>') || first.length > maxHeaderLength) return 0;
  let joined = '';
  for (let n = 1; n <= 3 && i + n - 1 < lines.length; n++) {
    const line = lines[i + n - 1]!.trim();
    // A wrapped line may not be a quote, except the ">:" or "> wrote:" that Gmail leaves when it breaks "<a@b>:".
    if (n > 1 && (!line || (line.startsWith('>') && !/^>\s*(?:\p{L}+\s*)?[:：]$/u.test(line)))) return 0;
    // A later line that opens an attribution itself is where the attribution starts, not this one.
    if (n > 1 && attributionOpening.test(line)) return 0;
    joined = n === 1 ? line : `${joined} ${line}`;
    if (joined.length > maxHeaderLength) return 0;
    if (isAttribution(joined) || (dateAddress.test(joined) && nextIsQuote(lines, i + n))) return n;
    // Only an opening such as "On …", "在 …" or a date may wrap onto the next lines (Gmail wraps long ones).
    if (n === 1 && !mayWrap(line)) return 0;
  }
  return 0;
}

function nextIsQuote(lines: readonly string[], from: number): boolean {
  for (let j = from; j < lines.length && j < from + 3; j++) {
    const line = lines[j]!.trim();
    if (line) return line.startsWith('>');
  }
  return false;
}

/** Whether `text` (one line, or wrapped lines joined by spaces) is an attribution such as "On …, Li Lei wrote:". */
export function isAttribution(text: string): boolean {
  if (text.length > maxHeaderLength) return false;
  if (dashedWrote.test(text) || dateAddressColon.test(text) || onWroteNoColon.test(text) || addressVerb.test(text)) {
    return true;
  }
  // "Something wrote:" in prose is not a header: a real attribution names a date, a time or an address.
  if (!/\d|@/.test(text)) return false;
  if (attributionEnd.test(text)) return true;
  return attributionOpening.test(text) && /[:：]$/.test(text) && verbInside.test(text);
}

/**
 * "reply On Wed, Apr 4, 2012 at 3:59 PM, bob@example.com wrote:" – a reply and an attribution on one line (clients
 * that drop the line break). Returns the length of the reply part, or -1.
 */
export function sharedLineSplit(line: string): number {
  if (line.length > maxHeaderLength || !/wrote:\s*$/i.test(line)) return -1;
  for (let at = line.indexOf('On ', 1); at > 0; at = line.indexOf('On ', at + 1)) {
    if (!/[\s-]/.test(line[at - 1]!)) continue;
    if (!isAttribution(line.slice(at).trim())) continue;
    return line.slice(0, at).replace(/[\s-]+$/, '').length;
  }
  return -1;
}

export type SeparatorKind = 'reply' | 'forward';

const replySeparator =
  /^[-_=*\s]{0,3}-{2,}\s*(?:Original Message|Original|Reply Message|Message d'origine|Ursprüngliche Nachricht|Oprindelig besked|Oprindelig meddelelse|Opprinnelig melding|Originalnachricht|Oryginalna wiadomość|Alkuperäinen viesti|Eredeti üzenet|Mensagem original|Ursprungligt meddelande|Mensaje original|Messaggio originale|Oorspronkelijk bericht|Wiadomość oryginalna|Исходное сообщение|Původní zpráva|原始邮件|原始郵件|原邮件|原郵件|回复的邮件|答复的邮件)\s*-{2,}[\s*]*$/iu;
const forwardSeparator =
  /^[-_=*\s]{0,3}-{2,}\s*(?:Forwarded message|Forwarded Message|Forwarded|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado|Messaggio inoltrato|Doorgestuurd bericht|Videresendt meddelelse|Vidarebefordrat meddelande|Пересылаемое сообщение|转发的邮件|轉寄的郵件|转发邮件信息|转发邮件|轉發郵件|转发的消息)\s*-{2,}[\s*]*$/iu;
const forwardIntro =
  /^(?:Begin forwarded message|Forwarded message|Anfang der weitergeleiteten Nachricht|Début du message réexpédié|Inicio del mensaje reenviado|Inizio messaggio inoltrato|Doorgestuurd bericht|开始转发的邮件|開始轉寄的郵件|转发的邮件|轉寄的郵件)\s*[:：]\s*$/iu;

/** Whether `line` is a separator line that introduces a quoted reply or a forwarded message. */
export function separatorKind(line: string): SeparatorKind | null {
  const text = line.trim();
  if (!text || text.length > maxHeaderLength) return null;
  if (forwardSeparator.test(text) || forwardIntro.test(text)) return 'forward';
  if (replySeparator.test(text)) return 'reply';
  return null;
}

export type HeaderKey = 'from' | 'to' | 'cc' | 'date' | 'subject' | 'replyTo';

const headerNames: Record<HeaderKey, readonly string[]> = {
  from: [
    'From',
    'De',
    'Von',
    'Van',
    'Da',
    'Od',
    'Från',
    'Fra',
    'Lähettäjä',
    'Feladó',
    'От кого',
    'От',
    'Від',
    '差出人',
    '보낸 사람',
    '发件人',
    '發件人',
    '寄件者',
    '寄件人',
  ],
  date: [
    'Sent',
    'Date',
    'Message du',
    'Envoyé',
    'Gesendet',
    'Datum',
    'Verzonden',
    'Enviado',
    'Fecha',
    'Inviato',
    'Data',
    'Wysłano',
    'Skickat',
    'Sendt',
    'Lähetetty',
    'Отправлено',
    'Дата',
    'Надіслано',
    '送信日時',
    '보낸 날짜',
    '发送时间',
    '發送時間',
    '发送日期',
    '發送日期',
    '时间',
    '時間',
    '日期',
    '寄件日期',
  ],
  to: [
    'To',
    'À',
    'A',
    'An',
    'Aan',
    'Para',
    'Pour',
    'Do',
    'Till',
    'Til',
    'Vastaanottaja',
    'Кому',
    '宛先',
    '받는 사람',
    '收件人',
    '收件者',
  ],
  cc: ['Cc', 'CC', 'Kopie', 'Copie à', 'Kopia', 'Копия', '抄送', '副本', '抄送人'],
  replyTo: ['Reply-To', 'Risposta', 'Répondre à', 'Antwort an', 'Responder a', '回复至', '答复至', '回覆至'],
  subject: [
    'Subject',
    'Objet',
    'Sujet',
    'Betreff',
    'Onderwerp',
    'Asunto',
    'Oggetto',
    'Temat',
    'Ämne',
    'Emne',
    'Aihe',
    'Assunto',
    'Тема',
    '件名',
    '제목',
    '主题',
    '主題',
    '主旨',
  ],
};

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Alimail and Exmail pad two-character keys with an ideographic space ("主　题：", "抄　送：").
const keyPattern = (name: string) =>
  /^\p{Script=Han}+$/u.test(name) ? [...name].map(escapeRegExp).join('[ \\u3000]?') : escapeRegExp(name);
const headerPatterns = (Object.entries(headerNames) as [HeaderKey, readonly string[]][]).map(
  ([key, names]) =>
    // Optional bold markers (`*From:*` after HTML-to-text), ASCII or full-width colon.
    [
      key,
      new RegExp(`^\\*{0,2}(?:${names.map(keyPattern).join('|')})\\*{0,2}\\s*[:：]\\*{0,2}\\s*(.*)$`, 'iu'),
    ] as const,
);

/** `From: Li Lei <li@example.cn>` → `{ key: 'from', value: 'Li Lei <li@example.cn>' }`; `发送时间: …` → `date`. */
export function headerField(line: string): { key: HeaderKey; value: string } | null {
  const text = line.trim();
  if (!text || text.length > maxHeaderLength) return null;
  for (const [key, pattern] of headerPatterns) {
    const match = pattern.exec(text);
    if (match) return { key, value: (match[1] ?? '').trim().replace(/[;；]$/u, '') };
  }
  return null;
}

/**
 * Number of lines of a quoted header block starting at `lines[i]`, 0 when there is none: a From-line followed,
 * within five lines, by at least one more header field; a From-line that carries an address; or three or more
 * fields in a row, one of them From (Hotmail starts with Date:, Outlook.com with Sent:).
 */
export function headerBlockLines(lines: readonly string[], i: number): number {
  const first = headerField(lines[i] ?? '');
  if (!first || first.key === 'cc' || first.key === 'replyTo') return 0;
  let end = i + 1;
  let fields = 1;
  let hasFrom = first.key === 'from';
  for (let j = i + 1; j < lines.length && j <= i + 6; j++) {
    const line = lines[j]!;
    if (!line.trim()) {
      // Outlook sometimes leaves one blank line inside the block; two end it.
      if (!(lines[j + 1] ?? '').trim() || fields >= 4) break;
      continue;
    }
    // Outlook wraps a long "From: Name" before "<address>" or "[mailto:…]".
    if (/^\s*(?:<[^<>\s]+@|\[mailto:)/.test(line)) {
      end = j + 1;
      continue;
    }
    const field = headerField(line);
    if (!field || (field.key === 'from' && hasFrom)) break;
    hasFrom ||= field.key === 'from';
    fields++;
    end = j + 1;
  }
  if (first.key === 'from') {
    if (fields >= 2) return end - i;
    if (end > i + 1) return end - i;
    return /@|\[mailto:/.test(first.value) ? 1 : 0;
  }
  return fields >= 3 && hasFrom ? end - i : 0;
}
