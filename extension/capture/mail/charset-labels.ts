/**
 * Labels mail clients write for the GB family (GB2312 / GBK / CP936). Mail labelled gb2312 very often carries GBK
 * bytes (e.g. `=?gb2312?B?086yyZjl?=` is 游采樺, and 樺 exists only in GBK), and Node's `gbk` decoder maps the
 * GB18030-2005 two-byte codes that GBK lacks to private-use characters. GB18030 is a byte-superset of both, so every
 * GB-family label is decoded as gb18030 (the WHATWG Encoding Standard does the same: its gbk decoder is gb18030's).
 */
const gbLabels = [
  'gb2312',
  'gb_2312',
  'gb_2312-80',
  'gbk',
  'x-gbk',
  'x-gb2312',
  'cp936',
  'ms936',
  'windows-936',
  'csgb2312',
  'chinese',
  'euc-cn',
  'x-euc-cn',
  'iso-ir-58',
  'csiso58gb231280',
];

// `charset=gbk`, `charset="gb2312"` in a Content-Type and `=?gb2312?B?…?=` / `=?gbk*zh?Q?…?=` in an RFC 2047 word.
// The label must be followed by a delimiter so that `gb2312x` is left alone. Linear: no nested quantifiers.
const labelPattern = new RegExp(`(charset[ \\t]*=[ \\t]*"?|=\\?)(${gbLabels.join('|')})(?=["';\\s?*]|$)`, 'gi');

// A label no decoder knows that still names UTF-8 ("iso-UTF-8", "utf8mb4"): read as UTF-8 rather than the
// windows-1252 fallback. Known labels (utf-8, utf8, unicode-1-1-utf-8) are left alone.
const utf8Pattern = /(charset[ \t]*=[ \t]*"?)([\w.:-]{0,20}utf-?8[\w.:-]{1,20}|[\w.:-]{1,20}-utf-?8)(?=["';\s]|$)/gi;

/**
 * Returns `raw` with every GB-family charset label replaced by `gb18030` and odd UTF-8 labels by `utf-8`, or `raw`
 * itself when there is nothing to replace.
 */
export function withDecodableLabels(raw: Uint8Array): Uint8Array {
  const binary = binaryString(raw);
  labelPattern.lastIndex = 0;
  utf8Pattern.lastIndex = 0;
  const gb = labelPattern.test(binary);
  const utf8 = utf8Pattern.test(binary);
  if (!gb && !utf8) return raw;
  const rewritten = binary
    .replace(labelPattern, (_whole, prefix: string) => `${prefix}gb18030`)
    .replace(utf8Pattern, (whole, prefix: string, label: string) =>
      /^(?:unicode-1-1-utf-8|utf-8|utf8)$/i.test(label) ? whole : `${prefix}utf-8`,
    );
  const out = new Uint8Array(rewritten.length);
  for (let i = 0; i < rewritten.length; i++) out[i] = rewritten.charCodeAt(i);
  return out;
}

/** One char per byte (codes 0–255), built in chunks so that a large mail does not overflow the argument list. */
function binaryString(bytes: Uint8Array): string {
  const chunks: string[] = [];
  for (let i = 0; i < bytes.length; i += 0x8000) {
    chunks.push(String.fromCharCode(...bytes.subarray(i, i + 0x8000)));
  }
  return chunks.join('');
}
