import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import type * as GrpcJs from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import {
  type AnalyzeResponse,
  AnalyzeRequest,
  AnalyzerResource,
  AnalyzerResourceOptions,
  AnalyzeStackRequest,
  EnforcementLevel,
} from "@pulumi/pulumi/proto/analyzer_pb";
import type { PolicyResource } from "../../lib/policy/types";

// The same gRPC library the SDK's generated analyzer client was built against.
const grpc = createRequire(require.resolve("@pulumi/pulumi"))("@grpc/grpc-js") as typeof GrpcJs;

const LEVELS: Record<number, string> = {
  [EnforcementLevel.ADVISORY]: "advisory",
  [EnforcementLevel.MANDATORY]: "mandatory",
  [EnforcementLevel.DISABLED]: "disabled",
  [EnforcementLevel.REMEDIATE]: "remediate",
};

export interface AnalyzerDiagnostic {
  policy: string;
  enforcement: string;
  urn: string;
  message: string;
}

export interface PolicyAnalyzer {
  policies(): Promise<Array<{ name: string; enforcement: string; description: string }>>;
  /** One resource, as the engine asks before creating it (resource validations). */
  analyze(resource: PolicyResource): Promise<AnalyzerDiagnostic[]>;
  /** All resources, as the engine asks once they are registered (stack validations). */
  analyzeStack(resources: readonly PolicyResource[]): Promise<AnalyzerDiagnostic[]>;
  /** What a whole run reports: every resource on its own, then the stack. */
  analyzeRun(resources: readonly PolicyResource[]): Promise<AnalyzerDiagnostic[]>;
  stop(): void;
}

function properties(resource: PolicyResource): Struct {
  return Struct.fromJavaScript(JSON.parse(JSON.stringify(resource.props)) as Record<string, never>);
}

function diagnosticsOf(response: AnalyzeResponse): AnalyzerDiagnostic[] {
  return response.getDiagnosticsList().map((d) => ({
    policy: d.getPolicyname(),
    enforcement: LEVELS[d.getEnforcementlevel()] ?? "?",
    urn: d.getUrn(),
    message: d.getMessage(),
  }));
}

/**
 * Starts a policy pack the way the Pulumi CLI's nodejs host does (the SDK's run-policy-pack runner, with
 * the pack directory as working directory and program), reads the port it prints, and talks to it over
 * the analyzer gRPC protocol.
 */
export async function startPolicyAnalyzer(packDir: string): Promise<PolicyAnalyzer> {
  const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack");
  const child = spawn(process.execPath, [runner, "127.0.0.1:0", "."], {
    cwd: packDir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const port = await firstLine(child);
  const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());

  const analyzer: PolicyAnalyzer = {
    policies: () =>
      new Promise((resolve, reject) =>
        client.getAnalyzerInfo(new Empty(), (error, info) =>
          error
            ? reject(error)
            : resolve(
                info.getPoliciesList().map((p) => ({
                  name: p.getName(),
                  enforcement: LEVELS[p.getEnforcementlevel()] ?? "?",
                  description: p.getDescription(),
                })),
              ),
        ),
      ),
    analyze(resource) {
      const request = new AnalyzeRequest()
        .setUrn(resource.urn)
        .setType(resource.type)
        .setName(resource.name)
        .setProperties(properties(resource))
        .setOptions(new AnalyzerResourceOptions());
      return new Promise((resolve, reject) =>
        client.analyze(request, (error, response) => (error ? reject(error) : resolve(diagnosticsOf(response)))),
      );
    },
    analyzeStack(resources) {
      const request = new AnalyzeStackRequest().setResourcesList(
        resources.map((r) =>
          new AnalyzerResource()
            .setUrn(r.urn)
            .setType(r.type)
            .setName(r.name)
            .setProperties(properties(r))
            .setOptions(new AnalyzerResourceOptions()),
        ),
      );
      return new Promise((resolve, reject) =>
        client.analyzeStack(request, (error, response) => (error ? reject(error) : resolve(diagnosticsOf(response)))),
      );
    },
    async analyzeRun(resources) {
      const perResource = await Promise.all(resources.map((r) => analyzer.analyze(r)));
      return [...perResource.flat(), ...(await analyzer.analyzeStack(resources))];
    },
    stop: () => {
      client.close();
      child.kill();
    },
  };
  return analyzer;
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split("\n")[0]?.trim() ?? "";
      if (stdout.includes("\n") && /^\d+$/.test(line)) resolve(line);
      else if (stdout.includes("\n"))
        reject(new Error(`the policy pack printed ${JSON.stringify(stdout)} instead of a port; stderr: ${stderr}`));
    });
    child.on("exit", (code) => reject(new Error(`the policy pack exited with ${code} before serving: ${stderr}`)));
  });
}
