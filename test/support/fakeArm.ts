import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const SUBSCRIPTION = "00000000-0000-4000-8000-00000000c0de";
export const ARM_API_VERSION = "2025-09-01";

export interface ArmCall {
  method: string;
  path: string;
  apiVersion: string | null;
  authorization: string | undefined;
  body: unknown;
}

/** A stand-in for ARM on 127.0.0.1 (HTTPS: the Azure SDK refuses bearer tokens over plain HTTP). */
export class FakeArm {
  readonly calls: ArmCall[] = [];
  keys = { key1: "k1-v0", key2: "k2-v0" };
  staleListKeys = false;
  /** Models - List answers per location (the `model` items of ModelListResult.value), served in pages of `modelsPageSize`. */
  locationModels: Record<string, unknown[]> = {};
  modelsPageSize = 2;
  server!: Server;
  endpoint = "";
  ca = "";

  async start(): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), "cb-arm-tls-"));
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    this.ca = readFileSync(join(dir, "cert.pem"), "utf8");
    this.server = createServer({ key: readFileSync(join(dir, "key.pem")), cert: this.ca }, (req, res) => {
      let text = "";
      req.on("data", (c: Buffer) => (text += c.toString()));
      req.on("end", () => {
        const url = new URL(req.url ?? "/", "https://127.0.0.1");
        const body: unknown = text ? JSON.parse(text) : null;
        this.calls.push({
          method: req.method ?? "",
          path: url.pathname,
          apiVersion: url.searchParams.get("api-version"),
          authorization: req.headers.authorization,
          body,
        });
        const models =
          /^\/subscriptions\/[^/]+\/providers\/Microsoft\.CognitiveServices\/locations\/([^/]+)\/models$/.exec(
            url.pathname,
          );
        if (req.method === "GET" && models) {
          this.serveModels(res, url, models[1] ?? "");
          return;
        }
        const account =
          /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.CognitiveServices\/accounts\/[^/]+\/(regenerateKey|listKeys)$/.exec(
            url.pathname,
          );
        if (req.method !== "POST" || !account) {
          res
            .writeHead(404, { "content-type": "application/json" })
            .end('{"error":{"code":"NotFound","message":"no such route"}}');
          return;
        }
        if (account[1] === "regenerateKey") {
          const keyName = (body as { keyName?: string } | null)?.keyName;
          if (keyName !== "Key1" && keyName !== "Key2") {
            res
              .writeHead(400, { "content-type": "application/json" })
              .end('{"error":{"code":"InvalidKeyName","message":"keyName must be Key1 or Key2"}}');
            return;
          }
          const slot = keyName === "Key1" ? "key1" : "key2";
          const version = Number(this.keys[slot].split("-v")[1]) + 1;
          this.keys = { ...this.keys, [slot]: `${slot.replace("key", "k")}-v${version}` };
        }
        const answer = account[1] === "listKeys" && this.staleListKeys ? { key1: "stale", key2: "stale" } : this.keys;
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((ready) => this.server.listen(0, "127.0.0.1", ready));
    this.endpoint = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** One page of Models - List, with a nextLink (ARM's paging) while items remain. */
  private serveModels(res: ServerResponse, url: URL, location: string): void {
    if (!/^Bearer \S+$/.test(this.calls[this.calls.length - 1]?.authorization ?? "")) {
      res
        .writeHead(401, { "content-type": "application/json" })
        .end('{"error":{"code":"AuthenticationFailed","message":"no bearer token"}}');
      return;
    }
    const items = this.locationModels[location] ?? [];
    const skip = Number(url.searchParams.get("$skipToken") ?? "0");
    const next = skip + this.modelsPageSize;
    const nextLink =
      next < items.length
        ? `${this.endpoint}${url.pathname}?api-version=${url.searchParams.get("api-version") ?? ""}&$skipToken=${next}`
        : undefined;
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ value: items.slice(skip, next), ...(nextLink !== undefined ? { nextLink } : {}) }));
  }

  /** The CA certificate as a file, for NODE_EXTRA_CA_CERTS in a child process. */
  caFile(): string {
    const file = join(mkdtempSync(join(tmpdir(), "cb-arm-ca-")), "ca.pem");
    writeFileSync(file, this.ca);
    return file;
  }

  stop(): Promise<void> {
    return new Promise((closed) => this.server.close(() => closed()));
  }
}
