import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { createKeyRegenerationProvider, type KeyRegenerationInputs } from "../../lib/keys/regenerationProvider";

const SUBSCRIPTION = "00000000-0000-4000-8000-00000000c0de";
const ARM_API_VERSION = "2025-09-01";
const TOKEN = "fake-arm-token";

interface Call {
  method: string;
  path: string;
  apiVersion: string | null;
  authorization: string | undefined;
  body: unknown;
}

/** A stand-in for ARM on 127.0.0.1 (HTTPS: the Azure SDK refuses bearer tokens over plain HTTP). */
class FakeArm {
  readonly calls: Call[] = [];
  keys = { key1: "k1-v0", key2: "k2-v0" };
  staleListKeys = false;
  server!: Server;
  endpoint = "";
  ca = "";

  async start(): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), "cb-arm-tls-"));
    execFileSync("openssl", [
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
      "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"),
    ], { stdio: "ignore" });
    this.ca = readFileSync(join(dir, "cert.pem"), "utf8");
    this.server = createServer({ key: readFileSync(join(dir, "key.pem")), cert: this.ca }, (req, res) => {
      let text = "";
      req.on("data", (c: Buffer) => (text += c.toString()));
      req.on("end", () => {
        const url = new URL(req.url ?? "/", "https://127.0.0.1");
        const body: unknown = text ? JSON.parse(text) : null;
        this.calls.push({ method: req.method ?? "", path: url.pathname, apiVersion: url.searchParams.get("api-version"), authorization: req.headers.authorization, body });
        const account = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.CognitiveServices\/accounts\/[^/]+\/(regenerateKey|listKeys)$/.exec(url.pathname);
        if (req.method !== "POST" || !account) {
          res.writeHead(404, { "content-type": "application/json" }).end('{"error":{"code":"NotFound","message":"no such route"}}');
          return;
        }
        if (account[1] === "regenerateKey") {
          const keyName = (body as { keyName?: string } | null)?.keyName;
          if (keyName !== "Key1" && keyName !== "Key2") {
            res.writeHead(400, { "content-type": "application/json" }).end('{"error":{"code":"InvalidKeyName","message":"keyName must be Key1 or Key2"}}');
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
}

describe("the key regeneration provider against a local ARM stand-in", () => {
  const arm = new FakeArm();
  const credential = { getToken: async () => ({ token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }) };
  let provider: ReturnType<typeof createKeyRegenerationProvider>;
  let inputs: KeyRegenerationInputs;

  beforeAll(async () => {
    await arm.start();
    provider = createKeyRegenerationProvider({ credential, tlsCa: arm.ca });
  });
  afterAll(async () => {
    await new Promise<void>((closed) => arm.server.close(() => closed()));
  });
  beforeEach(() => {
    arm.calls.length = 0;
    arm.staleListKeys = false;
    inputs = {
      subscriptionId: SUBSCRIPTION,
      resourceGroupName: "rg-codex-dev",
      accountName: "aif-codex-dev",
      keyName: "Key2",
      trigger: "scheduled:g7",
      armEndpoint: arm.endpoint,
    };
  });

  test("create POSTs regenerateKey with the documented URL, body and API version, then confirms with listKeys", async () => {
    const before = { ...arm.keys };
    const result = await provider.create?.(inputs);
    const base = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-codex-dev/providers/Microsoft.CognitiveServices/accounts/aif-codex-dev`;
    expect(arm.calls.map((c) => `${c.method} ${c.path}?api-version=${String(c.apiVersion)}`)).toEqual([
      `POST ${base}/regenerateKey?api-version=${ARM_API_VERSION}`,
      `POST ${base}/listKeys?api-version=${ARM_API_VERSION}`,
    ]);
    expect(arm.calls[0]?.body).toEqual({ keyName: "Key2" });
    expect(arm.calls.every((c) => c.authorization === `Bearer ${TOKEN}`)).toBe(true);
    // Only the requested key changed; the other (the one consumers hold) still works.
    expect(arm.keys.key1).toBe(before.key1);
    expect(arm.keys.key2).not.toBe(before.key2);
    // The provider's state never holds a key.
    expect(JSON.stringify(result)).not.toMatch(/k[12]-v\d/);
    expect(result?.id).toBe("aif-codex-dev/Key2/scheduled:g7");
  });

  test("update regenerates again; an ARM error or a key listKeys does not confirm fails the step", async () => {
    await provider.update?.("id", inputs, { ...inputs, keyName: "Key1", trigger: "scheduled:g8" });
    expect(arm.calls[0]?.body).toEqual({ keyName: "Key1" });
    arm.staleListKeys = true;
    await expect(provider.create?.(inputs)).rejects.toThrowError(/listKeys reports a different key2/);
    arm.staleListKeys = false;
    await expect(provider.create?.({ ...inputs, accountName: "aif-codex-dev", armEndpoint: `${arm.endpoint}/nowhere` })).rejects.toThrow();
  });

  test("diff: a new trigger or another account regenerates; the clock's slot change alone does not", async () => {
    const diff = async (news: Partial<KeyRegenerationInputs>) => (await provider.diff?.("id", inputs, { ...inputs, ...news }))?.changes;
    expect(await diff({})).toBe(false);
    expect(await diff({ keyName: "Key1" })).toBe(false);
    expect(await diff({ trigger: "scheduled:g8" })).toBe(true);
    expect(await diff({ accountName: "other" })).toBe(true);
    expect(arm.calls).toEqual([]);
  });
});
