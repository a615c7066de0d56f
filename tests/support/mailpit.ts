/** What reached the run's mail relay (Mailpit), read through its HTTP API. */
export interface ReceivedEmail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string[]>;
}

function mailpitUrl(): string {
  const url = process.env.TEST_MAILPIT_URL;
  if (!url)
    throw new Error('TEST_MAILPIT_URL is not set: integration tests run through jest with the global setup.');
  return url;
}

/** Every email the given sender sent, oldest first (Mailpit lists newest first). */
export async function emailsFrom(sender: string): Promise<ReceivedEmail[]> {
  const address = /<([^<>]+)>\s*$/.exec(sender)?.[1] ?? sender;
  const search = await fetch(
    `${mailpitUrl()}/api/v1/search?query=${encodeURIComponent(`from:"${address}"`)}`,
  );
  const { messages } = (await search.json()) as { messages: Array<{ ID: string }> };
  return Promise.all(
    [...messages].reverse().map(async ({ ID }) => {
      const message = (await (await fetch(`${mailpitUrl()}/api/v1/message/${ID}`)).json()) as {
        From: { Address: string };
        To: Array<{ Address: string }>;
        Subject: string;
        Text: string;
        HTML: string;
      };
      const headers = (await (await fetch(`${mailpitUrl()}/api/v1/message/${ID}/headers`)).json()) as Record<
        string,
        string[]
      >;
      return {
        id: ID,
        from: message.From.Address,
        to: message.To.map((t) => t.Address),
        subject: message.Subject,
        text: message.Text,
        html: message.HTML,
        headers,
      };
    }),
  );
}
