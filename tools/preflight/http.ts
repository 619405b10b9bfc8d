import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

export interface HttpAnswer {
  status: number;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string | undefined>>;
  /** The parsed JSON body, or the text when it is not JSON ("" when empty). */
  body: unknown;
}

export interface GetOptions {
  headers: Readonly<Record<string, string>>;
  /** Trusted CA of a local HTTPS stand-in; production passes none. */
  ca?: string | undefined;
  timeoutMs?: number;
}

/** One GET; never throws for an HTTP status, only for a connection that fails. */
export function getJson(url: string, options: GetOptions): Promise<HttpAnswer> {
  const target = new URL(url);
  const send = target.protocol === "http:" ? httpRequest : httpsRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: "GET",
        headers: { accept: "application/json", ...options.headers },
        ...(options.ca !== undefined ? { ca: options.ca } : {}),
        timeout: options.timeoutMs ?? 30_000,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => {
          let body: unknown = text;
          try {
            body = text === "" ? "" : (JSON.parse(text) as unknown);
          } catch {
            // not JSON: the text stays the body
          }
          const headers: Record<string, string | undefined> = {};
          for (const [key, value] of Object.entries(res.headers))
            headers[key.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
          resolve({ status: res.statusCode ?? 0, headers, body });
        });
      },
    );
    req.on("timeout", () =>
      req.destroy(new Error(`no answer from ${target.origin} within ${options.timeoutMs ?? 30_000} ms`)),
    );
    req.on("error", reject);
    req.end();
  });
}

/** ARM's and GitHub's error text: `{error: {code, message}}` (ARM) or `{message}` (GitHub). */
export function errorMessage(body: unknown): string {
  if (typeof body === "object" && body !== null) {
    const record = body as { error?: { code?: unknown; message?: unknown }; message?: unknown };
    if (record.error !== undefined)
      return [record.error.code, record.error.message].filter((v) => typeof v === "string").join(": ") || "error";
    if (typeof record.message === "string") return record.message;
  }
  return typeof body === "string" && body !== "" ? body.slice(0, 200) : "no message";
}
