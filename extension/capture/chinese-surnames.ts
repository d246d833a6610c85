/**
 * Common Chinese surnames (百家姓 order of frequency, simplified and traditional forms), so a two-to-four
 * character line counts as a person's name only when it starts with a surname: `张伟` is a name, `总机` and
 * `首页` are not. Covers well over 95% of the population; rarer surnames still come through labels (联系人：…).
 */
const SINGLE =
  '王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖萧蕭田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付傅方白邹鄒孟熊秦邱江尹薛闫閆段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔向汤湯常温溫康施文牛樊葛邢安齐齊易乔喬伍庞龐颜顏倪庄莊聂聶章鲁魯岳翟殷詹申欧歐耿关關兰蘭焦俞左柳甘祝包宁寧尚符舒阮柯纪紀梅童凌毕畢单單季裴霍涂成苗谷盛曲翁冉骆駱蓝藍路游辛靳管柴蒙鲍鮑华華喻祁蒲房滕屈饶饒解牟艾尤阳陽时時穆农農司卓古吉缪繆简簡车車项項连連芦蘆麦麥褚娄婁窦竇戚岑景党宫宮费費卜冷晏席卫衛米柏宗瞿桂全佟应應臧闵閔苟邬鄔边邊卞姬师師和仇栾欒隋商刁沙荣榮巫寇桑郎甄丛叢仲虞敖巩鞏明佘池查麻苑迟遲邝鄺官封谈談匡鞠惠荆荊乐樂冀郁胥南班储儲原栗燕楚鄢劳勞谌諶奚皮粟冼蔺藺楼樓盘盤满滿闻聞位厉厲伊仝区區郜海阎閻帅帥聋练練';
const COMPOUND = [
  '欧阳',
  '歐陽',
  '司马',
  '司馬',
  '上官',
  '诸葛',
  '諸葛',
  '东方',
  '東方',
  '皇甫',
  '令狐',
  '慕容',
  '尉迟',
  '尉遲',
  '长孙',
  '長孫',
  '宇文',
  '司徒',
  '夏侯',
  '公孙',
  '公孫',
  '端木',
  '西门',
  '西門',
];
const singles = new Set(Array.from(SINGLE));

/** `startsWithChineseSurname('张伟')` → true; `startsWithChineseSurname('总机')` → false. */
export function startsWithChineseSurname(text: string): boolean {
  return COMPOUND.some((s) => text.startsWith(s)) || singles.has(text.charAt(0));
}
