import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";

export interface Attempt {
  kind: "CONNECT" | "HTTP";
  /** host:port for CONNECT, the host of the absolute URL for plain HTTP. */
  host: string;
  target: string;
}

/**
 * An HTTP proxy on 127.0.0.1 that records every CONNECT and plain HTTP request sent through it. Plain HTTP to
 * `teamHost` is forwarded to the stand-in for Azure; everything else is refused (CONNECT gets 403), so nothing
 * reaches the internet and every attempt is on record.
 */
export function egressProxyForSuite(
  teamHost: string,
  standInUrl: () => string,
): { attempts: Attempt[]; url: () => string } {
  const attempts: Attempt[] = [];
  const server = createServer((req, res) => {
    const target = req.url ?? "";
    const url = URL.canParse(target) ? new URL(target) : undefined;
    attempts.push({ kind: "HTTP", host: url?.hostname ?? "(relative)", target: `${req.method ?? ""} ${target}` });
    if (url?.hostname !== teamHost) {
      res.writeHead(403).end();
      return;
    }
    const standIn = new URL(standInUrl());
    const forward = request(
      {
        host: standIn.hostname,
        port: standIn.port,
        method: req.method,
        path: `${url.pathname}${url.search}`,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => res.writeHead(502).end());
    req.on("error", () => forward.destroy());
    req.pipe(forward);
  });
  server.on("connect", (req, socket) => {
    attempts.push({ kind: "CONNECT", host: req.url ?? "", target: `CONNECT ${req.url ?? ""}` });
    // A client that resets the connection once refused is no failure: the attempt is on record already.
    socket.on("error", () => socket.destroy());
    socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
  });
  server.on("clientError", (_error, socket) => socket.destroy());
  let url = "";
  beforeAll(async () => {
    await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((closed) => server.close(() => closed()));
  });
  return { attempts, url: () => url };
}

/** Environment that sends all of a process's traffic (both spellings Rust and Node clients read) through the proxy. */
export function proxyEnv(proxyUrl: string): Record<string, string> {
  // Only loopback bypasses the proxy: it cannot leave the machine (Codex talks to its own helpers over it).
  const noProxy = "127.0.0.1,localhost";
  return {
    HTTPS_PROXY: proxyUrl,
    HTTP_PROXY: proxyUrl,
    ALL_PROXY: proxyUrl,
    https_proxy: proxyUrl,
    http_proxy: proxyUrl,
    all_proxy: proxyUrl,
    NO_PROXY: noProxy,
    no_proxy: noProxy,
  };
}
