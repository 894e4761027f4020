/** A notice as posted to a chat: a short title and the details, rendered when the notice was recorded. */
export interface ChatMessage {
  readonly title: string;
  readonly text: string;
}

/** One HTTP request to a chat provider, built without I/O so tests can check its exact shape. */
export interface ChatRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

// Slack refuses a header block over 150 characters and a section over 3000.
const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * Slack's `text` field is mrkdwn: `<!channel>`, `<@U123>` and `<https://…|label>` in a
 * mailbox or account name would ping a channel or hide a link. Slack asks for exactly
 * these three escapes (api.slack.com "Formatting text: escaping text").
 */
export const slackEscape = (text: string): string => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/**
 * Chatwork markup has no escape: a `[toall]`, `[To:123]` or `[/info]` inside a stored name
 * would mention the room or break out of the info box. The opening bracket of a Chatwork
 * tag in our text becomes a full-width "［", which reads the same and is not markup.
 */
const CHATWORK_TAG = /\[(?=\/?(?:info|title|code|hr|to|toall|rp|pname|picon|piconname|qt|qtmeta|download|preview|task|dtext|deleted)\b)/gi;
export const chatworkEscape = (text: string): string => text.replace(CHATWORK_TAG, '［');

/** Slack incoming webhook: `text` is the fallback for notifications, `blocks` the rendering. */
export const slackRequest = (webhookUrl: string, message: ChatMessage): ChatRequest => ({
  url: webhookUrl,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify({
    text: slackEscape(`${message.title}\n${message.text}`),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: clip(message.title, 150), emoji: false } },
      { type: 'section', text: { type: 'plain_text', text: clip(message.text, 3000), emoji: false } },
    ],
  }),
});

/**
 * Chatwork API v2 `POST /rooms/{room_id}/messages`: token in `X-ChatWorkToken`, form body
 * `body=…` in Chatwork's own markup ([info][title]…[/title]…[/info]).
 */
export const chatworkRequest = (apiBaseUrl: string, roomId: string, token: string, message: ChatMessage): ChatRequest => ({
  url: `${apiBaseUrl}/rooms/${encodeURIComponent(roomId)}/messages`,
  headers: { 'x-chatworktoken': token, 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ body: `[info][title]${chatworkEscape(message.title)}[/title]${chatworkEscape(message.text)}[/info]` }).toString(),
});

/** Teams workflow ("Post to a channel when a webhook request is received"): a message with one Adaptive Card. */
export const teamsRequest = (workflowUrl: string, message: ChatMessage): ChatRequest => ({
  url: workflowUrl,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify({
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: message.title, weight: 'Bolder', size: 'Medium', wrap: true },
            { type: 'TextBlock', text: message.text, wrap: true },
          ],
        },
      },
    ],
  }),
});
