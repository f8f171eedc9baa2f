/** A counsellor's own quick reply, politely, in all 13 languages. */
export const CALL_BACK_TOMORROW = {
  de: 'Ich melde mich morgen wieder bei Ihnen. Viele Grüße, {{name}}',
  'de-simple': 'Ich schreibe Ihnen morgen wieder. Viele Grüße, {{name}}',
  en: 'I will get back to you tomorrow. Best regards, {{name}}',
  ar: 'سأتواصل معك غداً مرة أخرى. مع التحية، {{name}}',
  fa: 'فردا دوباره با شما تماس می‌گیرم. با احترام، {{name}}',
  uk: "Я зв'яжуся з Вами завтра. З повагою, {{name}}",
  ru: 'Я свяжусь с Вами завтра. С уважением, {{name}}',
  tr: 'Yarın size tekrar yazacağım. Saygılarımla, {{name}}',
  ps: 'سبا به بیا له تاسو سره اړیکه ونیسم. په درناوي، {{name}}',
  ti: 'ጽባሕ እንደገና ክረኽበኩም እየ። ብኣኽብሮት፡ {{name}}',
  kmr: 'Ez ê sibê dîsa bi we re têkilî daynim. Bi rêz, {{name}}',
  fr: 'Je vous recontacte demain. Cordialement, {{name}}',
  vi: 'Ngày mai tôi sẽ liên lạc lại với bạn. Trân trọng, {{name}}',
};
