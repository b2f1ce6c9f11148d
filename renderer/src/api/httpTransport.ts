import { TOKEN_HEADER } from '../../../shared/contract/security';
import type { Transport } from '../../../shared/contract/transport';

type EventHandler = (payload: unknown) => void;

/**
 * Browser mode's transport: RPC as POST /rpc/<method>, events as one server-sent stream read with fetch,
 * so the token travels in a header (EventSource cannot set one) and the same code runs in Node tests.
 */
export function createHttpTransport(origin: string, token: string): Transport {
  const handlers = new Map<string, Set<EventHandler>>();
  let stream: AbortController | undefined;

  async function readEvents(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        const res = await fetch(`${origin}/events`, { headers: { [TOKEN_HEADER]: token }, signal });
        if (!res.ok || !res.body) throw new Error(`event stream refused (${res.status})`);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            dispatchFrame(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        }
      } catch {
        if (signal.aborted) return;
      }
      // The host restarted or the stream broke: try again shortly rather than going deaf.
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  function dispatchFrame(frame: string): void {
    const data = frame
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => line.slice(6))
      .join('\n');
    if (!data) return;
    const { topic, payload } = JSON.parse(data) as { topic: string; payload: unknown };
    for (const handler of handlers.get(topic) ?? []) handler(payload);
  }

  return {
    async invoke(method, arg) {
      const res = await fetch(`${origin}/rpc/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify({ arg }),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
      return res.json();
    },
    subscribe(topic, handler) {
      let set = handlers.get(topic);
      if (!set) handlers.set(topic, (set = new Set()));
      set.add(handler);
      if (!stream) {
        stream = new AbortController();
        void readEvents(stream.signal);
      }
      return () => {
        set.delete(handler);
        if ([...handlers.values()].every((s) => s.size === 0)) {
          stream?.abort();
          stream = undefined;
        }
      };
    },
  };
}
