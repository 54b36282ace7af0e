// A subscription whose subgraph goes away must end with an error, never a silent `complete`.
//
// The gateway reaches subgraph subscriptions over graphql-sse (distinct connections): one
// `event: next` per result and a final `event: complete`. Out of the box, Hive Gateway's HTTP
// executor (@graphql-tools/executor-http) treats the end of the response body as the end of
// the subscription, so a subgraph that shuts down gracefully (its server ends open responses
// on SIGTERM) completes every subscriber's stream as if nothing happened; a subgraph that dies
// abruptly surfaces as a masked "Unexpected error.". And a subgraph that vanishes without
// closing the TCP connection (a node lost in Kubernetes) leaves the stream hanging forever.
//
// This plugin wraps every `text/event-stream` response from a subgraph. When the body ends
// without `event: complete`, fails while reading, or stays silent longer than the idle
// timeout (subgraphs send SSE keep-alive comments), it appends one `next` event carrying a
// GraphQL error with code SUBGRAPH_UNAVAILABLE and ends the stream. The gateway forwards that
// error to the client (WebSocket `next` or SSE `next` with `errors`) and then completes.
import type { GatewayPlugin } from '@graphql-hive/gateway';

export interface SubgraphStreamTerminationOptions {
  /** End a subscription whose subgraph sent nothing, not even a keep-alive, for this long. 0 disables. */
  idleTimeoutMs?: number;
}

export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';

function errorEvent(subgraph: string, reason: string): string {
  const result = {
    errors: [
      {
        message: `Subscription ended: subgraph "${subgraph}" ${reason}.`,
        extensions: { code: SUBGRAPH_UNAVAILABLE, serviceName: subgraph },
      },
    ],
  };
  return `event: next\ndata: ${JSON.stringify(result)}\n\n`;
}

function guardEventStream(
  body: ReadableStream<Uint8Array>,
  subgraph: string,
  idleTimeoutMs: number,
  clientSignal: AbortSignal | undefined,
): ReadableStream<Uint8Array> {
  const upstream = body.getReader();
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let pending = '';
  let completed = false;
  let finished = false;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let idleFired = false;
  let wakeIdle: (() => void) | undefined;

  const armIdleTimer = () => {
    if (idleTimeoutMs <= 0) return;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      idleFired = true;
      wakeIdle?.();
    }, idleTimeoutMs);
    idleTimer.unref?.();
  };

  // Tracks SSE event boundaries so a `complete` split across chunks is still recognised.
  const observe = (chunk: Uint8Array) => {
    pending += decoder.decode(chunk, { stream: true }).replace(/\r\n?/g, '\n');
    let boundary: number;
    while ((boundary = pending.indexOf('\n\n')) >= 0) {
      const event = pending.slice(0, boundary);
      pending = pending.slice(boundary + 2);
      if (/^event:\s*complete\s*$/m.test(event)) completed = true;
    }
  };

  const finish = (controller: ReadableStreamDefaultController<Uint8Array>, reason?: string) => {
    if (finished) return;
    finished = true;
    clearTimeout(idleTimer);
    if (reason && !completed && !clientSignal?.aborted) {
      controller.enqueue(encoder.encode(errorEvent(subgraph, reason)));
    }
    controller.close();
  };

  return new ReadableStream<Uint8Array>({
    start() {
      armIdleTimer();
    },
    async pull(controller) {
      if (finished) return;
      const idle = new Promise<'idle'>((resolve) => {
        wakeIdle = () => resolve('idle');
        if (idleFired) resolve('idle');
      });
      let result: ReadableStreamReadResult<Uint8Array> | 'idle';
      try {
        result = await Promise.race([upstream.read(), idle]);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        finish(controller, `closed the connection (${message})`);
        return;
      }
      if (result === 'idle') {
        upstream.cancel().catch(() => {});
        finish(controller, `sent nothing for ${idleTimeoutMs} ms`);
        return;
      }
      if (result.done) {
        finish(controller, 'ended the stream without completing it');
        return;
      }
      armIdleTimer();
      observe(result.value);
      controller.enqueue(result.value);
      if (completed) finish(controller);
    },
    cancel(reason) {
      finished = true;
      clearTimeout(idleTimer);
      return upstream.cancel(reason);
    },
  });
}

export function useSubgraphStreamTermination(options: SubgraphStreamTerminationOptions = {}): GatewayPlugin {
  const idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
  return {
    onFetch({ executionRequest, options: fetchOptions }) {
      const accept = String((fetchOptions.headers as Record<string, string> | undefined)?.accept ?? '');
      if (executionRequest?.operationType !== 'subscription' && !accept.includes('text/event-stream')) return;
      const subgraph = (executionRequest as { subgraphName?: string } | undefined)?.subgraphName ?? 'unknown';
      const clientSignal = fetchOptions.signal ?? undefined;
      return function onFetchDone({ response, setResponse }) {
        const contentType = response.headers.get('content-type') ?? '';
        if (!contentType.includes('text/event-stream') || !response.body) return;
        const guarded = guardEventStream(response.body as ReadableStream<Uint8Array>, subgraph, idleTimeoutMs, clientSignal);
        setResponse(
          new Response(guarded, { status: response.status, statusText: response.statusText, headers: response.headers }),
        );
      };
    },
  };
}
