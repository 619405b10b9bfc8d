import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";

export const STAND_IN_ANSWER = "Hello from the stand-in for Azure.";

export interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface StandIn {
  seen: Seen[];
  /** When set, the next turn's first answer asks Codex to run this shell command (the exec_command tool). */
  toolCall: string | undefined;
  /** Like Azure: answer 401 to a request without an Authorization header. */
  requireAuthorization?: boolean;
  /** Like Azure after a rotation: answer 401 unless the request carries `Authorization: Bearer <this key>`. */
  acceptedKey?: string;
}

const USAGE = {
  input_tokens: 5,
  input_tokens_details: { cached_tokens: 0 },
  output_tokens: 3,
  output_tokens_details: { reasoning_tokens: 0 },
  total_tokens: 8,
};

/** One streamed Responses API answer holding a single output item. */
function stream(item: Record<string, unknown>): string {
  const events: Array<[string, unknown]> = [
    ["response.created", { type: "response.created", response: { id: "resp_1", status: "in_progress", output: [] } }],
    ["response.output_item.done", { type: "response.output_item.done", output_index: 0, item }],
    [
      "response.completed",
      { type: "response.completed", response: { id: "resp_1", status: "completed", output: [item], usage: USAGE } },
    ],
  ];
  return events.map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join("");
}

/**
 * A stand-in for the Azure OpenAI v1 Responses endpoint on 127.0.0.1. It answers with a text message, or, when
 * state.toolCall is set and the request carries no tool result yet, with a call of Codex's exec_command tool.
 */
export function standInForAzure(state: StandIn): Server {
  return createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      state.seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      const refused =
        state.acceptedKey !== undefined
          ? req.headers.authorization !== `Bearer ${state.acceptedKey}`
          : state.requireAuthorization === true && req.headers.authorization === undefined;
      if (refused) {
        res
          .writeHead(401, { "content-type": "application/json" })
          .end('{"error":{"code":"401","message":"Access denied due to missing or invalid credentials."}}');
        return;
      }
      if (req.method !== "POST" || req.url !== "/openai/v1/responses") {
        res.writeHead(404, { "content-type": "application/json" }).end('{"error":{"message":"not found"}}');
        return;
      }
      const answered = body.includes('"function_call_output"');
      const item =
        state.toolCall !== undefined && !answered
          ? {
              type: "function_call",
              id: "fc_1",
              call_id: "call_1",
              name: "exec_command",
              arguments: JSON.stringify({ cmd: state.toolCall }),
              status: "completed",
            }
          : {
              type: "message",
              id: "msg_1",
              role: "assistant",
              status: "completed",
              content: [{ type: "output_text", text: STAND_IN_ANSWER, annotations: [] }],
            };
      res.writeHead(200, { "content-type": "text/event-stream" }).end(stream(item));
    });
  });
}

/** The stand-in, listening on 127.0.0.1 for the enclosing test suite; baseUrl() is its Codex base URL (/openai/v1). */
export function azureStandInForSuite(): StandIn & { baseUrl: () => string } {
  const state: StandIn = { seen: [], toolCall: undefined };
  const server = standInForAzure(state);
  let url = "";
  beforeAll(async () => {
    await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/openai/v1`;
  });
  afterAll(async () => {
    await new Promise<void>((closed) => server.close(() => closed()));
  });
  return Object.assign(state, { baseUrl: () => url });
}
