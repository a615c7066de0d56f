import type { Rng } from './prng';

/** Words people put in business mail, in English and Japanese. */

export const EN_TOPICS = [
  'Quarterly pricing update',
  'Order {n} confirmation',
  'Meeting next week',
  'Proposal for {company}',
  'Contract renewal',
  'Invoice {n}',
  'Shipment delay on PO {n}',
  'Product demo follow-up',
  'Partnership opportunity',
  'RFQ: industrial sensors',
  'Project kickoff',
  'Feedback on the samples',
  'Introduction',
  'Trade show booth',
  'Budget approval for Q{q}',
  'Support case {n}',
  'Updated forecast',
  'Lunch on Thursday?',
  'Revised SOW',
  'Onboarding checklist',
];

export const JA_TOPICS = [
  'お見積りのご依頼',
  '打ち合わせ日程のご相談',
  '納期についてのご連絡',
  '新製品のご案内',
  '契約更新の件',
  '請求書送付のご案内（No.{n}）',
  'ご挨拶',
  '展示会のご案内',
  'サンプル送付の件',
  '議事録の共有',
  '発注書（PO {n}）について',
  '第{q}四半期の販売計画',
];

export const INTERNAL_TOPICS = [
  'Team sync notes',
  'Pipeline review',
  'Customer visit prep',
  'Travel approval',
  'Draft deck for review',
  'Q{q} targets',
  'Hiring update',
  '来週の定例会議について',
  '出張報告',
  '社内研修のお知らせ',
];

const EN_PARAGRAPHS = [
  'Thanks for the quick turnaround on this. I have gone through the numbers with the team and we are broadly aligned.',
  'As discussed on the call, we would like to move forward with the second option, provided the delivery dates hold.',
  'Could you send over the updated figures by Friday? Finance needs them before the month-end close.',
  'I wanted to follow up on my previous note. Let me know if anything is unclear or if you need more detail from our side.',
  'Please find the revised terms below. The main change is the payment schedule, which is now net 45.',
  'We had a good internal discussion and there is real interest in a pilot. Can we set up a 30-minute call next week?',
  'The shipment left our warehouse this morning; tracking details should reach you within the day.',
  'Attached is the agenda for our meeting. Feel free to add anything you would like to cover.',
  'Quick heads-up: I will be out of office from Monday to Wednesday, so expect slower replies.',
  'Great to meet you at the conference last week. As promised, here is a short overview of what we do.',
];

const JA_PARAGRAPHS = [
  '先日はお忙しいところお時間をいただき、誠にありがとうございました。',
  'ご依頼いただいておりましたお見積りにつきまして、下記の通りご案内申し上げます。',
  '納期の件、社内で確認いたしましたところ、来月中旬の出荷が可能となりました。',
  'つきましては、来週中にお打ち合わせのお時間をいただけますと幸いです。',
  '添付の資料をご確認いただき、ご不明な点がございましたらお気軽にお問い合わせください。',
  '引き続きどうぞよろしくお願い申し上げます。',
  '先日ご相談させていただいた件、前向きに検討させていただいております。',
];

export const EN_DISCLAIMER =
  'CONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and intended solely for the ' +
  'addressee. If you have received it in error, please notify the sender and delete it.';
/** Disclaimers as companies word them; the last ones use none of the usual words. */
export const EN_DISCLAIMERS = [
  EN_DISCLAIMER,
  'This message and any attachment are confidential and may be privileged. If you are not the intended ' +
    'recipient, please delete it and notify the sender; any other use is strictly prohibited.',
  'The information in this e-mail is the property of the sender. Any review, retransmission or other use ' +
    'by persons other than the addressee is forbidden, and the sender accepts no liability for its content.',
  'Please consider the environment before printing this e-mail. Our terms of business apply to every ' +
    'order placed with us and are available on request.',
];
export const JA_DISCLAIMER =
  '本メールには機密情報が含まれている場合があります。誤って受信された場合は、送信者にご連絡のうえ削除してください。';

export function fillTopic(topic: string, rng: Rng, company: string): string {
  return topic
    .replace('{n}', String(rng.range(10000, 99999)))
    .replace('{q}', String(rng.range(1, 4)))
    .replace('{company}', company);
}

export function paragraphs(rng: Rng, lang: 'en' | 'ja'): string[] {
  return rng.sample(lang === 'ja' ? JA_PARAGRAPHS : EN_PARAGRAPHS, rng.range(1, 3));
}

export function greeting(
  rng: Rng,
  lang: 'en' | 'ja',
  toName: string,
  toCompany: string | null,
  self: string,
) {
  if (lang === 'ja') {
    const surname = toName.split(' ')[0]!;
    return [
      `${toCompany ? `${toCompany}\n` : ''}${surname}様`,
      `いつもお世話になっております。${self}です。`,
    ];
  }
  const first = toName.split(' ')[0]!;
  return [rng.pick([`Hi ${first},`, `Dear ${toName},`, `Hello ${first},`, `${first},`])];
}

export function signOff(rng: Rng, lang: 'en' | 'ja'): string {
  return lang === 'ja'
    ? rng.pick(['よろしくお願いいたします。', '何卒よろしくお願い申し上げます。'])
    : rng.pick(['Best regards,', 'Thanks,', 'Kind regards,', 'Cheers,', 'Many thanks,']);
}

export const NEWSLETTER_LINES = [
  'This week: supply chain outlook, five trends to watch, and an interview with a logistics leader.',
  'Read the full story on our website. Prices quoted are indicative only.',
  'You are receiving this email because you subscribed to our newsletter.',
];
