import { Notice } from '../notice/notice';

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** The same notice as plain text and as simple, inline-styled HTML (mail clients strip <style>). */
export function emailContent(notice: Notice): EmailContent {
  return { subject: oneLine(notice.title), text: textOf(notice), html: htmlOf(notice) };
}

function textOf(notice: Notice): string {
  const lines = [notice.title, '', notice.summary, ''];
  for (const fact of notice.facts) lines.push(`${fact.label}: ${fact.value}`);
  if (notice.reasons.length > 0)
    lines.push('', 'Why you are told:', ...notice.reasons.map((reason) => `- ${reason}`));
  if (notice.links.length > 0) lines.push('', ...notice.links.map((link) => `${link.label}: ${link.url}`));
  lines.push('', '--', notice.footnote);
  return lines.join('\n');
}

const TONE_COLOR: Record<Notice['tone'], string> = {
  info: '#1f6feb',
  good: '#1a7f37',
  warning: '#9a6700',
  attention: '#cf222e',
};

function htmlOf(notice: Notice): string {
  const facts = notice.facts
    .map(
      (fact) =>
        `<tr><th style="text-align:left;padding:2px 12px 2px 0;vertical-align:top">${html(fact.label)}</th><td style="padding:2px 0">${html(fact.value)}</td></tr>`,
    )
    .join('');
  const reasons =
    notice.reasons.length > 0
      ? `<p style="margin:16px 0 4px"><strong>Why you are told</strong></p><ul style="margin:0">${notice.reasons.map((reason) => `<li>${html(reason)}</li>`).join('')}</ul>`
      : '';
  const links = notice.links.map((link) => `<a href="${html(link.url)}">${html(link.label)}</a>`).join(' · ');
  return [
    '<!doctype html><html><body style="font-family:sans-serif;font-size:14px;color:#1f2328">',
    `<h2 style="margin:0 0 8px;color:${TONE_COLOR[notice.tone]}">${html(notice.title)}</h2>`,
    `<p style="margin:0 0 12px">${html(notice.summary)}</p>`,
    facts ? `<table style="border-collapse:collapse">${facts}</table>` : '',
    reasons,
    links ? `<p style="margin:16px 0">${links}</p>` : '',
    `<p style="margin:16px 0 0;font-size:12px;color:#656d76">${html(notice.footnote)}</p>`,
    '</body></html>',
  ].join('');
}

function html(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A subject is one header line: a newline in a title must not start a second header. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').slice(0, 200);
}
